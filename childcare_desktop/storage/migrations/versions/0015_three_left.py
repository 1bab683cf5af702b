"""left_behind_adult, left_behind_adult_visit: 三留守's women and elderly (issue 18)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 02:00:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Frozen here: later changes of the tables need a migration of their own.
SPECS = [
    TableSpec(
        "left_behind_adult",
        (
            "kind",
            "name",
            "sex",
            "birth_date",
            "id_number",
            "address",
            "work_place",
            "away_who",
            "health",
            "phone",
            "registered_on",
            "notes",
            "exited_on",
            "exit_reason",
            "region_code",
            "deleted",
        ),
        with_base=True,
        groups=(("exit_reason", "exited_on"),),
    ),
    TableSpec(
        "left_behind_adult_visit",
        ("person_id", "visited_on", "mode", "notes", "region_code", "deleted"),
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


def upgrade() -> None:
    op.create_table(
        "left_behind_adult",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("sex", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("id_number", sa.String(length=30), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("work_place", sa.String(length=100), nullable=True),
        sa.Column("away_who", sa.String(length=100), nullable=True),
        sa.Column("health", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("exited_on", sa.Date(), nullable=True),
        sa.Column("exit_reason", sa.String(length=40), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_left_behind_adult")),
    )
    with op.batch_alter_table("left_behind_adult", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_left_behind_adult_region_code"), ["region_code"], unique=False
        )
    op.create_table(
        "left_behind_adult_visit",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["left_behind_adult.id"],
            name=op.f("fk_left_behind_adult_visit_person_id_left_behind_adult"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_left_behind_adult_visit")),
    )
    with op.batch_alter_table("left_behind_adult_visit", schema=None) as batch_op:
        for column in ("person_id", "region_code"):
            batch_op.create_index(
                batch_op.f(f"ix_left_behind_adult_visit_{column}"), [column], unique=False
            )
    install(op.execute, SPECS)


def downgrade() -> None:
    for table in ("left_behind_adult_visit", "left_behind_adult"):
        for trigger in trigger_names(table):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.drop_table(table)
