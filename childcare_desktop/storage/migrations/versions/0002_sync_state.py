"""sync state: server and token, field bases, conflicts, resolutions; edits carry their base

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:00:00
"""

import dataclasses
import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import install


def _specs_0001() -> list:
    path = Path(__file__).with_name("0001_initial_schema.py")
    spec = importlib.util.spec_from_file_location("childcare_migration_0001", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SPECS


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.String(length=200), nullable=True),
        sa.Column("device_id", sa.String(length=32), nullable=True),
        sa.Column("token", sa.String(length=100), nullable=True),
        sa.Column("user_name", sa.String(length=60), nullable=True),
        sa.Column("role", sa.String(length=12), nullable=True),
        sa.Column("scope", sa.String(length=12), nullable=True),
        sa.Column("epoch", sa.String(length=32), nullable=True),
        sa.Column("cursors", sa.Text(), server_default="{}", nullable=False),
        sa.Column("auto_sync", sa.Integer(), server_default="1", nullable=False),
        sa.Column("last_ok_ms", sa.BigInteger(), nullable=True),
        sa.Column("last_try_ms", sa.BigInteger(), nullable=True),
        sa.Column("last_error", sa.String(length=40), nullable=True),
        sa.Column("clock_offset_ms", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "field_base",
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id", "field", name=op.f("pk_field_base")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_row_id"), ["row_id"], unique=False)
    op.create_table(
        "sync_resolution",
        sa.Column("conflict_id", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("conflict_id", name=op.f("pk_sync_resolution")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("base", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch_op.create_index(
            "ix_outbox_pending",
            ["site_id", "ctr"],
            unique=False,
            sqlite_where=sa.text("state = 'pending'"),
        )
    with op.batch_alter_table("blob", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uploaded", sa.Integer(), server_default="0", nullable=False))
    op.execute("INSERT INTO sync_state (id, cursors, auto_sync) VALUES (1, '{}', 1)")
    op.execute(
        "CREATE TRIGGER sync_state__keep BEFORE DELETE ON sync_state "
        "BEGIN SELECT RAISE(ABORT, 'sync_state: the row is permanent'); END"
    )
    # Edits now record their base version: same columns as 0001, new trigger bodies.
    install(op.execute, [dataclasses.replace(s, with_base=True) for s in _specs_0001()])


def downgrade() -> None:
    install(op.execute, _specs_0001())
    op.execute("DROP TRIGGER sync_state__keep")
    with op.batch_alter_table("blob", schema=None) as batch_op:
        batch_op.drop_column("uploaded")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_pending")
        batch_op.drop_column("note")
        batch_op.drop_column("base")
    op.drop_table("sync_resolution")
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_row_id"))
    op.drop_table("sync_conflict")
    op.drop_table("field_base")
    op.drop_table("sync_state")
