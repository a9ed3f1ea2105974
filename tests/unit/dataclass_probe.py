"""Run in a fresh process (`python -m tests.unit.dataclass_probe`): how this process's dataclasses
were built, as JSON on stdout, for comparing runs with and without the dataclass cache.

- `code`: for every dataclass of ours and of the event-sourcing library, a fingerprint of each
  generated method's code object (bytecode, constants, names, line table, ...);
- `behaviour`: every event of a case driven through every command, checked for equality, hashing, frozenness, the
  dataclass repr, pickling and the mapper round trip;
- `cache`: whether the cache was installed, and its hits and compilations."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import sys
from types import CodeType
from typing import Any

from domain import dataclass_cache  # installs the cache first, as any domain import does
from tests.application.test_stored_events_roundtrip import drive_every_command, stored_events
from tests.support import make_app, set_up_kalix

OURS = ("domain", "application", "infrastructure", "cli", "eventsourcing")


def code_fingerprint(code: CodeType) -> str:
    parts: list[Any] = [
        code.co_code, code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars, code.co_flags,
        code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount, code.co_nlocals,
        code.co_stacksize, code.co_firstlineno, code.co_filename, code.co_name,
        getattr(code, "co_qualname", ""), getattr(code, "co_linetable", b""),
        getattr(code, "co_exceptiontable", b""),
    ]
    parts += [code_fingerprint(c) if isinstance(c, CodeType) else repr(c) for c in code.co_consts]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def generated_methods() -> dict[str, str]:
    found: dict[str, str] = {}
    for name, module in sorted(sys.modules.items()):
        if name.partition(".")[0] not in OURS or module is None:
            continue
        for cls in {id(v): v for v in vars(module).values() if isinstance(v, type)}.values():
            for klass in [cls, *(v for v in vars(cls).values() if isinstance(v, type))]:
                if not dataclasses.is_dataclass(klass):
                    continue
                for attr, fn in vars(klass).items():
                    code = getattr(fn, "__code__", None)
                    if code is not None and code.co_filename == "<string>":
                        key = f"{klass.__module__}.{klass.__qualname__}.{attr}"
                        found[key] = f"{fn.__qualname__} {code_fingerprint(code)}"
    return found


def dataclass_repr(event: Any) -> str:
    fields = ", ".join(f"{f.name}={getattr(event, f.name)!r}" for f in dataclasses.fields(event) if f.repr)
    return f"{type(event).__qualname__}({fields})"


def frozen(event: Any) -> bool:
    for attempt in (lambda: setattr(event, "originator_version", 0), lambda: delattr(event, "timestamp")):
        try:
            attempt()
        except dataclasses.FrozenInstanceError:
            continue
        return False
    return True


def hashes_alike(event: Any, copy: Any) -> bool | str:
    try:
        return hash(event) == hash(copy)
    except TypeError:  # an event with a list field is unhashable, with or without the cache
        return "unhashable"


def behaviour() -> dict[str, list[bool | str]]:
    app = make_app("memory://")
    set_up_kalix(app)
    drive_every_command(app)
    checks: dict[str, list[bool | str]] = {}
    for event in stored_events(app):
        copy = dataclasses.replace(event)
        name = type(event).__qualname__
        results = [
            event == copy, not (event != copy), hashes_alike(event, copy),
            event != dataclasses.replace(event, originator_version=event.originator_version + 1),
            frozen(event), repr(event) == dataclass_repr(event),
            pickle.loads(pickle.dumps(event)) == event,
            app.mapper.to_domain_event(app.mapper.to_stored_event(event)) == event,
        ]
        checks.setdefault(name, results)
        checks[name] = [a if a == b else f"differs: {a} / {b}" for a, b in zip(checks[name], results)]
    return checks


def main() -> None:
    cache = dataclass_cache.installed()
    checks = behaviour()
    json.dump({
        "code": generated_methods(),
        "behaviour": checks,
        "cache": None if cache is None else {"hits": cache.hits, "compiled": cache.compiled, "path": cache.path},
    }, sys.stdout)


if __name__ == "__main__":
    main()
