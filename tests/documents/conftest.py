"""The demo village of the document tests, built once per worker: a test gets a copy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from childcare_desktop.services import demo
from childcare_desktop.storage.store import Store
from tests.conftest import open_copy

ACTOR = "测试员"  # the conftest store's actor: 打印人


@pytest.fixture(scope="session")
def demo_village(
    template_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, demo.DemoSummary]:
    """The 60-child demo village (seed 5) and what its builder said it made."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(template_store, path)
    built = open_copy(path, template_store, actor=ACTOR)
    try:
        with built.session() as s:
            made = demo.build_demo_village(s, children=60, seed=5)
    finally:
        built.close()
    return path, made


@pytest.fixture
def demo_store(demo_village: tuple[Path, demo.DemoSummary], tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo village of the test's own, opened."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_village[0], path)
    opened = open_copy(path, demo_village[0], actor=ACTOR)
    yield opened
    opened.close()
