"""The business rules a project is held to, each a small named check that raises RuleViolation."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.errors import RuleViolation


def r2_mandate_before_exploring(ref: str, outside_strategy: bool, has_mandate: bool) -> None:
    """R2: exploring inside the strategy is free; outside every focus area it needs a mandate."""
    if outside_strategy and not has_mandate:
        raise RuleViolation(
            "R2",
            "the idea is outside every focus area; it needs an administrative mandate"
            " (project decide … in the idea state) before it is explored",
            ref=ref,
        )


def r3_decider_may_approve(ref: str, amount: Decimal, threshold: Decimal, political: bool, body: str) -> None:
    """R3: above the threshold only a political body may approve; below it an official suffices."""
    if amount > threshold and not political:
        raise RuleViolation(
            "R3",
            f"budget {amount} exceeds the approval threshold {threshold}; it needs a political"
            f" decision, and '{body}' is a delegated official",
            ref=ref,
        )


def r3_within_ceiling(ref: str, spent: Decimal, amount: Decimal, ceiling: Decimal) -> None:
    """R3: spending above the approved ceiling is refused without a new decision."""
    if spent + amount > ceiling:
        raise RuleViolation(
            "R3",
            f"spending {amount} would bring the total to {spent + amount}, above the approved"
            f" ceiling {ceiling}; a new decision is needed",
            ref=ref,
        )


def r4_funding_covers_ceiling(ref: str, own: Decimal | None, granted: Decimal, ceiling: Decimal) -> None:
    """R4: the department's own contribution covers what external funding does not."""
    if own is None:
        raise RuleViolation(
            "R4", "the responsible department has not committed its own contribution", ref=ref
        )
    if own + granted < ceiling:
        raise RuleViolation(
            "R4",
            f"own contribution {own} and granted external funding {granted} do not cover"
            f" the approved budget {ceiling}",
            ref=ref,
        )


def r6_has_indicator_target(ref: str, indicators: int) -> None:
    """R6: a project cannot start execution without an indicator with a target."""
    if indicators == 0:
        raise RuleViolation(
            "R6", "a project needs at least one indicator with a target before it starts", ref=ref
        )


def r8_lessons_recorded(ref: str, lessons: str) -> None:
    """R8: a completed project records its lessons learned for the organisation."""
    if not lessons.strip():
        raise RuleViolation("R8", "completion records the lessons learned; they are empty", ref=ref)


def r12_decision_in_force(
    ref: str, on: date, in_force_on: date, appeal_ends: date | None, what: str
) -> None:
    """R12: funding commitments and execution wait for entry into force and the appeal window."""
    if on < in_force_on:
        raise RuleViolation(
            "R12", f"{what} on {on} is before the decision enters into force on {in_force_on}", ref=ref
        )
    if appeal_ends is not None and on <= appeal_ends:
        raise RuleViolation(
            "R12", f"{what} on {on} is within the appeal window, which ends {appeal_ends}", ref=ref
        )


def r12_no_open_obligations(ref: str, open_keys: list[str]) -> None:
    """R12: a project cannot complete while a condition's obligation is open."""
    if open_keys:
        raise RuleViolation(
            "R12", f"obligations still open: {', '.join(open_keys)}; fulfil them first", ref=ref
        )
