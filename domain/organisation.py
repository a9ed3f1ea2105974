"""The municipality: its political bodies, departments and users with roles (R9)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from domain.base import UdsynAggregate, deterministic_id
from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.meta import Meta

BODY_KINDS = ("council", "committee", "board", "official")
POLITICAL_KINDS = ("council", "committee", "board")
ROLES = ("admin", "officer", "auditor", "reporter")
LANGUAGES = ("da", "sv", "en")


@dataclass(frozen=True)
class Body:
    """A deciding body; kind `official` is the delegated official who decides administratively."""

    key: str
    name: str
    kind: str


    @property
    def is_political(self) -> bool:
        return self.kind in POLITICAL_KINDS


@dataclass(frozen=True)
class Department:
    key: str
    name: str
    board: str


@dataclass(frozen=True)
class User:
    name: str
    role: str
    departments: list[str] = field(default_factory=list)


class Organisation(UdsynAggregate):
    """One per database: who decides, who pays, who may do what."""

    ID = deterministic_id("organisation")

    class Founded(UdsynAggregate.Created):
        name: str
        code: str
        country: str
        currency: str
        language: str
        first_admin: str

        def apply(self, org: Organisation) -> None:
            org.name, org.code, org.country = self.name, self.code, self.country
            org.currency, org.language = self.currency, self.language
            org.bodies, org.departments = {}, {}
            org.users = {self.first_admin: User(self.first_admin, "admin", [])}

    class BodyAdded(UdsynAggregate.Event):
        body: Body

        def apply(self, org: Organisation) -> None:
            org.bodies[self.body.key] = self.body

    class DepartmentAdded(UdsynAggregate.Event):
        department: Department

        def apply(self, org: Organisation) -> None:
            org.departments[self.department.key] = self.department

    class UserAdded(UdsynAggregate.Event):
        user: User

        def apply(self, org: Organisation) -> None:
            org.users[self.user.name] = self.user

    class UserAppointed(UdsynAggregate.Event):
        name: str
        departments: list[str]

        def apply(self, org: Organisation) -> None:
            org.users[self.name] = replace(org.users[self.name], departments=self.departments)

    @classmethod
    def found(
        cls, *, name: str, code: str, country: str, currency: str, language: str, meta: Meta
    ) -> Organisation:
        """Set up the municipality; the acting user becomes its first admin."""
        if language not in LANGUAGES:
            raise InvalidInput("language", f"'{language}' is not one of {', '.join(LANGUAGES)}")
        return cls._create_with(cls.Founded, cls.ID, meta, dict(
            name=name,
            code=code,
            country=country,
            currency=currency,
            language=language,
            first_admin=meta.actor,
        ))

    def add_body(self, key: str, name: str, kind: str, meta: Meta) -> None:
        """Register a council, committee, board or delegated official."""
        if kind not in BODY_KINDS:
            raise InvalidInput("kind", f"'{kind}' is not one of {', '.join(BODY_KINDS)}")
        if key in self.bodies:
            raise RuleViolation(None, f"body '{key}' already exists")
        self._record(self.BodyAdded, meta, body=Body(key, name, kind))

    def add_department(self, key: str, name: str, board: str, meta: Meta) -> None:
        """Register a department (förvaltning) reporting to one board."""
        if key in self.departments:
            raise RuleViolation(None, f"department '{key}' already exists")
        body = self.body(board)
        if body.kind not in ("board", "committee", "council"):
            raise InvalidInput("board", f"'{board}' is a delegated official, not a board")
        self._record(self.DepartmentAdded, meta, department=Department(key, name, board))

    def add_user(self, name: str, role: str, departments: list[str], meta: Meta) -> None:
        """Register a user with a role; officers are appointed to departments."""
        if role not in ROLES:
            raise InvalidInput("role", f"'{role}' is not one of {', '.join(ROLES)}")
        if name in self.users:
            raise RuleViolation(None, f"user '{name}' already exists")
        for key in departments:
            self.department(key)
        if role == "officer" and not departments:
            raise InvalidInput("department", "an officer is appointed to at least one department")
        self._record(self.UserAdded, meta, user=User(name, role, sorted(set(departments))))

    def appoint(self, name: str, departments: list[str], meta: Meta) -> None:
        """Change the departments an officer is appointed to."""
        if self.user(name).role == "officer" and not departments:
            raise InvalidInput("department", f"officer '{name}' must be appointed to at least one department")
        for key in departments:
            self.department(key)
        self._record(self.UserAppointed, meta, name=name, departments=sorted(set(departments)))

    def body(self, key: str) -> Body:
        try:
            return self.bodies[key]
        except KeyError:
            raise NotFound(f"no body '{key}'") from None

    def department(self, key: str) -> Department:
        try:
            return self.departments[key]
        except KeyError:
            raise NotFound(f"no department '{key}'") from None

    def user(self, name: str) -> User:
        try:
            return self.users[name]
        except KeyError:
            raise NotFound(f"no user '{name}'") from None
