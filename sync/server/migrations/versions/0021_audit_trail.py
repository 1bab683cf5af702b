"""the console's 查阅记录: the laptops' audit entries by moment, and by action

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 23:00:00
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_entry_at", "audit_entry", ["at", "site_id", "segment", "id"])
    op.create_index("ix_audit_entry_action_at", "audit_entry", ["action", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_entry_action_at", table_name="audit_entry")
    op.drop_index("ix_audit_entry_at", table_name="audit_entry")
