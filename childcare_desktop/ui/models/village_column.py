"""The 村 column of the roster and the worklist on a township's store (a supervisor's).

The cell reads the village as people say it ("青石镇柳溪村", from services.places); its
tooltip gives the 12-digit code. A director's store hides the column (one village only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .record_table_model import Column


class VillageLabels:
    """The labels of the villages a model shows, set when the view loads the store's."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}

    def set(self, labels: Mapping[str, str]) -> None:
        self.labels = dict(labels)

    def label(self, code: str) -> str:
        return self.labels.get(code, code)


def village_column(labels: VillageLabels, code_of: Callable[[Any], str]) -> Column:
    return Column("村", lambda record: labels.label(code_of(record)))
