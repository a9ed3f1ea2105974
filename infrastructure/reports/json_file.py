"""The annual report as JSON for tooling: the report data as built, plus where it stands.

The text is exactly `json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)`. With an
indent the standard library encodes in pure Python through nested generators (0.7 s for 10,000
projects); `indented` writes the same text with plain recursion and the C string encoder, and
hands anything but plain JSON values back to the standard library (a property test checks it)."""
from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

STEP = "  "


def render_json(report: dict[str, Any], standing: Any, words: Any) -> bytes:
    document = {"report": report, "standing": standing.as_json(), "lang": words.lang}
    return (indented(document) + "\n").encode("utf-8")


class _NotPlain(Exception):
    """A value the fast path does not write (a subclass, a non-string key, …)."""


def indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`, faster."""
    parts: list[str] = []
    try:
        _write(value, "\n", parts)
    except (_NotPlain, TypeError, RecursionError):  # the standard library decides, or says why not
        return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return "".join(parts)


def _write(value: Any, newline: str, parts: list[str]) -> None:
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + STEP
        separator = "{" + inner
        for key in sorted(value):
            if type(key) is not str:
                raise _NotPlain
            item = value[key]
            leaf = encode_basestring(item) if type(item) is str else _leaf(item)
            if leaf is None:
                parts.append(separator + encode_basestring(key) + ": ")
                _write(item, inner, parts)
            else:
                parts.append(separator + encode_basestring(key) + ": " + leaf)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + STEP
        separator = "[" + inner
        for item in value:
            leaf = encode_basestring(item) if type(item) is str else _leaf(item)
            if leaf is None:
                parts.append(separator)
                _write(item, inner, parts)
            else:
                parts.append(separator + leaf)
            separator = "," + inner
        parts.append(newline + "]")
    else:
        leaf = _leaf(value)
        if leaf is None:
            raise _NotPlain
        parts.append(leaf)


def _leaf(value: Any) -> str | None:
    """A string, number, boolean or null as JSON text; None for a container (or an unknown type)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return json.dumps(value)
    return None
