"""Bad input to every service gets a clear error kind and writes nothing at all.

Each case runs a use case with one bad value after a few good writes in the same
transaction; afterwards every table, the outbox, the counter and the audit log are
exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from childcare_desktop.core.errors import DomainError, Kind
from childcare_desktop.services import (
    agreements,
    assessments,
    assistance,
    categories,
    children,
    enrollment,
    family,
    incidents,
    visits,
    worklist,
)
from childcare_desktop.storage.models import SYNCED_MODELS
from childcare_desktop.storage.store import Store
from tests.factories import make_child, make_id, years_ago

TOMORROW = date.today() + timedelta(days=1)
LONG_NAME = "张" * 5000
World = dict[str, Any]


@pytest.fixture
def world(store: Store) -> World:
    """A child with family, a carer, a draft agreement, a visit and a report."""
    with store.session() as s:
        child = make_child(s)
        father = family.add_family_member(s, child_id=child.id, relation="father", name="张父")
        carer = family.add_carer(
            s, child_id=child.id, name="李奶奶", relation="paternal_grandmother"
        )
        draft = agreements.draft_agreement(
            s,
            child_id=child.id,
            carer_id=carer.id,
            start_date=date.today(),
            end_date=date.today() + timedelta(days=365),
        )
        visit = visits.log_visit(s, child_id=child.id, visited_on=date.today(), mode="home")
        report = incidents.file_report(
            s,
            child_id=child.id,
            discovered_at=datetime.now() - timedelta(hours=2),
            situations=["living_alone"],
            description="独自在家",
            reported_to="青石派出所",
            reported_at=datetime.now() - timedelta(hours=1),
        )
        aid = assistance.record_assistance(s, child_id=child.id, kind="dibao")
        membership = categories.memberships(s, child.id)[0]
    return {
        "child": child.id,
        "father": father.id,
        "carer": carer.id,
        "draft": draft.id,
        "visit": visit.id,
        "report": report.id,
        "aid": aid.id,
        "membership": membership.id,
    }


Case = Callable[[Session, World], object]
CASES: list[tuple[str, Case, Kind]] = [
    (
        "name of 5,000 characters",
        lambda s, w: children.register_child(s, name=LONG_NAME),
        Kind.TOO_LONG,
    ),
    (
        "<script> in a name",
        lambda s, w: children.register_child(s, name="<script>alert(1)</script>"),
        Kind.MARKUP_IN_NAME,
    ),
    ("empty name", lambda s, w: children.register_child(s, name="  "), Kind.REQUIRED),
    (
        "control characters in a name",
        lambda s, w: children.register_child(s, name="张\x00三"),
        Kind.CONTROL_CHARS,
    ),
    (
        "a child over 18 registered as 留守",
        lambda s, w: children.register_child(
            s, name="大人", id_number=make_id(years_ago(19)), categories=["留守儿童"]
        ),
        Kind.CATEGORY_AGE_LIMIT,
    ),
    (
        "a 16-year-old registered as 留守",
        lambda s, w: children.register_child(
            s, name="少年", birth_date=years_ago(16, days=3), categories=["left_behind"]
        ),
        Kind.CATEGORY_AGE_LIMIT,
    ),
    (
        "birth date in the future",
        lambda s, w: children.register_child(s, name="未来", birth_date=TOMORROW),
        Kind.DATE_IN_FUTURE,
    ),
    (
        "wrong check digit",
        lambda s, w: children.register_child(s, name="王五", id_number="360426199101010072"),
        Kind.ID_BAD_CHECK_DIGIT,
    ),
    (
        "unknown category",
        lambda s, w: children.register_child(s, name="王五", categories=["martian"]),
        Kind.INVALID_CHOICE,
    ),
    (
        "unknown sex",
        lambda s, w: children.register_child(s, name="王五", sex="x"),
        Kind.INVALID_CHOICE,
    ),
    (
        "bad phone",
        lambda s, w: children.update_child(s, child_id=w["child"], phone="12345"),
        Kind.PHONE_INVALID,
    ),
    (
        "date as text that is not a date",
        lambda s, w: children.update_child(s, child_id=w["child"], registered_on="2026-13-01"),
        Kind.DATE_INVALID,
    ),
    (
        "family member with a bad ID",
        lambda s, w: family.add_family_member(
            s, child_id=w["child"], relation="mother", id_number="11010519491231002A"
        ),
        Kind.ID_BAD_CHARS,
    ),
    (
        "family member with an unknown relation",
        lambda s, w: family.add_family_member(s, child_id=w["child"], relation="cousin"),
        Kind.INVALID_CHOICE,
    ),
    (
        "family member's disability grade 7",
        lambda s, w: family.update_family_member(s, member_id=w["father"], disability_grade=7),
        Kind.NUMBER_INVALID,
    ),
    (
        "carer named <script>",
        lambda s, w: family.add_carer(s, child_id=w["child"], name="<script>", relation="other"),
        Kind.MARKUP_IN_NAME,
    ),
    (
        "agreement ending before it starts",
        lambda s, w: agreements.draft_agreement(
            s,
            child_id=w["child"],
            carer_id=w["carer"],
            start_date="2026-06-01",
            end_date="2026-05-01",
        ),
        Kind.DATE_ORDER,
    ),
    (
        "signing in the future",
        lambda s, w: agreements.sign_agreement(
            s,
            agreement_id=w["draft"],
            signed_on=TOMORROW,
            signed_by_principal="张父",
            signed_by_carer="李奶奶",
            witness="村委会",
        ),
        Kind.DATE_IN_FUTURE,
    ),
    (
        "signing without the carer's name",
        lambda s, w: agreements.sign_agreement(
            s,
            agreement_id=w["draft"],
            signed_on=date.today(),
            signed_by_principal="张父",
            signed_by_carer="",
            witness="村委会",
        ),
        Kind.REQUIRED,
    ),
    (
        "ending an agreement twice",
        lambda s, w: (
            agreements.end_agreement(
                s, agreement_id=w["draft"], ended_on=date.today(), reason="作废"
            ),
            agreements.end_agreement(
                s, agreement_id=w["draft"], ended_on=date.today(), reason="作废"
            ),
        ),
        Kind.STATE_TRANSITION,
    ),
    (
        "visit tomorrow",
        lambda s, w: visits.log_visit(s, child_id=w["child"], visited_on=TOMORROW, mode="home"),
        Kind.DATE_IN_FUTURE,
    ),
    (
        "visit before the child was born",
        lambda s, w: visits.log_visit(s, child_id=w["child"], visited_on="2000-01-01", mode="home"),
        Kind.DATE_BEFORE_BIRTH,
    ),
    (
        "visit by carrier pigeon",
        lambda s, w: visits.log_visit(
            s, child_id=w["child"], visited_on=date.today(), mode="pigeon"
        ),
        Kind.INVALID_CHOICE,
    ),
    (
        "visit notes of 5,000 characters",
        lambda s, w: visits.log_visit(
            s, child_id=w["child"], visited_on=date.today(), mode="phone", notes="长" * 5000
        ),
        Kind.TOO_LONG,
    ),
    (
        "amendment without a reason",
        lambda s, w: visits.amend_visit(
            s, visit_id=w["visit"], field="notes", value="x", reason=""
        ),
        Kind.REQUIRED,
    ),
    (
        "amendment moving a visit to tomorrow",
        lambda s, w: visits.amend_visit(
            s, visit_id=w["visit"], field="visited_on", value=TOMORROW, reason="改期"
        ),
        Kind.DATE_IN_FUTURE,
    ),
    (
        "amending an unknown field",
        lambda s, w: visits.amend_visit(
            s, visit_id=w["visit"], field="child_id", value="x", reason="篡改"
        ),
        Kind.INVALID_CHOICE,
    ),
    (
        "assessment without a level",
        lambda s, w: assessments.assess_guardianship(
            s, child_id=w["child"], assessed_on=date.today(), level="unknown"
        ),
        Kind.REQUIRED,
    ),
    (
        "assessment in purple",
        lambda s, w: assessments.assess_guardianship(
            s, child_id=w["child"], assessed_on=date.today(), level="good", colour="purple"
        ),
        Kind.INVALID_CHOICE,
    ),
    (
        "assessment score 9",
        lambda s, w: assessments.assess_guardianship(
            s, child_id=w["child"], assessed_on=date.today(), level="good", score_health=9
        ),
        Kind.NUMBER_INVALID,
    ),
    (
        "report made before the discovery",
        lambda s, w: incidents.file_report(
            s,
            child_id=w["child"],
            discovered_at="2026-01-02T10:00",
            situations=["abandoned"],
            description="x",
            reported_to="派出所",
            reported_at="2026-01-01T10:00",
        ),
        Kind.DATE_ORDER,
    ),
    (
        "report in the future",
        lambda s, w: incidents.file_report(
            s,
            child_id=w["child"],
            discovered_at=datetime.now() + timedelta(days=1),
            situations=["abandoned"],
            description="x",
            reported_to="派出所",
            reported_at=datetime.now() + timedelta(days=1),
        ),
        Kind.DATE_IN_FUTURE,
    ),
    (
        "report with no situation",
        lambda s, w: incidents.file_report(
            s,
            child_id=w["child"],
            discovered_at="2026-01-01T10:00",
            situations=[],
            description="x",
            reported_to="派出所",
            reported_at="2026-01-01T11:00",
        ),
        Kind.REQUIRED,
    ),
    (
        "report without a police station",
        lambda s, w: incidents.file_report(
            s,
            child_id=w["child"],
            discovered_at="2026-01-01T10:00",
            situations=["abandoned"],
            description="x",
            reported_to=" ",
            reported_at="2026-01-01T11:00",
        ),
        Kind.REQUIRED,
    ),
    (
        "follow-up at an unknown stage",
        lambda s, w: incidents.add_followup(
            s, incident_id=w["report"], stage="done", on_date=date.today(), action="x"
        ),
        Kind.INVALID_CHOICE,
    ),
    (
        "assistance ending before it starts",
        lambda s, w: assistance.update_assistance(
            s, assistance_id=w["aid"], start_date="2026-05-01", end_date="2026-04-01"
        ),
        Kind.DATE_ORDER,
    ),
    (
        "assistance of minus 5 yuan",
        lambda s, w: assistance.record_assistance(
            s, child_id=w["child"], kind="dibao", amount_yuan=-5
        ),
        Kind.NUMBER_INVALID,
    ),
    (
        "category recognised before birth",
        lambda s, w: categories.add_category(
            s, child_id=w["child"], category="poverty", recognized_on="2000-01-01"
        ),
        Kind.DATE_BEFORE_BIRTH,
    ),
    (
        "category ended without a reason",
        lambda s, w: categories.end_category(
            s, membership_id=w["membership"], ended_on=date.today(), reason=""
        ),
        Kind.REQUIRED,
    ),
    (
        "exit for no known reason",
        lambda s, w: enrollment.exit_child(
            s, child_id=w["child"], on_date=date.today(), reason="bored"
        ),
        Kind.INVALID_CHOICE,
    ),
    (
        "re-entering a child who never left",
        lambda s, w: enrollment.reenter_child(s, child_id=w["child"], on_date=date.today()),
        Kind.CHILD_ACTIVE,
    ),
    (
        "a visit after the child exited",
        lambda s, w: (
            enrollment.exit_child(s, child_id=w["child"], on_date=date.today(), reason="moved"),
            visits.log_visit(s, child_id=w["child"], visited_on=date.today(), mode="home"),
        ),
        Kind.CHILD_EXITED,
    ),
    (
        "a county policy with a typo",
        lambda s, w: worklist.set_county_policy(
            s, county_code="349901", effective_from=date.today(), overrides={"rythm": {}}
        ),
        Kind.POLICY_INVALID,
    ),
    (
        "a policy for a village instead of a county",
        lambda s, w: worklist.set_county_policy(
            s, county_code="349901101201", overrides={}, effective_from=date.today()
        ),
        Kind.REGION_INVALID,
    ),
]


def snapshot(store: Store) -> dict[str, Any]:
    with store.connection() as conn:
        state = {
            m.__tablename__: conn.execute(
                text(f"SELECT * FROM {m.__tablename__} ORDER BY id")
            ).all()
            for m in SYNCED_MODELS
        }
        for table in ("outbox", "audit_log", "sync_site", "setting"):
            state[table] = conn.execute(text(f"SELECT * FROM {table}")).all()
    return state


@pytest.mark.parametrize(
    ("case", "kind"), [(c, k) for _, c, k in CASES], ids=[name for name, _, _ in CASES]
)
def test_bad_input_is_refused_and_nothing_is_written(
    store: Store, world: World, case: Case, kind: Kind
) -> None:
    before = snapshot(store)
    with pytest.raises(DomainError) as caught, store.session() as session:
        make_child(session, name="同一事务中先写入的儿童")  # a good write, rolled back too
        case(session, world)
    assert caught.value.kind is kind
    assert snapshot(store) == before


def test_a_script_in_free_text_is_stored_verbatim(store: Store, world: World) -> None:
    with store.session() as session:
        visit = visits.log_visit(
            session,
            child_id=world["child"],
            visited_on=date.today(),
            mode="phone",
            notes="<script>alert('x')</script> & <b>",
        )
    assert visit.notes == "<script>alert('x')</script> & <b>"
