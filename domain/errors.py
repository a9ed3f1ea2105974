"""One family of errors; the CLI maps each kind to an exit code in one place."""
from __future__ import annotations


class UdsynError(Exception):
    """Base of every error the domain and the application raise on purpose."""


class InvalidInput(UdsynError):
    """The input has the wrong shape: a malformed amount, date, key or file."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


class NotPermitted(UdsynError):
    """The acting user's role (or department) does not allow the command (R9)."""

    def __init__(self, message: str):
        super().__init__(f"R9: {message}")


class NotFound(UdsynError):
    """A reference, key or aggregate that does not exist."""


class RuleViolation(UdsynError):
    """A business rule refused the command; `rule` is its id in the spec (R1…R12)."""

    def __init__(self, rule: str | None, message: str, *, ref: str | None = None):
        self.rule = rule
        self.ref = ref
        prefix = f"{rule}: " if rule else ""
        where = f" ({ref})" if ref else ""
        super().__init__(f"{prefix}{message}{where}")


class InvalidTransition(RuleViolation):
    """The case lifecycle does not allow the command in the project's current state."""

    def __init__(self, ref: str, status: str, action: str):
        self.status = status
        super().__init__(None, f"cannot {action} a project that is {status}", ref=ref)


class ConcurrentChange(UdsynError):
    """Someone else changed the same record between our read and our write."""

    def __init__(self, what: str):
        super().__init__(f"{what} was changed meanwhile by someone else; try again")


class DuplicateCommand(UdsynError):
    """A command id was reused for a different command."""


class DatedBeforeHistory(RuleViolation):
    """A fact dated before the case's own history allows it: before the case was registered, before
    the lifecycle step it follows, or (spending, measuring) before execution started."""

    def __init__(self, ref: str, what: str, on: object, step: str, since: object):
        self.on, self.step, self.since = on, step, since
        super().__init__(None, f"{what} dated {on} is before {step} on {since}", ref=ref)


class DecisionAlreadyRecorded(RuleViolation):
    """R12: a decision is one minute record; the same body, meeting and agenda item is recorded once."""

    def __init__(self, ref: str, body: str, meeting_date: object, item: str, number: int):
        self.number = number
        super().__init__(
            "R12",
            f"the decision of {body} at the meeting of {meeting_date}, item {item}, is already recorded"
            f" (decision {number})",
            ref=ref,
        )
