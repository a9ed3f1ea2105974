"""A compile cache for the functions `dataclasses` generates, kept beside the bytecode.

Each event class is a frozen dataclass; `dataclasses` writes its `__init__`, `__repr__`, `__eq__`,
`__hash__`, `__setattr__` and `__delattr__` as source text and compiles it with `exec`, which was
most of a cold start. The cache hands `exec` the code object compiled earlier from the very same
text (the key), so every class gets exactly the functions it would have got. It is installed
only where `dataclasses` is known to compile that way; the file holds one section per module,
unpacked when that module defines its first dataclass; it is ignored when unreadable, corrupt or
from another Python, and rewritten like bytecode (not under PYTHONDONTWRITEBYTECODE), a changed
module's section with only what that module uses now. Where the package is read-only it lives in
the user's cache folder. UDSYN_NO_DATACLASS_CACHE=1 turns it off; UDSYN_DATACLASS_CACHE=FILE puts
it elsewhere.
"""
from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import os
import sys
import zlib
from types import CodeType
from typing import Any

DISABLE = "UDSYN_NO_DATACLASS_CACHE"
LOCATION = "UDSYN_DATACLASS_CACHE"
SUPPORTED = ((3, 11), (3, 12), (3, 13))  # dataclasses compiles each class's methods with exec(text, ...)
MODULES = ("domain", "application", "infrastructure", "cli", "eventsourcing")  # what start-up defines
FORMAT = b"udsyn dataclass functions 3\n"
MAX_PER_MODULE = 2000

Sections = dict[str, bytes]  # module name -> marshalled {source text: code object}
# The file: header, then an index {module: (offset, length, crc32)} (its crc32 and length first),
# then the sections one after another. A process reads the index and checks and unpacks only the
# sections of the modules it defines dataclasses in: `project show` uses about half the file, and
# unmarshalling every section as one dict cost its start-up ~1.5 ms.
Index = dict[str, tuple[memoryview, int]]  # module name -> (its section in the file, its crc32)
_NUMBER = 4  # bytes of a crc32 or a length, big-endian

_installed: CodeCache | None = None


class CodeCache:
    """Source text → code object, per defining module, loaded from and saved to one file."""

    def __init__(self, path: str, modules: tuple[str, ...] = MODULES) -> None:
        self.path = path
        self.modules = modules
        self._file: Index | None = None
        self._codes: dict[str, dict[str, CodeType]] = {}
        self._used: dict[str, set[str]] = {}
        self._changed: set[str] = set()
        self.hits = 0
        self.compiled = 0

    def codes(self, module: str) -> dict[str, CodeType]:
        """The cached code of one module's dataclasses, unpacked on first use."""
        found = self._codes.get(module)
        if found is None:
            if self._file is None:
                self._file = read_index(self.path)
            found = self._codes[module] = unpack(checked(self._file.get(module)))
        return found

    def exec(self, source: Any, globals: dict[str, Any] | None = None, locals: Any = None, /, **kw: Any) -> None:
        """`exec` as `dataclasses` calls it, with the compiled text taken from the cache."""
        if globals is None:  # keep exec's meaning: the caller's namespace
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        module = str(globals.get("__name__", ""))
        if type(source) is str and module.partition(".")[0] in self.modules:
            codes = self.codes(module)
            code = codes.get(source)
            if code is not None:
                self.hits += 1
            else:
                code = codes[source] = compiled(source)
                self.compiled += 1
                if not self._changed:
                    atexit.register(self.save)
                self._changed.add(module)
            self._used.setdefault(module, set()).add(source)
            source = code
        elif isinstance(source, (str, bytes)):
            source = compiled(source)  # not builtins.exec(text) here: it would take on this module's flags
        builtins.exec(source, globals, locals, **kw)

    def save(self) -> bool:
        """Write the sections of the modules that compiled something (only what they used), keeping
        the others as the file has them (another process may have written some); False if not."""
        if not self._changed or sys.dont_write_bytecode:
            return False
        sections = read(self.path)
        for module in self._changed:
            used = {text: self._codes[module][text] for text in self._used[module]}
            if len(used) <= MAX_PER_MODULE:
                sections[module] = marshal.dumps(used)
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            with open(temporary, "wb") as f:
                f.write(encode(sections))
            os.replace(temporary, self.path)  # readers see the old file or the new one, never half
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            return False
        self._changed.clear()
        atexit.unregister(self.save)
        return True


def compiled(source: str | bytes) -> CodeType:
    """What exec(source) compiles when called from `dataclasses`, which has no __future__ imports
    (exec inherits its caller's; this module's `annotations` must not leak into the methods)."""
    return compile(source, "<string>", "exec", dont_inherit=True)


def header() -> bytes:
    from importlib.util import MAGIC_NUMBER  # changes with the bytecode format

    return FORMAT + MAGIC_NUMBER + bytes([sys.flags.optimize])


def encode(sections: Sections) -> bytes:
    """The file holding `sections`: header, the index's crc32 and length, the index, the sections."""
    index, offset = {}, 0
    for module, section in sections.items():
        index[module] = (offset, len(section), zlib.crc32(section))
        offset += len(section)
    table = marshal.dumps(index)
    return b"".join([header(), zlib.crc32(table).to_bytes(_NUMBER, "big"), len(table).to_bytes(_NUMBER, "big"),
                     table, *sections.values()])


def read_index(path: str) -> Index:
    """Each module's section, unchecked (`checked` checks one as it is used); none if the file is
    missing, unreadable, from another Python or format, or its index is damaged."""
    try:
        with open(path, "rb") as f:
            data = memoryview(f.read())
    except OSError:
        return {}
    head = header()
    start = len(head) + 2 * _NUMBER
    if len(data) < start or data[:len(head)] != head:
        return {}
    checksum = int.from_bytes(data[len(head):len(head) + _NUMBER], "big")
    length = int.from_bytes(data[len(head) + _NUMBER:start], "big")
    table = data[start:start + length]
    if len(table) != length or zlib.crc32(table) != checksum:
        return {}
    index = _marshalled_dict(table, tuple)
    blob = data[start + length:]
    try:
        return {module: (blob[offset:offset + size], crc) for module, (offset, size, crc) in index.items()
                if type(offset) is type(size) is type(crc) is int and 0 <= offset <= offset + size <= len(blob)}
    except (TypeError, ValueError):  # an entry not three numbers
        return {}


def checked(entry: tuple[memoryview, int] | None) -> bytes | None:
    """A section of the index as bytes, if its crc32 is the one recorded; else None (ignored)."""
    if entry is None:
        return None
    section, crc = entry
    return bytes(section) if zlib.crc32(section) == crc else None


def read(path: str) -> Sections:
    """The file's sections, each checked; none if it is missing, unreadable, corrupt or from
    another Python (a damaged section alone is left out)."""
    return {module: section for module, entry in read_index(path).items()
            if (section := checked(entry)) is not None}


def unpack(section: bytes | None) -> dict[str, CodeType]:
    """One module's code objects; none if its section is missing or malformed."""
    if section is None:
        return {}
    return _marshalled_dict(section, CodeType)


def _marshalled_dict(data: bytes, value_type: type) -> dict[str, Any]:
    """`data` unmarshalled, if it is a dict of str to `value_type`; else empty (a corrupt file is ignored)."""
    try:
        loaded = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if type(loaded) is not dict or not all(type(k) is str and type(v) is value_type for k, v in loaded.items()):
        return {}
    return loaded


def default_path() -> str:
    """Beside this package's bytecode (honours PYTHONPYCACHEPREFIX), per Python and -O level; where
    that is read-only (a system-wide install), in the user's cache folder, one file per install."""
    from importlib.util import cache_from_source

    name = f"dataclass-functions.{sys.implementation.cache_tag}.opt{sys.flags.optimize}.bin"
    folder = os.path.dirname(cache_from_source(__file__))
    if writable(folder):
        return os.path.join(folder, name)
    user = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    install = zlib.crc32(os.path.dirname(os.path.abspath(__file__)).encode())
    return os.path.join(user, "udsyn", f"{install:08x}-{name}")


def writable(folder: str) -> bool:
    """Whether `folder` can be written, or created in the nearest folder above it that exists."""
    while not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    return os.access(folder, os.W_OK)


def compiles_with_exec(module: Any = dataclasses, version: tuple[int, int] | None = None) -> bool:
    """Whether this `dataclasses` builds methods by exec'ing source text, as the cache expects."""
    if (version or sys.version_info[:2]) not in SUPPORTED or "exec" in vars(module):
        return False
    builder = getattr(module, "_create_fn", None) or getattr(getattr(module, "_FuncBuilder", None),
                                                             "add_fns_to_class", None)
    return builder is not None and "exec" in builder.__code__.co_names


def install(path: str | None = None) -> CodeCache | None:
    """Route `dataclasses`' exec through the cache; None where it does not apply (plain path)."""
    global _installed
    if _installed is not None:
        return _installed
    if os.environ.get(DISABLE) or not compiles_with_exec():
        return None
    _installed = CodeCache(path or os.environ.get(LOCATION) or default_path())
    dataclasses.exec = _installed.exec  # type: ignore[attr-defined]  # found before builtins.exec
    return _installed


def installed() -> CodeCache | None:
    return _installed


def uninstall() -> None:
    """Back to the plain path (tests)."""
    global _installed
    if _installed is not None:
        atexit.unregister(_installed.save)
        vars(dataclasses).pop("exec", None)
        _installed = None
