"""The printed documents, read back from the PDF bytes: text, fonts, masking, pagination."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.printing import qr_payload
from childcare_desktop.core.summary import cross_checks, summary_table
from childcare_desktop.services import agreements, family, incidents, printing, visits
from childcare_desktop.storage import settings
from childcare_desktop.storage.store import Store
from tests.factories import make_child, make_id, years_ago

TODAY = date.today()
ODD_NAME = "李<小>&明"


def pages(pdf: bytes) -> list[str]:
    """Each page's text with the whitespace pypdf puts between CJK glyphs removed."""
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def whole(pdf: bytes) -> str:
    return "".join(pages(pdf))


def child_with_id(store: Store, **values: Any) -> tuple[str, str]:
    number = make_id(years_ago(9), male=True)
    with store.session() as s:
        child = make_child(s, name=ODD_NAME, id_number=number, **values)
    return child.id, number


def test_the_dossier_prints_the_name_as_typed_and_masks_the_id(store: Store) -> None:
    child_id, number = child_with_id(store)
    with store.session() as s:
        masked = whole(printing.dossier(s, child_id=child_id))
        full = whole(printing.dossier(s, child_id=child_id, full_ids=True))
    assert ODD_NAME in masked and "儿童档案" in masked
    for furniture in ("内部资料注意保密", "打印人", "打印时间", "第1页"):
        assert furniture in masked
    assert number not in masked and f"{number[:4]}**********{number[-4:]}" in masked
    assert number in full
    with store.connection() as conn:
        details = conn.execute(
            text("SELECT detail FROM audit_log WHERE action = 'printed' ORDER BY id")
        ).scalars()
        assert [('"full_ids": true' in d) for d in details] == [False, True]


def test_the_font_is_embedded_as_a_subset(store: Store) -> None:
    child_id, _ = child_with_id(store)
    with store.session() as s:
        reader = PdfReader(io.BytesIO(printing.dossier(s, child_id=child_id)))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else None
            )
            fonts[str(font["/BaseFont"])] = descriptor.get_object() if descriptor else None
    cjk = {name: d for name, d in fonts.items() if d is not None and "/FontFile2" in d}
    assert cjk, f"no embedded TrueType font among {sorted(fonts)}"
    for name in cjk:
        assert re.fullmatch(r"/?[A-Z]{6}\+.+", name) or name.startswith("/AAAAAA"), name


def test_sixty_visits_paginate_with_the_table_header_on_every_page(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, registered_on=TODAY - timedelta(days=14 * 61))
        dates = [TODAY - timedelta(days=14 * n + 1) for n in range(60)]
        for n, day in enumerate(dates):
            visits.log_visit(s, child_id=child.id, visited_on=day, mode="home", findings=f"记录{n}")
        text_pages = pages(printing.dossier(s, child_id=child.id))
    assert len(text_pages) >= 2
    visit_pages = [t for t in text_pages if "记录" in t]
    assert len(visit_pages) >= 2
    header = "方式走访人见到儿童发现问题处理措施"  # the visit table's header row
    assert all(header in t for t in visit_pages)  # repeatRows: the header on every page
    everything = "".join(text_pages)
    assert all(d.isoformat() in everything for d in dates)
    total = len(text_pages)
    assert all(f"共{total}页" in t for t in text_pages)


def agreement_for(store: Store, child_id: str, **terms: Any) -> str:
    with store.session() as s:
        father = family.add_family_member(s, child_id=child_id, relation="father", name="李父")
        carer = family.add_carer(
            s, child_id=child_id, name="王奶奶", relation="paternal_grandmother"
        )
        draft = agreements.draft_agreement(
            s,
            child_id=child_id,
            carer_id=carer.id,
            principal_id=father.id,
            start_date=TODAY - timedelta(days=30),
            end_date=TODAY + timedelta(days=300),
            **terms,
        )
    return draft.id


def test_the_agreement_has_three_copies_the_declaration_and_a_code_that_checks(
    store: Store,
) -> None:
    child_id, _ = child_with_id(store)
    agreement_id = agreement_for(store, child_id)
    with store.session() as s:
        pdf = printing.agreement(s, agreement_id=agreement_id)
        payload = qr_payload(printing.agreement_document(s, agreement_id=agreement_id))
        assert printing.verify_agreement(s, payload=payload).status == "match"
    content = whole(pdf)
    for copy in ("甲方（委托人）留存", "乙方（受委托照护人）留存", "丙方（村民委员会）备案"):
        assert copy in content
    assert "第二十二条" in content and "无偿" in content and ODD_NAME in content
    with store.session() as s:  # the paper no longer says what the file says
        agreements.update_draft(s, agreement_id=agreement_id, fee="每月300元")
        assert printing.verify_agreement(s, payload=payload).status == "changed"
        unknown = payload.replace(agreement_id, "0" * len(agreement_id))
        assert printing.verify_agreement(s, payload=unknown).status == "unknown"
        with pytest.raises(ValidationError) as caught:
            printing.verify_agreement(s, payload="CCA1|garbage")
    assert caught.value.kind is Kind.CODE_INVALID
    with store.connection() as conn:
        actions = conn.execute(
            text("SELECT action FROM audit_log WHERE action IN ('printed', 'agreement_verified')")
        ).scalars()
        assert list(actions) == ["printed", "agreement_verified", "agreement_verified"]


def test_reports_print_only_when_asked_for_by_a_role_that_may_see_them(store: Store) -> None:
    child_id, _ = child_with_id(store)
    with store.session() as s:
        incidents.file_report(
            s,
            child_id=child_id,
            discovered_at=datetime.now() - timedelta(hours=3),
            situations=["violence_signs"],
            description="发现身上多处淤青",
            reported_to="青石镇派出所",
            reported_at=datetime.now() - timedelta(hours=2),
            receipt_no="QS-01",
            reporter_name="周丽华",
        )
        assert "多处淤青" not in whole(printing.dossier(s, child_id=child_id))
        assert "多处淤青" in whole(printing.dossier(s, child_id=child_id, include_reports=True))
        settings.write(s, settings.ROLE, "volunteer")
        assert "多处淤青" not in whole(printing.dossier(s, child_id=child_id, include_reports=True))


def test_the_roster_for_posting_leaves_out_ids_ratings_and_sensitive_children(
    store: Store,
) -> None:
    _child_id, number = child_with_id(store, categories=["left_behind"])
    with store.session() as s:
        hidden = make_child(s, name="不公示", categories=["violence_victim"])
        full = whole(printing.roster(s))
        public = whole(printing.roster(s, public=True))
    assert ODD_NAME in full and hidden.name in full and number[-4:] in full
    assert ODD_NAME in public and hidden.name not in public
    masked = f"{number[:4]}**********{number[-4:]}"
    assert masked in full and masked not in public and "证件号码" not in public
    assert "最近走访" not in public and "监护情况" not in public


def test_the_summary_of_the_demo_village_adds_up(demo_store: Store) -> None:
    with demo_store.session() as s:  # the 60-child demo village, seed 5 (conftest)
        rows = printing.summary_facts(s)
        content = whole(printing.summary(s))
    table = summary_table(rows, [("349901101201", "柳溪村")])
    assert cross_checks(table) == []
    assert "汇总表" in content and f"儿童总数{len(rows)}{len(rows)}" in content


def test_the_monthly_report_counts_the_visits_of_the_month(store: Store) -> None:
    month = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
    with store.session() as s:
        child = make_child(s, registered_on=month - timedelta(days=90))
        for day in (3, 17):
            visits.log_visit(s, child_id=child.id, visited_on=month.replace(day=day), mode="home")
        report = printing.monthly_report(s, month=month)
        content = whole(printing.monthly(s, month=month))
    assert report.visits_by_mode["home"] == 2 and report.home_visits_done == 1
    assert f"{month:%Y}年{month:%m}月" in content and "入户走访2" in content


def test_visit_sheets_blank_and_filled(store: Store) -> None:
    child_id, _ = child_with_id(store)
    with store.session() as s:
        visit = visits.log_visit(
            s, child_id=child_id, visited_on=TODAY, mode="home", findings="奶奶腿脚不便<需帮扶>"
        )
        blank = whole(printing.visit_sheet(s, child_id=child_id))
        filled = whole(printing.visit_sheet(s, child_id=child_id, visit_id=visit.id))
    assert ODD_NAME in blank and "奶奶腿脚不便" not in blank
    assert "奶奶腿脚不便<需帮扶>" in filled


def test_a_batch_writes_one_file_per_child_and_stops_when_cancelled(
    store: Store, tmp_path: Any
) -> None:
    with store.session() as s:
        ids = [make_child(s, name=f"{ODD_NAME}{n}").id for n in range(3)]

    def run(job: Any) -> Any:
        with store.session() as session:
            return job(session)

    result = printing.print_dossiers(run, ids, tmp_path / "all")
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert len(names) == 3 and all(n.endswith("-儿童档案.pdf") and "李" not in n for n in names)

    class StopAfterOne(printing.Progress):
        def __init__(self) -> None:
            self.done = 0

        def report(self, done: int, total: int, note: str = "") -> None:
            self.done = done

        def cancelled(self) -> bool:
            return self.done >= 1

    result = printing.print_dossiers(run, ids, tmp_path / "some", progress=StopAfterOne())
    assert result.cancelled and len(result.written) == 1
    assert [p.name for p in (tmp_path / "some").iterdir()] == [result.written[0].name]


def test_a_corrected_visit_sheet_names_the_corrections_in_chinese(store: Store) -> None:
    child_id, _ = child_with_id(store)
    with store.session() as s:
        visit = visits.log_visit(s, child_id=child_id, visited_on=TODAY, mode="phone")
        visits.amend_visit(s, visit_id=visit.id, field="mode", value="home", reason="记错方式")
        visits.amend_visit(s, visit_id=visit.id, field="void", value=None, reason="录错儿童")
        sheet = whole(printing.visit_sheet(s, child_id=child_id, visit_id=visit.id))
    assert "走访方式入户走访记错方式" in sheet and "作废此次记录作废录错儿童" in sheet
    assert "void" not in sheet and "home" not in sheet
