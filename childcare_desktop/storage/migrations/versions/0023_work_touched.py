"""work_touched: the children whose worklist facts changed, logged by triggers (issue 19)

An open store keeps its last worklist in memory (``services.worklist``); the next one
recomputes only the children logged here since. Triggers on every table the worklist
reads by child append the child's id, in the transaction that writes the row, whatever
wrote it (the app, a pulled change applied with change capture off, an import, a
repair): a row's child before and after an update, the parent's child for a row that
belongs to a visit, a dropout, a pairing or a report. A NULL child (a finding or report
of no child) makes the next worklist a full one.

The log is append-only with an AUTOINCREMENT key, so no conflict clause is involved: an
``OR IGNORE`` / ``OR REPLACE`` on the statement that fires a trigger overrides the
conflict clause of the trigger's own statements (see 0022). ``work_touched_state``
records up to which entry the log was pruned: a cache older than that starts again.

The audit's school changes (school notices owed) are written with the child's row, which
logs the child. Clues, the county's policy and the settings are read whole at every worklist (a few
rows), so they need no trigger. A migration that rebuilds one of these tables drops its
triggers and must create them again; ``maintenance.check_store`` reports them missing.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 23:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# Frozen with this revision: later code must not change what it created.
# table -> the child of a row (ROW stands for NEW or OLD)
CHILD_OF = {
    "child": "ROW.id",
    "assessment": "ROW.child_id",
    "visit": "ROW.child_id",
    "visit_amendment": "(SELECT child_id FROM visit WHERE id = ROW.visit_id)",
    "category_membership": "ROW.child_id",
    "care_agreement": "ROW.child_id",
    "enrollment_event": "ROW.child_id",
    "spot_finding": "ROW.child_id",
    "dropout": "ROW.child_id",
    "persuasion": "(SELECT child_id FROM dropout WHERE id = ROW.dropout_id)",
    "problem": "ROW.child_id",
    "service_plan": "ROW.child_id",
    "quarterly_check": "ROW.child_id",
    "pairing": "ROW.child_id",
    "pairing_contact": "(SELECT child_id FROM pairing WHERE id = ROW.pairing_id)",
    "school_notice": "ROW.child_id",
    "incident": "ROW.child_id",
    "incident_followup": "(SELECT child_id FROM incident WHERE id = ROW.incident_id)",
}


def _log(table: str, row: str) -> str:
    child = CHILD_OF[table].replace("ROW", row)
    return f"INSERT INTO work_touched (child_id) VALUES ({child});"


def _triggers() -> dict[str, str]:
    found = {}
    for table in CHILD_OF:
        found[f"{table}__touched_ins"] = f"AFTER INSERT ON {table} BEGIN {_log(table, 'NEW')} END"
        found[f"{table}__touched_upd"] = (
            f"AFTER UPDATE ON {table} BEGIN {_log(table, 'OLD')} {_log(table, 'NEW')} END"
        )
        found[f"{table}__touched_del"] = f"AFTER DELETE ON {table} BEGIN {_log(table, 'OLD')} END"
    return found


TRIGGERS = _triggers()


def upgrade() -> None:
    op.execute(
        "CREATE TABLE work_touched (seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, child_id VARCHAR(36))"
    )
    op.create_table(
        "work_touched_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pruned_upto", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.CheckConstraint("id = 1", name="ck_work_touched_state_one"),
    )
    op.execute("INSERT INTO work_touched_state (id, pruned_upto) VALUES (1, 0)")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table("work_touched_state")
    op.drop_table("work_touched")
