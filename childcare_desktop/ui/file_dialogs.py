"""The file dialogs of the app, all through here: they start in the user's documents folder
(where a Windows user looks first, not the folder the program happens to run in), and they
open window-modal without blocking, like every other dialog, so the idle lock can hide them
and tests can answer them. ``then`` gets the chosen path; nothing happens on 取消.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

Chosen = Callable[[Path], object]


def documents_dir() -> Path:
    """The user's documents folder (我的文档), or the home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(found) if found else Path.home()
    return path if path.is_dir() else Path.home()


def choose_save(
    parent: QWidget, title: str, suggested: str, name_filter: str, then: Chosen
) -> QFileDialog:
    """Ask where to save, offering ``suggested`` (a file name) in the documents folder."""
    dialog = _dialog(parent, title, name_filter, then)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = Path(suggested).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested)
    return _show(dialog)


def choose_open(parent: QWidget, title: str, name_filter: str, then: Chosen) -> QFileDialog:
    """Ask for an existing file."""
    dialog = _dialog(parent, title, name_filter, then)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _show(dialog)


def choose_folder(parent: QWidget, title: str, then: Chosen) -> QFileDialog:
    """Ask for a folder."""
    dialog = _dialog(parent, title, "", then)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _show(dialog)


def _dialog(parent: QWidget, title: str, name_filter: str, then: Chosen) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(documents_dir()), name_filter)
    dialog.setObjectName("file_dialog")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda path: then(Path(path)) if path else None)
    return dialog


def _show(dialog: QFileDialog) -> QFileDialog:
    dialog.show()  # window-modal; open() takes a receiver on PySide6 6.11
    return dialog
