"""The dossier's 强制报告 section prints each stage's deadline and whether it was met
(issue 18), read back from the PDF; a role that may not see reports prints none of it."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

from pypdf import PdfReader

from childcare_desktop.services import incidents, printing
from childcare_desktop.storage import settings
from childcare_desktop.storage.store import Store
from tests.factories import make_child

TODAY = date.today()
REPORTED = TODAY - timedelta(days=20)


def _text(pdf: bytes) -> str:
    return "".join(re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _report(store: Store) -> str:
    with store.session() as s:
        child = make_child(s, name="陈小雨")
        when = datetime.combine(REPORTED, datetime.min.time()).replace(hour=9)
        report = incidents.file_report(
            s,
            child_id=child.id,
            discovered_at=when,
            situations=["violence_signs"],
            description="手臂多处淤青",
            reported_to="青石镇派出所",
            reported_at=when,
            reporter_name="赵报告",
        )
        for stage, days in (("notified", 1), ("emergency", 3), ("assessment", 5)):
            incidents.add_followup(
                s,
                incident_id=report.id,
                stage=stage,
                on_date=REPORTED + timedelta(days=days),
                action=f"第{days}天办理",
            )
        return child.id


def test_the_report_section_prints_each_stage_met_or_late(store: Store) -> None:
    child_id = _report(store)
    with store.session() as s:
        settings.write(s, settings.ROLE, "director")
        words = _text(printing.dossier(s, child_id=child_id, include_reports=True))
    day = lambda n: (REPORTED + timedelta(days=n)).isoformat()  # noqa: E731
    assert "各阶段时限（按县级政策）" in words
    # 通报乡镇: due day 1, done day 1; 应急处置: due day 1, done day 3 (2 days late)
    assert f"通报乡镇{day(1)}{day(1)}按时完成" in words
    assert f"应急处置{day(1)}{day(3)}逾期2天完成" in words
    # 评估帮扶: 7 days after the township was told (day 8), done day 5
    assert f"评估帮扶{day(8)}{day(5)}按时完成" in words
    # 监护干预: 30 days after 评估帮扶 (day 35): not yet due
    assert f"监护干预{day(35)}未到期" in words
    # 受理反馈: 15 days from the report, not recorded: 5 days late
    assert f"受理反馈{day(15)}逾期5天，未办" in words
    assert "赵报告" not in words  # the reporter is never printed


def test_a_closed_report_prints_its_open_stages_as_no_longer_needed(store: Store) -> None:
    child_id = _report(store)
    with store.session() as s:
        (report,) = incidents.list_reports(s, child_id=child_id)
        incidents.add_followup(
            s, incident_id=report.id, stage="closed", on_date=TODAY, action="已安置"
        )
        settings.write(s, settings.ROLE, "supervisor")
        words = _text(printing.dossier(s, child_id=child_id, include_reports=True))
        settings.write(s, settings.ROLE, "viewer")
        hidden = _text(printing.dossier(s, child_id=child_id, include_reports=True))
    assert f"受理反馈{(REPORTED + timedelta(days=15)).isoformat()}已结案，无需办理" in words
    assert "逾期5天，未办" not in words
    assert "各阶段时限" not in hidden and "强制报告" not in hidden
