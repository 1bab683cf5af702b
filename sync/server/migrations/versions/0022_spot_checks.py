"""spot checks (抽查): the draws, their files' checklists and the findings

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "spot_check",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("scope", sa.String(length=12), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("seed", sa.String(length=40), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("sample", sa.Text(), nullable=False),
        sa.Column("drawn_by", sa.String(length=60), nullable=False),
        sa.Column("drawn_ms", sa.BigInteger(), nullable=False),
    )
    op.create_index(op.f("ix_spot_check_drawn_ms"), "spot_check", ["drawn_ms"], unique=False)
    op.create_table(
        "spot_check_file",
        sa.Column("check_id", sa.String(length=32), primary_key=True),
        sa.Column("child_id", sa.String(length=64), primary_key=True),
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text()),
        sa.Column("recorded_by", sa.String(length=60)),
        sa.Column("recorded_ms", sa.BigInteger()),
    )
    op.create_table(
        "spot_finding",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("check_id", sa.String(length=32), nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("item", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("drawn_ms", sa.BigInteger(), nullable=False),
        sa.Column("fixed_ms", sa.BigInteger()),
        sa.Column("fixed_by", sa.String(length=60)),
    )
    op.create_index(op.f("ix_spot_finding_check_id"), "spot_finding", ["check_id"], unique=False)
    op.create_index(op.f("ix_spot_finding_region"), "spot_finding", ["region"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_spot_finding_region"), table_name="spot_finding")
    op.drop_index(op.f("ix_spot_finding_check_id"), table_name="spot_finding")
    op.drop_table("spot_finding")
    op.drop_table("spot_check_file")
    op.drop_index(op.f("ix_spot_check_drawn_ms"), table_name="spot_check")
    op.drop_table("spot_check")
