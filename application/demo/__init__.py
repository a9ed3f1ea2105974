"""Demo histories built from the seed policies through the use cases only (`udsyn demo`)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from application.demo import holbaek, kalix
from application.demo.builder import TODAY

Builder = Callable[[Any, dict[str, Any], str], None]
BUILDERS: dict[str, Builder] = {"kalix": kalix.build, "holbaek": holbaek.build}


def build_demo(app: Any, municipality: str, strategy: dict[str, Any], admin: str) -> None:
    """Build the named municipality's demo on an empty store whose app has a FixedClock;
    `strategy` is the parsed strategy file, `admin` becomes the first admin."""
    BUILDERS[municipality](app, strategy, admin)


__all__ = ["BUILDERS", "TODAY", "build_demo"]
