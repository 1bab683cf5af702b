"""The start of the pull tests (``tests/sync/test_pull_ahead*.py``): a county server that
holds children one laptop of a village filed and sent, and a laptop that has pulled none
of them yet (the fixtures ``filled_village`` and ``filled_township`` of
``tests/sync/conftest.py``).

Filing and sending the children is most of such a test's setup, and every test starts
from the same; so each start is made once per worker (for each number of children and
kind of notes) and each test gets copies of its files: the server's SQLite file and its
decision journal, served by a server of the test's own (a new app on a new port, with
failpoints of its own), and the stores of the laptops that filed. The laptop that pulls
is made and enrolled in the test, as before. The laptops that filed keep the address of
the server they sent to (the template's, stopped): they are there to be read, they do not
sync again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from childcare_desktop.storage.syncstore import StoreSync
from sync.server.db import Database, sqlite_url
from tests.conftest import open_copy
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop, LiveServer, new_laptop, serve
from tests.sync.faults import copy_sqlite
from tests.sync.township import World, make_world

SERVER = "server.db"
JOURNAL = "server-decisions.jsonl"  # beside it (sync.server.db.default_journal)
DIRECTORS = {VILLAGE_A: "dir_a", VILLAGE_B: "dir_b"}  # of tests.sync.township


@dataclass
class FilledVillage:
    server: LiveServer
    a: Laptop  # filed the children and sent them
    b: Laptop  # the same director's second laptop: enrolled, has pulled nothing


def file_children(
    laptop: Laptop, children: int, notes: Callable[[int], str], prefix: str = ""
) -> None:
    """``children`` children (``{prefix}儿童{i}``, notes ``notes(i)``), filed and sent."""
    with laptop.store.session() as session:
        for i in range(children):
            make_child(session, name=f"{prefix}儿童{i}", notes=notes(i))
    report = laptop.run()
    assert report.ok, report


class PullTemplates:
    """The starts made so far by this worker, each in a folder of its own."""

    def __init__(self, root: Path, template_store: Path) -> None:
        self.root = root
        self.template_store = template_store
        self.made: dict[tuple[Any, ...], Path] = {}

    def village(
        self,
        stack: ExitStack,
        tmp_path: Path,
        make_laptop: Callable[..., Laptop],
        children: int,
        notes: Callable[[int], str],
    ) -> FilledVillage:
        """Director wang's laptop A filed ``children`` children in village A and sent
        them; his laptop B is enrolled in the test."""

        def build(server: LiveServer, folder: Path) -> None:
            server.user("wang", "director", VILLAGE_A)
            a = new_laptop(self.template_store, folder, "a", server, user="wang")
            try:
                file_children(a, children, notes)
            finally:
                a.store.close()

        folder = self._template(("village", children, notes), build)
        server = self._serve(stack, folder, tmp_path)
        a = self._open(stack, folder, tmp_path, "a")
        return FilledVillage(server, a, make_laptop("b", server, user="wang"))

    def township(
        self,
        stack: ExitStack,
        tmp_path: Path,
        make_laptop: Callable[..., Laptop],
        children: int,
        notes: Callable[..., str],
    ) -> World:
        """The county of ``tests.sync.township`` whose directors of villages A and B
        each filed ``children`` children (``{last digit}儿童{i}``, ``notes(i, village)``)
        and sent them; every other laptop is made in the test, on first use."""

        def build(server: LiveServer, folder: Path) -> None:
            world = make_world(server, partial(new_laptop, self.template_store, folder))
            try:
                for village, user in DIRECTORS.items():
                    laptop = world.laptop(user)
                    file_children(laptop, children, partial(notes, village=village), village[-1])
            finally:
                for laptop in world.laptops.values():
                    laptop.store.close()

        folder = self._template(("township", children, notes), build)
        server = self._serve(stack, folder, tmp_path)
        laptops = {user: self._open(stack, folder, tmp_path, user) for user in DIRECTORS.values()}
        return World(server, make_laptop, laptops)

    def _template(self, key: tuple[Any, ...], build: Callable[[LiveServer, Path], None]) -> Path:
        """The folder of the start ``key``, made by ``build`` on a server of its own
        the first time (the server stopped and its database closed after)."""
        if key not in self.made:
            folder = self.root / f"start-{len(self.made)}"
            folder.mkdir()
            with contextmanager(serve)(Database(sqlite_url(folder / SERVER))) as server:
                build(server, folder)
            self.made[key] = folder
        return self.made[key]

    @staticmethod
    def _serve(stack: ExitStack, folder: Path, tmp_path: Path) -> LiveServer:
        """A server of the test's own on a copy of the start's database and journal."""
        copy_sqlite(folder / SERVER, tmp_path / SERVER)
        if (folder / JOURNAL).exists():
            shutil.copyfile(folder / JOURNAL, tmp_path / JOURNAL)
        database = Database(sqlite_url(tmp_path / SERVER))
        return stack.enter_context(contextmanager(serve)(database))

    @staticmethod
    def _open(stack: ExitStack, folder: Path, tmp_path: Path, name: str) -> Laptop:
        """A copy of the store of laptop ``name`` of the start, opened."""
        path = tmp_path / f"{name}.db"
        shutil.copyfile(folder / f"{name}.db", path)
        store = open_copy(path, folder / f"{name}.db", actor=name)
        stack.callback(store.close)
        return Laptop(name, store, StoreSync(store))
