"""Read models (SPEC §4): pure functions of the event stream, kept current by the reporting job."""
