"""Printed documents read back with pypdf: what a director, a carer or a county clerk
would actually see on the paper.

pypdf puts line breaks and spaces between the CJK glyphs of a table cell (and between
the lines of a wrapped cell), so every comparison is made on the text with all
whitespace removed; the order of the glyphs is kept, so a phrase is still a phrase.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject
from sqlalchemy import func, select, text

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.identity import mask_id
from childcare_desktop.core.printing import qr_payload
from childcare_desktop.core.summary import SECTIONS, cross_checks, summary_table
from childcare_desktop.core.vocab import AgreementState, VisitMode
from childcare_desktop.documents import agreement as agreement_doc
from childcare_desktop.documents import monthly as monthly_doc
from childcare_desktop.documents import summary as summary_doc
from childcare_desktop.paths import resource
from childcare_desktop.services import (
    agreements,
    assessments,
    demo,
    family,
    incidents,
    printing,
    visits,
)
from childcare_desktop.services.roster import RosterFilter, search_roster
from childcare_desktop.storage import settings
from childcare_desktop.storage.models import Visit
from childcare_desktop.storage.store import Store
from tests.documents.conftest import ACTOR
from tests.factories import make_child, make_id, years_ago

TODAY = date.today()
ODD_NAME = "李<小>&明"  # markup characters: must print as typed, never as &lt; or dropped
DOSSIER_VISIT_HEADER = "序号日期方式走访人见到儿童发现问题处理措施"


# -- reading PDFs back --------------------------------------------------------------------


def reader(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, whitespace (including U+3000) removed."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in reader(pdf).pages]


def all_text(pdf: bytes) -> str:
    return "".join(page_texts(pdf))


def audit_rows(store: Store, action: str) -> list[dict[str, Any]]:
    with store.connection() as conn:
        rows = conn.execute(
            text("SELECT action, detail FROM audit_log WHERE action = :a ORDER BY id"),
            {"a": action},
        ).all()
    return [json.loads(detail or "{}") for _action, detail in rows]


def minutes_between(start: datetime, end: datetime) -> set[str]:
    """The "YYYY-MM-DDHH:MM" stamps (space removed) a print made in [start, end] may carry."""
    stamps, moment = set(), start.replace(second=0, microsecond=0)
    while moment <= end:
        stamps.add(moment.strftime("%Y-%m-%d%H:%M"))
        moment += timedelta(minutes=1)
    return stamps


def used_fonts(pdf: bytes) -> list[DictionaryObject]:
    """The font dictionaries that actually draw text (Tf followed by Tj/TJ/'/")."""
    doc = reader(pdf)
    found: dict[int, DictionaryObject] = {}

    def walk(content: Any, resources: Any) -> None:
        fonts = resources.get("/Font", DictionaryObject()) if resources else DictionaryObject()
        xobjects = resources.get("/XObject", DictionaryObject()) if resources else {}
        current: list[Any] = [None]
        stack: list[Any] = []
        for operands, operator in ContentStream(content, doc).operations:
            if operator == b"q":
                stack.append(current[0])
            elif operator == b"Q" and stack:
                current[0] = stack.pop()
            elif operator == b"Tf":
                current[0] = operands[0]
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                shown = operands[-1]
                if (len(shown) if not isinstance(shown, list) else any(shown)) and current[0]:
                    font = fonts[current[0]].get_object()
                    found[id(font)] = font
            elif operator == b"Do":
                xobject = xobjects[operands[0]].get_object()
                if xobject.get("/Subtype") == "/Form":
                    walk(xobject, xobject.get("/Resources", resources))

    for page in doc.pages:
        walk(page.get_contents(), page.get("/Resources"))
    return list(found.values())


# -- data ---------------------------------------------------------------------------------


def child_with_family(store: Store, **values: Any) -> dict[str, Any]:
    """A child named ODD_NAME with a valid ID number, a father and a carer (both with IDs)."""
    number = make_id(years_ago(9), male=True)
    father_id, carer_id = make_id(years_ago(36)), make_id(years_ago(63), male=False)
    with store.session() as s:
        child = make_child(s, name=ODD_NAME, id_number=number, **values)
        father = family.add_family_member(
            s, child_id=child.id, relation="father", name="李建国", id_number=father_id
        )
        carer = family.add_carer(
            s,
            child_id=child.id,
            name="王桂兰",
            relation="paternal_grandmother",
            id_number=carer_id,
        )
    return {
        "child": child,
        "number": number,
        "father": father,
        "father_number": father_id,
        "carer": carer,
        "carer_number": carer_id,
    }


# -- 1. the dossier: names as typed, header and footer, masked IDs -----------------------


def test_dossier_prints_the_name_as_typed_the_furniture_and_masks_ids(store: Store) -> None:
    made = child_with_family(store)
    child, number, father_number = made["child"], made["number"], made["father_number"]
    before = datetime.now()
    with store.session() as s:
        masked_pdf = printing.dossier(s, child_id=child.id)
        full_pdf = printing.dossier(s, child_id=child.id, full_ids=True)
    after = datetime.now()

    pages = page_texts(masked_pdf)
    masked = "".join(pages)
    assert ODD_NAME in masked
    assert "&lt;" not in masked and "&amp;" not in masked
    assert "儿童档案（一人一档）" in masked
    assert f"档案编号：{child.file_no}" in masked
    for n, page in enumerate(pages, start=1):  # the furniture is on every page
        assert "儿童档案内部资料注意保密" in page  # header: title + 内部资料 注意保密
        assert f"内部资料注意保密打印人：{ACTOR}打印时间：" in page  # footer
        stamp = re.search(r"打印时间：(\d{4}-\d{2}-\d{2}\d{2}:\d{2})", page)
        assert stamp and stamp.group(1) in minutes_between(before, after), page[:200]
        assert f"第{n}页共{len(pages)}页" in page
    assert "第1页" in pages[0]

    # masked by default: first four and last four kept (PrintContext.id_text -> mask_id)
    assert mask_id(number) == f"{number[:4]}{'*' * 10}{number[-4:]}"
    assert number not in masked and mask_id(number) in masked
    assert father_number not in masked and mask_id(father_number) in masked
    # full when asked for, and then no masked form at all
    full = all_text(full_pdf)
    assert number in full and father_number in full
    assert mask_id(number) not in full and "**********" not in full

    # the document's metadata names the document, never the child
    metadata = reader(masked_pdf).metadata
    assert metadata is not None and metadata.title == "儿童档案"
    assert all(ODD_NAME not in str(v) and "李" not in str(v) for v in metadata.values())

    printed = [d for d in audit_rows(store, "printed") if d.get("doc") == "dossier"]
    assert [(d["full_ids"], d["reports"]) for d in printed] == [(False, False), (True, False)]


# -- 2. the font is an embedded TrueType subset -------------------------------------------


def test_every_font_that_draws_text_is_an_embedded_truetype_subset(store: Store) -> None:
    made = child_with_family(store)
    child = made["child"]
    with store.session() as s:
        draft = agreements.draft_agreement(
            s,
            child_id=child.id,
            carer_id=made["carer"].id,
            principal_id=made["father"].id,
            start_date=TODAY,
            end_date=TODAY + timedelta(days=365),
        )
        documents = {
            "dossier": printing.dossier(s, child_id=child.id),
            "agreement": printing.agreement(s, agreement_id=draft.id),  # with the QR drawing
            "roster": printing.roster(s),  # landscape
        }
    whole_font = resource("fonts", "wqy-microhei.ttc").stat().st_size
    for name, pdf in documents.items():
        fonts = used_fonts(pdf)
        assert fonts, f"{name}: no text drawn at all?"
        for font in fonts:
            assert "/ToUnicode" in font, f"{name}: {font.get('/BaseFont')} cannot be read back"
            if font.get("/Subtype") == "/Type0":  # a CID font: the descriptor is one level down
                font = font["/DescendantFonts"][0].get_object()
            base = str(font["/BaseFont"])
            assert re.fullmatch(r"/[A-Z]{6}\+\S+", base), f"{name}: {base} is not a subset"
            assert "/FontDescriptor" in font, f"{name}: {base} has no descriptor"
            descriptor = font["/FontDescriptor"].get_object()
            assert str(descriptor["/FontName"]) == base
            assert "/FontFile2" in descriptor, f"{name}: {base} is not embedded TrueType"
            program = descriptor["/FontFile2"].get_object()
            embedded = program.get("/Length1") or len(program.get_data())
            assert 0 < embedded < whole_font / 10, f"{name}: {base} embeds {embedded} bytes"


# -- 3. sixty visits over several pages, the table header on each -------------------------


def test_sixty_visits_run_over_pages_with_the_header_repeated_and_no_row_lost(
    store: Store,
) -> None:
    with store.session() as s:
        child = make_child(s, name=ODD_NAME, registered_on=TODAY - timedelta(days=200))
        dates = [TODAY - timedelta(days=3 * n + 1) for n in range(60)]
        for n, day in enumerate(dates):
            visits.log_visit(
                s, child_id=child.id, visited_on=day, mode="home", findings=f"记录W{n:02d}"
            )
        pages = page_texts(printing.dossier(s, child_id=child.id))

    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页共{len(pages)}页" in page
    with_rows = [page for page in pages if "记录W" in page]
    assert len(with_rows) >= 2, "the 60-row visit table should span pages"
    for page in with_rows:  # repeatRows: the header row heads every page the table is on
        assert DOSSIER_VISIT_HEADER in page
        assert page.index(DOSSIER_VISIT_HEADER) < page.index("记录W")
    everything = "".join(pages)
    for day in dates:  # every visit once: none lost, none doubled at a page break
        assert everything.count(day.isoformat()) == 1, day
    # oldest first, as in a log book: visit 59 is the oldest
    positions = [everything.index(f"记录W{n:02d}") for n in reversed(range(60))]
    assert positions == sorted(positions)
    assert "1" + dates[-1].isoformat() in everything and "60" + dates[0].isoformat() in everything


# -- 4. the agreement: three copies, the declaration, and the verification code ----------


def test_agreement_has_three_copies_the_declaration_and_no_fee_as_unpaid(store: Store) -> None:
    made = child_with_family(store)
    with store.session() as s:
        draft = agreements.draft_agreement(
            s,
            child_id=made["child"].id,
            carer_id=made["carer"].id,
            principal_id=made["father"].id,
            start_date=TODAY - timedelta(days=30),
            end_date=TODAY + timedelta(days=330),
        )
        pages = page_texts(printing.agreement(s, agreement_id=draft.id))
    content = "".join(pages)
    assert len(pages) >= 3
    assert content.count("一式三份") == 3
    where = []
    for label in agreement_doc.COPIES:
        assert content.count(f"本份：{label}") == 1, label
        where.append(next(n for n, page in enumerate(pages) if f"本份：{label}" in page))
    assert where == sorted(set(where)), "each copy starts on a page of its own, in order"
    declaration = "乙方声明（《中华人民共和国未成年人保护法》第二十二条）"
    assert content.count(declaration) == 3
    for item in agreement_doc.DISQUALIFICATIONS:
        assert content.count(f"□无：{item}") == 3, item
    assert content.count("第四条费用：无偿。") == 3
    assert content.count(f"编号：{draft.id[:8].upper()}") == 3
    assert content.count(ODD_NAME) >= 3 and "李建国" in content and "王桂兰" in content
    # The signers' and the child's own numbers, in full, on the paper they sign (issue 14).
    for number in (made["number"], made["father_number"], made["carer_number"]):
        assert content.count(number) == 3 and mask_id(number) not in content


def test_the_agreement_code_tells_match_changed_unknown_and_refuses_garbage(
    store: Store,
) -> None:
    made = child_with_family(store)
    with store.session() as s:
        draft = agreements.draft_agreement(
            s,
            child_id=made["child"].id,
            carer_id=made["carer"].id,
            principal_id=made["father"].id,
            start_date=TODAY,
            end_date=TODAY + timedelta(days=365),
        )
        printing.agreement(s, agreement_id=draft.id)
        printed = qr_payload(printing.agreement_document(s, agreement_id=draft.id))
        assert printed.startswith(f"CCA1|{draft.id}|")
        checked = printing.verify_agreement(s, payload=printed)
        assert (checked.status, checked.agreement_id) == ("match", draft.id)
        assert (checked.state, checked.child_name) == (AgreementState.DRAFT, ODD_NAME)
        head, digest = printed.rsplit("|", 1)  # a scanner may hand back upper case
        assert printing.verify_agreement(s, payload=f" {head}|{digest.upper()} ").status == "match"

        # the fee is one of the terms the digest covers: the paper no longer says it
        agreements.update_draft(s, agreement_id=draft.id, fee="每月300元")
        assert printing.verify_agreement(s, payload=printed).status == "changed"
        paid = all_text(printing.agreement(s, agreement_id=draft.id))
        assert "第四条费用：每月300元。" in paid and "无偿" not in paid

        # signed: a fresh print matches; editing the carer's name afterwards does not
        agreements.sign_agreement(
            s,
            agreement_id=draft.id,
            signed_on=TODAY,
            signed_by_principal="李建国",
            signed_by_carer="王桂兰",
            witness="柳溪村民委员会",
        )
        signed = qr_payload(printing.agreement_document(s, agreement_id=draft.id))
        assert signed != printed
        assert printing.verify_agreement(s, payload=signed).status == "match"
        family.update_carer(s, carer_id=made["carer"].id, name="王桂芬")
        assert printing.verify_agreement(s, payload=signed).status == "changed"

        stranger = str(uuid.uuid4())
        unknown = printing.verify_agreement(s, payload=f"CCA1|{stranger}|{'0' * 16}")
        assert (unknown.status, unknown.agreement_id, unknown.state) == ("unknown", stranger, None)

    for garbage in (
        "",
        "hello",
        "CCA1|garbage",
        f"CCA2|{draft.id}|{digest}",
        f"CCA1|{draft.id}|{digest[:15]}",
        f"CCA1|{draft.id}|{digest}|extra",
    ):
        with pytest.raises(ValidationError) as caught, store.session() as s:
            printing.verify_agreement(s, payload=garbage)
        assert caught.value.kind is Kind.CODE_INVALID, garbage

    prints = [
        d
        for d in audit_rows(store, "printed")
        if d.get("doc") == "agreement" and d.get("agreement") == draft.id
    ]
    assert len(prints) == 2 and all(d["full_ids"] for d in prints)
    verified = [
        d["status"]
        for d in audit_rows(store, "agreement_verified")
        if d.get("agreement") == draft.id
    ]
    assert verified == ["match", "match", "changed", "match", "changed"]


# -- 5. mandatory reports only for a role that may see them -------------------------------


@pytest.mark.parametrize(
    ("role", "may_see"),
    [("director", True), ("supervisor", True), ("county", True), ("viewer", False)],
)
def test_reports_print_only_when_asked_and_the_role_may_see_them(
    store: Store, role: str, may_see: bool
) -> None:
    made = child_with_family(store)
    child = made["child"]
    found = datetime.now().replace(microsecond=0) - timedelta(hours=5)
    with store.session() as s:
        incidents.file_report(
            s,
            child_id=child.id,
            discovered_at=found,
            situations=["violence_signs"],
            description="手臂有多处淤青<疑似>&反复出现",
            reported_to="青石镇派出所",
            reported_at=found + timedelta(minutes=40),
            report_method="电话",
            receipt_no="QS-20991",
            reporter_name="赵报告",
            reporter_phone="13800138000",
        )
        settings.write(s, settings.ROLE, role)
        assert printing.may_see_reports(s) is may_see
        without = all_text(printing.dossier(s, child_id=child.id))
        asked = page_texts(printing.dossier(s, child_id=child.id, include_reports=True))

    for content in (without, "".join(asked)):  # the reporter is never printed
        assert "赵报告" not in content and "13800138000" not in content
    assert "强制报告" not in without and "淤青" not in without and "QS-20991" not in without
    joined = "".join(asked)
    if may_see:
        assert "十四、强制报告（保密）" in joined
        assert "情况描述：手臂有多处淤青<疑似>&反复出现" in joined
        assert "QS-20991" in joined and "青石镇派出所" in joined
        assert all("含强制报告（保密）" in page for page in asked)  # the footer says so
    else:
        assert "强制报告" not in joined and "淤青" not in joined and "QS-20991" not in joined
    printed = [d for d in audit_rows(store, "printed") if d.get("doc") == "dossier"]
    assert [d["reports"] for d in printed] == [False, may_see]


# -- 6. the roster, and the roster for posting -------------------------------------------


def test_the_roster_for_posting_hides_ids_ratings_dates_and_sensitive_children(
    store: Store,
) -> None:
    made = child_with_family(store, categories=["left_behind"])
    child, number = made["child"], made["number"]
    visited = TODAY - timedelta(days=6)
    with store.session() as s:
        assessments.assess_guardianship(
            s, child_id=child.id, assessed_on=TODAY, level="poor", colour="red"
        )
        visits.log_visit(s, child_id=child.id, visited_on=visited, mode="home")
        mixed = make_child(s, name="赵小雨", categories=["left_behind", "violence_victim"])
        hidden = make_child(s, name="钱不公示", categories=["violence_victim"])
        full = all_text(printing.roster(s))
        full_ids = all_text(printing.roster(s, full_ids=True))
        public = all_text(printing.roster(s, public=True))
        public_asking_ids = all_text(printing.roster(s, public=True, full_ids=True))

    header = "序号姓名性别出生日期年龄证件号码类别监护情况风险等级就学最近走访所在村档案编号"
    assert header in full and "共3名（在册）" in full
    assert all(name in full for name in (ODD_NAME, mixed.name, hidden.name))
    assert mask_id(number) in full and number not in full
    assert "差红" in full  # 监护情况, 风险等级 of the assessed child
    assert visited.isoformat() in full and child.birth_date.isoformat() in full
    assert "受暴力侵害儿童" in full and "证件号码已隐去中间位数。" in full
    assert number in full_ids and mask_id(number) not in full_ids

    for shown in (public, public_asking_ids):
        assert "序号姓名性别年龄所在村" in shown and header not in shown
        assert ODD_NAME in shown and mixed.name in shown and hidden.name not in shown
        assert "共2名" in shown
        assert number not in shown and mask_id(number) not in shown and "*" not in shown
        assert "红" not in shown and "差" not in shown
        assert visited.isoformat() not in shown and child.birth_date.isoformat() not in shown
        assert "受暴力侵害儿童" not in shown and "留守" not in shown and "困境" not in shown
        assert child.file_no not in shown

    printed = [d for d in audit_rows(store, "printed") if d.get("doc") == "roster"]
    assert [(d["count"], d["public"]) for d in printed] == [
        (3, False),
        (3, False),
        (3, True),
        (3, True),
    ]


# -- 7. the summary table of the demo village ---------------------------------------------


def test_the_summary_of_the_demo_village_passes_its_cross_checks(
    demo_store: Store, demo_village: tuple[Path, demo.DemoSummary]
) -> None:
    made = demo_village[1]
    with demo_store.session() as s:
        rows = printing.summary_facts(s)
        on_roster = search_roster(s, filters=RosterFilter())
        content = all_text(printing.summary(s))
    units = [(code, code) for code in sorted({r.region_code for r in rows})]
    table = summary_table(rows, units)
    problems = cross_checks(table)
    assert isinstance(problems, list) and problems == []

    total = len(rows)
    assert total == made.children - made.exited == len(on_roster) == table.grand_total()
    assert summary_doc.DOC_TITLE in content
    assert f"儿童总数{total}{total}" in content  # one village column and the 合计
    for section in SECTIONS:
        assert section.title in content, section.title
        for code, label in section.rows:
            value = table.cell(section.key, code)
            assert f"{label}{value}{value}" in content, (section.title, label, value)
    assert "校验" not in content  # the check is the test's, not the paper's (issue 14)


# -- 8. the monthly report --------------------------------------------------------------


def test_the_monthly_report_prints_what_it_counted_and_counts_the_months_visits(
    demo_store: Store,
) -> None:
    month = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
    end = (month + timedelta(days=32)).replace(day=1)
    with demo_store.session() as s:
        report = printing.monthly_report(s, month=month)
        pages = page_texts(printing.monthly(s, month=month))
        logged = dict(
            s.execute(
                select(Visit.mode, func.count())
                .where(Visit.deleted.is_(False), Visit.visited_on >= month, Visit.visited_on < end)
                .group_by(Visit.mode)
            ).all()
        )
    content = "".join(pages)
    assert len(pages) == 1
    # header: the place on the left, the title and 内部资料 注意保密 on the right
    assert content.startswith(f"示范县青石镇柳溪村{monthly_doc.DOC_TITLE}内部资料注意保密")
    assert f"{monthly_doc.DOC_TITLE}青石镇柳溪村{month:%Y年%m月}" in content

    by_mode = {VisitMode(mode).value: n for mode, n in logged.items()}
    assert sum(by_mode.values()) > 0, "the demo village should have visits last month"
    assert report.visits_by_mode == {m.value: by_mode.get(m.value, 0) for m in VisitMode}
    for mode in VisitMode:
        assert f"{mode.label}{report.visits_by_mode[mode.value]}本月记录的走访次数" in content

    def rate(done: int, due: int) -> str:
        return f"{done * 100 // due}%" if due else "—"

    assert 0 < report.home_visits_done <= report.home_visits_due
    assert f"月末在册儿童{report.children_at_end}" in content
    assert f"应入户走访{report.home_visits_due}按县级走访频次" in content
    assert (
        f"已入户走访{report.home_visits_done}完成率"
        f"{rate(report.home_visits_done, report.home_visits_due)}"
    ) in content
    assert f"应联系{report.contacts_due}电话" in content
    assert (
        f"已联系{report.contacts_done}完成率{rate(report.contacts_done, report.contacts_due)}"
    ) in content
    assert f"强制报告{report.reports_filed}详情见各儿童档案" in content
    assert f"月末逾期事项{report.overdue_at_end}见工作台" in content
    assert [d["month"] for d in audit_rows(demo_store, "printed") if d["doc"] == "monthly"] == [
        f"{month:%Y-%m}"
    ]


def test_a_voided_visit_is_not_counted_in_the_monthly_report(store: Store) -> None:
    month = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
    with store.session() as s:
        child = make_child(s, registered_on=month - timedelta(days=120))
        kept = visits.log_visit(s, child_id=child.id, visited_on=month, mode="phone")
        wrong = visits.log_visit(
            s, child_id=child.id, visited_on=month + timedelta(days=3), mode="home"
        )
        visits.amend_visit(s, visit_id=wrong.id, field="void", value=None, reason="录错了儿童")
        report = printing.monthly_report(s, month=month)
    assert kept.id != wrong.id
    assert report.home_visits_done == 0  # the worklist side already ignores the void
    assert report.visits_by_mode["home"] == 0


def test_an_amended_visit_date_moves_the_visit_out_of_the_month(store: Store) -> None:
    month = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
    with store.session() as s:
        child = make_child(s, registered_on=month - timedelta(days=120))
        visit = visits.log_visit(s, child_id=child.id, visited_on=month, mode="video")
        visits.amend_visit(s, visit_id=visit.id, field="visited_on", value=TODAY, reason="日期录错")
        report = printing.monthly_report(s, month=month)
    assert report.visits_by_mode["video"] == 0


# -- 9. the visit sheet -------------------------------------------------------------------


def test_visit_sheets_blank_for_the_child_and_filled_from_a_visit(store: Store) -> None:
    made = child_with_family(store)
    child, number = made["child"], made["number"]
    with store.session() as s:
        visit = visits.log_visit(
            s,
            child_id=child.id,
            visited_on=TODAY - timedelta(days=2),
            mode="home",
            visitor="周丽华",
            findings="奶奶腿脚不便<需帮扶>&复查",
            actions="联系村医上门",
        )
        withdrawn = visits.log_visit(
            s, child_id=child.id, visited_on=TODAY - timedelta(days=1), mode="phone", notes="重复"
        )
        visits.amend_visit(s, visit_id=withdrawn.id, field="void", value=None, reason="重复录入")
        blank = all_text(printing.visit_sheet(s, child_id=child.id))
        filled = all_text(printing.visit_sheet(s, child_id=child.id, visit_id=visit.id))
        voided = all_text(printing.visit_sheet(s, child_id=child.id, visit_id=withdrawn.id))
        other = make_child(s, name="孙其他")
        elsewhere = visits.log_visit(s, child_id=other.id, visited_on=TODAY, mode="home")

    assert f"儿童姓名{ODD_NAME}" in blank and f"档案编号{child.file_no}" in blank
    assert "（空白表，走访后请录入系统）" in blank
    assert "走访日期______年____月____日____时____分" in blank
    assert mask_id(number) in blank and number not in blank
    assert "奶奶腿脚不便" not in blank and "联系村医上门" not in blank

    assert f"儿童姓名{ODD_NAME}" in filled and "（根据系统记录打印）" in filled
    assert f"走访日期{(TODAY - timedelta(days=2)).isoformat()}" in filled
    assert "走访方式入户走访" in filled and "走访人/同行人员周丽华" in filled
    assert "发现问题奶奶腿脚不便<需帮扶>&复查" in filled
    assert "处理措施联系村医上门" in filled
    assert "已作废" not in filled and "□" not in filled

    assert "此次走访记录已作废。" in voided and "更正记录" in voided

    with pytest.raises(ValidationError) as caught, store.session() as s:
        printing.visit_sheet(s, child_id=child.id, visit_id=elsewhere.id)  # not this child's
    assert caught.value.kind is Kind.NOT_FOUND


# -- 10. batches: one file per child, named by file number, cancellable -------------------


def test_a_batch_writes_one_file_per_child_and_a_cancel_stops_it(
    store: Store, tmp_path: Path
) -> None:
    names = (ODD_NAME, "王<大>&红", "张小雨")
    with store.session() as s:
        children = [make_child(s, name=name) for name in names]
    ids = [c.id for c in children]
    jobs = []

    def run(job: Any) -> Any:
        jobs.append(job)
        with store.session() as session:
            return job(session)

    every = tmp_path / "all"
    result = printing.print_dossiers(run, ids, every)
    assert not result.cancelled and len(result.written) == 3 and len(jobs) == 3
    on_disk = sorted(p.name for p in every.iterdir())
    assert on_disk == sorted(f"{c.file_no}-儿童档案.pdf" for c in children)
    assert [p.name for p in result.written] == [f"{c.file_no}-儿童档案.pdf" for c in children]
    for file_name in on_disk:
        assert all(name not in file_name for name in names)
        assert not any(ch in file_name for ch in "李王张<>&")
    for path, child in zip(result.written, children, strict=True):
        content = all_text(path.read_bytes())
        assert f"姓名{child.name}" in content
        assert all(f"姓名{c.name}" not in content for c in children if c is not child)

    class StopAfterFirst(printing.Progress):
        def __init__(self) -> None:
            self.reports: list[tuple[int, int]] = []

        def report(self, done: int, total: int, note: str = "") -> None:
            self.reports.append((done, total))

        def cancelled(self) -> bool:
            return bool(self.reports)

    progress = StopAfterFirst()
    some = tmp_path / "some"
    stopped = printing.print_dossiers(run, ids, some, progress=progress)
    assert stopped.cancelled and len(stopped.written) == 1
    assert progress.reports == [(1, 3)] and len(jobs) == 4
    assert [p.name for p in some.iterdir()] == [f"{children[0].file_no}-儿童档案.pdf"]
    printed = [d for d in audit_rows(store, "printed") if d.get("doc") == "dossier"]
    assert len(printed) == 4
