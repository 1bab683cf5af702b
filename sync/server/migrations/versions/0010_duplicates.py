"""suspected duplicates: each child's matching keys, and the cases opened on them

Revision ID: 0011
Revises: 0007
Create Date: 2026-11-30 15:00:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

KEYS = ("id_number", "name", "sex", "birth_date", "deleted")


def upgrade() -> None:
    op.create_table(
        "child_key",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("id_number", sa.String(length=30), nullable=True),
        sa.Column("name", sa.String(length=60), nullable=True),
        sa.Column("pinyin", sa.String(length=200), nullable=True),
        sa.Column("sex", sa.String(length=40), nullable=True),
        sa.Column("birth_date", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("row_id", name=op.f("pk_child_key")),
    )
    op.create_index(op.f("ix_child_key_id_number"), "child_key", ["id_number"])
    op.create_index("ix_child_key_name_birth", "child_key", ["name", "birth_date", "sex"])
    op.create_index("ix_child_key_pinyin_birth", "child_key", ["pinyin", "birth_date", "sex"])
    op.create_table(
        "duplicate_case",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("child_a", sa.String(length=64), nullable=False),
        sa.Column("child_b", sa.String(length=64), nullable=False),
        sa.Column("region_a", sa.String(length=12), nullable=False),
        sa.Column("region_b", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("opened_ms", sa.BigInteger(), nullable=False),
        sa.Column("closed_ms", sa.BigInteger(), nullable=True),
        sa.Column("decided_by", sa.String(length=60), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_case")),
        sa.UniqueConstraint("child_a", "child_b", name=op.f("uq_duplicate_case_child_a_child_b")),
    )
    op.create_index(op.f("ix_duplicate_case_region_a"), "duplicate_case", ["region_a"])
    op.create_index(op.f("ix_duplicate_case_region_b"), "duplicate_case", ["region_b"])
    _keys_of_children_already_here()


def _keys_of_children_already_here() -> None:
    """The county's children received before this version: a new file is compared with
    them too (no case is opened for them now; one opens when either changes)."""
    import dataclasses

    from childcare_desktop.core.duplicates import keys

    conn = op.get_bind()
    found: dict[str, dict[str, object]] = {}
    for row_id, region, name, value in conn.execute(
        sa.text(
            "SELECT f.row_id, r.region, f.field, f.value FROM field_state f "
            "JOIN row_state r ON r.tbl = f.tbl AND r.row_id = f.row_id "
            "WHERE f.tbl = 'child' AND f.field IN ('id_number', 'name', 'sex', "
            "'birth_date', 'deleted')"
        )
    ):
        found.setdefault(row_id, {"_region": region})[name] = json.loads(value)
    rows = []
    for row_id, values in found.items():
        if values.get("deleted"):
            continue
        k = keys(values)
        rows.append({"row_id": row_id, "region": values["_region"], **dataclasses.asdict(k)})
    if rows:
        table = sa.table("child_key", *(sa.column(c) for c in rows[0]))
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("duplicate_case")
    op.drop_table("child_key")
