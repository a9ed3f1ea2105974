"""A store written before the chain existed is chained once, when our recorder first opens it,
and the seal row it leaves says from where the chain vouches for the history."""
from __future__ import annotations

from infrastructure.audit.chain import ADOPTED_BY
from infrastructure.audit.verify import verify
from infrastructure.database import parse_url
from tests.audit.raw import RawStore
from tests.support import AUDITOR, executing_project, make_app, set_up_kalix

LIBRARY_RECORDERS = {
    "sqlite": "eventsourcing.sqlite:SQLiteApplicationRecorder",
    "postgresql": "infrastructure.postgres_store:SerialisedSchemaRecorder",
}


def unchained_store(url: str) -> int:
    """Events written by the library's own recorder, as before this branch: no chain table rows."""
    from application.clock import FixedClock
    from application.service import Udsyn
    from tests.support import START

    database = parse_url(url)
    app = Udsyn(env={**database.env, "APPLICATION_RECORDER_TOPIC": LIBRARY_RECORDERS[database.kind]},
                clock=FixedClock(START))
    set_up_kalix(app)
    executing_project(app)
    count = app.recorder.max_notification_id()
    app.close()
    return count


def test_an_unchained_store_is_chained_once_with_a_seal_saying_so(db_url):
    stored = unchained_store(db_url)

    app = make_app(db_url)
    result = app.verify_chain(AUDITOR)
    seals = app.recorder.seals()

    assert result.clean and result.events == stored
    assert [(s.position, s.actor) for s in seals] == [(stored, ADOPTED_BY)]
    make_app(db_url)  # opening it again changes nothing
    assert len(app.recorder.seals()) == 1


def test_after_adoption_tampering_is_found_as_before(db_url):
    unchained_store(db_url)
    app = make_app(db_url)
    raw = RawStore(db_url)
    target = raw.positions()[3]
    raw.alter_one_byte(target)

    assert [(f.position, f.kind) for f in verify(app.recorder).findings] == [(target, "altered")]

