"""R9: who may do what. admin: everything; officer: case work in their departments;
reporter: projections and reports; auditor: read-only."""
from __future__ import annotations

from domain.errors import NotFound, NotPermitted
from domain.organisation import Organisation, User

ORGANISE, CASEWORK, REPORT, READ = "organise", "casework", "report", "read"

ALLOWED = {
    ORGANISE: {"admin"},
    CASEWORK: {"admin", "officer"},
    REPORT: {"admin", "reporter"},
    READ: {"admin", "officer", "auditor", "reporter"},
}


def authorise(org: Organisation, actor: str, permission: str, department: str | None = None) -> User:
    """The acting user if their role permits `permission` (for an officer, in `department`)."""
    try:
        user = org.user(actor)
    except NotFound:
        raise NotPermitted(f"'{actor}' is not a registered user (pass --actor or set UDSYN_ACTOR)") from None
    if user.role not in ALLOWED[permission]:
        raise NotPermitted(f"'{actor}' is {an(user.role)} and may not {permission.replace('casework', 'do case work')}")
    if permission == CASEWORK and user.role == "officer" and department and department not in user.departments:
        org.department(department)  # an unknown department is not found (exit 4), for an officer as for an admin
        raise NotPermitted(f"officer '{actor}' is not appointed to department '{department}'")
    return user


def an(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"
