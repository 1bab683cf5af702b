"""SQLAlchemy models, the encrypted engine, migrations and change capture. No Qt."""
