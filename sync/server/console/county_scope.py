"""The console reads and writes its own county only.

A server serves one county (:func:`sync.server.regions.county_of_server`: that of its
region names, else of its users), and so do its staff: a console page or form naming a
region of another county (a township 349902101 on a server of 349901) is refused or
shows nothing. Every route taking a region code checks it with :func:`own_region`.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from .. import regions

LENGTHS = (6, 9, 12)  # county, township, village


def own_region(conn: Connection, code: str, *, digits: tuple[int, ...] = LENGTHS) -> bool:
    """Whether ``code`` is a region code (of ``digits`` digits) of this server's county.
    Before the server knows its county (no names, no users yet) any code is its own: the
    first user or the names imported decide it."""
    if not (code.isdigit() and len(code) in digits):
        return False
    county = regions.county_of_server(conn)
    return county is None or code.startswith(county)
