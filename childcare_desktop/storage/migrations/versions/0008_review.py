"""review: the township's answers (审核) to what directors did, synced insert-only

A store that has synced before this version marks where its review starts (everything it
already held counts as seen); a new store marks it at its first complete sync.

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-30 14:30:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Frozen here (see storage.capture): the captured columns of this schema version.
SPEC = TableSpec(
    "review",
    (
        "child_id",
        "subject_table",
        "subject_id",
        "subject_kind",
        "subject_digest",
        "decision",
        "comment",
        "decided_by",
        "decided_at",
        "region_code",
        "deleted",
    ),
    insert_only=True,
    with_base=True,
)
MARK = "review_since_hlc"


def upgrade() -> None:
    op.create_table(
        "review",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("subject_table", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("subject_kind", sa.String(length=40), nullable=False),
        sa.Column("subject_digest", sa.String(length=64), nullable=False),
        sa.Column("decision", sa.String(length=40), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=50), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_review_child_id_child")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_subject_id"), ["subject_id"], unique=False)
    install(op.execute, [SPEC])
    # What a store held before it could review is not new to its supervisor.
    op.execute(
        "INSERT INTO setting (key, value) SELECT '" + MARK + "', CAST(hlc AS TEXT) "
        "FROM sync_site WHERE id = 1 AND EXISTS "
        "(SELECT 1 FROM sync_state WHERE last_ok_ms IS NOT NULL) "
        "AND NOT EXISTS (SELECT 1 FROM setting WHERE key = '" + MARK + "')"
    )


def downgrade() -> None:
    for name in trigger_names("review"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DELETE FROM setting WHERE key = '" + MARK + "'")
    op.drop_table("review")
