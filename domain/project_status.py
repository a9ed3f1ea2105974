"""The statuses a case moves through (SPEC §3), and which of them are final."""

IDEA, EXPLORATION, AWAITING, APPROVED = "idea", "exploration", "awaiting_decision", "approved"
EXECUTING, COMPLETED, REJECTED, WITHDRAWN = "executing", "completed", "rejected", "withdrawn"
STATUSES = (IDEA, EXPLORATION, AWAITING, APPROVED, EXECUTING, COMPLETED, REJECTED, WITHDRAWN)
CLOSED = (COMPLETED, REJECTED, WITHDRAWN)
