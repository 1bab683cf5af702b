"""the county console: staff accounts, their sessions and the audit of what they did

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("name", sa.String(length=60), primary_key=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("totp_secret", sa.String(length=64)),
        sa.Column("totp_required", sa.Boolean(), nullable=False),
        sa.Column("totp_last", sa.BigInteger()),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("locked_until_ms", sa.BigInteger()),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.Column("changed_ms", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "staff_session",
        sa.Column("id_hash", sa.String(length=64), primary_key=True),
        sa.Column("staff", sa.String(length=60), nullable=False),
        sa.Column("stage", sa.String(length=8), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.Column("seen_ms", sa.BigInteger(), nullable=False),
        sa.Column("expires_ms", sa.BigInteger(), nullable=False),
        sa.Column("ended_ms", sa.BigInteger()),
        sa.ForeignKeyConstraint(
            ["staff"], ["staff.name"], name=op.f("fk_staff_session_staff_staff")
        ),
    )
    op.create_table(
        "staff_audit",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
        sa.Column("staff", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
    )
    op.create_index(op.f("ix_staff_audit_at_ms"), "staff_audit", ["at_ms"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_audit_at_ms"), table_name="staff_audit")
    op.drop_table("staff_audit")
    op.drop_table("staff_session")
    op.drop_table("staff")
