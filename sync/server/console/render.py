"""The console's pages: Jinja2 templates of this package, escaped, no script.

Every answer carries a Content-Security-Policy that lets the page load only the server's
own stylesheet and send forms only to the server (no script at all, no frame), and is
never cached: the pages show who may sync, and a shared office PC keeps no copy.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select

from childcare_desktop.core.roles import Permission

from .. import regions
from .. import schema as s
from ..api.deps import database
from ..days import CHINA

HERE = Path(__file__).parent
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def when(ms: int | None) -> str:
    """A moment in Beijing time, to the minute ("" for none)."""
    if ms is None:
        return ""
    return (datetime.fromtimestamp(ms / 1000, tz=UTC) + CHINA).strftime("%Y-%m-%d %H:%M")


_env.filters["when"] = when
_env.globals["ADMINISTER"] = Permission.ADMINISTER


def county_name(request: Request) -> str:
    """The county this server serves, by name when its names were imported."""
    with database(request).read() as conn:
        code = regions.county_of_server(conn)
        if code is None:
            return "县民政局"
        name = conn.execute(select(s.region.c.name).where(s.region.c.code == code)).scalar()
    return f"{name}民政局" if name else f"本县（{code}）民政局"


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page (``context``: the template's values; ``viewer`` when logged in)."""
    html = _env.get_template(template).render(county=county_name(request), **context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)
