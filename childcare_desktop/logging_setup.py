"""One rotating log file in the platform log directory. Log lines never carry a child's
personal data: ids, counts and kinds only."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

APP = "childcare"


def log_dir() -> Path:
    override = os.environ.get("CHILDCARE_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP, appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the root logger to ``<log dir>/childcare.log``; returns the file, if writable."""
    root = logging.getLogger()
    for existing in root.handlers:  # already set up (a second command in one process)
        if getattr(existing, "_childcare", False):
            return Path(existing.baseFilename)  # type: ignore[attr-defined]
    try:
        directory = log_dir()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{APP}.log"
        handler = logging.handlers.TimedRotatingFileHandler(
            path, when="midnight", backupCount=14, encoding="utf-8"
        )
    except OSError:
        return None  # a read-only home must not stop the work
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._childcare = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("alembic", "sqlalchemy"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def default_store_path() -> Path:
    """Where the store lives unless told otherwise (the platform data directory)."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "childcare.db"
