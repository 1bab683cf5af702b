"""审核 end to end on the real server (SQLite and PostgreSQL): a director's work reaches the
township's supervisor as items for review, the answers reach the director, a corrected
record is waiting again, and a director cannot forge an answer."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from childcare_desktop.core.vocab import ReviewDecision, ReviewKind
from childcare_desktop.services import agreements, children, family, reviews
from childcare_desktop.storage.models import Review
from childcare_desktop.storage.models.local import SyncHeld
from sync.protocol import Hold, Refusal
from sync.server import schema
from tests.factories import make_child
from tests.sync.township import VILLAGE_A, World


def _registered_and_signed(world: World) -> tuple[str, str]:
    """dir_a registers a child and signs an agreement for it, and syncs."""
    a = world.laptop("dir_a")
    with a.store.session() as session:
        child = make_child(session, name="柳小溪")
        carer = family.add_carer(session, child_id=child.id, name="柳大爷", relation="other")
        today = date.today()
        draft = agreements.draft_agreement(
            session,
            child_id=child.id,
            carer_id=carer.id,
            start_date=today,
            end_date=today + timedelta(days=300),
        )
        agreements.sign_agreement(
            session,
            agreement_id=draft.id,
            signed_on=today,
            signed_by_principal="柳父",
            signed_by_carer="柳大爷",
            witness="村委会",
        )
    assert a.run().ok
    return child.id, draft.id


def _pending(laptop: object, **kw: object) -> dict[str, reviews.ReviewItem]:
    with laptop.store.session() as session:  # type: ignore[attr-defined]
        return {i.id: i for i in reviews.pending_items(session, **kw)}  # type: ignore[arg-type]


def test_approve_and_return_reach_the_director_and_a_correction_is_pending_again(
    world: World,
) -> None:
    sup = world.laptop("sup_1")
    assert sup.run().ok  # its review starts here: what came before is not new to it
    child_id, agreement_id = _registered_and_signed(world)
    assert sup.run().ok
    items = _pending(sup)
    registration = f"registration:{child_id}"
    agreement = f"agreement:{agreement_id}"
    assert {registration, agreement} <= set(items)
    assert {i.kind for i in items.values()} == {
        ReviewKind.REGISTRATION,
        ReviewKind.CATEGORY_RECOGNISED,
        ReviewKind.AGREEMENT,
    }
    assert items[registration].region_code == VILLAGE_A
    assert items[registration].child_name == "柳小溪"
    with sup.store.session() as session:
        assert reviews.waiting_review_by_village(session) == {VILLAGE_A: 3}
        reviews.approve(session, item=agreement)
        reviews.return_item(session, item=registration, comment="出生日期与户口本不符，请核对")
    assert set(_pending(sup)) == set(items) - {registration, agreement}
    assert sup.run().ok

    a = world.laptop("dir_a")
    assert a.run().ok
    with a.store.session() as session:
        got = {x.item_id: x for x in reviews.answers(session)}
    assert got[agreement].decision is ReviewDecision.APPROVED and got[agreement].current
    returned = got[registration]
    assert returned.decision is ReviewDecision.RETURNED and returned.current
    assert returned.comment == "出生日期与户口本不符，请核对"
    assert returned.decided_by == "sup_1"
    assert next(iter(got.values())).item_id == registration  # 退回 comes first

    with a.store.session() as session:  # the director corrects the file
        children.update_child(session, child_id=child_id, name="柳晓溪")
        now = {x.item_id: x for x in reviews.answers(session)}
    assert not now[registration].current and now[agreement].current
    assert a.run().ok
    assert sup.run().ok
    again = _pending(sup)
    assert registration in again and agreement not in again
    assert again[registration].returned_comment == "出生日期与户口本不符，请核对"


def test_the_supervisor_s_first_sync_is_not_a_flood(world: World) -> None:
    _registered_and_signed(world)
    sup = world.laptop("sup_1")
    assert sup.run().ok
    assert _pending(sup) == {}
    a = world.laptop("dir_a")
    with a.store.session() as session:
        later = make_child(session, name="新来的")
    assert a.run().ok and sup.run().ok
    assert set(_pending(sup)) == {f"registration:{later.id}", _category_item(sup, later.id)}


def _category_item(laptop: object, child_id: str) -> str:
    (item,) = [
        i.id
        for i in _pending(laptop).values()
        if i.kind is ReviewKind.CATEGORY_RECOGNISED and i.child_id == child_id
    ]
    return item


def test_a_director_cannot_forge_an_answer(world: World) -> None:
    sup = world.laptop("sup_1")
    assert sup.run().ok
    child_id, _ = _registered_and_signed(world)
    a = world.laptop("dir_a")
    with a.store.session() as session:
        session.add(
            Review(
                child_id=child_id,
                region_code=VILLAGE_A,
                subject_table="child",
                subject_id=child_id,
                subject_kind=ReviewKind.REGISTRATION,
                subject_digest="0" * 64,
                decision=ReviewDecision.APPROVED,
                decided_by="李主任",
                decided_at=datetime.now().replace(microsecond=0),
            )
        )
        make_child(session, name="之后的孩子")
    report = a.run()
    assert report.ok and report.quarantined == 1, report
    with world.server.db.read() as conn:
        reasons = conn.execute(select(schema.quarantine.c.reason)).scalars().all()
    assert [Hold.decode(r) for r in reasons] == [Hold(Refusal.NOT_PERMITTED)]
    assert sup.run().ok
    with sup.store.session() as session:
        assert session.scalars(select(Review)).all() == []
        assert session.scalars(select(SyncHeld)).all() == []
        assert {i.child_name for i in reviews.pending_items(session)} == {
            "柳小溪",
            "之后的孩子",
        }
    assert a.run().ok  # and nothing is stuck


def test_the_other_township_never_sees_these_items(world: World) -> None:
    sup_2 = world.laptop("sup_2")
    assert sup_2.run().ok
    _registered_and_signed(world)
    assert sup_2.run().ok
    assert _pending(sup_2) == {}
    with sup_2.store.session() as session:
        assert reviews.waiting_review_by_village(session) == {}
