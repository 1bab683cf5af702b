"""``childcare-server``: run the county server and administer it.

    childcare-server serve [--host H] [--port P] [--certfile F --keyfile F]
                           [--trusted-proxy IP]... [--blob-quota-mb N]
    childcare-server create-user NAME --role director|supervisor|county-viewer|county-admin --region CODE
    childcare-server issue-code NAME [--days N]       # one-time enrollment code, shown once
    childcare-server cancel-code NAME                  # the user's unused codes
    childcare-server disable-user NAME | enable-user NAME
    childcare-server users | devices | quarantine | flagged | audit-alerts [--json]
    childcare-server revoke-device DEVICE_ID
    childcare-server mark-restored                     # after restoring the database from a backup

``--db`` defaults to ``$CHILDCARE_SERVER_DB`` or a SQLite file in the user data folder;
``--journal`` (the decision journal, :mod:`sync.server.journal`) to
``$CHILDCARE_SERVER_JOURNAL``, else next to an SQLite file, else in the user data folder.
Exit codes: 0 success, 2 bad input, 1 anything else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from childcare_desktop.core.roles import Role

from . import accounts, audit, journal, merge, restore
from .accounts import now_ms
from .db import Database, sqlite_url
from .errors import SyncRefused
from .principal import Principal

MB = 1024 * 1024
SERVER_EXTRA = "pip install 'childcare-desktop[server]'"


def _data_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("childcare-server", appauthor=False))


def default_db() -> str:
    if env := os.environ.get("CHILDCARE_SERVER_DB"):
        return env
    return sqlite_url(_data_folder() / "server.db")  # the folder is made private (0700) on opening


def default_journal(url: str) -> str | None:
    """The decision journal: named, or next to an SQLite file (``Database`` puts it
    there), or for PostgreSQL in the user data folder."""
    if env := os.environ.get("CHILDCARE_SERVER_JOURNAL"):
        return env
    return None if url.startswith("sqlite") else str(_data_folder() / "decisions.jsonl")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="childcare-server", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--db", default=None, help="database URL (postgresql+psycopg://... or sqlite:///...)"
    )
    parser.add_argument(
        "--journal",
        default=None,
        help="the decision journal, kept apart from the database (survives its restore)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--certfile", help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--keyfile", help="... and its private key (PEM)")
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="IP",
        help="a reverse proxy whose X-Forwarded-For is believed (repeatable; default none)",
    )
    serve.add_argument(
        "--blob-quota-mb",
        type=int,
        default=accounts.BLOB_QUOTA_BYTES // MB,
        help="attachments each device may store, in MB",
    )
    sub.add_parser("init-db", help="create or upgrade the database")
    user = sub.add_parser("create-user", help="add a user with a role and a region")
    user.add_argument("name")
    user.add_argument(
        "--role",
        required=True,
        choices=[*(r.value for r in Role), "county"],
        help="county = county-admin",
    )
    user.add_argument(
        "--region", required=True, help="12 digits (village), 9 (township), 6 (county)"
    )
    code = sub.add_parser("issue-code", help="a one-time enrollment code for a user's laptop")
    code.add_argument("name")
    code.add_argument(
        "--days", type=int, default=accounts.CODE_DAYS, help=f"1 to {accounts.CODE_MAX_DAYS}"
    )
    for name, text in (
        ("cancel-code", "cancel the user's unused enrollment codes"),
        ("disable-user", "refuse the user's devices from now on"),
        ("enable-user", "let a disabled user's devices sync again"),
    ):
        sub.add_parser(name, help=text).add_argument("name")
    for name, text in (
        ("users", "list users"),
        ("devices", "list devices"),
        ("quarantine", "list what the server set aside, with why"),
        ("flagged", "list changes dated after the day they arrived (a laptop clock ahead)"),
        ("audit-alerts", "list the laptops whose audit log was rewritten, cut short or forged"),
    ):
        listing = sub.add_parser(name, help=text)
        listing.add_argument("--json", action="store_true")
    revoke = sub.add_parser("revoke-device", help="refuse a device from now on")
    revoke.add_argument("device")
    sub.add_parser("mark-restored", help="start a new epoch after restoring from a backup")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return _fail(f"the server's packages are not installed: {SERVER_EXTRA}")
    url = args.db or default_db()
    try:
        db = Database(url, args.journal or default_journal(url))
    except ImportError as exc:  # the database's driver (psycopg)
        return _fail(f"no driver for this database ({exc.name}): {SERVER_EXTRA}")
    except OSError as exc:
        return _fail(f"cannot create the database folder: {exc}")
    try:
        db.migrate()
        return _run(db, args)
    except SyncRefused as exc:
        print(f"childcare-server: {exc.message}", file=sys.stderr)
        return 2 if exc.status < 500 else 1
    except OperationalError as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return _fail(f"cannot reach the database {shown}: {reason}")
    finally:
        db.dispose()


def _fail(message: str) -> int:
    print(f"childcare-server: {message}", file=sys.stderr)
    return 1


def _run(db: Database, args: argparse.Namespace) -> int:
    if args.command == "serve":
        return _serve(db, args)
    if args.command == "init-db":
        print("database ready")
        return 0
    with db.write() as conn:
        if args.command == "create-user":
            uid = accounts.create_user(conn, args.name, args.role, args.region, now_ms=now_ms())
            print(f"user {args.name} ({args.role}, {args.region}) id {uid}")
        elif args.command == "issue-code":
            print(accounts.issue_code(conn, args.name, now_ms=now_ms(), days=args.days))
        elif args.command == "cancel-code":
            count = accounts.cancel_codes(conn, args.name, now_ms=now_ms())
            print(f"{count} code(s) of {args.name} cancelled")
        elif args.command in ("disable-user", "enable-user"):
            active = args.command == "enable-user"
            accounts.set_active(conn, args.name, active)
            print(f"user {args.name} {'enabled' if active else 'disabled'}")
        elif args.command == "revoke-device":
            if not accounts.revoke(conn, args.device, now_ms=now_ms()):
                raise SyncRefused(404, "unknown_device", f"no active device {args.device}")
            print(f"device {args.device} revoked")
        elif args.command == "mark-restored":
            done = restore.mark_restored(db, conn, now_ms=now_ms())
            print(
                f"new epoch {done['epoch']} (#{done['epoch_no']}); laptops will re-send what "
                f"this database lacks; from the journal: {done['rows']} account change(s), "
                f"{done['decisions']} conflict decision(s) ({done['closed']} closed again now)"
            )
        else:
            _print_listing(_listing(conn, args.command), as_json=args.json)
    return 0


def _serve(db: Database, args: argparse.Namespace) -> int:
    import uvicorn

    from . import serving
    from .app import Settings, create_app

    if bool(args.certfile) != bool(args.keyfile):
        raise SyncRefused(400, "bad_tls", "--certfile and --keyfile go together")
    for path in filter(None, (args.certfile, args.keyfile)):
        if not os.access(path, os.R_OK):
            raise SyncRefused(400, "bad_tls", f"cannot read {path}")
    if args.blob_quota_mb < 0:
        raise SyncRefused(400, "bad_quota", "--blob-quota-mb cannot be negative")
    with db.read() as conn:
        if journal.behind(conn, db.journal):  # a restored database, mark-restored not run
            raise journal.restored_refusal()
    os.umask(0o077)  # whatever the server writes is its own
    app = create_app(db, Settings(blob_quota_bytes=args.blob_quota_mb * MB))
    config = serving.config(
        app,
        host=args.host,
        port=args.port,
        certfile=args.certfile,
        keyfile=args.keyfile,
        trusted_proxies=args.trusted_proxy,
    )
    server = uvicorn.Server(config)
    server.run()
    return 0 if server.started else 1


def _listing(conn: Any, what: str) -> list[dict[str, Any]]:
    if what == "users":
        return accounts.users(conn)
    if what == "devices":
        return accounts.devices(conn)
    if what == "audit-alerts":
        return audit.alerts(conn)
    if what == "flagged":
        return merge.flagged(conn)
    county = Principal("", 0, "admin", Role.COUNTY_ADMIN, "")
    return merge.quarantine_in_scope(conn, county)


def _print_listing(rows: list[dict[str, Any]], *, as_json: bool) -> None:
    """What devices sent (labels, reasons) reaches the administrator's terminal: anything
    not printable is shown escaped, never sent to the terminal as it is."""
    if as_json:
        text = json.dumps(rows, ensure_ascii=False, indent=1)
        print("".join(c if c.isprintable() or c == "\n" else json.dumps(c)[1:-1] for c in text))
        return
    for r in rows:
        print("  ".join(f"{k}={_show(k, v)}" for k, v in r.items()))


def _show(key: str, value: Any) -> str:
    if key.endswith("_ms") and isinstance(value, int):
        return datetime.fromtimestamp(value / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M")
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


if __name__ == "__main__":
    sys.exit(main())
