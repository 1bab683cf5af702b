"""Alembic environment of the county server: runs on the connection sync.server.db gives it."""

from alembic import context

from sync.server.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("server migrations run through sync.server.db.Database.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
