"""The udsyn domain. Importing it first routes dataclass method compilation through a cache."""
from domain import dataclass_cache

dataclass_cache.install()
