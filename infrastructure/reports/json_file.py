"""The annual report as JSON for tooling: the report data as built, plus where it stands.

The text is exactly `json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)`. With an
indent the standard library encodes in pure Python through nested generators (0.7 s for 10,000
projects). `indented` has orjson write it (0.07 s): for strings, integers, booleans, null, lists
and dicts with string keys its indented, sorted text is the standard library's, character for
character; floats (which it writes otherwise) and anything orjson refuses go to a writer with plain
recursion and the C string encoder (0.3 s), and what that does not know to the standard library
itself. Property tests hold both paths to the standard library's text."""
from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

import orjson

STEP = "  "


def render_json(report: dict[str, Any], standing: Any, words: Any) -> bytes:
    document = {"report": report, "standing": standing.as_json(), "lang": words.lang}
    return (indented(document) + "\n").encode("utf-8")


class _NotPlain(Exception):
    """A value the fast path does not write (a subclass, a non-string key, …)."""


ORJSON = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_SUBCLASS  # a subclass: refused


def indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`, faster."""
    if _without_floats(value):
        try:
            return orjson.dumps(value, option=ORJSON).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError: a big integer, a non-string key, a subclass, …
            pass
    parts: list[str] = []
    try:
        _write(value, "\n", parts)
    except (_NotPlain, TypeError, RecursionError):  # the standard library decides, or says why not
        return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return "".join(parts)


def _without_floats(value: Any) -> bool:
    """Whether no float is anywhere in `value` (orjson and the standard library write floats
    differently: 1e+16 and 1e16, NaN and null)."""
    kind = type(value)
    if kind is dict:
        value = value.values()
    elif kind is not list and kind is not tuple:
        return kind is not float
    for item in value:
        kind = type(item)
        if kind is str or kind is int or item is None or kind is bool:
            continue
        if kind is float or not _without_floats(item):
            return False
    return True


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
