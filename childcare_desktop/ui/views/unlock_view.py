"""The first window: unlock the store, create a new one, or open the demo store.

It is also the lock screen: after the idle minutes the other windows are hidden and this
one asks for the passphrase again, for that store only (no other store or the demo may be
opened over the windows hidden behind it). A wrong passphrase says so and lets the user
retry; the store file is never changed by a failed attempt. Enter acts on either page, and
an error goes away as soon as the user changes what it was about.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import Kind, StoreError
from ...core.passphrase import Strength, estimate
from ...services import recovery
from ..file_dialogs import choose_open, choose_save
from ..i18n import error_text, tr
from ..widgets.labels import plain

WEAK_STYLE, FAIR_STYLE, STRONG_STYLE = "color: #b00020;", "color: #8a5a00;", "color: #1b5e20;"


def strength_hint(passphrase: str, user_inputs: tuple[str, ...] = ()) -> tuple[str, str]:
    """What to say beside the new passphrase as it is typed, and in which colour."""
    if not passphrase:
        return "", ""
    found = estimate(passphrase, user_inputs)
    if found.strength is Strength.STRONG:
        return tr("unlock", "强"), STRONG_STYLE
    if found.strength is Strength.FAIR:
        return tr("unlock", "中：可以使用；再加一两个词会更安全"), FAIR_STYLE
    weak = StoreError(Kind.WEAK_PASSPHRASE, problems=[w.value for w in found.weaknesses])
    return error_text(weak), WEAK_STYLE


def forgot_text(path: Path) -> str:
    """What a forgotten passphrase means for the store at ``path``: the county can set a
    new one when the store's key is sealed to its recovery key, else nobody can."""
    if recovery.recoverable(path):
        return tr(
            "unlock",
            "忘记口令：请把这台笔记本（或档案库文件及旁边的 .recovery 文件）带到县民政局，"
            "由县里用恢复密钥重设口令。",
        )
    return tr(
        "unlock",
        "忘记口令将无法打开档案库：本档案库尚未交县里的恢复密钥保管（在县服务器登记本机后即可）。",
    )


class UnlockView(QWidget):
    unlock_requested = Signal(Path, str)
    create_requested = Signal(Path, str, str)  # path, passphrase, village code
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("unlock", "儿童主任工作台"))
        self.path: Path | None = None
        layout = QVBoxLayout(self)
        title = plain(QLabel(tr("unlock", "儿童主任工作台")))
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._unlock_page())
        self.pages.addWidget(self._create_page())
        layout.addWidget(self.pages)
        self.error = plain(QLabel())
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self._error_shown = False  # the label says what went wrong, not how things stand
        row = QHBoxLayout()
        self.store_buttons: list[QPushButton] = []
        for label, slot, name in (
            (tr("unlock", "打开其他档案库…"), self._choose_store, "other"),
            (tr("unlock", "新建档案库…"), self._choose_new, "new"),
            (tr("unlock", "打开示范档案库（虚构数据）"), self.demo_requested.emit, "demo"),
        ):
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.store_buttons.append(button)
        layout.addLayout(row)
        self.resize(560, 360)

    def _unlock_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.store_label = plain(QLabel())
        self.store_label.setWordWrap(True)
        form.addRow(tr("unlock", "档案库"), self.store_label)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self._unlock)
        self.passphrase.textEdited.connect(self._edited)
        form.addRow(tr("unlock", "口令"), self.passphrase)
        self.unlock_button = QPushButton(tr("unlock", "解锁"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        form.addRow("", self.unlock_button)
        self.forgot = plain(QLabel())
        self.forgot.setObjectName("forgot_passphrase")
        self.forgot.setWordWrap(True)
        form.addRow("", self.forgot)
        return page

    def _create_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.new_label = plain(QLabel())
        self.new_label.setWordWrap(True)
        form.addRow(tr("unlock", "新档案库"), self.new_label)
        self.first = QLineEdit()
        self.first.setObjectName("new_passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.textChanged.connect(self._show_strength)
        self.first.returnPressed.connect(self._first_entered)
        form.addRow(tr("unlock", "设置口令"), self.first)
        self.strength = plain(QLabel())
        self.strength.setObjectName("strength")
        self.strength.setWordWrap(True)
        form.addRow("", self.strength)
        self.second = QLineEdit()
        self.second.setObjectName("confirm_passphrase")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.returnPressed.connect(self._create)
        form.addRow(tr("unlock", "再输入一次"), self.second)
        self.village = QLineEdit()
        self.village.setObjectName("village")
        self.village.setPlaceholderText(
            tr("unlock", "儿童主任填本村12位，督导员填本乡镇9位（可稍后在设置中填写）")
        )
        self.village.returnPressed.connect(self._create)
        for line in (self.first, self.second, self.village):
            line.textEdited.connect(self._edited)
        form.addRow(tr("unlock", "区划代码"), self.village)
        warning = plain(
            QLabel(
                tr(
                    "unlock",
                    "请牢记口令：口令遗失后任何人都无法打开档案库，包括软件提供方。"
                    "请在“设置”中定期备份到U盘。创建后请在“设置”中填写您的姓名和村（社区）。",
                )
            )
        )
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #8a5a00;")
        form.addRow("", warning)
        self.create_button = QPushButton(tr("unlock", "创建档案库"))
        self.create_button.setObjectName("create")
        self.create_button.clicked.connect(self._create)
        form.addRow("", self.create_button)
        return page

    # -- modes ---------------------------------------------------------------------------

    def ask_unlock(
        self, path: Path, locked: bool = False, kept: bool = False, idle: bool = False
    ) -> None:
        """Ask for ``path``'s passphrase; ``locked``: over hidden windows, by 文件 > 锁定 or
        (``idle``) after the idle minutes; ``kept``: holding unsaved text, which is said."""
        self.path = path
        self.store_label.setText(str(path))
        self.forgot.setText(forgot_text(path))
        self.pages.setCurrentIndex(0)
        note = ""
        if locked:
            note = (
                tr("unlock", "已自动锁定，请输入口令继续。")
                if idle
                else tr("unlock", "已锁定，请输入口令继续。")
            )
            if kept:
                note += tr("unlock", "未保存的修改仍在，解锁后可继续编辑。")
        self._say(note)
        for button in self.store_buttons:
            button.setVisible(not locked)
        self.passphrase.clear()
        self.set_busy(False)
        self.passphrase.setFocus()

    def ask_create(self, path: Path) -> None:
        self.path = path
        self.new_label.setText(str(path))
        self.pages.setCurrentIndex(1)
        self._say("")
        for button in self.store_buttons:
            button.setVisible(True)
        self.set_busy(False)
        self.first.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (
            self.passphrase,
            self.unlock_button,
            self.create_button,
            self.first,
            self.second,
        ):
            widget.setEnabled(not busy)
        if busy:
            self._say(tr("unlock", "正在打开，请稍候…"))

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self._say(text, error=True)
        if self.pages.currentIndex() == 0:
            self.passphrase.selectAll()
            self.passphrase.setFocus()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.error.setText(text)
        # red for what went wrong; a notice (locked, opening) in the text's own colour
        self.error.setStyleSheet("color: #b00020;" if error else "")
        self._error_shown = error and bool(text)

    def _edited(self) -> None:
        """The user is fixing what the error was about: it no longer applies."""
        if self._error_shown:
            self._say("")

    # -- actions -------------------------------------------------------------------------

    def _unlock(self) -> None:
        if self.path is not None and self.passphrase.text():
            self.set_busy(True)
            self.unlock_requested.emit(self.path, self.passphrase.text())

    def _user_inputs(self) -> tuple[str, ...]:
        # What an attacker who holds the file tries first: its name, the village code.
        return (self.path.stem if self.path else "", self.village.text().strip())

    def _show_strength(self) -> bool:
        """Show how strong the new passphrase is; whether it may be used."""
        text, style = strength_hint(self.first.text(), self._user_inputs())
        self.strength.setText(text)
        self.strength.setStyleSheet(style)
        return style != WEAK_STYLE

    def _create(self) -> None:
        if self.path is None:
            return
        if not self._show_strength():
            self._say("")
            self.first.setFocus()
            return
        if self.first.text() != self.second.text():
            self._say(tr("unlock", "两次输入的口令不一致。"), error=True)
            self.second.setFocus()
            return
        self.set_busy(True)
        self.create_requested.emit(self.path, self.first.text(), self.village.text().strip())

    def _first_entered(self) -> None:
        if self.second.text():
            self._create()
        else:
            self.second.setFocus()  # Enter moves on to 再输入一次 first

    def _choose_store(self) -> None:
        choose_open(
            self,
            tr("unlock", "打开档案库"),
            tr("unlock", "档案库 (*.db);;所有文件 (*)"),
            self.ask_unlock,
        )

    def _choose_new(self) -> None:
        choose_save(
            self,
            tr("unlock", "新建档案库"),
            "childcare.db",
            tr("unlock", "档案库 (*.db)"),
            self.ask_create,
        )
