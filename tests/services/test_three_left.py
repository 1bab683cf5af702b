"""三留守 (issue 18): a left-behind woman's or elder's file on the real store, its rules
(sex, age, ID number, phone, dates), its contacts, its exit, and the contacts due only
while the county's policy has the duty on."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from childcare_desktop.core.errors import DomainError, Kind, ValidationError
from childcare_desktop.core.vocab import LeftBehindAdultKind, Sex
from childcare_desktop.services import roster, stats, three_left, three_left_roster, worklist
from childcare_desktop.storage.models import AuditEntry
from childcare_desktop.storage.store import Store
from tests.factories import make_child, make_id, years_ago

TODAY = date.today()
ON = {"three_left_behind": {"enabled": True, "contact": "P1M"}}


def _switch_on(s: object, **overrides: object) -> None:
    worklist.set_county_policy(
        s,  # type: ignore[arg-type]
        county_code="349901",
        effective_from=TODAY,
        overrides={"three_left_behind": {"enabled": True, "contact": "P1M", **overrides}},
    )


def _refused(store: Store, want: Kind, at: str, **values: object) -> None:
    with store.session() as s, pytest.raises(DomainError) as caught:
        three_left.add_person(s, **values)
    assert (caught.value.kind, caught.value.field) == (want, at)


def test_a_woman_and_an_elder_are_filed_with_what_their_id_says(store: Store) -> None:
    with store.session() as s:
        woman = three_left.add_person(
            s,
            kind="留守妇女",
            name="李秀兰",
            birth_date=years_ago(35),
            work_place="广东省东莞市",
            away_who="丈夫",
            health="healthy",
            phone="13800138000",
        )
        born = years_ago(72, 10)
        elder = three_left.add_person(
            s, kind="elder", name="王大爷", id_number=make_id(born), health="chronic"
        )
    assert (woman.kind, woman.sex, woman.registered_on) == (
        LeftBehindAdultKind.WOMAN,
        Sex.FEMALE,  # a 留守妇女 is a woman: the sex follows
        TODAY,
    )
    assert (elder.birth_date, elder.sex) == (born, Sex.MALE)  # from the ID number
    assert woman.next_contact_on == TODAY + (date(2001, 2, 1) - date(2001, 1, 1))  # a month
    with store.session() as s:
        assert [p.name for p in three_left.roster(s)] == ["李秀兰", "王大爷"]
        actions = s.scalars(select(AuditEntry.action)).all()
    assert {"left_behind_adult_added"} <= set(actions)


def test_the_rules_refuse_beside_their_fields(store: Store) -> None:
    _refused(
        store,
        Kind.LEFT_BEHIND_SEX,
        "sex",
        kind="woman",
        name="甲",
        sex="male",
        birth_date=years_ago(30),
    )
    man_id = make_id(years_ago(30), male=True)
    _refused(store, Kind.LEFT_BEHIND_SEX, "sex", kind="woman", name="甲", id_number=man_id)
    _refused(
        store, Kind.ID_SEX_MISMATCH, "sex", kind="woman", name="甲", id_number=man_id, sex="女"
    )
    _refused(
        store,
        Kind.LEFT_BEHIND_AGE,
        "birth_date",
        kind="elder",
        name="乙",
        birth_date=years_ago(59, -1) + timedelta(days=2),
    )
    _refused(
        store,
        Kind.LEFT_BEHIND_AGE,
        "birth_date",
        kind="elder",
        name="乙",
        id_number=make_id(years_ago(45)),
    )
    _refused(store, Kind.REQUIRED, "birth_date", kind="elder", name="乙")
    _refused(store, Kind.REQUIRED, "kind", name="丙", birth_date=years_ago(70))
    bad = make_id(years_ago(70))[:-1] + ("0" if make_id(years_ago(70))[-1] != "0" else "1")
    with store.session() as s, pytest.raises(ValidationError) as caught:
        three_left.add_person(s, kind="elder", name="丁", id_number=bad[:17] + "Z")
    assert caught.value.field == "id_number"
    _refused(
        store,
        Kind.PHONE_INVALID,
        "phone",
        kind="elder",
        name="丁",
        birth_date=years_ago(70),
        phone="12345",
    )
    _refused(
        store,
        Kind.DATE_IN_FUTURE,
        "registered_on",
        kind="elder",
        name="丁",
        birth_date=years_ago(70),
        registered_on=TODAY + timedelta(days=3),
    )
    _refused(
        store,
        Kind.DATE_IN_FUTURE,
        "birth_date",
        kind="woman",
        name="丁",
        birth_date=TODAY + timedelta(days=3),
    )
    born = years_ago(66)
    _refused(
        store,
        Kind.ID_BIRTH_MISMATCH,
        "birth_date",
        kind="elder",
        name="戊",
        id_number=make_id(born),
        birth_date=born - timedelta(days=1),
    )
    with store.session() as s:
        assert three_left.roster(s, with_exited=True) == []


def test_visits_edits_and_the_exit(store: Store) -> None:
    with store.session() as s:
        p = three_left.add_person(
            s,
            kind="elder",
            name="赵奶奶",
            birth_date=years_ago(80),
            registered_on=TODAY - timedelta(days=40),
        )
        with pytest.raises(ValidationError) as caught:
            three_left.log_visit(
                s, person_id=p.id, visited_on=TODAY + timedelta(days=2), mode="home"
            )
        assert caught.value.kind is Kind.DATE_IN_FUTURE
        with pytest.raises(ValidationError) as caught:
            three_left.log_visit(
                s, person_id=p.id, visited_on=TODAY - timedelta(days=41), mode="home"
            )
        assert (caught.value.kind, caught.value.field) == (Kind.BEFORE_REGISTERED, "visited_on")
        three_left.log_visit(
            s, person_id=p.id, visited_on=TODAY - timedelta(days=3), mode="电话", notes="身体好"
        )
        assert [v.notes for v in three_left.visits(s, p.id)] == ["身体好"]
        assert three_left.person(s, p.id).last_contact_on == TODAY - timedelta(days=3)
        with pytest.raises(ValidationError) as caught:
            three_left.edit_person(s, p.id, birth_date=years_ago(50))
        assert caught.value.kind is Kind.LEFT_BEHIND_AGE
        edited = three_left.edit_person(s, p.id, health="disabled", phone="0591-87654321")
        assert edited.phone and edited.health.value == "disabled"
        with pytest.raises(ValidationError) as caught:
            three_left.exit_person(s, person_id=p.id, exited_on=TODAY)
        assert (caught.value.kind, caught.value.field) == (Kind.REQUIRED, "exit_reason")
        gone = three_left.exit_person(s, person_id=p.id, exited_on=TODAY, exit_reason="家人返乡")
        assert gone.next_contact_on is None
        with pytest.raises(DomainError) as caught:
            three_left.log_visit(s, person_id=p.id, visited_on=TODAY, mode="home")
        assert caught.value.kind is Kind.LEFT_BEHIND_EXITED
        assert three_left.roster(s) == []
        assert [x.id for x in three_left.roster(s, with_exited=True)] == [p.id]


def test_contacts_fall_due_only_while_the_county_has_the_duty_on(store: Store) -> None:
    with store.session() as s:
        child = make_child(s)
        p = three_left.add_person(
            s,
            kind="woman",
            name="钱桂芳",
            birth_date=years_ago(40),
            registered_on=TODAY - timedelta(days=50),
        )
        children_before = worklist.get_worklist(s).items
        assert not three_left.enabled(s)
        assert three_left.contacts_due(s) == []  # off by default: nothing asks
        _switch_on(s)
        assert three_left.enabled(s)
        (due,) = three_left.contacts_due(s)
        assert (due.id, due.overdue) == (p.id, True)
        three_left.log_visit(s, person_id=p.id, visited_on=TODAY, mode="home")
        assert three_left.contacts_due(s) == []
        # Never mixed with the children: their worklist, counts and roster are unchanged.
        assert worklist.get_worklist(s).items == children_before
        assert stats.store_stats(s)["active"] == 1
        assert [r.id for r in roster.search_roster(s)] == [child.id]


def test_the_policy_key_is_validated() -> None:
    from childcare_desktop.core.policy import load_policy

    assert load_policy().three_left_behind_enabled is False
    on = load_policy(ON)
    assert (on.three_left_behind_enabled, str(on.three_left_behind_contact)) == (True, "P1M")
    for bad, path in (
        ({"enabled": "yes"}, "three_left_behind.enabled"),
        ({"contact": "monthly"}, "three_left_behind.contact"),
        ({"rhythm": "P1M"}, "three_left_behind.rhythm"),
    ):
        with pytest.raises(ValidationError) as caught:
            load_policy({"three_left_behind": bad})
        assert caught.value.field == path


def test_the_roster_prints_on_its_own_and_masks_id_numbers(store: Store, tmp_path: Path) -> None:
    born = years_ago(68)
    number = make_id(born, male=False)
    with store.session() as s:
        make_child(s, name="张小宝")
        three_left.add_person(
            s,
            kind="woman",
            name="冯<秀>&英",
            birth_date=years_ago(41),
            work_place="福建省厦门市",
            away_who="丈夫",
            registered_on=TODAY - timedelta(days=45),
        )
        three_left.add_person(s, kind="elder", name="褚奶奶", id_number=number, phone="13700001234")
        pdf = three_left_roster.roster_pdf(s)
    text = _pdf_text(pdf, tmp_path)
    assert "留守妇女、留守老年人花名册" in text
    assert "留守妇女1人，留守老年人1人" in text
    assert "冯<秀>&英" in text and "福建省厦门市" in text and "褚奶奶" in text
    assert number not in text and number[:4] + "*" * 10 + number[-4:] in text
    assert "逾期" in text  # 45 days since the registration, a month's rhythm
    assert "张小宝" not in text  # never a child


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "roster.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return "".join(done.stdout.split())  # a cell may wrap
