"""线索 on the real store: recorded with its source, refused without one, on the worklist
until handled (a mandatory report, a visit or a note), closed with its outcome, in the
child's file, the dossier and the monthly report."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

import pytest
from pypdf import PdfReader

from childcare_desktop.core.errors import Kind, StateError, ValidationError
from childcare_desktop.core.vocab import ClueHandling, ClueOutcome, ClueState, RiskColour
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.messages import describe
from childcare_desktop.services import clues, files, incidents, printing, tallies, worklist
from childcare_desktop.storage.store import Store
from tests.factories import make_child

NOW = datetime.now().replace(second=0, microsecond=0)
TODAY = NOW.date()
# an hour ago, or midnight in a day's first hour: received today whenever the tests run
EARLIER = max(NOW - timedelta(hours=1), datetime.combine(TODAY, time.min))


def _clue(s, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "source": "hotline_12355",
        "received_at": EARLIER,
        "content": "来电反映孩子晚上常独自在家，照护的奶奶住院",
    }
    values.update(overrides)
    return clues.register_clue(s, **values)


def _report_values() -> dict[str, object]:
    return {
        "discovered_at": EARLIER,
        "situations": ["abandoned"],
        "description": "奶奶住院，儿童独自在家",
        "reported_to": "青石派出所",
        "reported_at": NOW,
    }


def test_a_clue_without_a_source_is_refused_in_plain_chinese(store: Store) -> None:
    with store.session() as s:
        with pytest.raises(ValidationError) as none:
            _clue(s, source=None)
        assert none.value.kind is Kind.CHOICE_MISSING and none.value.field == "source"
        assert describe(none.value).startswith("请选择线索来源")
        with pytest.raises(ValidationError) as other:
            _clue(s, source="其他", source_detail="  ")
        assert (other.value.kind, other.value.field) == (Kind.REQUIRED, "source_detail")
        with pytest.raises(ValidationError) as future:
            _clue(s, received_at=NOW + timedelta(days=1))
        assert (future.value.kind, future.value.field) == (Kind.DATE_IN_FUTURE, "received_at")
        with pytest.raises(ValidationError) as empty:
            _clue(s, content=" ")
        assert empty.value.kind is Kind.REQUIRED
        assert clues.list_clues(s) == []
        kept = _clue(s, source="其他", source_detail="镇卫生院医生")
        assert kept.source_detail == "镇卫生院医生" and kept.state is ClueState.OPEN


def test_an_unhandled_clue_is_on_the_worklist_a_day_and_then_overdue(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, name="柳小河")
        plain = _clue(s, child_id=child.id, received_at=NOW - timedelta(days=3))
        unknown = _clue(s, about="村东头王家的小女孩，约8岁", source="neighbour")
        urgent = _clue(s, safety=True, about="桥下独居的男孩", source="police")
        items = {i.ref: i for i in worklist.get_worklist(s).items if i.kind is WorkKind.CLUE}
    assert items[plain.id].child_name == "柳小河"
    assert items[plain.id].due_on == TODAY - timedelta(days=2)
    assert items[plain.id].overdue_days == 2  # red on the worklist
    assert items[unknown.id].child_name == "村东头王家的小女孩，约8岁"
    assert (items[unknown.id].due_on, items[unknown.id].overdue) == (TODAY + timedelta(1), False)
    assert items[urgent.id].due_on == TODAY  # about a child's safety: at once
    assert items[urgent.id].colour is RiskColour.RED


def test_a_clue_becomes_a_mandatory_report_and_leaves_the_worklist(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, name="柳小河")
        clue = _clue(s, about="柳家的孩子")
        with pytest.raises(StateError) as no_child:
            clues.report_clue(s, clue_id=clue.id, **_report_values())
        assert no_child.value.kind is Kind.CLUE_NO_CHILD
        clues.link_child(s, clue_id=clue.id, child_id=child.id)
        filed = clues.report_clue(s, clue_id=clue.id, **_report_values())
        got = clues.get_clue(s, clue_id=clue.id)
        assert (got.state, got.handling, got.incident_id) == (
            ClueState.HANDLED,
            ClueHandling.REPORT,
            filed.id,
        )
        assert [r.id for r in incidents.list_reports(s, child_id=child.id)] == [filed.id]
        assert not [i for i in worklist.get_worklist(s).items if i.kind is WorkKind.CLUE]
        with pytest.raises(StateError) as twice:
            clues.note_clue(s, clue_id=clue.id, handling_note="再记一次")
        assert twice.value.kind is Kind.CLUE_CLOSED
        shown = files.get_child_file(s, child_id=child.id, include_incidents=True).clues
        hidden = files.get_child_file(s, child_id=child.id).clues
    assert [c.id for c in shown] == [clue.id] and shown[0].child_name == "柳小河"
    assert hidden == ()  # as confidential as the reports


def test_a_visit_and_a_note_handle_a_clue_closing_needs_an_outcome(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, name="柳小河")
        visited = _clue(s, child_id=child.id, source="school")
        made = clues.visit_clue(
            s, clue_id=visited.id, visited_on=TODAY, mode="home", findings="奶奶已出院"
        )
        noted = _clue(s, source="hotline_12349", about="外村儿童")
        clues.note_clue(s, clue_id=noted.id, handling_note="非本村儿童，已电话告知邻村儿童主任")
        with pytest.raises(ValidationError) as no_outcome:
            clues.close_clue(s, clue_id=visited.id, outcome=None)
        assert no_outcome.value.kind is Kind.CHOICE_MISSING
        with pytest.raises(ValidationError) as early:
            clues.close_clue(
                s, clue_id=visited.id, outcome="核实属实", closed_on=TODAY - timedelta(days=5)
            )
        assert early.value.kind is Kind.DATE_ORDER
        closed = clues.close_clue(s, clue_id=visited.id, outcome="核实属实", outcome_note="已核实")
        with pytest.raises(StateError):
            clues.close_clue(s, clue_id=visited.id, outcome="其他")
        open_only = clues.list_clues(s, open_only=True)
    assert closed.visit_id == made.id and closed.handling is ClueHandling.VISIT
    assert (closed.state, closed.outcome, closed.closed_on) == (
        ClueState.CLOSED,
        ClueOutcome.CONFIRMED,
        TODAY,
    )
    assert [c.id for c in open_only] == [noted.id]


def test_the_month_counts_clues_and_the_dossier_prints_them(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, name="柳小河")
        clue = _clue(s, child_id=child.id, content="学校反映孩子多日未到校<又>")
        _clue(s, about="另一名儿童")
        clues.note_clue(s, clue_id=clue.id, handling_note="已联系家长")
        report = tallies.monthly_report(s, month=TODAY)
        monthly = printing.monthly(s, month=TODAY)
        dossier = printing.dossier(s, child_id=child.id, include_reports=True)
    assert (report.clues_received, report.clues_handled) == (2, 1)
    month_text = _text(monthly)
    assert "接收线索" in month_text and "已处理线索" in month_text
    dossier_text = _text(dossier)
    assert "线索（保密）" in dossier_text and "多日未到校<又>" in dossier_text
    assert "记为备注" in dossier_text


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(
        "\n", ""
    )


def test_a_clue_cannot_name_a_child_not_on_file(store: Store) -> None:
    with store.session() as s:
        clue = _clue(s)
        with pytest.raises(ValidationError) as missing:
            clues.link_child(s, clue_id=clue.id, child_id="no-such-child")
        assert missing.value.kind is Kind.NOT_FOUND
        assert clues.get_clue(s, clue_id=clue.id).child_id is None
