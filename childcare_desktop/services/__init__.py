"""Use cases: fn(session, *, args) -> plain records. They never commit; the caller does."""
