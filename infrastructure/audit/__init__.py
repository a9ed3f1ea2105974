"""The audit chain: a hash chain over the stored event stream, seals, export and import."""
