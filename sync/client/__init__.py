"""The laptop's side of sync: an engine over ``requests`` that talks to the app only
through the :class:`~sync.client.store.LocalStore` interface."""

from . import bundles
from .engine import SyncEngine, SyncReport
from .store import Ack, Entry, LocalStore, SyncState
from .transport import SyncError, Transport

__all__ = [
    "Ack",
    "Entry",
    "LocalStore",
    "SyncEngine",
    "SyncError",
    "SyncReport",
    "SyncState",
    "Transport",
]


def enroll(
    server_url: str,
    *,
    user: str,
    code: str,
    label: str,
    store: LocalStore,
    transport: Transport | None = None,
) -> dict[str, object]:
    """Spend a one-time code from the county; the device token goes into the store."""
    transport = transport or Transport(server_url, attempts=2)
    answer = transport.post("/enroll", {"user": user, "code": code, "label": label}, retry=False)
    store.save_enrollment(
        server_url=server_url,
        device_id=answer["device"],
        token=answer["token"],
        user={k: answer[k] for k in ("user", "role", "region")},
        epoch=answer["epoch"],
    )
    bundles.note_hello(store, answer)  # the keys of sync by USB stick
    bundles.signing_key(store)  # made now: a backup from here on holds it
    if isinstance(answer.get("recovery"), dict):  # the county's recovery key, when it has one
        store.receive_recovery_key(answer["recovery"])
    return {k: answer[k] for k in ("device", "user", "role", "region")}
