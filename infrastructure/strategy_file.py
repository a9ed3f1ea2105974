"""Reading a strategy file (TOML, README "Strategy file")."""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from domain.errors import InvalidInput


def read_strategy_file(path: str | Path) -> dict[str, Any]:
    """The file's content as a dict; unreadable or malformed TOML is InvalidInput."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise InvalidInput("file", f"no strategy file '{path}'") from None
    except tomllib.TOMLDecodeError as e:
        raise InvalidInput("file", f"'{path}' is not valid TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidInput("file", f"cannot read '{path}': {e}") from None
