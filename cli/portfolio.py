"""`udsyn portfolio`: choosing between ideas (R11)."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import DATE


@click.group(context_settings=CONTEXT)
def portfolio():
    """The portfolio of projects as a whole: prioritising ideas against the strategy."""


@portfolio.command("rank", context_settings=CONTEXT)
@click.option("--status", "statuses", default="idea,exploration", show_default=True,
              help="Comma-separated statuses of the candidates to rank.")
@click.option("--on", type=DATE, help="Rank against the strategy version in force on this date (default today).")
@click.pass_obj
def rank(s, statuses, on):
    """Rank candidate projects by fit with the strategy in force (R11). Every score is explained:
    each factor's raw value, points, weight (from the strategy file's [ranking]) and contribution,
    which add up to the score. Ideas outside every focus area are flagged, not hidden (R1).

    \b
    Example:
      udsyn portfolio rank
      udsyn --json portfolio rank --status idea,exploration,awaiting_decision
    """
    wanted = [x.strip() for x in statuses.split(",") if x.strip()]
    result = s.app.rank_portfolio(s.user, wanted, on)
    v = result.strategy
    data = {
        "strategy": {"version": v.version, "title": v.title, "adopted_on": v.adopted_on},
        "weights": result.weights,
        "statuses": wanted,
        "ranking": [
            {"rank": r.rank, "ref": r.candidate.ref, "title": r.candidate.title, "status": r.candidate.status,
             "score": r.score, "flags": r.flags,
             "explanation": [{"factor": c.factor, "raw": c.raw, "points": c.points, "weight": c.weight,
                              "contribution": c.contribution} for c in r.explanation]}
            for r in result.ranked
        ],
    }
    s.emit(data, _text(result, wanted))


def _text(result, wanted: list[str]) -> str:
    v = result.strategy
    weights = ", ".join(f"{k} {w}" for k, w in result.weights.items())
    lines = [f"Ranked against {v.title} (version {v.version}, adopted {v.adopted_on})",
             f"weights: {weights}", ""]
    if not result.ranked:
        return "\n".join([*lines, f"no projects in {', '.join(wanted)}"])
    for r in result.ranked:
        c = r.candidate
        lines.append(f"{r.rank:>3}. {c.ref:<14} {r.score:>7.2f}  {c.status:<12} {c.title}")
        for line in r.explanation:
            lines.append(f"       {line.label:<26} {line.points:>7.4f} × {line.weight:<4} = {line.contribution:>6.2f}"
                         f"   {line.raw}")
        lines += [f"       ! {flag}" for flag in r.flags]
    return "\n".join(lines)
