"""How the county server is served (uvicorn): one place, for ``childcare-server serve``
and for the tests' loopback servers.

* TLS: with ``certfile``/``keyfile`` the server speaks HTTPS itself; otherwise put it
  behind a proxy that terminates TLS.
* Forwarded headers (``X-Forwarded-For``, ``-Proto``) are believed only from the proxies
  named in ``trusted_proxies``: uvicorn would otherwise believe any client on
  127.0.0.1, and the enrollment rate limit, keyed by client address, could be dodged
  (or turned against everyone) by anything running on the server's machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import uvicorn


def config(
    app: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 8700,
    certfile: str | None = None,
    keyfile: str | None = None,
    trusted_proxies: Sequence[str] = (),
    log_level: str = "info",
    lifespan: Literal["auto", "on", "off"] = "auto",
) -> uvicorn.Config:
    """The uvicorn configuration of the county server."""
    if (certfile is None) != (keyfile is None):
        raise ValueError("TLS needs both a certificate file and its key file")
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        proxy_headers=bool(trusted_proxies),
        forwarded_allow_ips=list(trusted_proxies) or [],
        server_header=False,
        log_level=log_level,
        lifespan=lifespan,
    )
