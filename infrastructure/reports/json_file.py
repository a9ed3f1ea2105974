"""The annual report as JSON for tooling: the report data as built, plus where it stands."""
from __future__ import annotations

import json
from typing import Any


def render_json(report: dict[str, Any], standing: Any, words: Any) -> bytes:
    document = {"report": report, "standing": standing.as_json(), "lang": words.lang}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
