"""Pydantic command models: the shape of every state-changing command.

The models load on first use (`models("project").Register`): pydantic and the model classes
cost a few hundred milliseconds of start-up that read-only commands never need."""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class models:
    """A command-model module, imported when one of its models is first used."""

    def __init__(self, name: str) -> None:
        self._name = f"application.commands.{name}"
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)
