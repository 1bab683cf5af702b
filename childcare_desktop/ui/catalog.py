"""The translation catalogue: every string the GUI shows, and the .ts files that hold them.

``pyside6-lupdate`` sees only literal ``tr()`` calls; much of what we show lives in data
(field labels, column headers, the vocabulary, error messages, why a sync failed). This module finds all of
it - ``tr("context", "…")`` and ``self.tr("…")`` calls, ``Field``/``Column`` labels, the
``core.vocab`` labels and the tables of ``childcare_desktop.messages`` - and keeps
``resources/translations/childcare_<lang>.ts`` in step, keeping every translation already
made. ``pyside6-lrelease`` then compiles the ``.qm`` files the app loads.

    python -m childcare_desktop.ui.catalog          # update the .ts files and the .qm files
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ..core import entities, vocab
from ..core.roles import Role
from ..messages import BUNDLE_ERRORS, FIELDS, MESSAGES, PASSPHRASE_WEAKNESSES, SYNC_ERRORS, WORK
from ..paths import resource

UI_DIR = Path(__file__).parent
LANGUAGES = ("en",)
Entry = tuple[str, str]  # (context, source text)


def collect() -> dict[Entry, str]:
    """Every (context, source) pair, with a translation where the code already knows one."""
    found: dict[Entry, str] = {}
    for path in sorted(UI_DIR.rglob("*.py")):
        for entry in _from_source(path):
            found.setdefault(entry, "")
    for choice in _vocab_classes():
        for member in choice:
            found.setdefault(("vocab", member.label), "")
    for e in entities.ENTITIES:
        found.setdefault(("entities", e.label), "")
    for role in Role:
        found.setdefault(("roles", role.label), "")
    for zh, en in (*MESSAGES.values(), *PASSPHRASE_WEAKNESSES.values(), ("；", "; ")):
        found[("messages", zh)] = en
    for zh, en in FIELDS.values():
        found[("fields", zh)] = en
    for zh, en in WORK.values():
        found[("work", zh)] = en
    for zh in SYNC_ERRORS.values():  # Chinese only there: the English lives in the .ts
        found.setdefault(("sync_errors", zh), "")
    for zh in BUNDLE_ERRORS.values():
        found.setdefault(("bundle_errors", zh), "")
    return found


def _vocab_classes() -> Iterator[type[vocab.Choice]]:
    for value in vars(vocab).values():
        if (
            isinstance(value, type)
            and issubclass(value, vocab.Choice)
            and value is not vocab.Choice
        ):
            yield value


def _from_source(path: Path) -> Iterator[Entry]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for cls, node in _walk_with_class(tree, None):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        args = [
            a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        if (
            name in ("tr", "QT_TRANSLATE_NOOP")
            and isinstance(node.func, ast.Name)
            and len(args) >= 2
        ):
            yield args[0], args[1]
        elif name == "tr" and isinstance(node.func, ast.Attribute) and args and cls:
            yield cls, args[0]
        elif name == "Field" and len(args) >= 2:
            yield "fields", args[1]
            for keyword in node.keywords:
                if (
                    keyword.arg == "hint"
                    and isinstance(keyword.value, ast.Constant)
                    and keyword.value.value
                ):
                    yield "fields", keyword.value.value
        elif name == "Column" and args:
            yield "columns", args[0]
    yield from _history_actions(tree)


def _history_actions(tree: ast.Module) -> Iterator[Entry]:
    """The ACTIONS table of the history tab: the words for each audited action."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "ACTIONS" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            for value in node.value.values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield "history", value.value


def _walk_with_class(node: ast.AST, cls: str | None) -> Iterator[tuple[str | None, ast.AST]]:
    for child in ast.iter_child_nodes(node):
        inner = child.name if isinstance(child, ast.ClassDef) else cls
        yield inner, child
        yield from _walk_with_class(child, inner)


def _call_name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


# -- the .ts files -----------------------------------------------------------------------


def ts_path(language: str) -> Path:
    return resource("translations", f"childcare_{language}.ts")


def read_ts(path: Path) -> dict[Entry, tuple[str, bool]]:
    """(context, source) -> (translation, finished) from a .ts file."""
    if not path.exists():
        return {}
    result = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            finished = translation is None or translation.get("type") not in (
                "unfinished",
                "obsolete",
            )
            result[(name, source)] = (text, finished and bool(text))
    return result


def write_ts(path: Path, language: str, entries: dict[Entry, tuple[str, bool]]) -> None:
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="zh_CN")
    by_context: dict[str, list[tuple[str, str, bool]]] = {}
    for (context, source), (text, finished) in sorted(entries.items()):
        by_context.setdefault(context, []).append((source, text, finished))
    for context, messages in by_context.items():
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source, text, finished in messages:
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation")
            translation.text = text
            if not finished:
                translation.set("type", "unfinished")
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def update(language: str) -> tuple[int, int]:
    """Bring one .ts up to date; returns (messages, still untranslated)."""
    path = ts_path(language)
    existing = read_ts(path)
    merged: dict[Entry, tuple[str, bool]] = {}
    for entry, known in collect().items():
        text, finished = existing.get(entry, ("", False))
        if known:  # messages.py holds its own English: the command line and GUI agree
            text, finished = known, True
        merged[entry] = (text, finished)
    write_ts(path, language, merged)
    return len(merged), sum(not finished for _, finished in merged.values())


def compile_qm(language: str, target: Path | None = None) -> Path:
    """Run lrelease on the .ts; returns the .qm written."""
    source = ts_path(language)
    target = target or source.with_suffix(".qm")
    tool = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    subprocess.run([tool, "-silent", str(source), "-qm", str(target)], check=True)
    return target


def main() -> int:
    for language in LANGUAGES:
        total, missing = update(language)
        compile_qm(language)
        print(f"{ts_path(language).name}: {total} messages, {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
