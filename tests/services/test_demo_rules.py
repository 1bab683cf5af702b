"""The demo village obeys the rules real files obey: every child of several generated
villages is checked against who counts (core.eligibility), what the categories say about
the child's own health and family, and the store's own checks.

A demo 孤儿 whose dossier showed both parents alive reached a township (issue 14).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from childcare_desktop.core import eligibility as rules
from childcare_desktop.core.checks import check_row
from childcare_desktop.core.dates import age_on
from childcare_desktop.core.entities import BY_TABLE, Type
from childcare_desktop.core.errors import ValidationError
from childcare_desktop.core.records import ChildFile, FamilyMemberRecord
from childcare_desktop.core.vocab import (
    AgreementState,
    Category,
    EnrollmentEventKind,
    ExitReason,
    GuardianshipLevel,
    Health,
    Incapacity,
    LifeStatus,
    Relation,
    SchoolStage,
    YesNo,
)
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import demo
from childcare_desktop.services.files import get_child_file
from childcare_desktop.services.maintenance import check_store
from childcare_desktop.storage.models import Child
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE

AS_OF = date(2026, 11, 2)
SEEDS = (1, 2, 3, 4)
NO_PARENT = {Category.ORPHAN, Category.DE_FACTO_UNSUPPORTED}
JSON_TYPES = {Type.CODES, Type.TEXTS, Type.POLICY}


@pytest.fixture(scope="module")
def villages(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[list[Any]]:
    """Every child's file (as of AS_OF) of four demo villages, and the stores' checks."""
    found: list[Any] = []
    for seed in SEEDS:
        path = tmp_path_factory.mktemp(f"demo{seed}") / "demo.db"
        shutil.copyfile(template_store, path)
        store = open_store(path, PASSPHRASE)
        try:
            with store.session() as s:
                demo.build_demo_village(s, children=60, seed=seed, as_of=AS_OF)
            found.append((seed, _files(store), check_store(store), _row_problems(store)))
        finally:
            store.close()
    yield found


def _files(store: Store) -> list[ChildFile]:
    with store.session() as s:
        ids = s.scalars(select(Child.id).order_by(Child.file_no)).all()
        return [get_child_file(s, child_id=i, as_of=AS_OF, include_incidents=True) for i in ids]


def _row_problems(store: Store) -> list[str]:
    """Every stored record against the field rules the county server applies to it."""
    problems = []
    with store.connection() as conn:
        for table, entity in BY_TABLE.items():
            fields = list(entity.by_name.values())
            names = ", ".join(f.name for f in fields)
            for row in conn.execute(text(f"SELECT {names} FROM {table}")).mappings():
                values = {  # lists and the policy are stored as JSON text, as they travel
                    f.name: json.loads(row[f.name])
                    if f.type in JSON_TYPES and isinstance(row[f.name], str)
                    else row[f.name]
                    for f in fields
                }
                try:
                    check_row(entity, values, today=AS_OF)
                except ValidationError as error:  # collected: all of them are shown
                    problems.append(f"{table}: {error!r}")
    return problems


def parent(file: ChildFile, relation: Relation) -> rules.ParentFacts:
    member: FamilyMemberRecord | None = next(
        (m for m in file.family if m.relation is relation), None
    )
    if member is None:
        return rules.ParentFacts()
    return rules.ParentFacts(
        member.life,
        member.away_for_work,
        member.away_since,
        member.cross_county,
        member.incapacity,
        member.incapacity_since,
        member.disability_grade,
        member.disability_kind,
    )


def held(file: ChildFile, on: date) -> set[Category]:
    return {c.category for c in file.categories if rules.active_on(c.recognized_on, c.ended_on, on)}


def faults(file: ChildFile) -> list[str]:
    """What in one child's file contradicts the rules (empty: the file is consistent)."""
    return [*_category_faults(file), *_family_faults(file), *_history_faults(file)]


def _category_faults(file: ChildFile) -> list[str]:
    child, out = file.child, []
    father, mother = parent(file, Relation.FATHER), parent(file, Relation.MOTHER)
    school = child.school_stage.full_time_school
    left = _left_on(file)
    for c in file.categories:
        on = c.recognized_on or child.registered_on
        if left and c.ended_on == left:
            continue  # ended as the child left: the family has moved on since (see below)
        if c.category is Category.LEFT_BEHIND:
            found = rules.left_behind(child.birth_date, child.hukou_type, father, mother, on)
            if found.eligible is not True:
                out.append(f"留守 on {on} but {found.reasons}")
        if c.category is Category.ORPHAN and rules.orphan(father, mother) is not True:
            out.append("孤儿 with a parent alive")
        if c.category is Category.DE_FACTO_UNSUPPORTED:
            found = rules.de_facto_unsupported(
                child.birth_date, father, mother, on, in_full_time_school=school
            )
            if found.eligible is not True:
                out.append(f"事实无人抚养 but {found.reasons}")
        if c.category is Category.PRISONER_CHILD and Incapacity.IMPRISONED not in (
            father.incapacity,
            mother.incapacity,
        ):
            out.append("服刑在押人员子女 with no parent in prison")
        if c.category is Category.SEVERE_DISABILITY and not (
            child.health is Health.DISABLED
            and rules._severe_disability(child.disability_grade, child.disability_kind)
        ):
            out.append(f"重残儿童 whose health is {child.health.label}")
        if c.category is Category.SERIOUS_ILLNESS and child.health is not Health.SERIOUS_ILLNESS:
            out.append(f"重病儿童 whose health is {child.health.label}")
    now = held(file, file.as_of)
    if Category.LEFT_BEHIND in now and now & NO_PARENT:
        out.append("留守 and 孤儿/事实无人抚养 at once")
    latest = file.latest_assessment
    if Category.GUARDIANSHIP_DEFICIT in now and latest and latest.level is GuardianshipLevel.GOOD:
        out.append("监护缺失 assessed 较好")
    if file.active and Category.LEFT_BEHIND in now:
        still = rules.left_behind(child.birth_date, child.hukou_type, father, mother, file.as_of)
        ageing = {w.kind for w in file.work} & {WorkKind.AGEING_OUT}
        if still.eligible is not True and not (still.reasons == ("age_limit",) and ageing):
            out.append(f"留守 today but {still.reasons}")
    return out


def _family_faults(file: ChildFile) -> list[str]:
    """What the child's own record says about the family agrees with the family."""
    child, out = file.child, []
    father, mother = parent(file, Relation.FATHER), parent(file, Relation.MOTHER)
    now = held(file, file.as_of)
    if file.active and age_on(child.birth_date, file.as_of) < 16:
        now_facts = (child.birth_date, child.hukou_type, father, mother, file.as_of)
        if rules.left_behind(*now_facts).eligible and Category.LEFT_BEHIND not in now:
            out.append("both parents away (留守 by definition) but not 留守")
        if rules.orphan(father, mother) and Category.ORPHAN not in now:
            out.append("both parents dead but not 孤儿")
    both_away = father.away_for_work is YesNo.YES and mother.away_for_work is YesNo.YES
    if file.active and both_away and child.entrust_reason.value != "both_away":
        out.append(f"both parents away but 委托照料原因 {child.entrust_reason.label}")
    if now & NO_PARENT and child.entrust_reason.value != "both_incapable":
        out.append(f"no parent to care but 委托照料原因 {child.entrust_reason.label}")
    if (child.has_carer is YesNo.YES) != bool(file.carers):
        out.append(f"有无委托照护人 {child.has_carer.label} with {len(file.carers)} carers")
    for member in file.family:
        if member.life is not LifeStatus.ALIVE and member.away_for_work is YesNo.YES:
            out.append(f"{member.relation.label} {member.life.label} but away for work")
        if (
            member.birth_date
            and child.birth_date
            and age_on(member.birth_date, child.birth_date) < 18
        ):
            out.append(f"{member.relation.label} under 18 at the child's birth")
    for a in file.agreements:
        principal = next((m for m in file.family if m.id == a.principal_id), None)
        if (
            a.state is AgreementState.SIGNED
            and principal
            and principal.life is not LifeStatus.ALIVE
        ):
            out.append("an agreement signed by a parent who is dead")
    stage, age = child.school_stage, age_on(child.birth_date, file.as_of)
    ages = {
        SchoolStage.NOT_IN_KINDERGARTEN: range(0, 4),
        SchoolStage.KINDERGARTEN: range(3, 7),
        SchoolStage.PRIMARY: range(6, 13),
        SchoolStage.JUNIOR: range(11, 16),
        SchoolStage.SENIOR: range(14, 19),
        SchoolStage.VOCATIONAL: range(14, 19),
        SchoolStage.DROPOUT: range(6, 17),
    }
    if stage in ages and age not in ages[stage]:
        out.append(f"{stage.label} at {age}")
    return out


def _left_on(file: ChildFile) -> date | None:
    exits = [e.on_date for e in file.enrollment if e.kind is EnrollmentEventKind.EXIT]
    return max(exits) if exits and not file.active else None


def _history_faults(file: ChildFile) -> list[str]:
    """Nothing happens to a child after leaving; a parent who came back is home."""
    left = _left_on(file)
    if left is None:
        return []
    exits = [e for e in file.enrollment if e.kind is EnrollmentEventKind.EXIT]
    out = []
    dated = [
        *(("visit", v.visited_on) for v in file.visits),
        *(("assessment", a.assessed_on) for a in file.assessments),
        *(("report", r.discovered_at.date()) for r in file.incidents),
        *(("agreement", a.signed_on) for a in file.agreements if a.signed_on),
    ]
    out += [f"{what} on {day} after leaving on {left}" for what, day in dated if day >= left]
    out += [
        f"{c.category.label} still open after leaving"
        for c in file.categories
        if c.ended_on is None or c.ended_on > left
    ]
    out += [
        "agreement in force after leaving"
        for a in file.agreements
        if a.state is AgreementState.SIGNED
    ]
    if any(e.reason is ExitReason.PARENT_RETURNED for e in exits):
        child = file.child
        father, mother = parent(file, Relation.FATHER), parent(file, Relation.MOTHER)
        if rules.left_behind(child.birth_date, child.hukou_type, father, mother, left).eligible:
            out.append("left as parent_returned but still 留守 by the family's facts")
    return out


def test_every_demo_child_obeys_the_rules_real_files_obey(villages: list[Any]) -> None:
    problems = {
        f"seed {seed} {file.child.file_no} {file.child.name}": found
        for seed, files, _report, _rows in villages
        for file in files
        if (found := faults(file))
    }
    assert problems == {}


def test_the_demo_stores_pass_their_own_checks(villages: list[Any]) -> None:
    for seed, _files, report, rows in villages:
        assert report.problems == [], seed
        assert rows == [], seed


def test_the_rules_are_exercised_by_every_kind_of_child(villages: list[Any]) -> None:
    """The villages hold every category the rules speak of, exits included (else the test
    above would pass by having nothing to check)."""
    cats = {c.category for _s, files, _r, _w in villages for f in files for c in f.categories}
    assert cats >= {
        Category.LEFT_BEHIND,
        Category.ORPHAN,
        Category.DE_FACTO_UNSUPPORTED,
        Category.PRISONER_CHILD,
        Category.SEVERE_DISABILITY,
        Category.SERIOUS_ILLNESS,
        Category.GUARDIANSHIP_DEFICIT,
        Category.POVERTY,
    }
    reasons = {
        e.reason for _s, files, _r, _w in villages for f in files for e in f.enrollment if e.reason
    }
    assert {ExitReason.PARENT_RETURNED, ExitReason.MOVED} <= reasons
