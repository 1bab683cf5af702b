"""visit_latest: each child's last visit and last home visit, kept by triggers

A worklist needs, for every child, the day of the last visit of any kind and of the last
home visit. Seeking them in the index of every visit touched nearly every page of that
index (a child's visits lie together, but the children are many): on a 5,000-child store
with a year of visits, 1,172 of the 2,630 pages the first worklist after opening decrypts.
This table holds one row per child; triggers on ``visit`` recompute a child's row from
its visits whenever one of them is inserted, changed or removed, in the same
transaction, whatever wrote it (the app, a pulled change, an import, a repair).

Each trigger deletes the child's row and inserts it again, plain statements both: an
``OR IGNORE`` or ``OR REPLACE`` on the statement that fires a trigger overrides the
conflict clause of the trigger's own statements, so an upsert here could be skipped.

A migration that rebuilds ``visit`` (a batch ALTER) drops these triggers with it and
must create them again; ``maintenance.check_store`` reports them missing.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

# Frozen with this revision: later code must not change what it created.
HOME = "home"


def _recompute(child: str) -> str:
    # Two seeks into ix_visit_child_day, the latest first (SQLite's min/max optimisation
    # of a lone max()), not one aggregate over all the child's visits: a first pull inserts
    # a child's visits one by one, and rereading them all at each made it quadratic.
    last = f"(SELECT max(visited_on) FROM visit WHERE child_id = {child} AND deleted = 0"
    return (
        f"DELETE FROM visit_latest WHERE child_id = {child}; "
        "INSERT INTO visit_latest (child_id, last_on, last_home_on) "
        f"VALUES ({child}, {last}), {last} AND mode = '{HOME}'));"
    )


TRIGGERS = {
    "visit__latest_ins": f"AFTER INSERT ON visit BEGIN {_recompute('NEW.child_id')} END",
    "visit__latest_upd": (
        "AFTER UPDATE OF child_id, visited_on, mode, deleted ON visit BEGIN "
        f"{_recompute('OLD.child_id')} {_recompute('NEW.child_id')} END"
    ),
    "visit__latest_del": f"AFTER DELETE ON visit BEGIN {_recompute('OLD.child_id')} END",
}


def upgrade() -> None:
    op.create_table(
        "visit_latest",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("last_on", sa.Date(), nullable=True),
        sa.Column("last_home_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("child_id"),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO visit_latest (child_id, last_on, last_home_on) "
        f"SELECT child_id, max(visited_on), max(CASE WHEN mode = '{HOME}' THEN visited_on END) "
        "FROM visit WHERE deleted = 0 GROUP BY child_id"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table("visit_latest")
