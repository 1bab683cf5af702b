"""Alembic environment: migrations run on the store's own (already unlocked) connection."""

from alembic import context

from childcare_desktop.storage.models import Base, Code


def render_item(type_, obj, autogen_context):
    """Vocabulary columns are plain strings in the schema; the enum is an ORM concern."""
    if type_ == "type" and isinstance(obj, Code):
        return f"sa.String(length={obj.impl.length})"
    return False


connection = context.config.attributes["connection"]
if connection is None:
    raise RuntimeError("migrations run through childcare_desktop.storage.migrate only")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
