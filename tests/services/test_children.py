from datetime import date, timedelta

import pytest
from sqlalchemy import text

from childcare_desktop.core.errors import Kind, NotFoundError, ValidationError
from childcare_desktop.core.vocab import Category, IdType, Sex
from childcare_desktop.services import categories, children, files
from childcare_desktop.storage.store import Store
from tests.factories import make_child, make_id, years_ago


def test_register_derives_birth_date_and_sex_from_the_id(store: Store) -> None:
    number = make_id(date(2015, 3, 4), male=False)
    with store.session() as session:
        child = children.register_child(
            session, name="李<小>&明", id_number=number.lower(), categories=["留守儿童"]
        )
    assert child.name == "李<小>&明"  # stored exactly as typed
    assert (child.birth_date, child.sex, child.id_type) == (
        date(2015, 3, 4),
        Sex.FEMALE,
        IdType.RESIDENT_ID,
    )
    assert child.file_no and child.file_no.startswith("349901101201-")
    assert child.registered_on == date.today()


def test_the_id_must_agree_with_a_birth_date_given_by_hand(store: Store) -> None:
    number = make_id(date(2015, 3, 4))
    with pytest.raises(ValidationError) as caught, store.session() as session:
        children.register_child(session, name="王五", id_number=number, birth_date=date(2015, 3, 5))
    assert (caught.value.kind, caught.value.field) == (Kind.ID_BIRTH_MISMATCH, "birth_date")
    with pytest.raises(ValidationError) as caught, store.session() as session:
        children.register_child(session, name="王五", id_number=number, sex="female")
    assert caught.value.kind is Kind.ID_SEX_MISMATCH


def test_two_children_never_share_an_id_number(store: Store) -> None:
    number = make_id(date(2015, 3, 4))
    with store.session() as session:
        first = make_child(session, id_number=number)
    with pytest.raises(ValidationError) as caught, store.session() as session:
        make_child(session, name="另一个", id_number=number)
    assert caught.value.kind is Kind.ID_DUPLICATE
    assert caught.value.params["existing"] == first.id


def test_children_without_an_id_number(store: Store) -> None:
    with store.session() as session:
        child = children.register_child(
            session, name="无户口", id_type="none", birth_date=years_ago(3), hukou_registered="no"
        )
    assert child.id_number is None
    assert child.sex is Sex.UNKNOWN  # 未采集, never a guess


def test_a_birth_certificate_number_is_kept_as_typed(store: Store) -> None:
    with store.session() as session:
        child = children.register_child(
            session,
            name="新生儿",
            id_type="birth_cert",
            id_number="Q340012345",
            birth_date=years_ago(1),
        )
    assert (child.id_type, child.id_number) == (IdType.BIRTH_CERT, "Q340012345")


def test_update_records_only_changed_fields_in_the_audit_log(store: Store) -> None:
    with store.session() as session:
        child = make_child(session)
        children.update_child(
            session,
            child_id=child.id,
            school_stage="primary",
            school_name="青石镇中心小学",
            name=child.name,
        )
    with store.connection() as conn:
        detail = conn.execute(text("SELECT detail FROM audit_log WHERE action = 'child_edited'"))
        assert detail.scalar() == '{"fields": ["school_name", "school_stage"]}'


def test_unknown_child(store: Store) -> None:
    with pytest.raises(NotFoundError), store.session() as session:
        children.update_child(session, child_id="no-such-child", name="x")


def test_categories_end_by_age_and_can_be_ended_by_hand(store: Store) -> None:
    birth = years_ago(15, days=-10)  # turns 16 in about a year
    with store.session() as session:
        child = make_child(session, birth_date=birth, categories=["left_behind", "poverty"])
        held = {c.category: c for c in files.get_child_file(session, child_id=child.id).categories}
        assert held[Category.LEFT_BEHIND].ends_by_age_on is not None
        assert held[Category.POVERTY].ends_by_age_on > held[Category.LEFT_BEHIND].ends_by_age_on  # type: ignore[operator]
        ended = categories.end_category(
            session,
            membership_id=held[Category.LEFT_BEHIND].id,
            ended_on=date.today(),
            reason="父母返乡",
        )
    assert ended.ended_on == date.today()


def test_the_same_category_cannot_be_held_twice(store: Store) -> None:
    with store.session() as session:
        child = make_child(session)
    with pytest.raises(ValidationError) as caught, store.session() as session:
        categories.add_category(
            session,
            child_id=child.id,
            category="left_behind",
            recognized_on=date.today() - timedelta(days=1),
        )
    assert caught.value.kind is Kind.CATEGORY_DUPLICATE


def test_every_audit_entry_names_the_rows_it_is_about(store: Store) -> None:
    """Ids exist before the flush, so the audit log never records a null child or row."""
    from childcare_desktop.services import family, visits
    from childcare_desktop.services.history import child_history

    with store.session() as s:
        child = make_child(s)
        member = family.add_family_member(s, child_id=child.id, relation="father", name="张父")
        visit = visits.log_visit(s, child_id=child.id, visited_on=date.today(), mode="phone")
        history = child_history(s, child_id=child.id)
    with store.connection() as conn:
        nulls = conn.execute(
            text(
                "SELECT count(*) FROM audit_log WHERE action != 'store_created' "
                "AND (child_id IS NULL OR detail LIKE '%null%')"
            )
        ).scalar()
    assert nulls == 0
    assert [h.action for h in reversed(history)] == [
        "child_registered",
        "family_added",
        "visit_logged",
    ]
    assert history[1].detail == {"member": member.id} and history[0].detail["visit"] == visit.id
