"""Every read model the reporting job keeps, by the name the CLI uses (`projections rebuild NAME`)."""
from __future__ import annotations

from infrastructure.projections.audit_trail import AuditTrail
from infrastructure.projections.base import Projection
from infrastructure.projections.decision_register import DecisionRegister
from infrastructure.projections.portfolio import Portfolio

ALL_PROJECTIONS: dict[str, type[Projection]] = {
    AuditTrail.name: AuditTrail,
    DecisionRegister.name: DecisionRegister,
    Portfolio.name: Portfolio,
}
