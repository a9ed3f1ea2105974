"""R8: a completed project records the lessons learned for the organisation."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import RuleViolation
from tests.unit.builders import executing, meta, refused

DONE = date(2026, 12, 1)


@pytest.mark.parametrize("lessons", ["", "   ", "\n\t"])
def test_completing_with_blank_lessons_is_refused(lessons):
    project = executing()
    error = refused(project, RuleViolation, lambda: project.complete(lessons, meta(DONE)), match=r"^R8: ")
    assert error.rule == "R8"
    assert project.status == "executing"


def test_completing_with_lessons_learned_is_allowed():
    project = executing()
    project.complete("Utbytet fungerar bäst med två lärare per grupp.", meta(DONE))
    assert project.status == "completed"
