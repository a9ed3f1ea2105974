"""A command that only reads a case runs on the application's read side (application.reader): the
same store, name and settings as the whole application, and the same answers."""
from __future__ import annotations

from application.reader import UdsynReader
from application.service import Udsyn
from cli.session import Session
from tests.support import OFFICER, executing_project, make_app, set_up_kalix


def test_the_read_side_is_the_applications_own_read_side_under_the_same_name():
    assert issubclass(Udsyn, UdsynReader.__mro__[1])  # Udsyn is a Queries too: one implementation
    assert UdsynReader.name == Udsyn.name  # the same env prefixes, the same store


def test_the_read_side_shows_a_case_as_the_whole_application_does(tmp_path):
    db = f"sqlite:///{tmp_path / 'udsyn.db'}"
    app = make_app(db)
    set_up_kalix(app)
    ref = executing_project(app)
    whole = app.show_project(OFFICER, ref)
    session = Session(db=db, actor=OFFICER, as_json=False)
    try:
        shown = session.reader.show_project(OFFICER, ref)
        assert type(session.reader) is UdsynReader
        assert (shown.id, shown.version, vars(shown).keys()) == (whole.id, whole.version, vars(whole).keys())
        assert session.reader.history(OFFICER, ref) == app.history(OFFICER, ref)
    finally:
        session.close()


def test_a_session_that_read_and_then_needs_the_whole_application_gets_it_and_closes_the_read_side(tmp_path):
    db = f"sqlite:///{tmp_path / 'udsyn.db'}"
    set_up_kalix(make_app(db))
    session = Session(db=db, actor=OFFICER, as_json=False)
    try:
        reader = session.reader
        closed = []
        reader.close = lambda: closed.append(True)  # noqa: E731 - the session must close what it replaces
        whole = session.app
        assert type(whole) is Udsyn and closed == [True]
        assert session.reader is whole and session.app is whole  # no second application after that
    finally:
        session.close()
