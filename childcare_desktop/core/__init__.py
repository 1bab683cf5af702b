"""Pure domain: value types, rules, policies and error kinds. No Qt, no SQLAlchemy."""
