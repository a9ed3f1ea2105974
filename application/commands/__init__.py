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
        """Called only for a name not yet found; kept on the instance after, so each command's
        lookup of its model is a plain attribute read (a miss costs a formatted AttributeError)."""
        if self._module is None:
            self._module = importlib.import_module(self._name)
        value = getattr(self._module, attribute)
        setattr(self, attribute, value)
        return value
