"""The end of a batch (批量打印): what was printed, skipped or left out on 取消, and a
message naming the file or folder with 打开文件夹 beside 确定."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from ...services import batch_print
from ..i18n import tr


def done_text(result: batch_print.BatchResult) -> str:
    if result.cancelled:
        return tr("batch", "已取消：已输出 {n} 个文件，其余未输出。").format(n=len(result.written))
    text = tr("batch", "已打印 {n} 名儿童，共 {files} 个文件。").format(
        n=result.printed, files=len(result.written)
    )
    if result.skipped:
        text += tr("batch", "另有 {n} 名儿童没有这种文书，已跳过。").format(n=result.skipped)
    return text


def tell_done(parent: QWidget, result: batch_print.BatchResult) -> QMessageBox:
    """What was written, naming the file (or the folder), with 打开文件夹 beside 确定."""
    box = QMessageBox(parent)
    box.setObjectName("batch_done")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(tr("batch", "批量打印"))
    box.setText(done_text(result))
    folder = result.written[0].parent if result.written else None
    if result.written:
        where = result.written[0] if len(result.written) == 1 else folder
        box.setInformativeText(tr("batch", "保存在：{path}").format(path=where))
    box.addButton(QMessageBox.StandardButton.Ok)
    if folder is not None:
        opener = box.addButton(tr("batch", "打开文件夹"), QMessageBox.ButtonRole.ActionRole)
        opener.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()  # window-modal; open() takes a receiver on PySide6 6.11
    return box
