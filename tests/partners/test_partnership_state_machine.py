"""Random sequences of partner commands and project registrations against a model of R10: every
refusal is the one the model predicts and writes nothing, and the read models built event by event
equal the read models rebuilt from zero."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import create_engine, select

from domain.errors import InvalidInput, NotFound, RuleViolation
from infrastructure.projections.base import METADATA
from tests.partners.test_projections import PROJECTIONS, envelopes
from tests.support import ADMIN, AUDITOR, ctx, make_app, register, set_up_kalix, stored_event_count

KEYS = ("pielavesi", "alta", "kirovsk")
STATUSES = ("active", "dormant", "suspended", "ended")
days = st.integers(0, 3 * 365).map(lambda n: date(2024, 1, 1) + timedelta(days=n))


def fresh_engine():
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        METADATA.create_all(conn, tables=[t for p in PROJECTIONS for t in p.tables])
    return engine


def rows(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {t.name: sorted(tuple(r) for r in conn.execute(select(t))) for p in PROJECTIONS for t in p.tables}


class PartnerNetwork(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.app = make_app("memory://")
        set_up_kalix(self.app)
        self.model: dict[str, tuple[str, date]] = {}  # key -> (status, since)
        self.engine, self.applied = fresh_engine(), 0

    def attempt(self, command, expected: type[Exception] | None) -> None:
        before = stored_event_count(self.app)
        try:
            command()
        except (InvalidInput, NotFound, RuleViolation) as e:
            assert expected is not None and isinstance(e, expected), e
            assert stored_event_count(self.app) == before
        else:
            assert expected is None, f"expected {expected.__name__}"

    @rule(key=st.sampled_from(KEYS), on=days, kind=st.sampled_from(["twin-town", "school", "castle"]))
    def add(self, key, on, kind):
        expected = InvalidInput if kind == "castle" else RuleViolation if key in self.model else None
        self.attempt(lambda: self.app.add_partner(ctx(ADMIN, on=on), key=key, name=key.title(), country="FI",
                                                  kind=kind), expected)
        if expected is None:
            self.model[key] = ("active", on)

    @rule(key=st.sampled_from(KEYS), status=st.sampled_from(STATUSES), on=days, reason=st.sampled_from(["", "Skäl"]))
    def set_status(self, key, status, on, reason):
        current = self.model.get(key)
        if current is None:
            expected = NotFound
        elif not reason:
            expected = InvalidInput
        elif status == current[0] or on < current[1]:
            expected = RuleViolation
        else:
            expected = None
        self.attempt(lambda: self.app.set_partner_status(ctx(ADMIN, on=on, reason=reason or None), key=key,
                                                         status=status), expected)
        if expected is None:
            self.model[key] = (status, on)

    @rule(partners=st.lists(st.sampled_from(KEYS), max_size=2))
    def register_a_project(self, partners):
        if len(set(partners)) != len(partners):
            expected = InvalidInput
        elif any(k not in self.model for k in partners):
            expected = NotFound
        elif any(self.model[k][0] in ("suspended", "ended") for k in partners):
            expected = RuleViolation
        else:
            expected = None
        self.attempt(lambda: register(self.app, partner=partners), expected)

    @rule()
    def follow(self):
        """The reporting job catches up: apply what is new since the last position."""
        new = envelopes(self.app, after=self.applied)
        with self.engine.begin() as conn:
            for p in PROJECTIONS:
                p.apply(conn, new)
        self.applied = new[-1].position if new else self.applied

    @invariant()
    def the_store_agrees_with_the_model(self):
        for key, (status, since) in self.model.items():
            p = self.app.load_partnership(key)
            assert (p.status, p.current.on) == (status, since)

    def teardown(self) -> None:
        self.follow()
        rebuilt = fresh_engine()
        with rebuilt.begin() as conn:
            for p in PROJECTIONS:
                p.apply(conn, envelopes(self.app))
        assert rows(self.engine) == rows(rebuilt)
        listed = {p.key: p.status for p in self.app.list_partners(AUDITOR)}
        assert listed == {k: s for k, (s, _) in self.model.items()}


PartnerNetwork.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
test_partner_network = PartnerNetwork.TestCase
