"""The first window: unlock the store, create a new one, or open the demo store.

It is also the lock screen: after the idle minutes the other windows are hidden and this
one asks for the passphrase again, for that store only (no other store or the demo may be
opened over the windows hidden behind it). A wrong passphrase says so and lets the user
retry; the store file is never changed by a failed attempt. Enter acts on either page, and
an error goes away as soon as the user changes what it was about.

On a shared PC (two stores or more known on it) the unlock page lists the users' stores:
pick one, type its passphrase. Locked, it offers 切换用户 instead of the other stores.
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
from ...paths import default_demo_path
from ...services import known_stores, recovery
from ...services.known_stores import KnownStore, find
from ..file_dialogs import choose_open, choose_save
from ..i18n import error_text, tr
from ..widgets.labels import plain
from .store_list import StoreList, title

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
    if path.resolve() == default_demo_path().resolve():  # never enrolled: nothing to seal
        return tr("unlock", "示范档案库只有虚构数据：忘记口令时，重新打开示范档案库即可。")
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
    switch_requested = Signal()  # 切换用户 on the lock screen
    forget_requested = Signal(Path)  # take a store off this PC's list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("unlock", "儿童主任工作台"))
        self.path: Path | None = None
        self.listing = False  # a shared PC: the stores are listed to pick from
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
        self.switch_button = QPushButton(tr("unlock", "切换用户"))
        self.switch_button.setObjectName("switch_user")
        self.switch_button.clicked.connect(self.switch_requested.emit)
        row.addWidget(self.switch_button)
        layout.addLayout(row)
        self.resize(560, 360)

    def _unlock_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.unlock_form = form
        self.store_list = StoreList()
        self.store_list.chosen.connect(self._store_chosen)
        self.store_list.forget_requested.connect(self.forget_requested)
        form.addRow(self.store_list)
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
        self.back_button = QPushButton(tr("unlock", "返回档案库列表"))
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self._back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.back_button)
        form.addRow("", buttons)
        return page

    # -- modes ---------------------------------------------------------------------------

    def ask_unlock(
        self, path: Path, locked: bool = False, kept: bool = False, idle: bool = False
    ) -> None:
        """Ask for ``path``'s passphrase; ``locked``: over hidden windows, by 文件 > 锁定 or
        (``idle``) after the idle minutes; ``kept``: holding unsaved text, which is said."""
        self.path = path
        known = find(known_stores.load(), path) if locked else None
        # locked on a shared PC: whose store waits for its passphrase, not just a file name
        self.store_label.setText(f"{title(known)}\n{path}" if known else str(path))
        self.forgot.setText(forgot_text(path))
        self.pages.setCurrentIndex(0)
        self._list_shown(self.listing and not locked)
        if self.listing and not locked:
            self._pick(path)  # picking it in the list asks for its passphrase
            return
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
        self.switch_button.setVisible(locked)
        self.passphrase.clear()
        self.set_busy(False)
        self.passphrase.setFocus()

    def list_stores(self, stores: list[KnownStore], selected: Path | None = None) -> None:
        """The stores known on this PC. Two or more are listed on the unlock page and the
        picked one (``selected``, else the one opened last) is asked for; with one or none
        the page looks as on a PC of one user (the caller asks for that store)."""
        self.listing = len(stores) >= 2
        self._list_shown(self.listing)
        if self.listing:
            self.resize(max(self.width(), 640), max(self.height(), 520))
        self.store_list.show_stores(stores, selected)

    def _pick(self, path: Path) -> None:
        """Pick ``path`` in the list; a store not on it yet (chosen with 添加已有档案库…)
        joins the list shown, and this PC's list once its passphrase opened it."""
        stores = self.store_list.stores
        if find(stores, path) is None:
            stores = [*stores, KnownStore(path=path)]
        self.store_list.show_stores(stores, path)

    def _store_chosen(self, store: KnownStore) -> None:
        if not self.listing:
            return
        self.path = store.path
        self.store_label.setText(str(store.path))
        self.forgot.setText(forgot_text(store.path))  # each store has its own recovery
        self.pages.setCurrentIndex(0)
        self._list_shown(True)
        for button in self.store_buttons:
            button.setVisible(True)
        self.switch_button.setVisible(False)
        self.passphrase.clear()
        self.set_busy(False)
        self._say(
            tr(
                "unlock",
                "找不到这个档案库文件，可能已移动或删除。找到后可用“添加已有档案库…”重新添加，"
                "或从列表中移除。",
            )
            if store.missing
            else ""
        )
        self.passphrase.setEnabled(not store.missing)
        self.unlock_button.setEnabled(not store.missing)
        if not store.missing:
            self.passphrase.setFocus()

    def _list_shown(self, on: bool) -> None:
        self.store_list.setVisible(on)
        self.unlock_form.setRowVisible(self.store_label, not on)
        self.store_buttons[0].setText(
            tr("unlock", "添加已有档案库…") if on else tr("unlock", "打开其他档案库…")
        )

    def ask_create(self, path: Path) -> None:
        self.path = path
        self.new_label.setText(str(path))
        self.pages.setCurrentIndex(1)
        self._say("")
        for button in self.store_buttons:
            button.setVisible(True)
        self.switch_button.setVisible(False)
        self.back_button.setVisible(bool(self.store_list.stores))
        self.set_busy(False)
        self.first.setFocus()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Nothing can be clicked while a store opens or closes (``text`` says which)."""
        for widget in (
            *self.store_buttons,
            self.switch_button,
            self.passphrase,
            self.unlock_button,
            self.create_button,
            self.first,
            self.second,
            self.store_list,
        ):
            widget.setEnabled(not busy)
        if busy:
            self._say(text or tr("unlock", "正在打开，请稍候…"))

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self._say(text, error=True)
        if self.pages.currentIndex() == 0:
            self.passphrase.selectAll()
            self.passphrase.setFocus()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.error.setText(text)
        # red for what went wrong; a notice (locked, opening) in the text's own colour
        # (an empty style sheet would leave the red of an earlier error on some styles)
        self.error.setStyleSheet("color: #b00020;" if error else "color: palette(window-text);")
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

    def _back(self) -> None:
        """From 新建档案库 back to the stores known on this PC."""
        stores = self.store_list.stores
        if self.listing:
            current = self.store_list.current()
            self.list_stores(stores, current.path if current else None)
        elif stores:
            self.ask_unlock(stores[0].path)

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
