"""Every string the GUI shows is in the catalogue, translated, with matching placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from childcare_desktop.ui import catalog

PLACEHOLDER = re.compile(r"{(\w*)}")


@pytest.mark.parametrize("language", catalog.LANGUAGES)
def test_the_catalogue_holds_exactly_what_the_code_shows(language: str) -> None:
    on_file = set(catalog.read_ts(catalog.ts_path(language)))
    wanted = set(catalog.collect())
    assert sorted(wanted - on_file) == [], "run: python -m childcare_desktop.ui.catalog"
    assert sorted(on_file - wanted) == [], "obsolete entries: run the catalogue update"


@pytest.mark.parametrize("language", catalog.LANGUAGES)
def test_everything_is_translated_with_the_same_placeholders(language: str) -> None:
    for (context, source), (text, finished) in catalog.read_ts(catalog.ts_path(language)).items():
        assert finished and text, f"untranslated: {context}: {source}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (
            f"{context}: {source!r} -> {text!r}"
        )


@pytest.mark.parametrize("language", catalog.LANGUAGES)
def test_the_shipped_qm_is_compiled_from_the_ts(language: str, tmp_path: Path) -> None:
    fresh = catalog.compile_qm(language, tmp_path / "fresh.qm")
    shipped = catalog.ts_path(language).with_suffix(".qm")
    assert shipped.read_bytes() == fresh.read_bytes()


def test_the_english_translation_loads(qapp: QCoreApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(catalog.ts_path("en").with_suffix(".qm")))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("main", "儿童名册") == "Roster"
        assert QCoreApplication.translate("vocab", "农村留守儿童") == "Rural left-behind child"
        assert QCoreApplication.translate(
            "messages", "证件号码应为18位（或旧版15位），现为{length}位"
        ).startswith("an ID number has 18")
    finally:
        qapp.removeTranslator(translator)
