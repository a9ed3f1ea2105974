"""The link before the first event of the audit chain (domain.audit re-exports it). A module of
its own so that writing a link does not load the audit's values, ~1 ms of a command's start-up."""
GENESIS = bytes(32)
