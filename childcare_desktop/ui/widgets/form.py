"""Declarative forms: a list of fields becomes editors with their messages beside them.

Each field knows its kind (text, choice, date, ID number...). The form checks what it can
as the user leaves a field (an ID number's check digit, a phone, a date) and shows the
reason right under it; the use case checks again when saving, and its error lands under
the field it names. Choices always offer "未采集" where the fact can be unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import age_on
from ...core.errors import DomainError, Kind, ValidationError
from ...core.identity import parse_id_number
from ...core.phone import parse_phone
from ...core.vocab import Choice
from ..i18n import error_text, tr
from .labels import plain

TEXT, NOTE, CHOICE, MULTI, DATE, DATETIME, NUMBER, PHONE, ID_NUMBER, RECORD = (
    "text",
    "note",
    "choice",
    "multi",
    "date",
    "datetime",
    "number",
    "phone",
    "id_number",
    "record",
)


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # Chinese source text; translated in the "fields" context
    kind: str = TEXT
    choices: type[Choice] | None = None
    required: bool = False
    hint: str = ""  # placeholder, e.g. "2026-07-01"
    optional_choice: bool = False  # a blank entry instead of 未采集
    read_only: bool = False
    options: tuple[tuple[str, str], ...] = ()  # RECORD: (label, id) of the child's own rows


class Form(QWidget):
    """Editors for ``fields``; ``values()`` gives what was typed, ``show_error`` the reason."""

    changed = Signal()

    def __init__(
        self, fields: Iterable[Field], parent: QWidget | None = None, columns: int = 1
    ) -> None:
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self._dirty = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        per_column = -(-len(self.fields) // columns)
        layouts = []
        for column in range(columns):
            layout = QFormLayout()
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addLayout(layout, 0, column)
            layouts.append(layout)
        for index, field in enumerate(self.fields.values()):
            label = tr("fields", field.label) + ("*" if field.required else "")
            layouts[index // per_column].addRow(label, self._row(field))
        grid.setRowStretch(1, 1)  # spare height goes below the fields, not between them

    # -- building ---------------------------------------------------------------------

    def _row(self, field: Field) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        editor = self._editor(field)
        editor.setObjectName(f"field_{field.name}")
        editor.setEnabled(not field.read_only)
        column.addWidget(editor)
        note = plain(QLabel())
        note.setObjectName(f"note_{field.name}")
        note.setStyleSheet("color: #555;")
        note.hide()
        error = plain(QLabel())
        error.setObjectName(f"error_{field.name}")
        error.setStyleSheet("color: #b00020;")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(note)
        column.addWidget(error)
        self.editors[field.name], self.notes[field.name], self.errors[field.name] = (
            editor,
            note,
            error,
        )
        return box

    def _editor(self, field: Field) -> QWidget:
        if field.kind == NOTE:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(72)
            editor.textChanged.connect(self._touched)
            return editor
        if field.kind == RECORD:
            combo = QComboBox()
            if not field.required:
                combo.addItem("", None)
            for label, ident in field.options:
                combo.addItem(tr("fields", label), ident)  # names of people pass unchanged
            combo.currentIndexChanged.connect(self._touched)
            return combo
        if field.kind == CHOICE:
            combo = QComboBox()
            assert field.choices is not None
            if field.optional_choice or not hasattr(field.choices, "UNKNOWN"):
                combo.addItem("", None)
            for member in field.choices:
                combo.addItem(tr("vocab", member.label), member.value)
            if hasattr(field.choices, "UNKNOWN") and not field.optional_choice:
                combo.setCurrentIndex(combo.findData("unknown"))
            combo.currentIndexChanged.connect(self._touched)
            return combo
        if field.kind == MULTI:
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 0, 0, 0)
            assert field.choices is not None
            members = [m for m in field.choices if m.value != "unknown"]
            per_row = 1 if max(len(m.label) for m in members) > 12 else 3
            for index, member in enumerate(members):
                check = QCheckBox(tr("vocab", member.label))
                check.setProperty("code", member.value)
                check.toggled.connect(self._touched)
                grid.addWidget(check, index // per_row, index % per_row)
            return box
        line = QLineEdit()
        line.setPlaceholderText(tr("fields", field.hint) if field.hint else "")
        line.textEdited.connect(self._touched)
        if field.kind in (ID_NUMBER, PHONE, DATE, DATETIME, NUMBER):
            line.editingFinished.connect(lambda f=field: self._check_one(f))
        return line

    def _touched(self, *_args: object) -> None:
        self._dirty = True
        self.changed.emit()

    # -- reading and writing ----------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_clean(self) -> None:
        self._dirty = False

    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QLineEdit):
            return editor.text().strip()
        return [c.property("code") for c in editor.findChildren(QCheckBox) if c.isChecked()]

    def values(self, *, changed_from: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Every field's value; with ``changed_from``, only the ones that differ from it."""
        result = {}
        for name, field in self.fields.items():
            if field.read_only:
                continue
            value = self.value(name)
            if changed_from is not None and same_value(value, changed_from.get(name)):
                continue
            result[name] = value if value != "" else None
        return result

    def set_values(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            if name not in self.editors:
                continue
            editor = self.editors[name]
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value or "")
            elif isinstance(editor, QComboBox):
                code = value.value if isinstance(value, Enum) else value
                index = editor.findData(code)
                editor.setCurrentIndex(index if index >= 0 else 0)
            elif isinstance(editor, QLineEdit):
                editor.setText(_display(value))
            else:
                wanted = set(value or ())
                for check in editor.findChildren(QCheckBox):
                    check.setChecked(check.property("code") in wanted)
        self.clear_errors()
        self._dirty = False

    # -- messages -----------------------------------------------------------------------

    def show_error(self, error: DomainError) -> bool:
        """Show ``error`` under its field; False if no field of this form is named."""
        name = error.field if error.field in self.errors else None
        if name is None:
            return False
        label = self.errors[name]
        label.setText(error_text(error, self.fields[name].label))
        label.show()
        editor = self.editors[name]
        editor.setFocus()
        return True

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
            label.clear()

    def error_of(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if not label.isHidden() else ""

    def _check_one(self, field: Field) -> None:
        """The checks that need no database, as the user leaves the field."""
        text = self.value(field.name)
        self.errors[field.name].hide()
        self.notes[field.name].hide()
        if not text:
            return
        try:
            note = _check(field, text)
        except ValidationError as err:
            self.show_error(ValidationError(err.kind, field.name, **err.params))
            return
        if note:
            self.notes[field.name].setText(note)
            self.notes[field.name].show()


def _check(field: Field, text: str) -> str:
    if field.kind == ID_NUMBER:
        parsed = parse_id_number(text)
        age = age_on(parsed.birth_date, date.today())
        return tr("fields", "出生日期 {birth}，{sex}，{age}周岁").format(
            birth=parsed.birth_date.isoformat(), sex=tr("vocab", parsed.sex.label), age=age
        )
    if field.kind == PHONE:
        parse_phone(text)
    elif field.kind == DATE:
        try:
            date.fromisoformat(text)
        except ValueError:
            raise ValidationError(Kind.DATE_INVALID, field.name, value=text[:20]) from None
    elif field.kind == DATETIME:
        try:
            datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(Kind.DATE_INVALID, field.name, value=text[:20]) from None
    elif field.kind == NUMBER and not text.lstrip("-").isdigit():
        raise ValidationError(Kind.NUMBER_INVALID, field.name, value=text, low="", high="")
    return ""


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def same_value(typed: Any, stored: Any) -> bool:
    if isinstance(stored, Enum):
        stored = stored.value
    if isinstance(stored, tuple | list):
        return sorted(typed or []) == sorted(stored)
    return (typed or "") == ("" if stored is None else _display(stored))


def align_right(label: QLabel) -> QLabel:
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label
