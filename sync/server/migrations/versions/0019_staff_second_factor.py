"""the console's second factor set up in the browser, recovery codes, per-address limit

Revision ID: 0019
Revises: 0017
Create Date: 2026-11-30 22:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("totp_pending", sa.String(length=64)))
    op.create_table(
        "staff_recovery",
        sa.Column("code_hash", sa.String(length=64), primary_key=True),
        sa.Column("staff", sa.String(length=60), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.Column("used_ms", sa.BigInteger()),
        sa.ForeignKeyConstraint(
            ["staff"], ["staff.name"], name=op.f("fk_staff_recovery_staff_staff")
        ),
    )
    op.create_index(op.f("ix_staff_recovery_staff"), "staff_recovery", ["staff"], unique=False)
    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
    )
    op.create_index(op.f("ix_login_failure_at_ms"), "login_failure", ["at_ms"], unique=False)
    op.create_index(
        "ix_login_failure_client_at_ms", "login_failure", ["client", "at_ms"], unique=False
    )


def downgrade() -> None:
    op.drop_table("login_failure")
    op.drop_table("staff_recovery")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("totp_pending")
