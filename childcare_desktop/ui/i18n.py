"""Languages: Simplified Chinese by default (the source strings are Chinese), English too.

Every string a user reads goes through Qt Linguist (``self.tr`` / ``translate``). The
sources are ``resources/translations/childcare_<lang>.ts``; the compiled ``.qm`` files
ship beside them. Error texts come from ``childcare_desktop.messages`` under the
"messages" context, so the command line and the GUI say the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core.entities import BY_TABLE
from ..core.errors import DomainError
from ..core.roles import Role
from ..messages import FIELDS, MESSAGES, weaknesses
from ..paths import resource

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Qt's own strings (buttons, file dialogs) and ours, for ``language``."""
    installed = []
    QLocale.setDefault(QLocale(language))  # calendars and dates speak the UI's language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if language != "en" and qt.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    if language != DEFAULT_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(str(resource("translations", f"childcare_{language}.qm"))):
            app.installTranslator(ours)
            installed.append(ours)
    return installed


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def error_text(error: DomainError, field_label: str | None = None) -> str:
    """The message for an error kind, in the current language."""
    zh = MESSAGES.get(error.kind, (error.kind.value, ""))[0]
    values: dict[str, Any] = defaultdict(str, error.params)
    label = field_label or FIELDS.get(error.field or "", (error.field or "", ""))[0]
    values["field"] = tr("fields", label) if label else ""
    if "what" in error.params:  # NOT_FOUND names the kind of record with a field key
        what = FIELDS.get(error.params["what"], (error.params["what"], ""))[0]
        values["what"] = tr("fields", what)
    if "problems" in error.params:  # WEAK_PASSPHRASE: what makes it easy to guess
        reasons = (tr("messages", zh) for zh, _en in weaknesses(error))
        values["reason"] = tr("messages", "；").join(reasons)
    return tr("messages", zh).format_map(values)


def role_text(code: str | None) -> str:
    """A role's name (a code this version does not know is shown as it is)."""
    role = Role.parse(code) if code else None
    return tr("roles", role.label) if role else code or ""


def table_text(table: str) -> str:
    """What the village calls a kind of record ("走访记录" for ``visit``)."""
    found = BY_TABLE.get(table)
    return tr("entities", found.label) if found else table
