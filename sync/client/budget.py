"""How many bytes one exchange with the server may put on the wire: what the link has
proved it can carry (issue 13).

A rural hotspot resets a connection after some tens of kilobytes. An exchange cut part
way is lost whole and sent again, so an exchange much smaller than what a connection
carries wastes little, and one larger than it never gets through. The budget learns the
bytes a connection carries before it is cut (``capacity``, a moving average) and sizes
each exchange to a fraction of it; until the first cut it grows by a quarter after every success,
so a good link soon carries large exchanges. It shrinks on a cut, grows on success, and
counts bytes, never operations: a batch of 2,000 long notes and one of 2,000 phone
numbers differ tenfold on the wire.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KB = 1024


@dataclass
class LinkBudget:
    low: int = 2 * KB  # an exchange smaller than this is mostly headers
    start: int = 4 * KB
    high: int = 1024 * KB
    parts: int = 2  # exchanges per connection's capacity
    size: int = 0  # bytes the next exchange may use (set from ``start``)
    capacity: float | None = None  # bytes a connection carries before a cut; None: no cut yet
    carried_since_cut: int = 0
    cuts: int = 0
    # wire bytes per item (an operation, an audit entry) and wire / raw of answers, learned
    per_item: dict[str, float] = field(default_factory=dict)
    ratio: float = 0.25

    def __post_init__(self) -> None:
        self.size = self.size or self.start

    def carried(self, wire: int) -> None:
        """An exchange of ``wire`` bytes got through: the link may carry more."""
        self.carried_since_cut += wire
        if self.capacity is None:
            self.size = self._clamp(self.size * 5 / 4)
            return
        if self.carried_since_cut > self.capacity:  # this connection proved more
            self.capacity += (self.carried_since_cut - self.capacity) / 4
        self.size = self._clamp(self.capacity / self.parts)

    def cut(self, through: float | None = None) -> None:
        """An exchange was cut: what the connection carried before it, with what of the
        lost exchange went ``through`` (unknown: half of it, where on average it broke),
        is a sample of the link's capacity."""
        self.cuts += 1
        sample = self.carried_since_cut + (self.size / 2 if through is None else through)
        self.capacity = sample if self.capacity is None else (3 * self.capacity + sample) / 4
        self.carried_since_cut = 0
        self.size = self._clamp(min(self.size / 2, self.capacity / self.parts))

    def count(self, kind: str, guess: float, most: int, share: float = 1.0) -> int:
        """How many items of ``kind`` (about ``guess`` wire bytes each until measured) fit
        in ``share`` of the next exchange: at least one, so every exchange makes progress."""
        each = self.per_item.get(kind, guess)
        return max(1, min(most, int(self.size * share / max(each, 1.0))))

    def learn(self, kind: str, wire: int, items: int) -> None:
        """An exchange of ``items`` items took ``wire`` bytes."""
        if items:
            each = wire / items
            old = self.per_item.get(kind)
            self.per_item[kind] = each if old is None else (old + each) / 2

    def learn_ratio(self, wire: int, raw: int) -> None:
        """An answer of ``raw`` bytes of JSON took ``wire`` bytes compressed."""
        if raw > 0 and wire > 0:
            self.ratio = (self.ratio + min(1.0, wire / raw)) / 2

    def _clamp(self, value: float) -> int:
        return int(max(self.low, min(self.high, value)))
