"""结对帮扶与学校 in the child's file: the helpers paired with the child and their contacts,
and the record that the child's school was told (告知学校)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from ...core.records import ChildFile, PairingRecord
from ...core.vocab import NoticeContent
from ..dialogs import pairing_dialogs
from ..dialogs.record_dialog import RecordDialog
from ..i18n import tr
from ..models.record_table_model import Column
from ..tasks import Tasks
from .child_tabs import RecordsTab

PAIRING_COLUMNS = [
    Column("帮扶人", lambda p: p.helper_name),
    Column("身份", lambda p: p.helper_role),
    Column("联系电话", lambda p: p.phone),
    Column("结对日期", lambda p: p.since),
    Column("最近联系", lambda p: p.contacts[-1].contacted_on if p.contacts else None),
    Column("联系次数", lambda p: len(p.contacts)),
    Column("结束日期", lambda p: p.until),
    Column("结束原因", lambda p: p.end_reason),
]
CONTACT_COLUMNS = [
    Column("联系日期", lambda c: c[1].contacted_on),
    Column("帮扶人", lambda c: c[0]),
    Column("方式", lambda c: c[1].mode),
    Column("帮扶内容", lambda c: c[1].content),
]
NOTICE_COLUMNS = [
    Column("告知日期", lambda n: n.told_on),
    Column("学校", lambda n: n.school_name),
    Column("方式", lambda n: n.mode),
    Column(
        "告知内容",
        lambda n: "、".join(tr("vocab", c.label) for c in NoticeContent if c.value in n.contents),
    ),
    Column("学校接收人", lambda n: n.told_whom),
    Column("说明", lambda n: n.note),
]


class PairingBox(QSplitter):
    """Pairings above, their contacts in the middle, school notices below; ``opened``
    hands each dialog to the file."""

    def __init__(
        self, tasks: Tasks, opened: Callable[[RecordDialog], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.tasks, self._opened = tasks, opened
        self.file: ChildFile | None = None
        self.pairings = RecordsTab(
            "pairings",
            PAIRING_COLUMNS,
            [
                (tr("file", "记联系"), self._contact, True),
                (tr("file", "结束结对"), self._end, True),
                (tr("file", "新增结对"), lambda _: self._pair(), False),
            ],
            title=tr("file", "结对帮扶（联系周期按县级政策）"),
        )
        self.contacts = RecordsTab(
            "pairing_contacts", CONTACT_COLUMNS, [], title=tr("file", "联系记录")
        )
        self.notices = RecordsTab(
            "school_notices",
            NOTICE_COLUMNS,
            [(tr("file", "记告知学校"), lambda _: self._tell(), False)],
            title=tr("file", "告知学校"),
        )
        for part in (self.pairings, self.contacts, self.notices):
            self.addWidget(part)

    def set_file(self, file: ChildFile) -> None:
        self.file = file
        self.pairings.set_records(file.pairings)
        contacts = [(p.helper_name, c) for p in file.pairings for c in p.contacts]
        contacts.sort(key=lambda pc: pc[1].contacted_on, reverse=True)
        self.contacts.set_records(contacts)
        self.notices.set_records(file.school_notices)
        for label in (tr("file", "记联系"), tr("file", "结束结对")):
            self.pairings.buttons[label].setEnabled(bool(file.pairings))

    def _pair(self) -> None:
        assert self.file is not None
        self._opened(pairing_dialogs.add_pairing(self.tasks, self, self.file.child))

    def _contact(self, paired: PairingRecord) -> None:
        self._opened(pairing_dialogs.add_contact(self.tasks, self, paired))

    def _end(self, paired: PairingRecord) -> None:
        self._opened(pairing_dialogs.end_pairing(self.tasks, self, paired))

    def _tell(self) -> None:
        assert self.file is not None
        self._opened(pairing_dialogs.tell_school(self.tasks, self, self.file.child))
