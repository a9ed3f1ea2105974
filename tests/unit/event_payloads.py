"""hypothesis strategies for every event the domain records: its metadata and its payload."""

from __future__ import annotations

from datetime import timezone
from decimal import Decimal

from eventsourcing.utils import get_topic
from hypothesis import strategies as st

from domain.base import UdsynAggregate
from domain.case_counter import CaseCounter
from domain.command_record import CommandRecord
from domain.money import Amount
from domain.organisation import BODY_KINDS, ROLES, Body, Department, Organisation, User
from domain.partnership import KINDS, STATUSES, ContactPerson, Partnership, StatusChange
from domain.project import Project
from domain.reporting_year import Correction, ReportingYear
from domain.records import (
    OUTCOMES,
    Condition,
    Decision,
    ExpectedEffects,
    FundingApplication,
    Indicator,
    Statement,
)
from domain.strategy import PRIORITIES, FocusArea, Strategy, StrategyVersion, Term

def _all_aggregates() -> tuple[type, ...]:
    """Every aggregate in domain/, found rather than listed, so a new one cannot escape the round trip."""
    import importlib
    import pkgutil

    import domain

    for module in pkgutil.iter_modules(domain.__path__):
        importlib.import_module(f"domain.{module.name}")
    found, pending = [], list(UdsynAggregate.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending += cls.__subclasses__()
    return tuple(sorted(found, key=lambda c: c.__name__))


AGGREGATES = _all_aggregates()


def event_classes() -> set[type]:
    """Every event class nested in an aggregate, except the library's generated `Event`/`Created` bases."""
    return {
        value
        for aggregate in AGGREGATES
        for name, value in vars(aggregate).items()
        if isinstance(value, type)
        and issubclass(value, UdsynAggregate.Event)
        and name not in ("Event", "Created")
    }


def aggregate_of(event_class: type) -> type:
    return next(a for a in AGGREGATES if vars(a).get(event_class.__name__) is event_class)


text = st.text(max_size=30)
keys = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
names = st.text(min_size=1, max_size=30)
dates = st.dates()
counts = st.integers(min_value=0, max_value=10**6)
money = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False
)
numbers = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=6, allow_nan=False, allow_infinity=False
)
rates = st.decimals(
    min_value=Decimal("0.00000001"),
    max_value=Decimal("10000"),
    places=8,
    allow_nan=False,
    allow_infinity=False,
)
currencies = st.sampled_from(["SEK", "DKK", "EUR", "NOK", "USD"])

corrections = st.builds(
    Correction, of_position=st.integers(1, 10**9), original_year=st.integers(2000, 2100),
    posted_in=st.integers(2000, 2100),
)
amounts = st.builds(Amount, value=money, currency=currencies, rate=rates, reporting=money)
conditions = st.builds(Condition, text=names, due=dates)
decisions = st.builds(
    Decision,
    number=st.integers(1, 99),
    purpose=st.sampled_from(["mandate", "approval", "supplementary"]),
    body=keys,
    body_kind=st.sampled_from(BODY_KINDS),
    meeting_date=dates,
    item=names,
    case_number=st.none() | names,
    outcome=st.sampled_from(OUTCOMES),
    conditions=st.lists(conditions, max_size=3),
    obligation_keys=st.lists(st.from_regex(r"O[1-9][0-9]?", fullmatch=True), max_size=3),
    ceiling=st.none() | money,
    in_force_on=dates,
    appeal_ends=st.none() | dates,
    strategy_version=st.integers(1, 20),
    threshold=money,
)
applications = st.builds(
    FundingApplication,
    key=st.from_regex(r"A[1-9][0-9]?", fullmatch=True),
    programme=names,
    applied=amounts,
    status=st.sampled_from(["applied", "granted", "rejected", "received"]),
    granted=st.none() | amounts,
    received=money,
)
indicators = st.builds(
    Indicator,
    key=keys,
    name=names,
    target=numbers,
    unit=st.none() | text,
    latest=st.none() | numbers,
    measured_on=st.none() | dates,
    measurements=counts,
)
statements = st.builds(Statement, year=st.integers(1900, 2200), text=names, submitted_on=dates)
effects = st.builds(
    ExpectedEffects, jobs=counts, citizens=counts, competence=counts, notes=st.lists(text, max_size=3)
)
strategy_versions = st.builds(
    StrategyVersion,
    version=st.integers(1, 20),
    adopted_on=dates,
    body=keys,
    title=names,
    vision=text,
    approval_threshold=money,
    approval_body=keys,
    external_funding_target=st.decimals(min_value=0, max_value=1, places=2),
    appeal_window_days=st.integers(0, 365),
    statement_due=st.sampled_from(["01-31", "03-15", "12-31"]),
    focus_areas=st.lists(
        st.builds(FocusArea, key=keys, name=names, priority=st.sampled_from(PRIORITIES)), max_size=4
    ),
    target_groups=st.lists(st.builds(Term, key=keys, name=names), max_size=3),
    goals=st.lists(st.builds(Term, key=keys, name=names), max_size=3),
    ranking=st.dictionaries(keys, st.decimals(min_value=0, max_value=100, places=2), max_size=3),
)
status_changes = st.builds(StatusChange, status=st.sampled_from(STATUSES), on=dates, reason=st.none() | text)
results = st.dictionaries(
    st.sampled_from(
        [
            "id",
            "ref",
            "version",
            "status",
            "application",
            "obligations",
            "decision",
            "purpose",
            "ceiling",
            "appeal_ends",
            "spent",
            "outside_strategy",
            "code",
            "admin",
            "adopted_on",
            "key",
            "since",
        ]
    ),
    st.none() | st.booleans() | st.integers(-(10**9), 10**9) | text | st.lists(keys, max_size=3),
    max_size=8,
)

PAYLOADS: dict[type, dict[str, st.SearchStrategy]] = {
    Organisation.Founded: dict(
        name=names,
        code=st.from_regex(r"[A-Z]{2,6}", fullmatch=True),
        country=st.from_regex(r"[A-Z]{2}", fullmatch=True),
        currency=currencies,
        language=st.sampled_from(["da", "sv", "en"]),
        first_admin=names,
    ),
    Organisation.BodyAdded: dict(
        body=st.builds(Body, key=keys, name=names, kind=st.sampled_from(BODY_KINDS))
    ),
    Organisation.DepartmentAdded: dict(department=st.builds(Department, key=keys, name=names, board=keys)),
    Organisation.UserAdded: dict(
        user=st.builds(User, name=names, role=st.sampled_from(ROLES), departments=st.lists(keys, max_size=3))
    ),
    Organisation.UserAppointed: dict(name=names, departments=st.lists(keys, max_size=3)),
    Strategy.Adopted: dict(content=strategy_versions),
    Strategy.Revised: dict(content=strategy_versions),
    Project.Registered: dict(
        ref=st.from_regex(r"[A-Z]{3}-20[0-9]{2}-[0-9]{4}", fullmatch=True),
        title=names,
        summary=text,
        department=keys,
        focus_areas=st.lists(keys, max_size=3),
        outside_strategy=st.booleans(),
        target_groups=st.lists(keys, max_size=3),
        goals=st.lists(keys, max_size=3),
        partners=st.lists(keys, max_size=3),
        effects=effects,
        budget=st.none() | amounts,
        strategy_version=st.integers(1, 20),
    ),
    Project.ExplorationStarted: {},
    Project.SubmittedForDecision: dict(body=keys),
    Project.DecisionRecorded: dict(decision=decisions),
    Project.Withdrawn: {},
    Project.OwnContributionCommitted: dict(amount=amounts),
    Project.FundingApplied: dict(application=applications),
    Project.FundingGranted: dict(key=keys, amount=amounts),
    Project.FundingRejected: dict(key=keys),
    Project.FundingReceived: dict(key=keys, amount=amounts),
    Project.IndicatorDefined: dict(indicator=indicators),
    Project.ExecutionStarted: {},
    Project.ExpenditureRecorded: dict(amount=amounts, category=names, description=st.none() | text),
    Project.MeasurementRecorded: dict(key=keys, value=numbers),
    Project.StatementSubmitted: dict(statement=statements),
    Project.ObligationFulfilled: dict(key=st.from_regex(r"O[1-9]", fullmatch=True)),
    Project.Completed: dict(lessons=names),
    CaseCounter.Opened: dict(code=st.from_regex(r"[A-Z]{2,6}", fullmatch=True), year=st.integers(1900, 2200)),
    CaseCounter.NumberIssued: dict(number=st.integers(1, 9999)),
    Partnership.Added: dict(
        key=keys,
        name=names,
        country=st.from_regex(r"[A-Z]{2}", fullmatch=True),
        kind=st.sampled_from(KINDS),
        established=st.none() | st.from_regex(r"(19|20)[0-9]{2}(-0[1-9])?", fullmatch=True),
        description=text,
        status=status_changes,
    ),
    Partnership.StatusChanged: dict(change=status_changes),
    Partnership.ContactAdded: dict(
        contact=st.builds(ContactPerson, name=names, title=st.none() | names, email=st.none() | names,
                          phone=st.none() | names)
    ),
    Partnership.ContactRemoved: dict(name=names),
    ReportingYear.Closed: dict(
        year=st.integers(2000, 2100), position=st.integers(0, 10**9),
        totals=st.dictionaries(keys, money.map(str), max_size=5), report=results,
        chain_head=st.none() | st.from_regex(r"[1-9][0-9]{0,6}:[0-9a-f]{64}", fullmatch=True),
    ),
    CommandRecord.Applied: dict(
        command=names, fingerprint=st.from_regex(r"[0-9a-f]{64}", fullmatch=True), result=results
    ),
}


def events_of(event_class: type) -> st.SearchStrategy:
    """Instances of `event_class` with arbitrary metadata and payload."""
    return event_arguments(event_class).map(lambda arguments: event_class(**arguments))


def event_arguments(event_class: type) -> st.SearchStrategy:
    """The keyword arguments of an `event_class` with arbitrary metadata and payload."""
    fields = dict(
        originator_id=st.uuids(),
        originator_version=st.integers(1, 10**6),
        timestamp=st.datetimes(timezones=st.just(timezone.utc)),
        actor=names,
        role=st.sampled_from(ROLES),
        command_id=names,
        reason=st.none() | text,
        effective_date=st.none() | dates,
        correction=st.none() | corrections,
        **PAYLOADS[event_class],
    )
    if issubclass(event_class, UdsynAggregate.Created):
        fields["originator_topic"] = st.just(get_topic(aggregate_of(event_class)))
    return st.fixed_dictionaries(fields)
