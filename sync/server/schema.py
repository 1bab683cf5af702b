"""The county server's tables (SQLAlchemy Core; PostgreSQL in production, SQLite embedded).

The server does not know the app's models: it keeps every synced row as fields
(``field``: table, row, field -> value and version) plus the row's village (``row``),
and the append-only ``change_log`` from which laptops pull. ``change_log`` is never
pruned: these are legal and welfare records.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

meta = Table(
    "server_meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(60), nullable=False, unique=True),
    Column("role", String(20), nullable=False),  # core.roles.Role
    Column("region", String(12), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
)

enroll_code = Table(
    "enroll_code",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("expires_ms", BigInteger, nullable=False),
    Column("used_ms", BigInteger),
    Column("cancelled_ms", BigInteger),  # childcare-server cancel-code
)

device = Table(
    "device",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("label", String(100), nullable=False, default=""),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_ms", BigInteger, nullable=False),
    # The current token: issued at token_issued_ms, refused after expires_ms (a fixed
    # age from issue; hello hands out a new one before then).
    Column("token_issued_ms", BigInteger, nullable=False),
    Column("expires_ms", BigInteger, nullable=False),
    # The token it replaced, still accepted until the new one is first used or
    # prev_token_until_ms passes (a hello answer lost on a cut link locks nobody out).
    Column("prev_token_hash", String(64)),
    Column("prev_token_until_ms", BigInteger),
    Column("revoked_ms", BigInteger),
    Column("last_seen_ms", BigInteger),
    Index("ix_device_prev_token_hash", "prev_token_hash", unique=True),
)

site = Table(
    "site",
    metadata,
    Column("site_id", String(32), primary_key=True),
    Column("device_id", String(32), ForeignKey("device.id"), nullable=False),
    Column("hwm", BigInteger, nullable=False, default=0),
    Column("created_ms", BigInteger, nullable=False),
    Column("last_seen_ms", BigInteger),
)

village = Table(
    "village",
    metadata,
    Column("region", String(12), primary_key=True),
    Column("seq", BigInteger, nullable=False, default=0),
)

# The console's figures of each village as last counted (issue 17), kept in the database so
# a restarted server, or another worker, answers the dashboard without counting the county
# again (sync.server.oversight_kept); derived data, never journalled.
oversight_figures = Table(
    "oversight_figures",
    metadata,
    Column("region", String(12), primary_key=True),
    Column("day", String(10), nullable=False),  # the day it was counted for
    Column("village_seq", BigInteger, nullable=False),  # the village's feed head then
    Column("county_seq", BigInteger, nullable=False),  # the county's (its policy) then
    Column("body", Text, nullable=False),  # JSON: the village's Area and open reports
    Column("counted_ms", BigInteger, nullable=False),
)

change_log = Table(
    "change_log",
    metadata,
    Column("region", String(12), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("epoch_no", Integer, nullable=False),
    Column("kind", String(10), nullable=False),  # insert | set | conflict
    Column("tbl", String(40), nullable=False),
    Column("row_id", String(64), nullable=False),
    Column("field", String(40)),
    Column("value", Text, nullable=False),  # JSON
    Column("status", String(1), nullable=False),  # sync.protocol.Status
    Column("version", BigInteger, nullable=False),  # the field's version after this change
    Column("base", BigInteger),
    Column("site_id", String(32)),
    Column("ctr", BigInteger),
    Column("op_hash", String(32)),
    Column("user_id", Integer),
    Column("hlc", BigInteger),
    Column("device_ms", BigInteger),
    Column("received_ms", BigInteger, nullable=False),
    Column("flag", String(200)),  # "future|field,...": dates after the server's day
    UniqueConstraint("site_id", "ctr"),
)

row = Table(
    "row_state",
    metadata,
    Column("tbl", String(40), primary_key=True),
    Column("row_id", String(64), primary_key=True),
    Column("region", String(12), nullable=False),
    # The insert's digest and version: the same record sent again under another site id
    # (a copied store, re-stamped) is recognised and acknowledged.
    Column("op_hash", String(32)),
    Column("version", BigInteger),
    # The console's figures read a village's records (sync.server.oversight).
    Index("ix_row_state_region_tbl", "region", "tbl"),
)

field = Table(
    "field_state",
    metadata,
    Column("tbl", String(40), primary_key=True),
    Column("row_id", String(64), primary_key=True),
    Column("field", String(40), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
    Column("version", BigInteger, nullable=False),
    Column("site_id", String(32)),
    Column("ctr", BigInteger),
)

conflict = Table(
    "conflict",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("region", String(12), nullable=False, index=True),
    Column("tbl", String(40), nullable=False),
    Column("row_id", String(64), nullable=False),
    Column("field", String(40), nullable=False),
    Column("state", String(10), nullable=False),  # open | resolved
    Column("body", Text, nullable=False),  # JSON: base, candidates, provisional, resolution
    Column("updated_ms", BigInteger, nullable=False),
    Index("ix_conflict_open_field", "tbl", "row_id", "field", "state"),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site_id", String(32), nullable=False),
    Column("ctr", BigInteger, nullable=False),
    Column("op_hash", String(32), nullable=False),
    Column("user_id", Integer, nullable=False),
    Column("region", String(12)),
    Column("op", Text, nullable=False),  # JSON
    Column("reason", String(200), nullable=False),
    Column("received_ms", BigInteger, nullable=False),
    # "tbl/row_id" of the record it needs and the server does not have yet (after a restore,
    # or a supervisor's edit that arrived before the village's insert): applied on arrival.
    Column("waits_for", String(120), index=True),
    UniqueConstraint("site_id", "ctr"),
)

# What the county sent back from the quarantine (退回), with its reason: never applied,
# and told to the laptop that sent it at each hello (``rejected``) so it shows why.
rejected_op = Table(
    "rejected_op",
    metadata,
    Column("site_id", String(32), primary_key=True),
    Column("ctr", BigInteger, primary_key=True),
    Column("op_hash", String(32), nullable=False),
    Column("user_id", Integer, nullable=False),
    Column("region", String(12)),
    Column("op", Text, nullable=False),  # JSON, as it was held
    Column("held_reason", String(200), nullable=False),  # why the server had held it
    Column("reason", String(200), nullable=False),  # the county's words
    Column("received_ms", BigInteger, nullable=False),
    Column("rejected_ms", BigInteger, nullable=False),
    Column("rejected_by", String(60), nullable=False),  # the staff member
)

# A mandatory report's reporter (强制报告: 为报告人保密): kept apart from the record, never in
# the change log any laptop pulls; for the county's administrators at most.
confidential = Table(
    "confidential",
    metadata,
    Column("tbl", String(40), primary_key=True),
    Column("row_id", String(64), primary_key=True),
    Column("field", String(40), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
    Column("site_id", String(32)),
    Column("user_id", Integer),
    Column("received_ms", BigInteger, nullable=False),
)

# Each laptop's audit log, insert-only, and the head of its hash chain: a chain rewritten
# or cut short on the laptop no longer meets the head, and the county is told.
audit_entry = Table(
    "audit_entry",
    metadata,
    Column("site_id", String(32), primary_key=True),
    Column("segment", Integer, primary_key=True),  # a new one after each break
    Column("id", BigInteger, primary_key=True),  # the laptop's entry id
    Column("at", String(40), nullable=False),
    Column("hlc", BigInteger, nullable=False),
    Column("actor", String(60), nullable=False),
    Column("action", String(40), nullable=False),
    Column("child_id", String(64)),
    Column("detail", Text, nullable=False),  # JSON: ids and field names only
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_ms", BigInteger, nullable=False),
    # The console's 查阅记录 reads the newest first, of every laptop or of some actions.
    Index("ix_audit_entry_at", "at", "site_id", "segment", "id"),
    Index("ix_audit_entry_action_at", "action", "at"),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("site_id", String(32), primary_key=True),
    Column("segment", Integer, nullable=False),
    Column("id", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("updated_ms", BigInteger, nullable=False),
)

audit_alert = Table(
    "audit_alert",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site_id", String(32), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # rewritten | truncated | forged
    Column("at_id", BigInteger, nullable=False),  # the entry where the chains part
    Column("received_ms", BigInteger, nullable=False),
)

# Attachments are kept per region (the uploading user's): a device learns only whether
# its own region holds a hash, and a file two regions upload is stored twice.
blob = Table(
    "blob",
    metadata,
    Column("region", String(12), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False, default=0),
    Column("complete", Boolean, nullable=False, default=False),
    Column("created_ms", BigInteger, nullable=False),
    # Whose quota it counts against (at its whole size from the first chunk on).
    Column("device_id", String(32), ForeignKey("device.id"), index=True),
)

blob_chunk = Table(
    "blob_chunk",
    metadata,
    Column("region", String(12), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("offset", BigInteger, primary_key=True),
    Column("data", LargeBinary, nullable=False),
    ForeignKeyConstraint(["region", "sha256"], ["blob.region", "blob.sha256"]),
)

# Sync health (issue 15): the latest report of each device, made at its hello. The
# counts and times are the device's own figures (bounded); ``reported_ms`` and the clock
# offset are the server's. ``region`` is the user's region when it reported: who may
# see the row (a supervisor the township's, the county the county's).
sync_health = Table(
    "sync_health",
    metadata,
    Column("device_id", String(32), ForeignKey("device.id"), primary_key=True),
    Column("site_id", String(32), nullable=False),
    Column("region", String(12), nullable=False, index=True),
    Column("reported_ms", BigInteger, nullable=False),  # the server's clock
    Column("pending", BigInteger, nullable=False),  # changes it held, not yet sent
    Column("set_aside", BigInteger, nullable=False),  # held or quarantined, both ways
    Column("top_ctr", BigInteger),  # its highest counter: what it still holds, as the
    # site's hwm moves on (None from a laptop that did not say)
    Column("last_ok_ms", BigInteger),  # its last good sync before this one (server time)
    Column("clock_offset_ms", BigInteger),  # server minus laptop clock
)

# Suspected duplicates across the county (issue 15). ``child_key`` holds each child's
# matching keys (core.duplicates), indexed, so that a child received is compared by
# lookups, never by reading every child of the county.
child_key = Table(
    "child_key",
    metadata,
    Column("row_id", String(64), primary_key=True),
    Column("region", String(12), nullable=False),
    Column("id_number", String(30), index=True),
    Column("name", String(60)),
    Column("pinyin", String(200)),
    Column("sex", String(40)),
    Column("birth_date", String(10)),
    Index("ix_child_key_name_birth", "name", "birth_date", "sex"),
    Index("ix_child_key_pinyin_birth", "pinyin", "birth_date", "sex"),
)

# A pair proposed once (child_a < child_b), open until a supervisor's decision arrives.
duplicate_case = Table(
    "duplicate_case",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("child_a", String(64), nullable=False),
    Column("child_b", String(64), nullable=False),
    Column("region_a", String(12), nullable=False, index=True),
    Column("region_b", String(12), nullable=False, index=True),
    Column("reason", String(20), nullable=False),  # core.duplicates.Reason
    Column("state", String(10), nullable=False),  # core.duplicates.CaseState
    Column("opened_ms", BigInteger, nullable=False),
    Column("closed_ms", BigInteger),
    Column("decided_by", String(60)),
    Column("kept", String(64)),  # merged: the file kept (the other one left the roll)
    UniqueConstraint("child_a", "child_b"),
)

# The names of the county's divisions (``childcare-server regions import``): the county,
# its townships and villages, by their 6-, 9- and 12-digit codes. Laptops receive those
# of their scope (GET /v1/regions) and show and print names instead of codes.
region = Table(
    "region",
    metadata,
    Column("code", String(12), primary_key=True),
    Column("name", String(60), nullable=False),
    Column("updated_ms", BigInteger, nullable=False),
)

# Transfers between villages (issue 15): each record of a child's file moved with the
# child, where from and to, and where in each village's feed: ``exit_seq`` is the scope
# exit in the village it left, ``seq`` its whole insert in the one it joined. ``versions``
# (JSON: field -> version) are the versions its fields had before the move: an edit made
# in the old village before its laptop learnt of the move is read against them.
moved = Table(
    "moved",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tbl", String(40), nullable=False),
    Column("row_id", String(64), nullable=False),
    Column("transfer_id", String(64), nullable=False),
    Column("from_region", String(12), nullable=False),
    Column("to_region", String(12), nullable=False),
    Column("exit_seq", BigInteger, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("epoch_no", Integer, nullable=False),
    Column("versions", Text, nullable=False),
    Column("moved_ms", BigInteger, nullable=False),
    Index("ix_moved_row", "tbl", "row_id"),
    Index("ix_moved_exit", "from_region", "exit_seq"),
)

# Each site's pull cursors as it last said them (hello): what it had seen of each village
# when it sent what it pushes next (a laptop pushes before it pulls).
site_cursor = Table(
    "site_cursor",
    metadata,
    Column("site_id", String(32), primary_key=True),
    Column("region", String(12), primary_key=True),
    Column("seq", BigInteger, nullable=False),
)

# The scope exits a pull has told each site of (``merge.told``): ``ctr`` is the last
# counter of the site's operations that count as made before it was told (later late
# edits of the moved file are set aside, whatever the site then says of its cursors).
site_exit = Table(
    "site_exit",
    metadata,
    Column("site_id", String(32), primary_key=True),
    Column("region", String(12), primary_key=True),
    Column("exit_seq", BigInteger, primary_key=True),
    Column("ctr", BigInteger, nullable=False),
    Column("told_ms", BigInteger, nullable=False),
)

# Sync bundles (issue 16): the server's own key pairs (one row, id 1; journalled, so a
# restored server keeps them and the laptops' bundles still open), base64 seeds.
server_key = Table(
    "server_key",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("box", String(64), nullable=False),
    Column("sign", String(64), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
)

# Each device's bundle signing key, pinned at its first bundle (a bundle signed by
# another key is refused), and the last bundle number it was answered for.
device_key = Table(
    "device_key",
    metadata,
    Column("device_id", String(32), primary_key=True),
    Column("sign", String(64), nullable=False),
    Column("first_ms", BigInteger, nullable=False),
    Column("last_n", BigInteger, nullable=False),
    Column("last_ms", BigInteger, nullable=False),
)

# The county console (issue 17): the county's staff, who log in from a browser, never
# devices. A password (argon2id, PHC string) and, when the county requires it, a TOTP
# secret; ``failed`` logins in a row lock the account until ``locked_until_ms``. Rows are
# journalled on every change an administrator makes: a restored server keeps its staff.
staff = Table(
    "staff",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("role", String(20), nullable=False),  # core.roles.Role: county-admin | county-viewer
    Column("password_hash", String(200), nullable=False),
    Column("totp_secret", String(64)),
    Column("totp_required", Boolean, nullable=False),
    Column("totp_last", BigInteger),  # the last TOTP time step used: a code works once
    # A secret shown on the enrolment page, not yet confirmed by a code (then totp_secret).
    Column("totp_pending", String(64)),
    Column("active", Boolean, nullable=False),
    Column("failed", Integer, nullable=False),
    Column("locked_until_ms", BigInteger),
    Column("created_ms", BigInteger, nullable=False),
    Column("changed_ms", BigInteger, nullable=False),
)

# A browser's session: the cookie's SHA-256 (the cookie itself is never stored), its
# stage ("totp": password given, second factor awaited; "ok"), its CSRF token, and when
# it ends (an absolute lifetime, an idle timeout, or the user's logout).
staff_session = Table(
    "staff_session",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("staff", String(60), ForeignKey("staff.name"), nullable=False),
    Column("stage", String(8), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Column("seen_ms", BigInteger, nullable=False),
    Column("expires_ms", BigInteger, nullable=False),
    Column("ended_ms", BigInteger),
)

# Who did what in the console and with ``childcare-server staff`` (logins, failures,
# lockouts, every change), insert-only and journalled.
staff_audit = Table(
    "staff_audit",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("at_ms", BigInteger, nullable=False, index=True),
    Column("staff", String(60), nullable=False),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("client", String(64), nullable=False),
)

# A staff member's one-time recovery codes (used instead of a TOTP code when the phone is
# lost): only their SHA-256 with the name (a code has 59 bits of randomness; the TOTP
# secret beside it is in clear anyway), and when each was used. Journalled.
staff_recovery = Table(
    "staff_recovery",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("staff", String(60), ForeignKey("staff.name"), nullable=False, index=True),
    Column("created_ms", BigInteger, nullable=False),
    Column("used_ms", BigInteger),
)

# Failed console logins by the client's address (as uvicorn gives it: X-Forwarded-For only
# from a trusted proxy), for the per-address limit; rows older than the window are deleted.
login_failure = Table(
    "login_failure",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client", String(64), nullable=False),
    Column("at_ms", BigInteger, nullable=False, index=True),
    Index("ix_login_failure_client_at_ms", "client", "at_ms"),
)

# Spot checks (抽查, issue 17; seed 001: the county checks the files at least once a
# year). A draw: its scope, size and seed, how many files were on the roll and the
# SHA-256 of their sorted ids (so anyone can redo it), and the sample in draw order.
# Every row is journalled: a restored server keeps its checks.
spot_check = Table(
    "spot_check",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("scope", String(12), nullable=False),
    Column("size", Integer, nullable=False),
    Column("seed", String(40), nullable=False),
    Column("population", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("sample", Text, nullable=False),  # JSON: the child ids drawn, in draw order
    Column("drawn_by", String(60), nullable=False),
    Column("drawn_ms", BigInteger, nullable=False, index=True),
)

# One file of a draw and its checklist (JSON: item -> [verdict, note]) once recorded.
spot_check_file = Table(
    "spot_check_file",
    metadata,
    Column("check_id", String(32), primary_key=True),
    Column("child_id", String(64), primary_key=True),
    Column("region", String(12), nullable=False),
    Column("position", Integer, nullable=False),
    Column("answers", Text),
    Column("recorded_by", String(60)),
    Column("recorded_ms", BigInteger),
)

# A finding (问题): an item judged 不合格, sent to the laptops of its village's scope until
# a director marks it fixed (已整改: when, by whom, as the laptop said).
spot_finding = Table(
    "spot_finding",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("check_id", String(32), nullable=False, index=True),
    Column("child_id", String(64), nullable=False),
    Column("region", String(12), nullable=False, index=True),
    Column("item", String(20), nullable=False),
    Column("note", Text, nullable=False),
    Column("drawn_ms", BigInteger, nullable=False),
    Column("fixed_ms", BigInteger),
    Column("fixed_by", String(60)),
)
