"""accounts: rotating device tokens, cancelled codes, attachments per region with a quota

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 09:00:00

Attachments already on the server are filed under the region of the attachment records
that name them (one copy per region); one that no record names is filed under no region
(""), where no device sees it: the laptops that sent it have marked it sent already.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enroll_code") as batch:
        batch.add_column(sa.Column("cancelled_ms", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("token_issued_ms", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("prev_token_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("prev_token_until_ms", sa.BigInteger(), nullable=True))
    # A token that slid forever counts as issued when its device enrolled: the next hello
    # hands out a new one.
    op.execute("UPDATE device SET token_issued_ms = created_ms")
    with op.batch_alter_table("device") as batch:
        batch.alter_column("token_issued_ms", existing_type=sa.BigInteger(), nullable=False)
    op.create_index(op.f("ix_device_prev_token_hash"), "device", ["prev_token_hash"], unique=True)
    _blobs_per_region()


def _blobs_per_region() -> None:
    op.rename_table("blob_chunk", "blob_chunk_0002")
    op.rename_table("blob", "blob_0002")
    _drop_old_constraint_names()
    op.create_table(
        "blob",
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_blob_device_id_device")
        ),
        sa.PrimaryKeyConstraint("region", "sha256", name=op.f("pk_blob")),
    )
    op.create_index(op.f("ix_blob_device_id"), "blob", ["device_id"], unique=False)
    op.create_table(
        "blob_chunk",
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region", "sha256"],
            ["blob.region", "blob.sha256"],
            name=op.f("fk_blob_chunk_region_blob"),
        ),
        sa.PrimaryKeyConstraint("region", "sha256", "offset", name=op.f("pk_blob_chunk")),
    )
    # The region of each attachment record naming a blob (field values are JSON text).
    named = (
        "SELECT DISTINCT r.region AS region, f.value AS value FROM field_state f "
        "JOIN row_state r ON r.tbl = f.tbl AND r.row_id = f.row_id "
        "WHERE f.tbl = 'attachment' AND f.field = 'sha256'"
    )
    op.execute(
        "INSERT INTO blob (region, sha256, size, received, complete, created_ms, device_id) "
        "SELECT COALESCE(n.region, ''), b.sha256, b.size, b.received, b.complete, b.created_ms, "
        f"NULL FROM blob_0002 b LEFT JOIN ({named}) n ON n.value = '\"' || b.sha256 || '\"'"
    )
    op.execute(
        'INSERT INTO blob_chunk (region, sha256, "offset", data) '
        'SELECT b.region, c.sha256, c."offset", c.data FROM blob_chunk_0002 c '
        "JOIN blob b ON b.sha256 = c.sha256"
    )
    op.drop_table("blob_chunk_0002")
    op.drop_table("blob_0002")


def _drop_old_constraint_names() -> None:
    """PostgreSQL keeps a renamed table's constraint names: free them for the new tables."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE blob_chunk_0002 RENAME CONSTRAINT pk_blob_chunk TO pk_blob_chunk_0002")
    op.execute("ALTER TABLE blob_0002 RENAME CONSTRAINT pk_blob TO pk_blob_0002")


def downgrade() -> None:
    # Back to one copy per hash (the first region's).
    op.rename_table("blob_chunk", "blob_chunk_0003")
    op.rename_table("blob", "blob_0003")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE blob_chunk_0003 RENAME CONSTRAINT pk_blob_chunk TO pk_chunk_0003")
        op.execute("ALTER TABLE blob_0003 RENAME CONSTRAINT pk_blob TO pk_blob_0003")
        op.execute("ALTER INDEX ix_blob_device_id RENAME TO ix_blob_0003_device_id")
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blob")),
    )
    op.create_table(
        "blob_chunk",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["blob.sha256"], name=op.f("fk_blob_chunk_sha256_blob")
        ),
        sa.PrimaryKeyConstraint("sha256", "offset", name=op.f("pk_blob_chunk")),
    )
    first = "SELECT sha256, MIN(region) AS region FROM blob_0003 GROUP BY sha256"
    op.execute(
        "INSERT INTO blob (sha256, size, received, complete, created_ms) "
        "SELECT b.sha256, b.size, b.received, b.complete, b.created_ms FROM blob_0003 b "
        f"JOIN ({first}) f ON f.sha256 = b.sha256 AND f.region = b.region"
    )
    op.execute(
        'INSERT INTO blob_chunk (sha256, "offset", data) '
        'SELECT c.sha256, c."offset", c.data FROM blob_chunk_0003 c '
        f"JOIN ({first}) f ON f.sha256 = c.sha256 AND f.region = c.region"
    )
    op.drop_table("blob_chunk_0003")
    op.drop_table("blob_0003")
    op.drop_index(op.f("ix_device_prev_token_hash"), table_name="device")
    with op.batch_alter_table("device") as batch:
        batch.drop_column("prev_token_until_ms")
        batch.drop_column("prev_token_hash")
        batch.drop_column("token_issued_ms")
    with op.batch_alter_table("enroll_code") as batch:
        batch.drop_column("cancelled_ms")
