"""The Qt binding itself: a guard for a bug that would crash the app in the field.

PySide6 6.12.0 drops a reference to True or False each time a Signal(bool) reaches a
Python slot; after some thousands of emissions (a morning's work: every background job
emits one) the interpreter aborts with "bool_dealloc". pyproject.toml pins below 6.12;
this test fails on any release that brings the bug back.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QCheckBox


class _Emitter(QObject):
    flag = Signal(bool)


def test_bool_signals_keep_their_references(qapp: QApplication) -> None:
    emitter = _Emitter()
    seen: list[bool] = []
    emitter.flag.connect(lambda value: seen.append(value))
    check = QCheckBox()
    check.toggled.connect(lambda on: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.flag.emit(True)
        emitter.flag.emit(False)
        check.setChecked(True)
        check.setChecked(False)
    seen.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
