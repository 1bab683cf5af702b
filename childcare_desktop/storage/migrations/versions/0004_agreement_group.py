"""an agreement's state and its dates change together: their edits are made over the group

Signing and ending an agreement on two laptops at once used to merge field by field and
could leave an agreement both signed and ended. From here an edit of any field of the
group carries the group's latest version as its base, so the server sees the race.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 09:00:00
"""

import dataclasses
import importlib.util
from pathlib import Path

from alembic import op

from childcare_desktop.storage.capture import install

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen here: later changes of the registry's groups need a migration of their own.
AGREEMENT_STATE = (
    "state",
    "signed_on",
    "signed_by_principal",
    "signed_by_carer",
    "witness",
    "filed_on",
    "remote_confirmation",
    "remote_note",
    "supersedes_id",
    "ended_on",
    "end_reason",
)


def _agreement_spec():  # type: ignore[no-untyped-def]
    path = Path(__file__).with_name("0001_initial_schema.py")
    spec = importlib.util.spec_from_file_location("childcare_migration_0001", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (found,) = [s for s in module.SPECS if s.name == "care_agreement"]
    return dataclasses.replace(found, with_base=True)


def upgrade() -> None:
    install(op.execute, [dataclasses.replace(_agreement_spec(), groups=(AGREEMENT_STATE,))])


def downgrade() -> None:
    install(op.execute, [_agreement_spec()])
