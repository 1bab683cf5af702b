"""Shared fixtures: a migrated template store, copied per test (each test gets its own file)."""

from __future__ import annotations

import functools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from childcare_desktop.storage.store import Store, create_store, open_with_key, raw_key_for

PASSPHRASE = "test-passphrase-口令"
VILLAGE = "349901101201"


@pytest.fixture(autouse=True, scope="session")
def _log_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the tests' log file out of the home directory."""
    mp = pytest.MonkeyPatch()
    mp.setenv("CHILDCARE_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
    mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))  # QSettings
    mp.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    create_store(path, PASSPHRASE, actor="测试员", region_code=VILLAGE).close()
    return path


@pytest.fixture
def store_path(template_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    shutil.copyfile(template_store, path)
    return path


@pytest.fixture
def store(store_path: Path, template_store: Path) -> Iterator[Store]:
    opened = open_copy(store_path, template_store, actor="测试员")
    yield opened
    opened.close()


def open_copy(path: Path, template: Path, *, actor: str = "") -> Store:
    """Open ``path``, a copy of the store ``template`` (the tests' passphrase): a copy has
    the template's salt, so its key is the template's, derived once per template instead
    of once per test (PBKDF2, 0.15 s); the store opens with it as the county's recovery
    opens one (``open_with_key``). The tests of unlocking call ``open_store`` itself."""
    return open_with_key(path, _key_of(template), actor=actor)


@functools.cache
def _key_of(template: Path) -> str:
    return raw_key_for(template, PASSPHRASE)
