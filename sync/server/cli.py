"""``childcare-server``: run the county server and administer it.

    childcare-server serve [--db URL] [--host H] [--port P]
    childcare-server create-user NAME --role director|supervisor|county-viewer|county-admin --region CODE
    childcare-server issue-code NAME [--days N]       # one-time enrollment code, shown once
    childcare-server users | devices | quarantine [--json]
    childcare-server revoke-device DEVICE_ID
    childcare-server mark-restored                     # after restoring the database from a backup

``--db`` defaults to ``$CHILDCARE_SERVER_DB`` or a SQLite file in the user data folder.
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

from childcare_desktop.core.roles import Role

from . import accounts, merge
from .app import create_app, now_ms
from .db import Database, mark_restored, sqlite_url
from .errors import SyncRefused
from .principal import Principal


def default_db() -> str:
    if env := os.environ.get("CHILDCARE_SERVER_DB"):
        return env
    import platformdirs

    folder = Path(platformdirs.user_data_dir("childcare-server", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return sqlite_url(folder / "server.db")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="childcare-server", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--db", default=None, help="database URL (postgresql+psycopg://... or sqlite:///...)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
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
    code.add_argument("--days", type=int, default=accounts.CODE_DAYS)
    for name in ("users", "devices", "quarantine"):
        listing = sub.add_parser(name, help=f"list {name}")
        listing.add_argument("--json", action="store_true")
    revoke = sub.add_parser("revoke-device", help="refuse a device from now on")
    revoke.add_argument("device")
    sub.add_parser("mark-restored", help="start a new epoch after restoring from a backup")
    args = parser.parse_args(argv)

    db = Database(args.db or default_db())
    try:
        db.migrate()
        return _run(db, args)
    except SyncRefused as exc:
        print(f"childcare-server: {exc.message}", file=sys.stderr)
        return 2 if exc.status < 500 else 1
    finally:
        db.dispose()


def _run(db: Database, args: argparse.Namespace) -> int:
    if args.command == "serve":
        import uvicorn

        uvicorn.run(create_app(db), host=args.host, port=args.port, log_level="info")
        return 0
    if args.command == "init-db":
        print("database ready")
        return 0
    with db.write() as conn:
        if args.command == "create-user":
            uid = accounts.create_user(conn, args.name, args.role, args.region, now_ms=now_ms())
            print(f"user {args.name} ({args.role}, {args.region}) id {uid}")
        elif args.command == "issue-code":
            print(accounts.issue_code(conn, args.name, now_ms=now_ms(), days=args.days))
        elif args.command == "revoke-device":
            if not accounts.revoke(conn, args.device, now_ms=now_ms()):
                raise SyncRefused(404, "unknown_device", f"no active device {args.device}")
            print(f"device {args.device} revoked")
        elif args.command == "mark-restored":
            ident, number = mark_restored(conn)
            print(f"new epoch {ident} (#{number}); laptops will re-send what this database lacks")
        else:
            rows = _listing(conn, args.command)
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=1))
            else:
                for r in rows:
                    print("  ".join(f"{k}={_show(k, v)}" for k, v in r.items()))
    return 0


def _listing(conn: Any, what: str) -> list[dict[str, Any]]:
    if what == "users":
        return accounts.users(conn)
    if what == "devices":
        return accounts.devices(conn)
    county = Principal("", 0, "admin", Role.COUNTY_ADMIN, "")
    return merge.quarantine_in_scope(conn, county)


def _show(key: str, value: Any) -> str:
    if key.endswith("_ms") and isinstance(value, int):
        return datetime.fromtimestamp(value / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M")
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)


if __name__ == "__main__":
    sys.exit(main())
