"""duplicates: the file a merge kept (the first decision of a case wins)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 17:30:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("duplicate_case") as batch:
        batch.add_column(sa.Column("kept", sa.String(length=64), nullable=True))
    _kept_of_cases_merged_before()


def _kept_of_cases_merged_before() -> None:
    """The file kept by each case merged before this version, from its decision (an
    exit of the other file sent again after a restore still finds it)."""
    conn = op.get_bind()
    decisions: dict[str, dict[str, object]] = {}
    for row_id, name, value in conn.execute(
        sa.text(
            "SELECT row_id, field, value FROM field_state WHERE tbl = 'duplicate_decision' "
            "AND field IN ('case_id', 'child_id', 'outcome')"
        )
    ):
        decisions.setdefault(row_id, {})[name] = json.loads(value)
    for d in decisions.values():
        if d.get("outcome") == "merged":
            conn.execute(
                sa.text(
                    "UPDATE duplicate_case SET kept = :kept "
                    "WHERE id = :case AND state = 'merged' AND kept IS NULL "
                    "AND :kept IN (child_a, child_b)"
                ),
                {"kept": d.get("child_id"), "case": d.get("case_id")},
            )


def downgrade() -> None:
    with op.batch_alter_table("duplicate_case") as batch:
        batch.drop_column("kept")
