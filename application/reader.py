"""What a command that only reads a case needs (`project show`, `project history`): Udsyn's read
side, on the same store with the same name and settings, without the modules of the command,
ranking, reporting and audit mixins. Those cost a cold start ~6 ms (issue 6.7: a start-up within
2× a bare click app); everything this class does, Udsyn does the same way, being a Queries too."""
from __future__ import annotations

from application.queries import Queries


class UdsynReader(Queries):
    """Udsyn's read side: show a case (now, at a version, as known at a time, as true on a date)
    and its history."""

    name = "Udsyn"  # Udsyn's (the library names an application by its class): the same env prefix
