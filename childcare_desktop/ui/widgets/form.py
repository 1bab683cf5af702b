"""Declarative forms: a list of fields becomes editors with their messages beside them.

Each field knows its kind (text, choice, date, ID number...). The form checks what it can
as the user leaves a field (an ID number's check digit, a phone, a date) and shows the
reason right under it; on saving it checks every field at once and shows every message,
then the use case checks again and its errors land under the fields they name.

Choices offer "未采集" where the fact can be unknown; a required choice starts at
"请选择" instead, so nobody saves a judgement they never made. The form remembers which
fields the user touched: an edit sends only those, and a stored value nobody touched is
never overwritten by what the editor happened to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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

from ...core.errors import DomainError, ValidationError
from ...core.vocab import IdType
from ..i18n import error_text, tr
from .date_field import DateField
from .form_fields import (
    CHOICE,
    DATE,
    DATETIME,
    ID_CARRIES_BIRTH,
    ID_NUMBER,
    MULTI,
    NOTE,
    NUMBER,
    PHONE,
    RECORD,
    TEXT,
    VILLAGE,
    Field,
    check,
    display,
    id_note,
    same_value,
    tidy,
    typed_id,
)
from .labels import plain
from .village_field import VillageField
from .wheel import guard_wheel

__all__ = [
    "CHOICE",
    "DATE",
    "DATETIME",
    "ID_NUMBER",
    "MULTI",
    "NOTE",
    "NUMBER",
    "PHONE",
    "RECORD",
    "TEXT",
    "VILLAGE",
    "Field",
    "Form",
    "same_value",
]


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
        self.touched: set[str] = set()
        self._loading = False  # set_values is filling the editors: nothing is touched
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        per_column = -(-len(self.fields) // columns)
        layouts = [self._column(grid, column) for column in range(columns)]
        for index, field in enumerate(self.fields.values()):
            label = plain(QLabel(tr("fields", field.label) + ("*" if field.required else "")))
            label.setWordWrap(True)  # large text: a long label wraps instead of being cut
            layouts[index // per_column].addRow(label, self._row(field))
        grid.setRowStretch(1, 1)  # spare height goes below the fields, not between them

    # -- building ---------------------------------------------------------------------

    @staticmethod
    def _column(grid: QGridLayout, column: int) -> QFormLayout:
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # When a label and its field do not fit side by side (large text, a narrow
        # window), the field goes under its label rather than being cut.
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addLayout(layout, 0, column)
        return layout

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
        note.setWordWrap(True)
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
        name = field.name
        if field.kind == NOTE:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(72)
            editor.textChanged.connect(lambda: self._touched(name))
            return editor
        if field.kind in (CHOICE, RECORD):
            combo = _combo(field)
            combo.currentIndexChanged.connect(lambda _i: self._touched(name))
            return combo
        if field.kind == MULTI:
            return self._checks(field)
        if field.kind == VILLAGE:
            village = VillageField(tr("fields", field.hint) if field.hint else "")
            village.edited.connect(lambda: self._touched(name))
            return village
        line = DateField() if field.kind == DATE else QLineEdit()
        line.setPlaceholderText(tr("fields", field.hint) if field.hint else "")
        line.textEdited.connect(lambda _t: self._touched(name))
        if field.kind in (ID_NUMBER, PHONE, DATE, DATETIME, NUMBER):
            line.editingFinished.connect(lambda f=field: self._check_one(f))
        if field.kind == ID_NUMBER:
            line.textEdited.connect(lambda text, f=field: self._id_typed(f, text))
        return line

    def _checks(self, field: Field) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        assert field.choices is not None
        members = [m for m in field.choices if m.value != "unknown"]
        per_row = 1 if max(len(m.label) for m in members) > 12 else 3
        for index, member in enumerate(members):
            check_box = QCheckBox(tr("vocab", member.label))
            check_box.setProperty("code", member.value)
            check_box.toggled.connect(lambda _on: self._touched(field.name))
            grid.addWidget(check_box, index // per_row, index % per_row)
        return box

    def _touched(self, name: str) -> None:
        if self._loading:
            return
        self.touched.add(name)
        self.changed.emit()

    # -- reading and writing ----------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return bool(self.touched)

    def is_dirty(self) -> bool:
        """Whether the user changed anything since the form was filled or saved."""
        return bool(self.touched)

    def mark_clean(self) -> None:
        self.touched.clear()

    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, VillageField):
            return editor.code()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QLineEdit):
            return tidy(self.fields[name], editor.text().strip())
        return [c.property("code") for c in editor.findChildren(QCheckBox) if c.isChecked()]

    def values(self, *, changed_from: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Every field's value; with ``changed_from`` (the stored record), only the fields
        the user touched whose value now differs from it."""
        result = {}
        for name, field in self.fields.items():
            if field.read_only:
                continue
            value = self.value(name)
            if changed_from is not None and (
                name not in self.touched or same_value(value, changed_from.get(name))
            ):
                continue
            result[name] = value if value != "" else None
        return result

    def set_values(self, values: Mapping[str, Any]) -> None:
        self._loading = True
        try:
            for name, value in values.items():
                if name in self.editors:
                    self._set(name, value)
        finally:
            self._loading = False
        self.clear_errors()
        self.touched.clear()

    def _set(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, VillageField):
            editor.set_code(value)
        elif isinstance(editor, QComboBox):
            code = value.value if isinstance(value, Enum) else value
            index = editor.findData(code)
            if index < 0 and isinstance(value, Enum):  # e.g. 未采集 in a required choice
                editor.addItem(tr("vocab", getattr(value, "label", str(code))), code)
                index = editor.count() - 1
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(display(value))
        else:
            wanted = set(value or ())
            for check_box in editor.findChildren(QCheckBox):
                check_box.setChecked(check_box.property("code") in wanted)

    # -- messages -----------------------------------------------------------------------

    def check_all(self) -> list[ValidationError]:
        """Every field's problem that needs no database: required, dates, numbers, IDs."""
        found = []
        for name, field in self.fields.items():
            if field.read_only:
                continue
            try:
                check(field, self.value(name))
            except ValidationError as err:
                found.append(ValidationError(err.kind, name, **err.params))
        return found

    def show_errors(self, errors: Iterable[DomainError]) -> list[DomainError]:
        """Show each error under its field, focus the first; return those no field names."""
        unplaced, first = [], None
        for error in errors:
            name = error.field if error.field in self.errors else None
            if name is None:
                unplaced.append(error)
                continue
            label = self.errors[name]
            label.setText(error_text(error, self.fields[name].label))
            label.show()
            first = first or name
        if first is not None:
            self.editors[first].setFocus()
        return unplaced

    def show_error(self, error: DomainError) -> bool:
        """Show ``error`` (or each of a group of errors) under its field; False if no
        field of this form is named."""
        errors = getattr(error, "errors", None) or [error]
        return len(self.show_errors(errors)) < len(errors)

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
            label.clear()

    def error_of(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if not label.isHidden() else ""

    def _check_one(self, field: Field) -> None:
        """The checks that need no database, as the user leaves the field."""
        value = self.value(field.name)
        self.errors[field.name].hide()
        if field.kind != ID_NUMBER:
            self.notes[field.name].hide()
        if not value:
            return
        try:
            note = check(field, value)
        except ValidationError as err:
            self.show_errors([ValidationError(err.kind, field.name, **err.params)])
            return
        if note:
            self.notes[field.name].setText(note)
            self.notes[field.name].show()

    def _id_typed(self, field: Field, text: str) -> None:
        """自动带出: once the 18 characters are valid, show and fill birth date and sex."""
        parsed = typed_id(text)
        note = self.notes[field.name]
        if parsed is None or self._id_type() not in ID_CARRIES_BIRTH:
            note.hide()
            return
        note.setText(id_note(parsed))
        note.show()
        self.errors[field.name].hide()
        derived: dict[str, Any] = {"sex": parsed.sex, "birth_date": parsed.birth_date}
        if self._id_type() in (None, IdType.UNKNOWN.value):
            # the number says which document it is (居民身份证, or a permit of that layout)
            derived["id_type"] = IdType(parsed.kind.value)
        for name, value in derived.items():
            if name in self.editors and not self.fields[name].read_only:
                self._set(name, value)
                self.touched.add(name)  # derived from the user's edit: saved with it

    def _id_type(self) -> Any:
        return self.value("id_type") if "id_type" in self.editors else None


def _combo(field: Field) -> QComboBox:
    combo = QComboBox()
    guard_wheel(combo)
    if field.kind == RECORD:
        combo.addItem(tr("fields", "请选择") if field.required else "", None)
        for label, ident in field.options:
            combo.addItem(tr("fields", label), ident)  # names of people pass unchanged
        if field.required and len(field.options) == 1:
            combo.setCurrentIndex(1)  # the only carer there is: nothing to choose
        return combo
    assert field.choices is not None
    has_unknown = hasattr(field.choices, "UNKNOWN")
    if field.required:
        combo.addItem(tr("fields", "请选择"), None)  # a judgement nobody made is not saved
    elif field.optional_choice or not has_unknown:
        combo.addItem("", None)
    for member in field.choices:
        if field.required and member.value == "unknown":
            continue
        combo.addItem(tr("vocab", member.label), member.value)
    if has_unknown and not field.required and not field.optional_choice:
        combo.setCurrentIndex(combo.findData("unknown"))
    return combo
