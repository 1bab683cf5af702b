"""The state machine's sync by USB stick (issue 16): a rule mixed into
``test_state_machine.SyncMachine``, so that bundles and HTTP syncs of the same laptops
come in any order and every invariant of the machine holds across both paths.

A site writes its bundle, a relay carries it to the server, and then the reply is read
once, read twice, lost (the stick forgotten: the edits stay waiting here and go again),
or read after a later reply (an old reply kept on the stick): none of it may lose or
repeat an edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import rule

from sync.client import SyncError, Transport, bundles

READS = ["once", "twice", "lost", "old_after"]


class BundleRules:
    """Mixed into the machine: ``self.site(i)``, ``self.world``, ``self.dir``."""

    replies: dict[str, list[bytes]]

    @rule(i=st.integers(0, 3), read=st.sampled_from(READS))
    def sync_by_bundle(self, i: int, read: str) -> None:
        site: Any = self.site(i)  # type: ignore[attr-defined]
        kept = self.__dict__.setdefault("replies", {}).setdefault(site.name, [])
        try:
            name, data = bundles.export(site.sync)
        except SyncError as exc:
            assert exc.code in ("no_bundle_keys", "device_revoked"), exc
            return
        stick: Path = self.dir / "stick"  # type: ignore[attr-defined]
        stick.mkdir(exist_ok=True)
        path = stick / name
        bundles.write_whole(path, data)
        link = Transport(self.world.server.url, attempts=1)  # type: ignore[attr-defined]
        try:
            done = bundles.relay(stick, link, again=True)
        finally:
            link.session.close()
        assert dict(done)[name] == "replied", done
        reply = path.with_suffix(bundles.REPLY_SUFFIX).read_bytes()
        path.unlink()
        if read == "lost":
            kept.append(reply)
            return
        report = bundles.read_reply(site.sync, reply)
        assert report.refused is None, report
        if read == "twice":
            assert bundles.read_reply(site.sync, reply).stale
        if read == "old_after" and kept:
            before = _state(site)
            old = bundles.read_reply(site.sync, kept[0])
            assert old.stale and _state(site) == before, old
        kept.append(reply)


def _state(site: Any) -> tuple[Any, ...]:
    state = site.sync.sync_state()
    with site.store.connection() as conn:
        outbox = conn.exec_driver_sql("SELECT ctr, state FROM outbox ORDER BY ctr").all()
    return (state.cursors, state.epoch, tuple(outbox))
