"""Commands on the contact network (R10): partners, their status and contact persons."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

from application.validation import Command, Country, Key, Name, OneLine, Text

Kind = Literal["twin-town", "school", "business", "university", "authority", "ngo"]
Status = Literal["active", "dormant", "suspended", "ended"]
Established = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")]  # ASCII digits
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), OneLine]




class AddPartner(Command):
    key: Key
    name: Name
    country: Country
    kind: Kind
    established: Established | None = None
    description: Text = ""
    status: Status = "active"


class SetPartnerStatus(Command):
    key: Key
    status: Status


class AddContact(Command):
    key: Key
    name: Name
    title: Short | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"), OneLine] | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()-]{5,30}$")] | None = None


class RemoveContact(Command):
    key: Key
    name: Name


class PartnerFilter(Command):
    """`partner list` filters: validated like input, so a typo is exit 2, not an empty list."""

    country: Country | None = None
    status: Status | None = None
    kind: Kind | None = None
