"""What the portfolio covers of the strategy: the projects serving each focus area, target group and
goal, and the ones nobody serves (application and `strategy show --coverage`)."""

from __future__ import annotations

import json

from tests.cli.helpers import run
from tests.support import AUDITOR, ctx, make_app, register, set_up_kalix


def served(coverage, kind: str) -> dict[str, list[str]]:
    return {r.key: [p.ref for p in r.projects] for r in coverage.rows if r.kind == kind}


def test_coverage_lists_the_projects_per_goal_and_target_group_and_what_nobody_serves(kalix):
    school = register(kalix, target_group=["skolungdomar"], goal=["kontaktnat"])
    business = register(kalix, focus_area=["naringsliv"], target_group=["foretag", "skolungdomar"])

    coverage = kalix.strategy_coverage(AUDITOR)

    assert served(coverage, "target_group") == {"skolungdomar": [school, business], "foretag": [business]}
    assert served(coverage, "goal") == {"kontaktnat": [school]}
    assert served(coverage, "focus_area") == {"utbildning": [school], "naringsliv": [business], "turism": []}
    assert [(r.kind, r.key) for r in coverage.unserved] == [("focus_area", "turism")]


def test_withdrawn_and_rejected_projects_serve_nothing(kalix):
    ref = register(kalix, goal=["kontaktnat"])
    kalix.withdraw(ctx(), ref, reason="Partnerskolan drog sig ur")

    coverage = kalix.strategy_coverage(AUDITOR)

    assert [(r.kind, r.key) for r in coverage.unserved if r.kind == "goal"] == [("goal", "kontaktnat")]


def test_strategy_show_coverage_in_text_and_json(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    ref = register(app, target_group=["skolungdomar"])

    text = run("strategy show --coverage", db=sqlite_url, actor=AUDITOR)
    data = json.loads(run("strategy show --coverage", db=sqlite_url, actor=AUDITOR, as_json=True).out)

    assert text.code == 0
    assert f"  skolungdomar      1  {ref} (idea)" in text.out
    assert "goals nobody serves: kontaktnat" in text.out
    assert data["unserved"] == {"focus_area": ["naringsliv", "turism"], "target_group": ["foretag"],
                                "goal": ["kontaktnat"]}
    assert data["coverage"][0] == {"kind": "focus_area", "key": "utbildning", "name": "Utbildning",
                                   "projects": [{"ref": ref, "status": "idea", "title": "Elevutbyte med Pielavesi"}]}
