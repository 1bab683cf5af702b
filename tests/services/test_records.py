"""Visits, agreements, reports, exits: the lifecycle rules of the child's file."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from childcare_desktop.core.errors import Kind, StateError, ValidationError
from childcare_desktop.core.vocab import AgreementState, RiskColour, VisitMode
from childcare_desktop.services import (
    agreements,
    assessments,
    enrollment,
    family,
    files,
    incidents,
    visits,
)
from childcare_desktop.storage.store import Store
from tests.factories import make_child

TODAY = date.today()


def test_a_visit_is_corrected_by_amendments_and_withdrawn_by_a_void(store: Store) -> None:
    with store.session() as s:
        child = make_child(s)
        visit = visits.log_visit(
            s,
            child_id=child.id,
            visited_on=TODAY - timedelta(days=3),
            mode="phone",
            findings="正常",
        )
        fixed = visits.amend_visit(
            s, visit_id=visit.id, field="mode", value="入户走访", reason="实为入户"
        )
        assert fixed.mode is VisitMode.HOME
        assert [a.field for a in fixed.amendments] == ["mode"]
        visits.amend_visit(s, visit_id=visit.id, field="void", value=None, reason="重复录入")
        assert visits.list_visits(s, child_id=child.id) == ()
        assert visits.list_visits(s, child_id=child.id, include_voided=True)[0].voided
        with pytest.raises(StateError):
            visits.amend_visit(s, visit_id=visit.id, field="notes", value="x", reason="y")
    with store.connection() as conn:  # the original row was never touched
        row = conn.execute(text("SELECT mode, findings FROM visit")).one()
    assert tuple(row) == ("phone", "正常")


def test_an_amended_visit_date_moves_the_worklist(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, registered_on=TODAY - timedelta(days=200))
        visit = visits.log_visit(
            s, child_id=child.id, visited_on=TODAY - timedelta(days=150), mode="home"
        )
        kinds = {w.kind for w in files.get_child_file(s, child_id=child.id).work}
        assert "home_visit" in kinds
        visits.amend_visit(s, visit_id=visit.id, field="visited_on", value=TODAY, reason="日期录错")
        kinds = {w.kind for w in files.get_child_file(s, child_id=child.id).work}
        assert "home_visit" not in kinds


def test_agreement_lifecycle(store: Store) -> None:
    with store.session() as s:
        child = make_child(s)
        father = family.add_family_member(
            s, child_id=child.id, relation="father", name="张父", away_for_work="yes"
        )
        carer = family.add_carer(
            s, child_id=child.id, name="李奶奶", relation="paternal_grandmother"
        )
        first = agreements.draft_agreement(
            s,
            child_id=child.id,
            carer_id=carer.id,
            principal_id=father.id,
            start_date="2025-01-01",
            end_date="2025-12-31",
        )
        assert first.contact_frequency == "每周至少一次"
        agreements.update_draft(s, agreement_id=first.id, fee="无偿")
        agreements.sign_agreement(
            s,
            agreement_id=first.id,
            signed_on="2025-01-01",
            signed_by_principal="张父",
            signed_by_carer="李奶奶",
            witness="柳溪村民委员会",
            remote_confirmation="yes",
            remote_note="父亲在杭州，视频确认并录屏存档",
        )
        with pytest.raises(StateError):  # a signed agreement is never edited
            agreements.update_draft(s, agreement_id=first.id, fee="每月300元")
        second = agreements.draft_agreement(
            s, child_id=child.id, carer_id=carer.id, start_date="2026-01-01", end_date="2026-12-31"
        )
        signed = agreements.sign_agreement(
            s,
            agreement_id=second.id,
            signed_on=TODAY,
            signed_by_principal="张父",
            signed_by_carer="李奶奶",
            witness="柳溪村民委员会",
        )
        states = {a.id: a.state for a in agreements.list_agreements(s, child_id=child.id)}
    assert states == {first.id: AgreementState.SUPERSEDED, second.id: AgreementState.SIGNED}
    assert signed.supersedes_id == first.id


def test_an_agreement_with_another_childs_carer_is_refused(store: Store) -> None:
    with store.session() as s:
        one, other = make_child(s, name="甲"), make_child(s, name="乙")
        carer = family.add_carer(s, child_id=other.id, name="王奶奶", relation="relative")
        with pytest.raises(Exception) as caught:
            agreements.draft_agreement(
                s,
                child_id=one.id,
                carer_id=carer.id,
                start_date=TODAY,
                end_date=TODAY + timedelta(days=30),
            )
    assert caught.value.kind is Kind.INVALID_CHOICE  # type: ignore[attr-defined]


def test_exit_ends_the_categories_and_reentry_brings_the_child_back(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, categories=["left_behind", "poverty"])
        enrollment.exit_child(s, child_id=child.id, on_date=TODAY, reason="parent_returned")
        exited = files.get_child_file(s, child_id=child.id)
        assert not exited.active
        assert all(c.ended_on == TODAY for c in exited.categories)
        assert exited.work == ()
        enrollment.reenter_child(s, child_id=child.id, on_date=TODAY, categories=["poverty"])
        back = files.get_child_file(s, child_id=child.id)
    assert back.active
    assert [e.kind.value for e in back.enrollment] == ["exit", "reentry"]
    assert sum(c.ended_on is None for c in back.categories) == 1


def test_a_reentry_dated_before_the_exit_is_refused(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, registered_on=TODAY - timedelta(days=400))
        enrollment.exit_child(s, child_id=child.id, on_date=TODAY, reason="parent_returned")
    with pytest.raises(ValidationError) as caught, store.session() as s:
        enrollment.reenter_child(s, child_id=child.id, on_date=TODAY - timedelta(days=10))
    assert (caught.value.kind, caught.value.field) == (Kind.DATE_ORDER, "on_date")
    with store.session() as s:
        assert [e.kind.value for e in files.get_child_file(s, child_id=child.id).enrollment] == [
            "exit"
        ]
        enrollment.reenter_child(s, child_id=child.id, on_date=TODAY)
    with pytest.raises(ValidationError) as caught, store.session() as s:
        enrollment.exit_child(
            s, child_id=child.id, on_date=TODAY - timedelta(days=1), reason="moved"
        )
    assert caught.value.kind is Kind.DATE_ORDER


def test_assessment_sets_the_colour(store: Store) -> None:
    with store.session() as s:
        child = make_child(s)
        assessments.assess_guardianship(
            s,
            child_id=child.id,
            assessed_on=TODAY - timedelta(days=90),
            level="good",
            colour="green",
        )
        latest = assessments.assess_guardianship(
            s, child_id=child.id, assessed_on=TODAY, level="poor"
        )
        assert latest.colour is RiskColour.YELLOW  # the default for 差 when none is chosen
        assert files.get_child_file(s, child_id=child.id).latest_assessment == latest


def test_reports_are_shown_only_when_asked_for_and_each_view_is_audited(store: Store) -> None:
    with store.session() as s:
        child = make_child(s)
        report = incidents.file_report(
            s,
            child_id=child.id,
            discovered_at=datetime.now() - timedelta(hours=3),
            situations=["abandoned", "violence_signs"],
            description="发现身上多处淤青",
            reported_to="青石镇派出所",
            reported_at=datetime.now() - timedelta(hours=2),
            receipt_no="QS-01",
            reporter_name="周丽华",
        )
        incidents.add_followup(
            s,
            incident_id=report.id,
            stage="emergency",
            on_date=TODAY,
            action="送医检查，联系亲属临时照料",
        )
        hidden = files.get_child_file(s, child_id=child.id)
        assert hidden.incidents == ()
        assert not {"report_filed", "report_followup"} & {h.action for h in hidden.history}
        full = files.get_child_file(s, child_id=child.id, include_incidents=True)
        assert {"report_filed", "report_followup"} <= {h.action for h in full.history}
        shown = full.incidents
    assert shown[0].situations == ("abandoned", "violence_signs")
    assert shown[0].followups[0].action == "送医检查，联系亲属临时照料"
    with store.connection() as conn:
        views = conn.execute(text("SELECT detail FROM audit_log WHERE action = 'child_viewed'"))
        assert list(views.scalars()) == ['{"incidents": false}', '{"incidents": true}']
