"""The papers a township files, read back from the PDF (issue 14): room for the seals,
each copy of an agreement numbered on its own, the signers' ID numbers on what they sign,
no internal check line, no page left nearly blank, a posted list that names no
misfortune, and 打印人 the store's user.

Text comes from pypdf (whitespace removed: it puts spaces between CJK glyphs); geometry
from PDFium (pypdfium2, which the app's preview uses): where text sits on the page, and
the lines and boxes drawn around it. PDF units are points, 1 mm = 72 / 25.4 pt.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader

from childcare_desktop.cli import main as cli_main
from childcare_desktop.core.identity import mask_id
from childcare_desktop.core.vocab import Category, EconomicSource, Health
from childcare_desktop.documents import agreement as agreement_doc
from childcare_desktop.documents.layout import SEAL_LABEL
from childcare_desktop.services import agreements, assessments, family, printing, visits
from childcare_desktop.storage import settings
from childcare_desktop.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.documents.test_documents import audit_rows
from tests.factories import make_child, make_id, years_ago

MM = 72 / 25.4
TODAY = date.today()
A4_HEIGHT = 842
FRAME_TOP = A4_HEIGHT - 24 * MM  # base.build: top margin 18 mm + 6 mm
FRAME_BOTTOM = 22 * MM  # bottom margin 18 mm + 4 mm; the footer sits below it


def page_texts(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


@contextmanager
def opened(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    doc = pdfium.PdfDocument(pdf)
    try:
        yield doc
    finally:
        doc.close()


def find(page: Any, needle: str) -> list[tuple[float, float, float, float, float]]:
    """(left, bottom, right, top, font size) of the first glyph of each ``needle``."""
    textpage = page.get_textpage()
    found, searcher = [], textpage.search(needle)
    while (hit := searcher.get_next()) is not None:
        box = textpage.get_charbox(hit[0])
        found.append((*box, pdfium_c.FPDFText_GetFontSize(textpage.raw, hit[0])))
    return found


def text_bottoms(page: Any) -> list[float]:
    """The bottom of every glyph of the page's body (not the header or the footer)."""
    textpage = page.get_textpage()
    bottoms = []
    for index in range(textpage.count_chars()):
        _l, bottom, _r, top = textpage.get_charbox(index)
        if top > bottom and bottom > FRAME_BOTTOM - 2 and top < FRAME_TOP + 2:
            bottoms.append(bottom)
    return bottoms


def box_around(page: Any, x: float, y: float) -> tuple[float, float]:
    """(width, height) of the box the drawing puts around the point: the nearest lines to
    its left, right, above and below (table rules, or the edges of a drawn rectangle)."""
    across, upright = [], []  # (from, to, at)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom < 2 and right - left > 2:
            across.append((left, right, (top + bottom) / 2))
        elif right - left < 2 and top - bottom > 2:
            upright.append((bottom, top, (left + right) / 2))
        elif right - left > 2 and top - bottom > 2 and not _filled(obj):
            across += [(left, right, bottom), (left, right, top)]
            upright += [(bottom, top, left), (bottom, top, right)]
    above = min(at for a, b, at in across if a <= x <= b and at > y)
    below = max(at for a, b, at in across if a <= x <= b and at < y)
    on_left = max(at for a, b, at in upright if a <= y <= b and at < x)
    on_right = min(at for a, b, at in upright if a <= y <= b and at > x)
    return on_right - on_left, above - below


def _filled(obj: Any) -> bool:
    """A table's background shading is a filled, unstroked rectangle: not a box's edge."""
    fill, stroke = pdfium_c.c_int(), pdfium_c.FPDF_BOOL()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
    return not stroke.value


def seal_room(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in mm of each place marked 盖章处, on every page."""
    rooms = []
    with opened(pdf) as doc:
        for page in doc:
            for left, bottom, _right, top, _size in find(page, SEAL_LABEL):
                w, h = box_around(page, left + 1, (bottom + top) / 2)
                rooms.append((w / MM, h / MM))
    return rooms


def signed_agreement(store: Store) -> dict[str, Any]:
    numbers = {
        "child": make_id(years_ago(9), male=True),
        "father": make_id(years_ago(36), male=True),
        "carer": make_id(years_ago(63), male=False),
    }
    with store.session() as s:
        child = make_child(s, name="陈小雨", id_number=numbers["child"], categories=["left_behind"])
        father = family.add_family_member(
            s, child_id=child.id, relation="father", name="陈建国", id_number=numbers["father"]
        )
        carer = family.add_carer(
            s,
            child_id=child.id,
            name="王桂兰",
            relation="paternal_grandmother",
            id_number=numbers["carer"],
        )
        draft = agreements.draft_agreement(
            s,
            child_id=child.id,
            carer_id=carer.id,
            principal_id=father.id,
            start_date=TODAY - timedelta(days=30),
            end_date=TODAY + timedelta(days=330),
        )
    return {"numbers": numbers, "agreement": draft.id, "child": child}


# -- 1. seal room and signature lines --------------------------------------------------------


def test_the_agreement_leaves_room_for_the_village_seal(store: Store) -> None:
    made = signed_agreement(store)
    with store.session() as s:
        pdf = printing.agreement(s, agreement_id=made["agreement"])
    rooms = seal_room(pdf)
    assert len(rooms) == 3  # one 丙方 cell on each copy
    for width, height in rooms:  # a village seal is a 42 mm circle
        assert width >= 45 and height >= 45, (width, height)
    with opened(pdf) as doc:
        labels = [hit for page in doc for hit in find(page, "盖章")]
    assert len(labels) >= 6  # 丙方（…）盖章 and 盖章处 on each copy


@pytest.mark.parametrize("doc", ["summary", "monthly", "roster", "roster_public"])
def test_papers_sent_upward_have_a_seal_line_with_room_and_signature_lines_in_body_size(
    store: Store, doc: str
) -> None:
    with store.session() as s:
        settings.write(s, settings.VILLAGE_NAME, "柳溪村")
        settings.write(s, settings.TOWNSHIP_NAME, "青石镇")
        make_child(s, name="陈小雨", categories=["left_behind"])
        pdf = {
            "summary": lambda: printing.summary(s),
            "monthly": lambda: printing.monthly(s, month=TODAY.replace(day=1)),
            "roster": lambda: printing.roster(s),
            "roster_public": lambda: printing.roster(s, public=True),
        }[doc]()
    content = "".join(page_texts(pdf))
    unit = "公示单位（盖章）：柳溪村村民委员会" if doc == "roster_public" else "填报单位（盖章）："
    assert content.count(unit) == 1
    [(width, height)] = seal_room(pdf)
    assert width >= 45 and height >= 45, (width, height)
    signer = {"summary": "填表人", "monthly": "儿童督导员", "roster": "审核人"}.get(doc, "公示日期")
    with opened(pdf) as doc_:
        sizes = [hit[4] for page in doc_ for hit in find(page, signer + "：")]
    assert sizes and min(sizes) >= 10, sizes  # the body's 10.5 pt, not a footnote's


# -- 2. each copy of an agreement is numbered on its own -------------------------------------


def test_each_copy_of_the_agreement_is_numbered_on_its_own_and_says_whose_it_is(
    store: Store,
) -> None:
    made = signed_agreement(store)
    with store.session() as s:
        pages = page_texts(printing.agreement(s, agreement_id=made["agreement"]))
    copies: dict[str, list[tuple[int, int]]] = {}
    for text in pages:
        found = re.findall(r"(甲方留存联|乙方留存联|丙方备案联)第(\d+)页共(\d+)页", text)
        assert len(found) == 1, text[-80:]  # each page says whose copy it is, once
        mark, n, total = found[0]
        copies.setdefault(mark, []).append((int(n), int(total)))
    assert list(copies) == list(agreement_doc.COPY_MARKS)
    for mark, numbers in copies.items():
        total = len(numbers)
        assert numbers == [(n, total) for n in range(1, total + 1)], (mark, numbers)
    assert sum(len(n) for n in copies.values()) == len(pages)
    # Each copy begins (本份：…) on the page its own numbering calls 第1页.
    firsts = [i for i, text in enumerate(pages) if "本份：" in text]
    assert firsts == [i for i, text in enumerate(pages) if re.search(r"联第1页共\d+页", text)]
    assert len(firsts) == 3


# -- 3. the signers' own numbers on the agreement they sign -----------------------------------


def test_the_agreement_prints_the_signers_and_the_childs_full_numbers_and_says_so(
    store: Store,
) -> None:
    made = signed_agreement(store)
    with store.session() as s:
        signing = "".join(page_texts(printing.agreement(s, agreement_id=made["agreement"])))
        settings.write(s, settings.ROLE, "county-viewer")  # reads the county's files only
        viewing = "".join(page_texts(printing.agreement(s, agreement_id=made["agreement"])))
    for who, number in made["numbers"].items():
        assert signing.count(number) == 3, who  # on each copy
        assert number not in viewing and mask_id(number) in viewing, who
    printed = [d for d in audit_rows(store, "printed") if d.get("doc") == "agreement"]
    assert [(d["agreement"], d["full_ids"], d["full_ids_of"]) for d in printed] == [
        (made["agreement"], True, ["principal", "carer", "child"]),
        (made["agreement"], False, []),
    ]


def test_a_party_without_a_number_on_file_gets_a_line_to_write_it_on(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, name="陈小雨", categories=["left_behind"])
        carer = family.add_carer(s, child_id=child.id, name="王桂兰", relation="relative")
        draft = agreements.draft_agreement(
            s,
            child_id=child.id,
            carer_id=carer.id,
            start_date=TODAY,
            end_date=TODAY + timedelta(days=300),
        )
        content = "".join(page_texts(printing.agreement(s, agreement_id=draft.id)))
    assert content.count("公民身份号码" + agreement_doc.NO_NUMBER) == 6  # 甲方, 乙方 × 3
    assert "公民身份号码—" not in content


# -- 4. no internal check line; no page left nearly blank -----------------------------------


def test_the_summary_prints_no_check_line(store: Store) -> None:
    with store.session() as s:
        make_child(s, name="陈小雨", categories=["left_behind"])
        content = "".join(page_texts(printing.summary(s)))
    assert "校验" not in content and "汇总表" in content


def test_the_dossier_fills_each_page_before_the_next_and_keeps_headings_with_content(
    store: Store,
) -> None:
    """A visit log that fits on one page used to be pushed whole to the next page with its
    heading, leaving the page before it nearly blank."""
    with store.session() as s:
        child = make_child(s, name="陈小雨", categories=["left_behind", "poverty"])
        for relation in ("father", "mother"):
            family.add_family_member(s, child_id=child.id, relation=relation, name="陈建国")
        for n in range(18):  # assessed every two months for three years: onto page 2
            assessments.assess_guardianship(
                s,
                child_id=child.id,
                assessed_on=TODAY - timedelta(days=60 * n),
                level="fair",
                colour="yellow",
            )
        for n in range(28):  # a visit log of most of a page, which used to go to page 3
            visits.log_visit(
                s,
                child_id=child.id,
                visited_on=TODAY - timedelta(days=10 * n + 1),
                mode="phone",
                findings="生活正常，学习稳定。",
            )
        pdf = printing.dossier(s, child_id=child.id)
    with opened(pdf) as doc:
        pages = list(doc)
        assert len(pages) >= 2
        for number, page in enumerate(pages[:-1], start=1):
            lowest = min(text_bottoms(page))
            filled = (FRAME_TOP - lowest) / (FRAME_TOP - FRAME_BOTTOM)
            assert filled > 0.8, f"page {number} is {filled:.0%} filled"
        for title in ("五、监护情况评估", "六、走访记录", "七、救助帮扶", "八、附件"):
            [(page, heading)] = [(page, hit) for page in pages for hit in find(page, title)]
            below = [b for b in text_bottoms(page) if b < heading[1] - 2]
            assert below, f"{title} is the last line of its page"


# -- 5. the list for the notice board names no misfortune -----------------------------------


def test_the_posted_list_shows_no_category_health_or_income_and_says_what_it_is(
    store: Store,
) -> None:
    with store.session() as s:
        for name, cats, health in (
            ("陈小雨", ["left_behind", "poverty"], "healthy"),
            ("李晓明", ["orphan"], "healthy"),
            ("王可馨", ["severe_disability"], "disabled"),
            ("赵天佑", ["serious_illness"], "serious_illness"),
        ):
            make_child(s, name=name, categories=cats, health=health)
        posted = "".join(page_texts(printing.roster(s, public=True)))
        internal = "".join(page_texts(printing.roster(s)))
    assert all(name in posted for name in ("陈小雨", "李晓明", "王可馨", "赵天佑"))
    words = [c.label for c in Category] + [h.label for h in Health if h is not Health.UNKNOWN]
    words += [e.label for e in EconomicSource] + ["困境", "留守", "孤儿", "重残", "重病", "低保"]
    words += ["特困", "残疾", "类别", "监护", "风险", "救助", "证件"]
    assert [w for w in words if w in posted] == []
    assert "儿童关爱服务名单（张贴公示用）" in posted and "内部资料" not in posted
    assert "内部花名册另行打印，不得张贴" in posted
    # The internal roster keeps what the township desk needs, and says it is never posted.
    assert "孤儿" in internal and "重残儿童" in internal and "农村留守儿童" in internal
    assert "仅供乡镇、村工作使用不得张贴公示" in internal and "内部资料注意保密" in internal


# -- 7. 打印人 is the store's user ------------------------------------------------------------


def test_printed_by_is_the_stores_user_else_the_account_that_opened_it(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, name="陈小雨")
        before = "".join(page_texts(printing.dossier(s, child_id=child.id)))
        settings.write(s, settings.DIRECTOR_NAME, "周丽华")
        after = "".join(page_texts(printing.dossier(s, child_id=child.id)))
    assert "打印人：测试员" in before  # no user's name in the store yet: who opened it
    assert "打印人：周丽华" in after and "测试员" not in after


def test_the_command_line_prints_the_stores_user_too(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from childcare_desktop.storage.store import open_store

    store = open_store(store_path, PASSPHRASE)
    try:
        with store.session() as s:
            settings.write(s, settings.DIRECTOR_NAME, "周丽华")
            make_child(s, name="陈小雨", categories=["left_behind"])
    finally:
        store.close()
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "roster.pdf"
    code = cli_main(
        [
            "print",
            "--store",
            str(store_path),
            "--doc",
            "roster",
            "--user",
            "root",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    content = "".join(page_texts(out.read_bytes()))
    assert "打印人：周丽华" in content and "root" not in content
