"""Commands on the contact network (R10): partners, their status and contact persons."""
from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints

from application.validation import Command, Key, Name, OneLine, Text

# CLDR territories that are not ISO 3166-1 alpha-2 codes (regions, unions, pseudo-locales, Kosovo).
NOT_ISO_3166 = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"})

Kind = Literal["twin-town", "school", "business", "university", "authority", "ngo"]
Status = Literal["active", "dormant", "suspended", "ended"]
Established = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")]  # ASCII digits
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), OneLine]


@cache
def iso_3166() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, from Babel's CLDR territory list."""
    from babel import Locale

    return frozenset(k for k in Locale("en").territories if len(k) == 2 and k.isalpha()) - NOT_ISO_3166


def _iso_3166(code: str) -> str:
    if code not in iso_3166():
        raise ValueError(f"'{code}' is not an ISO 3166 country code")
    return code


Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$"), AfterValidator(_iso_3166)]


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
