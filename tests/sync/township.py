"""A county with two townships, for the township desk's tests (issue 15).

Township 349901101 (青石镇) has two villages, A (柳溪村) and B (桃园村); township 349901102
(白沙乡) has village C (河口村). Each village has a director, each township a
supervisor, and the county an administrator. :func:`world` gives the real server (SQLite
and PostgreSQL, like ``server``) and makes each person's laptop on first use: a real
SQLCipher store enrolled with the server, a director's filed under the village, a
supervisor's under the township (a township's store).

    def test_something(world: World) -> None:  # a fixture of tests/sync/conftest.py
        a = world.laptop("dir_a")
        sup = world.laptop("sup_1")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from childcare_desktop.core.roles import Role
from childcare_desktop.services import preferences
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, VILLAGE_B, Laptop, LiveServer

COUNTY = TOWNSHIP[:6]  # 349901
TOWNSHIP_2 = "349901102"
VILLAGE_C = TOWNSHIP_2 + "201"

# Synthetic names of the synthetic county (never real places).
PLACES = {
    COUNTY: "清河县",
    TOWNSHIP: "青石镇",
    VILLAGE_A: "柳溪村",
    VILLAGE_B: "桃园村",
    TOWNSHIP_2: "白沙乡",
    VILLAGE_C: "河口村",
}

# user -> (role, region, the name the laptop's user goes by)
PEOPLE: dict[str, tuple[Role, str, str]] = {
    "dir_a": (Role.DIRECTOR, VILLAGE_A, "李主任"),
    "dir_b": (Role.DIRECTOR, VILLAGE_B, "王主任"),
    "dir_c": (Role.DIRECTOR, VILLAGE_C, "赵主任"),
    "sup_1": (Role.SUPERVISOR, TOWNSHIP, "周督导"),
    "sup_2": (Role.SUPERVISOR, TOWNSHIP_2, "吴督导"),
    "county": (Role.COUNTY_ADMIN, COUNTY, "郑科长"),
}


@dataclass
class World:
    server: LiveServer
    make_laptop: Callable[..., Laptop]
    laptops: dict[str, Laptop] = field(default_factory=dict)

    def laptop(self, user: str) -> Laptop:
        """``user``'s laptop (one of :data:`PEOPLE`), made and enrolled on first use.

        The county has no laptop: the app has no county role on a laptop (preferences
        refuses it) and the county decides through the server's command line
        (``childcare-server transfers``, ``duplicates``; a browser console later)."""
        if user not in self.laptops:
            role, region, name = PEOPLE[user]
            if role is Role.COUNTY_ADMIN:
                raise ValueError(
                    f"{user} has no laptop: the county acts through the server "
                    "(sync.server.cli, e.g. `childcare-server transfers accept`)"
                )
            laptop = self.make_laptop(user)
            with laptop.store.session() as session:
                preferences.set_work_settings(
                    session,
                    name=name,
                    role=role,
                    region_code=region,
                    village=PLACES.get(region, "") if role is Role.DIRECTOR else "",
                    township=PLACES.get(region[:9], ""),
                    county=PLACES[COUNTY],
                )
            from sync import client

            client.enroll(
                self.server.url,
                user=user,
                code=self.server.code(user),
                label=user,
                store=laptop.sync,
            )
            self.laptops[user] = laptop
        return self.laptops[user]


def make_world(server: LiveServer, make_laptop: Callable[..., Laptop]) -> World:
    """The county of this module's docstring on ``server`` (the fixtures ``world`` and
    ``sqlite_world`` of ``tests/sync/conftest.py``)."""
    for user, (role, region, _) in PEOPLE.items():
        server.user(user, role.value, region)
    return World(server, make_laptop)
