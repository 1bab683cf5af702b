"""The dossier's 结对帮扶 and 告知学校 sections, read back from the PDF: each pairing with
its contacts, each school notice with what was told, numbered after the other sections."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from childcare_desktop.services import incidents, pairing, printing, school_notices
from childcare_desktop.storage.store import Store
from tests.documents.test_pdfs import whole
from tests.factories import make_child, years_ago

TODAY = date.today()


def test_the_dossier_lists_pairings_their_contacts_and_the_school_notices(store: Store) -> None:
    with store.session() as s:
        child = make_child(
            s,
            name="柳小河",
            birth_date=years_ago(10),
            school_stage="小学",
            school_name="青石镇小学",
        )
        assert "十二、结对帮扶无十三、告知学校无" in whole(printing.dossier(s, child_id=child.id))
        p = pairing.add_pairing(
            s,
            child_id=child.id,
            helper_name="陈干部",
            helper_role="干部",
            phone="13800138000",
            since=TODAY - timedelta(days=70),
        )
        for days, mode, content in ((50, "入户", "送学习用品"), (20, "视频", "询问学习情况")):
            pairing.add_contact(
                s,
                pairing_id=p.id,
                contacted_on=TODAY - timedelta(days=days),
                mode=mode,
                content=content,
            )
        pairing.end_pairing(s, pairing_id=p.id, until=TODAY, end_reason="工作调动")
        school_notices.record_notice(
            s,
            child_id=child.id,
            told_on=TODAY - timedelta(days=3),
            mode="书面",
            contents=["situation", "parents_work"],
            told_whom="王老师",
        )
        words = whole(printing.dossier(s, child_id=child.id))
        incidents.file_report(
            s,
            child_id=child.id,
            discovered_at=datetime.now() - timedelta(hours=3),
            situations=["violence_signs"],
            description="发现身上多处淤青",
            reported_to="青石镇派出所",
            reported_at=datetime.now() - timedelta(hours=2),
            receipt_no="QS-01",
            reporter_name="周丽华",
        )
        with_reports = whole(printing.dossier(s, child_id=child.id, include_reports=True))
    pairing_part = words[words.index("十二、结对帮扶") : words.index("十三、告知学校")]
    for expected in (
        "陈干部",
        "干部",
        "工作调动",
        (TODAY - timedelta(days=70)).isoformat(),
        "联系记录（共2次）",
        "送学习用品",
        "询问学习情况",
        "视频",
    ):
        assert expected in pairing_part, expected
    notice_part = words[words.index("十三、告知学校") :]
    for expected in ("青石镇小学", "书面", "儿童情况、父母务工地点", "王老师"):
        assert expected in notice_part, expected
    assert "父母联系方式" not in notice_part
    # the confidential sections come last: the others keep their numbers
    assert with_reports.index("十三、告知学校") < with_reports.index("十四、强制报告")
