"""Errors the server answers with: an HTTP status, a stable code and details for the client."""

from __future__ import annotations

from typing import Any


class SyncRefused(Exception):
    """A request the server will not carry out as sent (nothing was changed)."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.details}


def bad_request(message: str) -> SyncRefused:
    return SyncRefused(400, "bad_request", message)


def unauthorized(code: str, message: str) -> SyncRefused:
    return SyncRefused(401, code, message)
