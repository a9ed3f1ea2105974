"""`udsyn demo`: a database built from a seed policy, with a case in every state."""
from __future__ import annotations

import os
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import click

from cli.main import CONTEXT

DEMO_DATA = Path(__file__).parent / "demo_data"
STRATEGY_FILES = {"kalix": "kalix-strategy.toml", "holbaek": "holbaek-strategy.toml"}
LOCALES = {"sv": "sv_SE", "da": "da_DK", "en": "en_GB"}

LABELS = {
    "sv": {
        "header": "{name} ({code}): demodatabas per {today}",
        "strategy": "Strategi: {title}, antagen {adopted_on} av {body}",
        "columns": ("ÄRENDE", "STATUS", "FÖRV.", "UTFALL / RAM", "EXTERN", "TITEL"),
        "counts": "Per status",
        "footer": "{events} händelser lagrade; {user} är administratör. Prova:",
        "statuses": {"idea": "idé", "exploration": "utredning", "awaiting_decision": "väntar på beslut",
                     "approved": "godkänt", "executing": "pågår", "completed": "avslutat",
                     "rejected": "avslaget", "withdrawn": "återtaget"},
    },
    "da": {
        "header": "{name} ({code}): demodatabase pr. {today}",
        "strategy": "Strategi: {title}, vedtaget {adopted_on} af {body}",
        "columns": ("SAG", "STATUS", "AFD.", "FORBRUG / RAMME", "EKSTERN", "TITEL"),
        "counts": "Pr. status",
        "footer": "{events} hændelser gemt; {user} er administrator. Prøv:",
        "statuses": {"idea": "idé", "exploration": "undersøges", "awaiting_decision": "afventer beslutning",
                     "approved": "godkendt", "executing": "i gang", "completed": "afsluttet",
                     "rejected": "afvist", "withdrawn": "trukket tilbage"},
    },
    "en": {
        "header": "{name} ({code}): demo database as of {today}",
        "strategy": "Strategy: {title}, adopted {adopted_on} by {body}",
        "columns": ("REF", "STATUS", "DEPT", "SPENT / CEILING", "EXTERNAL", "TITLE"),
        "counts": "Per status",
        "footer": "{events} events stored; {user} is admin. Try:",
        "statuses": {},
    },
}


@click.command(context_settings=CONTEXT)
@click.option("--municipality", type=click.Choice(sorted(STRATEGY_FILES)), default="kalix", show_default=True,
              help="Whose policy: Kalix (Swedish) or Holbæk (Danish).")
@click.option("--replace", is_flag=True,
              help="Delete the SQLite database file first. Other databases must be empty.")
@click.pass_obj
def demo(s, municipality, replace):
    """Build a demo database from a seed policy: organisation, strategy, and a history of cases in
    every state, 2024 up to 2026-11-20. The acting user becomes its admin.

    \b
    Example:
      udsyn --db sqlite:///udsyn-demo.db --actor anna demo --replace
      udsyn --db sqlite:///holbaek.db --actor anna demo --municipality holbaek
      udsyn --db sqlite:///udsyn-demo.db --actor anna project list
    """
    from application.clock import FixedClock
    from application.demo import TODAY, build_demo
    from application.service import Udsyn
    from domain.errors import RuleViolation
    from infrastructure.database import parse_url
    from infrastructure.strategy_file import read_strategy_file

    database = parse_url(s.db)
    _only_its_admin(s, database)
    if replace and database.sqlite_path:
        _delete_sqlite(database.sqlite_path)
    app = Udsyn(env=database.env, clock=FixedClock(datetime(TODAY.year, 1, 1, tzinfo=timezone.utc)))
    try:
        if app.recorder.max_notification_id():
            if database.sqlite_path:
                hint = "pass --replace to start afresh"
            else:
                hint = "use an empty database or schema (--replace deletes only a SQLite file)"
            raise RuleViolation(None, f"this database is not empty; {hint}")
        strategy = read_strategy_file(DEMO_DATA / STRATEGY_FILES[municipality])
        build_demo(app, municipality, strategy, s.user)
        _overview(s, app)
    finally:
        app.close()


def _only_its_admin(s, database) -> None:
    """R9: an existing organisation is rebuilt or replaced by one of its admins, never by another role."""
    import os

    from application.authorisation import ORGANISE
    from application.service import Udsyn
    from domain.errors import NotFound

    if database.sqlite_path and not os.path.exists(database.sqlite_path):
        return
    app = Udsyn(env=database.env)
    try:
        if app.recorder.max_notification_id():
            app.authorised(s.user, ORGANISE)
    except NotFound:  # events but no organisation: the emptiness check below refuses
        pass
    finally:
        app.close()


def _delete_sqlite(path: str) -> None:
    for name in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        if os.path.exists(name):
            os.remove(name)


def _overview(s, app) -> None:
    from babel.numbers import format_decimal

    org = app.organisation()
    today = app.clock.now().date()
    strategy = app.strategy_on(today)
    projects = app.list_projects(s.user, today=today)
    events = app.recorder.max_notification_id() or 0
    counts = Counter(p.status for p in projects)
    if s.as_json:
        s.emit({
            "municipality": org.name, "code": org.code, "language": org.language, "currency": org.currency,
            "today": today, "strategy": strategy.title, "admin": s.user, "events": events,
            "counts": {k: counts[k] for k in _ordered(counts)},
            "projects": [{"ref": p.ref, "status": p.status, "department": p.department, "title": p.title,
                          "focus_areas": p.focus_areas, "outside_strategy": p.outside_strategy,
                          "spent": p.spent, "ceiling": p.ceiling, "external_share": p.external_share}
                         for p in projects],
        })
        return
    labels = LABELS.get(org.language, LABELS["en"])
    locale = LOCALES.get(org.language, "en_GB")

    def money(value):
        return format_decimal(value, format="#,##0", locale=locale) if value is not None else "–"

    def status(key):
        return labels["statuses"].get(key, key.replace("_", " "))

    ref_, status_, dept_, money_, share_, title_ = labels["columns"]
    lines = [
        labels["header"].format(name=org.name, code=org.code, today=today),
        labels["strategy"].format(title=strategy.title, adopted_on=strategy.adopted_on, body=strategy.body),
        "",
        f"{ref_:<14} {status_:<19} {dept_:<9} {money_:>21} {share_:>8}  {title_}",
    ]
    for p in projects:
        spent = f"{money(p.spent)} / {money(p.ceiling)}" if p.ceiling is not None else "–"
        share = f"{p.external_share:.0%}" if p.external_share is not None else "–"
        title = p.title if len(p.title) <= 60 else p.title[:59] + "…"
        lines.append(f"{p.ref:<14} {status(p.status):<19} {p.department:<9} {spent:>21} {share:>8}  {title}")
    db = _shown(s.db)
    lines += [
        "",
        f"{labels['counts']}: " + ", ".join(f"{status(k)} {counts[k]}" for k in _ordered(counts)),
        labels["footer"].format(events=events, user=s.user),
        f"  udsyn --db {db} --actor {s.user} project list",
    ]
    example = next((p for p in projects if p.status == "executing"), projects[0] if projects else None)
    if example:
        lines.append(f"  udsyn --db {db} --actor {s.user} project show {example.ref}")
    s.emit(None, "\n".join(lines))


def _shown(url: str) -> str:
    """The --db URL as it may be printed: without its password."""
    if "@" not in url:
        return url
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _ordered(counts: Counter) -> list[str]:
    from domain.project import STATUSES

    return [k for k in STATUSES if counts[k]]
