"""roles: county-viewer and county-admin (the county role of 0001 is county-admin)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.alter_column("role", existing_type=sa.String(length=12), type_=sa.String(length=20))
    op.execute("UPDATE app_user SET role = 'county-admin' WHERE role = 'county'")


def downgrade() -> None:
    op.execute("UPDATE app_user SET role = 'county' WHERE role LIKE 'county-%'")
    with op.batch_alter_table("app_user") as batch:
        batch.alter_column("role", existing_type=sa.String(length=20), type_=sa.String(length=12))
