"""`udsyn strategy show --coverage`: which projects serve each focus area, target group and goal of
the strategy in force, and which nobody serves (rejected and withdrawn projects serve nothing)."""
from __future__ import annotations

KINDS = {"focus_area": "focus areas", "target_group": "target groups", "goal": "goals"}


def show_coverage(s, on) -> None:
    coverage = s.app.strategy_coverage(s.user, on)
    v = coverage.strategy
    rows = [{"kind": r.kind, "key": r.key, "name": r.name,
             "projects": [{"ref": p.ref, "status": p.status, "title": p.title} for p in r.projects]}
            for r in coverage.rows]
    unserved = {kind: [r.key for r in coverage.unserved if r.kind == kind] for kind in KINDS}
    data = {"strategy": {"version": v.version, "title": v.title, "adopted_on": v.adopted_on},
            "coverage": rows, "unserved": unserved}
    lines = [f"{v.title} (version {v.version}, adopted {v.adopted_on}): coverage"]
    for kind, heading in KINDS.items():
        lines += ["", f"{heading}:"]
        for r in (r for r in coverage.rows if r.kind == kind):
            refs = ", ".join(f"{p.ref} ({p.status})" for p in r.projects) or "NOBODY"
            lines.append(f"  {r.key:<16} {len(r.projects):>2}  {refs}")
    lines.append("")
    for kind, heading in KINDS.items():
        lines.append(f"{heading} nobody serves: {', '.join(unserved[kind]) or 'none'}")
    s.emit(data, "\n".join(lines))
