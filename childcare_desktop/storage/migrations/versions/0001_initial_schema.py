"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 22:58:36.874145
"""

import time
import uuid

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# The captured columns of each synced table in this schema version (see storage.capture).
SPECS = [
    TableSpec(
        "child",
        (
            "file_no",
            "name",
            "sex",
            "ethnicity",
            "birth_date",
            "id_type",
            "id_number",
            "hukou_registered",
            "hukou_type",
            "hukou_address",
            "current_address",
            "phone",
            "health",
            "disability_kind",
            "disability_grade",
            "illness",
            "school_stage",
            "school_name",
            "school_grade",
            "boarding",
            "economic_sources",
            "entrust_reason",
            "has_carer",
            "registered_on",
            "notes",
            "region_code",
            "deleted",
        ),
        json_columns=frozenset(["economic_sources"]),
    ),
    TableSpec(
        "family_member",
        (
            "child_id",
            "relation",
            "name",
            "birth_date",
            "life",
            "id_type",
            "id_number",
            "phone",
            "work_province",
            "work_city",
            "away_for_work",
            "away_since",
            "cross_county",
            "incapacity",
            "incapacity_since",
            "disability_kind",
            "disability_grade",
            "notes",
            "region_code",
            "deleted",
        ),
    ),
    TableSpec(
        "carer",
        (
            "child_id",
            "name",
            "id_type",
            "id_number",
            "phone",
            "relation",
            "address",
            "birth_date",
            "health",
            "lives_with_child",
            "notes",
            "region_code",
            "deleted",
        ),
    ),
    TableSpec(
        "category_membership",
        (
            "child_id",
            "category",
            "recognized_on",
            "ended_on",
            "end_reason",
            "basis",
            "region_code",
            "deleted",
        ),
    ),
    TableSpec(
        "enrollment_event",
        (
            "child_id",
            "kind",
            "on_date",
            "reason",
            "note",
            "region_code",
            "deleted",
        ),
        insert_only=True,
    ),
    TableSpec(
        "care_agreement",
        (
            "child_id",
            "principal_id",
            "carer_id",
            "state",
            "start_date",
            "end_date",
            "contact_frequency",
            "fee",
            "child_opinion",
            "remote_confirmation",
            "remote_note",
            "signed_on",
            "signed_by_principal",
            "signed_by_carer",
            "witness",
            "filed_on",
            "ended_on",
            "end_reason",
            "supersedes_id",
            "scan_attachment_id",
            "notes",
            "region_code",
            "deleted",
        ),
    ),
    TableSpec(
        "assessment",
        (
            "child_id",
            "assessed_on",
            "assessor",
            "level",
            "colour",
            "score_guardianship",
            "score_health",
            "score_behaviour",
            "reason",
            "region_code",
            "deleted",
        ),
        insert_only=True,
    ),
    TableSpec(
        "visit",
        (
            "child_id",
            "visited_on",
            "mode",
            "visitor",
            "companions",
            "met_child",
            "carer_present",
            "child_condition",
            "findings",
            "actions",
            "notes",
            "region_code",
            "deleted",
        ),
        insert_only=True,
    ),
    TableSpec(
        "visit_amendment",
        (
            "visit_id",
            "field",
            "value",
            "reason",
            "amended_on",
            "region_code",
            "deleted",
        ),
        insert_only=True,
    ),
    TableSpec(
        "incident",
        (
            "child_id",
            "discovered_at",
            "discovered_how",
            "situations",
            "description",
            "emergency_measures",
            "reported_to",
            "reported_at",
            "report_method",
            "receipt_no",
            "also_notified",
            "reporter_name",
            "reporter_phone",
            "confidential",
            "region_code",
            "deleted",
        ),
        json_columns=frozenset(["also_notified", "situations"]),
        insert_only=True,
    ),
    TableSpec(
        "incident_followup",
        (
            "incident_id",
            "stage",
            "on_date",
            "action",
            "result",
            "done_by",
            "region_code",
            "deleted",
        ),
        insert_only=True,
    ),
    TableSpec(
        "assistance",
        (
            "child_id",
            "kind",
            "start_date",
            "end_date",
            "amount_yuan",
            "period",
            "provider",
            "note",
            "region_code",
            "deleted",
        ),
    ),
    TableSpec(
        "attachment",
        (
            "child_id",
            "owner_table",
            "owner_id",
            "sha256",
            "name",
            "mime",
            "size",
            "kind",
            "note",
            "region_code",
            "deleted",
        ),
    ),
    TableSpec(
        "county_policy",
        (
            "body",
            "version",
            "effective_from",
            "region_code",
            "deleted",
        ),
        json_columns=frozenset(["body"]),
    ),
]


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_child_id"), ["child_id"], unique=False)

    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blob")),
    )
    op.create_table(
        "child",
        sa.Column("file_no", sa.String(length=40), nullable=True),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_pinyin", sa.String(length=400), server_default="", nullable=False),
        sa.Column("sex", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("ethnicity", sa.String(length=20), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("id_type", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("id_number", sa.String(length=30), nullable=True),
        sa.Column(
            "hukou_registered", sa.String(length=40), server_default="unknown", nullable=False
        ),
        sa.Column("hukou_type", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("hukou_address", sa.String(length=200), nullable=True),
        sa.Column("current_address", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("health", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("disability_kind", sa.String(length=40), nullable=True),
        sa.Column("disability_grade", sa.Integer(), nullable=True),
        sa.Column("illness", sa.String(length=200), nullable=True),
        sa.Column("school_stage", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("school_name", sa.String(length=100), nullable=True),
        sa.Column("school_grade", sa.String(length=20), nullable=True),
        sa.Column("boarding", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("economic_sources", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("entrust_reason", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("has_carer", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child")),
    )
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_id_number"), ["id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_region_code"), ["region_code"], unique=False)

    op.create_table(
        "county_policy",
        sa.Column("body", sa.JSON(), server_default="{}", nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_policy")),
    )
    with op.batch_alter_table("county_policy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_county_policy_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "outbox",
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("ctr", sa.BigInteger(), nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("device_ms", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=12), server_default="pending", nullable=False),
        sa.Column("acked_seq", sa.BigInteger(), nullable=True),
        sa.Column("acked_ms", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("kind IN ('insert', 'set')", name=op.f("ck_outbox_kind")),
        sa.PrimaryKeyConstraint("site_id", "ctr", name=op.f("pk_outbox")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "sync_site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("ctr", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("hlc", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("applying", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_site_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_site")),
    )
    op.create_table(
        "assessment",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessor", sa.String(length=50), nullable=True),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("colour", sa.String(length=40), nullable=False),
        sa.Column("score_guardianship", sa.Integer(), nullable=True),
        sa.Column("score_health", sa.Integer(), nullable=True),
        sa.Column("score_behaviour", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_assessment_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_assessment_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "assistance",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("amount_yuan", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(length=20), nullable=True),
        sa.Column("provider", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_assistance_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistance")),
    )
    with op.batch_alter_table("assistance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assistance_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_assistance_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "attachment",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("owner_table", sa.String(length=40), nullable=True),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_attachment_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_attachment_region_code"), ["region_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)

    op.create_table(
        "carer",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_type", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("id_number", sa.String(length=30), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("relation", sa.String(length=40), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("health", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column(
            "lives_with_child", sa.String(length=40), server_default="unknown", nullable=False
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_carer_child_id_child")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer")),
    )
    with op.batch_alter_table("carer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_carer_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_region_code"), ["region_code"], unique=False)

    op.create_table(
        "category_membership",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("recognized_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=200), nullable=True),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_category_membership_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category_membership")),
    )
    with op.batch_alter_table("category_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_category_membership_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_category_membership_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "enrollment_event",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_enrollment_event_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment_event")),
    )
    with op.batch_alter_table("enrollment_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrollment_event_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_enrollment_event_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "family_member",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("relation", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("life", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("id_type", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("id_number", sa.String(length=30), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("work_province", sa.String(length=20), nullable=True),
        sa.Column("work_city", sa.String(length=30), nullable=True),
        sa.Column("away_for_work", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("away_since", sa.Date(), nullable=True),
        sa.Column("cross_county", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("incapacity", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("incapacity_since", sa.Date(), nullable=True),
        sa.Column("disability_kind", sa.String(length=40), nullable=True),
        sa.Column("disability_grade", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_family_member_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_member")),
    )
    with op.batch_alter_table("family_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_member_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_family_member_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "incident",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("discovered_at", sa.DateTime(), nullable=False),
        sa.Column("discovered_how", sa.String(length=100), nullable=True),
        sa.Column("situations", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("emergency_measures", sa.Text(), nullable=True),
        sa.Column("reported_to", sa.String(length=100), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("report_method", sa.String(length=40), nullable=True),
        sa.Column("receipt_no", sa.String(length=60), nullable=True),
        sa.Column("also_notified", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("reporter_name", sa.String(length=50), nullable=True),
        sa.Column("reporter_phone", sa.String(length=40), nullable=True),
        sa.Column("confidential", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_incident_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incident_region_code"), ["region_code"], unique=False)

    op.create_table(
        "visit",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("visitor", sa.String(length=50), nullable=True),
        sa.Column("companions", sa.String(length=200), nullable=True),
        sa.Column("met_child", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("carer_present", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("child_condition", sa.Text(), nullable=True),
        sa.Column("findings", sa.Text(), nullable=True),
        sa.Column("actions", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_visit_child_id_child")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_child_day", ["child_id", "visited_on", "mode", "deleted"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visit_region_code"), ["region_code"], unique=False)

    op.create_table(
        "care_agreement",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("principal_id", sa.String(length=36), nullable=True),
        sa.Column("carer_id", sa.String(length=36), nullable=True),
        sa.Column("state", sa.String(length=40), server_default="draft", nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("contact_frequency", sa.String(length=100), nullable=True),
        sa.Column("fee", sa.String(length=100), nullable=True),
        sa.Column("child_opinion", sa.Text(), nullable=True),
        sa.Column(
            "remote_confirmation", sa.String(length=40), server_default="unknown", nullable=False
        ),
        sa.Column("remote_note", sa.Text(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("signed_by_principal", sa.String(length=50), nullable=True),
        sa.Column("signed_by_carer", sa.String(length=50), nullable=True),
        sa.Column("witness", sa.String(length=100), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=200), nullable=True),
        sa.Column("supersedes_id", sa.String(length=36), nullable=True),
        sa.Column("scan_attachment_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["carer_id"], ["carer.id"], name=op.f("fk_care_agreement_carer_id_carer")
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_care_agreement_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["principal_id"],
            ["family_member.id"],
            name=op.f("fk_care_agreement_principal_id_family_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_agreement")),
    )
    with op.batch_alter_table("care_agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_agreement_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_care_agreement_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "incident_followup",
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("done_by", sa.String(length=50), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incident.id"], name=op.f("fk_incident_followup_incident_id_incident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_followup")),
    )
    with op.batch_alter_table("incident_followup", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_followup_incident_id"), ["incident_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_incident_followup_region_code"), ["region_code"], unique=False
        )

    op.create_table(
        "visit_amendment",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("amended_on", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_visit_amendment_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_amendment")),
    )
    with op.batch_alter_table("visit_amendment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visit_amendment_region_code"), ["region_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visit_amendment_visit_id"), ["visit_id"], unique=False)

    # ### end Alembic commands ###
    op.execute(
        sa.text(
            "INSERT INTO sync_site (id, site_id, ctr, hlc, applying, created_ms) "
            "VALUES (1, :site, 0, 0, 0, :now)"
        ).bindparams(site=uuid.uuid4().hex, now=int(time.time() * 1000))
    )
    op.execute(
        "CREATE TRIGGER sync_site__keep BEFORE DELETE ON sync_site "
        "BEGIN SELECT RAISE(ABORT, 'sync_site: the site row is permanent'); END"
    )
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log__no_{event.lower()} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
    install(op.execute, SPECS)


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table("visit_amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_amendment_visit_id"))
        batch_op.drop_index(batch_op.f("ix_visit_amendment_region_code"))

    op.drop_table("visit_amendment")
    with op.batch_alter_table("incident_followup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_followup_region_code"))
        batch_op.drop_index(batch_op.f("ix_incident_followup_incident_id"))

    op.drop_table("incident_followup")
    with op.batch_alter_table("care_agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_agreement_region_code"))
        batch_op.drop_index(batch_op.f("ix_care_agreement_child_id"))

    op.drop_table("care_agreement")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_region_code"))
        batch_op.drop_index("ix_visit_child_day")

    op.drop_table("visit")
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_region_code"))
        batch_op.drop_index(batch_op.f("ix_incident_child_id"))

    op.drop_table("incident")
    with op.batch_alter_table("family_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_member_region_code"))
        batch_op.drop_index(batch_op.f("ix_family_member_child_id"))

    op.drop_table("family_member")
    with op.batch_alter_table("enrollment_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_event_region_code"))
        batch_op.drop_index(batch_op.f("ix_enrollment_event_child_id"))

    op.drop_table("enrollment_event")
    with op.batch_alter_table("category_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_category_membership_region_code"))
        batch_op.drop_index(batch_op.f("ix_category_membership_child_id"))

    op.drop_table("category_membership")
    with op.batch_alter_table("carer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_carer_region_code"))
        batch_op.drop_index(batch_op.f("ix_carer_child_id"))

    op.drop_table("carer")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachment_region_code"))
        batch_op.drop_index(batch_op.f("ix_attachment_child_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("assistance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assistance_region_code"))
        batch_op.drop_index(batch_op.f("ix_assistance_child_id"))

    op.drop_table("assistance")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_region_code"))
        batch_op.drop_index(batch_op.f("ix_assessment_child_id"))

    op.drop_table("assessment")
    op.drop_table("sync_site")
    op.drop_table("setting")
    op.drop_table("outbox")
    with op.batch_alter_table("county_policy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_county_policy_region_code"))

    op.drop_table("county_policy")
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_region_code"))
        batch_op.drop_index(batch_op.f("ix_child_id_number"))

    op.drop_table("child")
    op.drop_table("blob")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_child_id"))

    op.drop_table("audit_log")
    # ### end Alembic commands ###
