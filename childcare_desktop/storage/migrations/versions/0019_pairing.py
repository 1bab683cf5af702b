"""pairing, pairing_contact, school_notice: 结对帮扶 and 告知学校 (issue 18)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 01:50:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# Frozen here: later changes of the tables need a migration of their own.
SPECS = [
    TableSpec(
        "pairing",
        (
            "child_id",
            "helper_name",
            "helper_role",
            "phone",
            "since",
            "until",
            "end_reason",
            "region_code",
            "deleted",
        ),
        with_base=True,
    ),
    TableSpec(
        "pairing_contact",
        ("pairing_id", "contacted_on", "mode", "content", "region_code", "deleted"),
        insert_only=True,
        with_base=True,
    ),
    TableSpec(
        "school_notice",
        (
            "child_id",
            "school_name",
            "told_on",
            "mode",
            "contents",
            "told_whom",
            "note",
            "region_code",
            "deleted",
        ),
        json_columns=frozenset(["contents"]),
        insert_only=True,
        with_base=True,
    ),
]


def _sync_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
    ]


def _indexes(table: str, owner: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_{owner}"), [owner], unique=False)
        batch_op.create_index(batch_op.f(f"ix_{table}_region_code"), ["region_code"], unique=False)


def upgrade() -> None:
    op.create_table(
        "pairing",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("helper_name", sa.String(length=50), nullable=False),
        sa.Column("helper_role", sa.String(length=40), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=200), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_pairing_child_id_child")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairing")),
    )
    _indexes("pairing", "child_id")
    op.create_table(
        "pairing_contact",
        sa.Column("pairing_id", sa.String(length=36), nullable=False),
        sa.Column("contacted_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["pairing_id"], ["pairing.id"], name=op.f("fk_pairing_contact_pairing_id_pairing")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairing_contact")),
    )
    _indexes("pairing_contact", "pairing_id")
    op.create_table(
        "school_notice",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("school_name", sa.String(length=100), nullable=False),
        sa.Column("told_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("contents", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("told_whom", sa.String(length=50), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_school_notice_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_notice")),
    )
    _indexes("school_notice", "child_id")
    install(op.execute, SPECS)


def downgrade() -> None:
    for table in ("school_notice", "pairing_contact", "pairing"):
        for trigger in trigger_names(table):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.drop_table(table)
