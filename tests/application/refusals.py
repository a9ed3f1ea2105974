"""The check every scenario makes after a refused command: nothing was written."""

from __future__ import annotations

import pytest

from tests.support import stored_event_count


def refused(app, error: type[Exception], command, *args, match: str | None = None, **kwargs) -> Exception:
    """Call `command(*args, **kwargs)`, expect `error`, and assert the event store is unchanged."""
    before = stored_event_count(app)
    with pytest.raises(error, match=match) as raised:
        command(*args, **kwargs)
    assert stored_event_count(app) == before, f"{type(raised.value).__name__} but events were written"
    return raised.value
