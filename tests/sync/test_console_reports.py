"""Reports upward (issue 17): the 汇总表 and the 花名册 the county prints from the server
are the ones the laptops print from the same records.

Real laptops fill their villages through the services the GUI uses and sync; the
server's :mod:`sync.server.reports` then gives the SAME SummaryTable, cell by cell, as
the supervisor's laptop for the township and the director's for the village, on a day
in the past and today, and the same 花名册 rows. Over HTTP: the PDFs read back say
what the table says, the xlsx holds the same cells, a viewer's roster is masked, every
download is audited, anonymous and cross-site requests are refused."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from childcare_desktop.core.printing import PrintContext
from childcare_desktop.core.records import ChildSummary
from childcare_desktop.core.summary import SummaryTable, cross_checks, summary_table
from childcare_desktop.documents import roster as roster_doc
from childcare_desktop.documents import summary as summary_doc
from childcare_desktop.documents import tables_xlsx
from childcare_desktop.services import (
    assessments,
    assistance,
    enrollment,
    family,
    printing,
    tallies,
    visits,
)
from childcare_desktop.services.roster import RosterFilter, search_roster
from sync.server import app as server_app
from sync.server import regions, reports
from sync.server import schema as s
from sync.server.console.oversight import place_names
from tests.factories import make_child, years_ago
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, VILLAGE_B
from tests.sync.console import Console, add_staff
from tests.sync.township import COUNTY, PLACES, TOWNSHIP_2, VILLAGE_C, World

TODAY = date.today()
PAST = TODAY - timedelta(days=10)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _days(n: int) -> date:
    return TODAY - timedelta(days=n)


def _village_a(session: Session) -> None:
    """Children whose counts change between :data:`PAST` and today, one way or another."""
    ming = make_child(
        session,
        name="张小明",
        registered_on=_days(400),
        school_stage="primary",
        boarding="yes",
        entrust_reason="both_away",
        health="healthy",
    )
    family.add_carer(session, child_id=ming.id, name="张大爷", relation="paternal_grandfather")
    family.add_carer(session, child_id=ming.id, name="李舅舅", relation="relative")
    assistance.record_assistance(session, child_id=ming.id, kind="dibao", start_date=_days(100))
    # ended before PAST: in force on neither day
    assistance.record_assistance(
        session, child_id=ming.id, kind="temporary", start_date=_days(60), end_date=_days(20)
    )
    # begun after PAST: in force today only
    assistance.record_assistance(session, child_id=ming.id, kind="education", start_date=_days(5))
    assessments.assess_guardianship(session, child_id=ming.id, assessed_on=_days(365), level="poor")
    assessments.assess_guardianship(
        session, child_id=ming.id, assessed_on=_days(4), level="good", colour="green"
    )
    # the home visit re-dated (the roster's 最近走访), a later contact withdrawn
    home = visits.log_visit(session, child_id=ming.id, visited_on=_days(20), mode="home")
    visits.amend_visit(
        session, visit_id=home.id, field="visited_on", value=_days(15), reason="日期记错"
    )
    phone = visits.log_visit(session, child_id=ming.id, visited_on=_days(3), mode="phone")
    visits.amend_visit(session, visit_id=phone.id, field="void", value=None, reason="重复")
    # six on a day between PAST and today: 0-5 then, 6-13 now
    hong = make_child(
        session,
        name="李小红",
        sex="female",
        birth_date=years_ago(6, days=5),
        school_stage="kindergarten",
        health="chronic",
    )
    family.add_carer(session, child_id=hong.id, name="李姑姑", relation="relative")
    gang = make_child(session, name="王小刚", registered_on=_days(300))
    enrollment.exit_child(session, child_id=gang.id, on_date=_days(20), reason="moved")
    make_child(session, name="赵小丽", sex="female", registered_on=_days(5), hukou_type="urban")
    jun = make_child(session, name="陈小军", registered_on=_days(300), school_stage="junior")
    enrollment.exit_child(session, child_id=jun.id, on_date=_days(30), reason="moved")
    enrollment.reenter_child(session, child_id=jun.id, on_date=_days(8))


def _village_b(session: Session) -> None:
    yan = make_child(
        session,
        name="孙小燕",
        sex="female",
        birth_date=years_ago(12),
        hukou_type="unknown",
        school_stage="dropout",
        categories=["orphan"],
    )
    assistance.record_assistance(
        session,
        child_id=yan.id,
        kind="orphan_allowance",
        start_date=_days(200),
        end_date=TODAY + timedelta(days=100),
    )
    assessments.assess_guardianship(session, child_id=yan.id, assessed_on=_days(30), level="fair")
    bao = make_child(
        session, name="周小宝", birth_date=years_ago(15, days=40), school_stage="senior"
    )
    family.add_carer(session, child_id=bao.id, name="周奶奶", relation="maternal_grandmother")


def _fill(world: World) -> None:
    """Villages A and B of township 1 and village C of township 2, each filled on its
    director's laptop and pushed; the names imported; both supervisors pull."""
    with world.laptop("dir_a").store.session() as session:
        _village_a(session)
    with world.laptop("dir_b").store.session() as session:
        _village_b(session)
    with world.laptop("dir_c").store.session() as session:
        make_child(session, name="吴小海", school_stage="primary", boarding="no")
    with world.server.db.write() as conn:
        regions.import_names(conn, PLACES, now_ms=server_app.now_ms())
    for user in ("dir_a", "dir_b", "dir_c", "sup_1", "sup_2"):
        report = world.laptop(user).run()
        assert report.ok, (user, report)


def _laptop_summary(session: Session, scope: str, day: date) -> SummaryTable:
    """The table ``services.printing.summary`` lays out, as it builds it."""
    rows = tallies.summary_facts(session, as_of=day, region_prefix=scope)
    units = printing._unit_names(session, {r.region_code for r in rows})
    return summary_table(rows, list(units.items()) or [("", "—")])


def _laptop_roster(session: Session, scope: str, day: date) -> list[ChildSummary]:
    """The rows ``services.printing.roster`` lays out, in its order (overdue: not printed)."""
    found = search_roster(session, filters=RosterFilter(region_prefix=scope), as_of=day)
    found.sort(key=lambda c: (c.region_code, c.search_key))
    return [dataclasses.replace(c, overdue=False) for c in found]


def _server(world: World, scope: str, day: date) -> tuple[SummaryTable, list[ChildSummary]]:
    """The server's 汇总表 (read as the console reads it for one) and 花名册."""
    with world.server.db.read() as conn:
        summary = reports.read(conn, scope, day, roster=False)
        table = reports.summary(summary, place_names(conn, COUNTY))
        return table, reports.roster(reports.read(conn, scope, day))


def test_the_server_counts_as_the_laptops_do(world: World) -> None:
    _fill(world)
    supervisor, director = world.laptop("sup_1"), world.laptop("dir_a")
    for day in (PAST, TODAY):
        table, roster = _server(world, TOWNSHIP, day)
        with supervisor.store.session() as session:
            assert _laptop_summary(session, TOWNSHIP, day) == table, day
            if day == TODAY:  # the laptop's roster is always of today's roll
                assert _laptop_roster(session, TOWNSHIP, day) == roster
        with director.store.session() as session:
            assert _laptop_summary(session, VILLAGE_A, day) == _server(world, VILLAGE_A, day)[0]
        assert not cross_checks(table)
    past, now = _server(world, TOWNSHIP, PAST)[0], _server(world, TOWNSHIP, TODAY)[0]
    # What changed between the two days, as both ends count it.
    assert past.units == ((VILLAGE_A, "柳溪村"), (VILLAGE_B, "桃园村"))
    assert past.total == {VILLAGE_A: 2, VILLAGE_B: 2}  # 王小刚 exited, 赵小丽 not yet, 陈小军 out
    assert now.total == {VILLAGE_A: 4, VILLAGE_B: 2}
    assert past.cell("age", "0-5:female") == 1 and now.cell("age", "0-5:female") == 0  # 李小红
    assert past.cell("level", "poor", VILLAGE_A) == 1 and now.cell("level", "poor") == 0
    assert now.cell("level", "good", VILLAGE_A) == 1 and now.cell("level", "fair") == 1
    assert past.cell("assistance", "education") == 0 and now.cell("assistance", "education") == 1
    assert now.cell("assistance", "temporary") == 0 and now.cell("assistance", "dibao") == 1
    assert now.cell("carer", "grandparents") == 2 and now.cell("carer", "relatives") == 1
    assert now.cell("carer", "none") == 3 and now.cell("hukou", "unknown") == 1
    # The roster: the corrected visit's date, the withdrawn contact not counted.
    _, roster = _server(world, TOWNSHIP, TODAY)
    ming = next(c for c in roster if c.name == "张小明")
    assert ming.last_visit_on == _days(15) and ming.level.value == "good"
    assert [c.name for c in roster] == ["陈小军", "李小红", "张小明", "赵小丽", "孙小燕", "周小宝"]
    # The county: one column per township, each the sum of the township's villages.
    county, _ = _server(world, COUNTY, TODAY)
    assert county.units == ((TOWNSHIP, "青石镇"), (TOWNSHIP_2, "白沙乡"))
    with world.laptop("sup_2").store.session() as session:
        other = _laptop_summary(session, TOWNSHIP_2, TODAY)
    for part, table in ((TOWNSHIP, now), (TOWNSHIP_2, other)):
        assert county.total[part] == table.grand_total()
        for section, rows in table.counts.items():
            for row in rows:
                assert county.cell(section, row, part) == table.cell(section, row), (section, row)
    assert county.grand_total() == 7


# -- over HTTP --------------------------------------------------------------------------


def _download(console: Console, **fields: str) -> Any:
    form = {"csrf": console.csrf(), "scope": COUNTY, "doc": "summary", "format": "pdf"}
    form |= {"as_of": TODAY.isoformat(), **fields}
    return console.post("/console/reports/download", form)


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _sheet(content: bytes) -> list[list[Any]]:
    ws = load_workbook(io.BytesIO(content)).active
    assert ws is not None
    return [[v for v in row if v is not None] for row in ws.iter_rows(values_only=True)]


def _audits(world: World) -> list[str]:
    with world.server.db.read() as conn:
        c = s.staff_audit.c
        query = select(c.detail).where(c.action == "report_downloaded").order_by(c.at_ms)
        return [str(r) for r in conn.execute(query).scalars()]


def test_the_county_downloads_the_summary_as_pdf_and_xlsx(sqlite_world: World) -> None:
    world = sqlite_world
    _fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    page = console.get("/console/reports")
    assert page.status_code == 200 and 'id="report-form"' in page.text
    assert "白沙乡" in page.text and 'id="masked"' not in page.text
    table, _ = _server(world, COUNTY, TODAY)

    answer = _download(console)
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["cache-control"] == "no-store"
    name = f"汇总表-清河县-{TODAY.isoformat()}.pdf"
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith(f'attachment; filename="summary-{COUNTY}-{TODAY}.pdf"')
    assert disposition.endswith(f"filename*=UTF-8''{quote(name)}")
    text = _pdf_text(answer.content)
    assert summary_doc.DOC_TITLE in text and "青石镇" in text and "白沙乡" in text
    assert f"统计截至{TODAY.isoformat()}" in text and "打印人：admin" in text
    assert f"儿童总数61{table.grand_total()}" in text  # 青石镇 6, 白沙乡 1, 合计 7
    assert "校验未通过" not in text

    past = _download(console, format="xlsx", scope=TOWNSHIP, as_of=PAST.isoformat())
    assert past.status_code == 200 and past.headers["content-type"] == XLSX
    township, _ = _server(world, TOWNSHIP, PAST)
    rows = _sheet(past.content)
    assert rows[0] == [summary_doc.DOC_TITLE]
    assert rows[1] == [f"清河县青石镇　在册儿童　统计截至 {PAST.isoformat()}"]
    assert rows[2] == summary_doc.header(township) == ["项目", "柳溪村", "桃园村", "合计"]
    expected = [summary_doc.total_row(township)]
    for title, lines in summary_doc.section_rows(township):
        expected += [[title], *lines]
    assert rows[3 : 3 + len(expected)] == expected  # every cell, the totals too
    assert ["填报单位：清河县青石镇"] in rows
    assert _audits(world) == [
        f"doc=summary format=pdf scope={COUNTY} as_of={TODAY} count=7 masked=0",
        f"doc=summary format=xlsx scope={TOWNSHIP} as_of={PAST} count=4 masked=0",
    ]


def test_the_roster_names_the_children_for_an_admin_and_masks_them_for_a_viewer(
    sqlite_world: World,
) -> None:
    world = sqlite_world
    _fill(world)
    _, roster = _server(world, TOWNSHIP, TODAY)
    add_staff(world.server.db, "admin", "county-admin")
    add_staff(world.server.db, "viewer", "county-viewer")
    admin, viewer = Console(world.server.url), Console(world.server.url)
    admin.login("admin")
    viewer.login("viewer")
    assert 'id="masked"' in viewer.get("/console/reports").text

    pdf = _download(admin, doc="roster", scope=TOWNSHIP)
    assert pdf.status_code == 200
    text = _pdf_text(pdf.content)
    assert roster_doc.DOC_TITLE in text and "共6名（在册）" in text
    assert "张小明" in text and "柳溪村" in text and "桃园村" in text
    assert "349901" in text and "**********" in text  # ID numbers masked, as ever
    county = _pdf_text(_download(admin, doc="roster", scope=COUNTY).content)
    assert "共7名（在册）" in county and "白沙乡河口村" in county  # the county's: with township
    xlsx = _download(admin, doc="roster", scope=TOWNSHIP, format="xlsx")
    rows = _sheet(xlsx.content)
    context = PrintContext("admin", datetime.now(), county="清河县", township="青石镇")
    villages = {VILLAGE_A: "柳溪村", VILLAGE_B: "桃园村"}
    expected = [
        [tables_xlsx.plain(v) for v in line if tables_xlsx.plain(v) is not None]
        for line in roster_doc.roster_rows(roster, context, villages)
    ]
    assert rows[2] == [title for title, _k, _w in roster_doc.COLUMNS]
    assert [[_plain_cell(v) for v in row] for row in rows[3 : 3 + len(roster)]] == [
        [_plain_cell(v) for v in row] for row in expected
    ]

    for fmt in ("pdf", "xlsx"):
        masked = _download(viewer, doc="roster", scope=TOWNSHIP, format=fmt)
        assert masked.status_code == 200
        shown = _pdf_text(masked.content) if fmt == "pdf" else str(_sheet(masked.content))
        assert "张*明" in shown and "李*红" in shown
        for child in roster:
            assert child.name not in shown, child.name
    summary = _download(viewer)  # numbers only: the same for a viewer
    assert summary.status_code == 200
    details = _audits(world)
    assert details[0] == f"doc=roster format=pdf scope={TOWNSHIP} as_of={TODAY} count=6 masked=0"
    assert details[-3:] == [
        f"doc=roster format=pdf scope={TOWNSHIP} as_of={TODAY} count=6 masked=1",
        f"doc=roster format=xlsx scope={TOWNSHIP} as_of={TODAY} count=6 masked=1",
        f"doc=summary format=pdf scope={COUNTY} as_of={TODAY} count=7 masked=0",
    ]


def _plain_cell(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


def test_anonymous_forged_and_wrong_requests_are_refused(sqlite_world: World) -> None:
    world = sqlite_world
    _fill(world)
    anonymous = Console(world.server.url)
    for answer in (
        anonymous.get("/console/reports"),
        anonymous.post("/console/reports/download", {"scope": COUNTY, "doc": "summary"}),
    ):
        assert answer.status_code == 303 and answer.headers["location"] == "/console/login"
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    forged = console.post(
        "/console/reports/download",
        {"csrf": "x" * 43, "scope": COUNTY, "doc": "roster", "format": "pdf", "as_of": ""},
    )
    assert forged.status_code == 403 and "张小明" not in forged.text
    for fields in (
        {"scope": "350101"},  # another county
        {"scope": VILLAGE_C[:8]},
        {"as_of": (TODAY + timedelta(days=2)).isoformat()},  # after Beijing's today too
        {"as_of": "2026-13-01"},
        {"doc": "dossier"},
        {"format": "docx"},
    ):
        answer = _download(console, **fields)
        assert answer.status_code == 400, fields
        assert 'id="message"' in answer.text and "content-disposition" not in answer.headers
    assert _audits(world) == []


def test_a_table_that_fails_its_checks_says_so_in_red_on_paper_and_in_the_sheet() -> None:
    table = summary_table([], [(VILLAGE_A, "柳溪村")])
    table.total[VILLAGE_A] = 3  # three children, counted in no section
    problems = cross_checks(table)
    assert problems
    context = PrintContext("admin", datetime.now(), county="清河县")
    text = _pdf_text(summary_doc.summary_pdf(table, context))
    assert "校验未通过" in text and "年龄段与性别合计0≠3" in text
    ws = load_workbook(io.BytesIO(tables_xlsx.summary_xlsx(table, context))).active
    assert ws is not None
    warning = next(c for row in ws.iter_rows() for c in row if str(c.value).startswith("校验"))
    assert warning.value == summary_doc.warning(problems)
    assert warning.font.color.rgb.endswith("9B1C1C")
