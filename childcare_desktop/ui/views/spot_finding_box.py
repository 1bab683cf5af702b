"""The question before a county spot-check finding (县级抽查问题) is marked 已整改:
window-modal without blocking, like every dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.worklist import WorkItem
from ..i18n import tr


def ask_fixed(parent: QWidget, item: WorkItem, fixed: Callable[[str], None]) -> QMessageBox:
    """已整改 / 取消 about ``item``; ``fixed(finding id)`` on 已整改."""
    box = QMessageBox(parent)
    box.setObjectName("spot_finding_question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("spot", "县级抽查问题"))
    box.setText(tr("spot", "{child}：{problem}").format(child=item.child_name, problem=item.detail))
    box.setInformativeText(
        tr("spot", "问题已经整改了吗？标记为已整改后，下次同步时会报告县民政局。")
    )
    done = box.addButton(tr("spot", "已整改"), QMessageBox.ButtonRole.AcceptRole)
    done.setObjectName("fixed")
    cancel = box.addButton(tr("spot", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(done)
    box.setEscapeButton(cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: fixed(item.ref) if button is done else None)
    box.show()
    return box
