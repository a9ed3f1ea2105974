"""The annual report (R5, R7): built from the ledger as plain data, rendered in five formats."""
