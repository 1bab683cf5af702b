"""covering indexes for the worklist's reads of each child's latest records (issue 19)

The worklist reads, for every child, the latest assessment, the current service plan,
the latest enrollment event and each pairing's latest contact. Over the single-column
indexes each read looked the full rows up (a plan's row holds its measures) and sorted
them; these indexes hold the columns read, in the order wanted.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 04:40:00
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_assessment_latest": (
        "assessment",
        ["child_id", "assessed_on", "created_hlc", "level", "colour", "deleted"],
    ),
    "ix_service_plan_latest": (
        "service_plan",
        ["child_id", "written_on", "created_hlc", "id", "colour", "review_due", "deleted"],
    ),
    "ix_enrollment_event_latest": (
        "enrollment_event",
        ["child_id", "on_date", "created_hlc", "kind", "deleted"],
    ),
    "ix_pairing_contact_latest": ("pairing_contact", ["pairing_id", "contacted_on", "deleted"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
