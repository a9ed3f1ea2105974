"""Aggregates are cached between commands; a command works on a copy the cache never sees."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.errors import RuleViolation
from domain.meta import Meta
from domain.money import Amount
from tests.application.refusals import refused
from tests.support import OFFICER, START, ctx, executing_project, set_up_kalix

SPENDING_DAY = date(2026, 3, 1)


def test_changing_a_loaded_project_without_saving_leaves_the_cached_project_as_it_was(app):
    set_up_kalix(app)
    ref = executing_project(app)
    loaded = app.load_project(ref)
    meta = Meta(OFFICER, "officer", "c-1", START, SPENDING_DAY)
    loaded.record_expenditure(Amount.of(Decimal("100"), "SEK", "SEK"), "resor", None, meta)
    loaded.define_indicator("nya", "Nya kontakter", Decimal(5), None, meta)

    again = app.load_project(ref)
    assert (again.spent, again.expenditures, set(again.indicators)) == (Decimal(0), 0, {"elever"})
    assert again.version == loaded.version - 2


def test_a_refused_command_leaves_the_cached_project_as_it_was(app):
    set_up_kalix(app)
    ref = executing_project(app)
    before = app.load_project(ref)
    refused(app, RuleViolation, app.spend, ctx(on=SPENDING_DAY), ref, amount="50000.01", category="resor")
    after = app.load_project(ref)
    assert (after.version, after.spent) == (before.version, before.spent)


def test_a_second_application_on_the_same_store_sees_changes_made_by_the_first(sqlite_url):
    from tests.support import make_app

    first, second = make_app(sqlite_url), make_app(sqlite_url)
    set_up_kalix(first)
    ref = executing_project(first)
    assert second.load_project(ref).spent == Decimal(0)
    first.spend(ctx(on=SPENDING_DAY), ref, amount="100", category="resor")
    assert second.load_project(ref).spent == Decimal("100.00")
    first.add_user(ctx("anna"), name="nils", role="officer", department=["buf"])
    assert second.organisation().user("nils").departments == ["buf"]
