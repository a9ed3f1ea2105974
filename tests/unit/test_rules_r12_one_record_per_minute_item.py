"""R12: a decision is one minute record; the same body, meeting and agenda item is recorded once."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.errors import DecisionAlreadyRecorded
from tests.unit.builders import BOARD, COMMITTEE, KALIX, MEETING, approved, awaiting, decide, meta, refused


def minute(project, item: str, *, body=BOARD, meeting: date = MEETING, outcome: str = "approved"):
    return project.decide(body=body, outcome=outcome, meeting_date=meeting, item=item, strategy=KALIX,
                          meta=meta(meeting))


def test_recording_the_same_minute_item_again_is_refused_naming_r12():
    project = approved()
    error = refused(
        project, DecisionAlreadyRecorded, lambda: decide(project, ceiling=Decimal(40000)), match=r"^R12: "
    )
    assert str(MEETING) in str(error) and "§ 7" in str(error)
    assert len(project.decisions) == 1


def test_the_same_item_written_with_other_spacing_is_the_same_record():
    project = approved()
    refused(project, DecisionAlreadyRecorded, lambda: minute(project, " §7 "))


def test_another_item_another_meeting_or_another_body_is_a_new_record():
    project = awaiting()
    minute(project, "§ 7", outcome="postponed")
    minute(project, "§ 8", outcome="postponed")
    minute(project, "§ 7", meeting=date(2026, 2, 12), outcome="postponed")
    minute(project, "§ 7", body=COMMITTEE, meeting=date(2026, 2, 12))
    assert [d.outcome for d in project.decisions] == ["postponed"] * 3 + ["approved"]
