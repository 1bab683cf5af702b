"""The demo store the README's first command opens shows every duty of issue 18: its
county policy switches 三留守 on, and it holds left-behind women and elders (synthetic,
valid GB 11643 numbers of the invented county 349901, every rule of the 三留守 file
obeyed) with their contacts, one overdue; and at least one of each other record (a
problem open and one closed, a service plan, a clue open and one closed, a quarterly
check, a pairing with contacts, a school notice, a dropout being persuaded, a work log)
so that no screen is empty. The store passes its own checks."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from childcare_desktop.core.dates import age_on
from childcare_desktop.core.identity import parse_id_number
from childcare_desktop.core.row_rules import ELDER_AGE
from childcare_desktop.core.vocab import (
    ClueState,
    LeftBehindAdultKind,
    ProblemState,
    SchoolStage,
    Sex,
)
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import demo, dropouts, three_left, work_log, worklist
from childcare_desktop.services.maintenance import check_store
from childcare_desktop.storage import models as m
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE
from tests.services.test_demo_rules import AS_OF, _row_problems

TODAY = date.today()


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("demo-duties") / "demo.db"
    shutil.copyfile(template_store, path)
    store = open_store(path, PASSPHRASE)
    with store.session() as s:
        demo.build_demo_village(s, children=60, seed=1)
    yield store
    store.close()


def test_the_demo_switches_three_left_on_and_files_women_and_elders(village: Store) -> None:
    with village.session() as s:
        assert three_left.enabled(s)
        people = three_left.roster(s)
        kinds = [p.kind for p in people]
        assert kinds.count(LeftBehindAdultKind.WOMAN) >= 2
        assert kinds.count(LeftBehindAdultKind.ELDER) >= 2
        for p in people:
            assert p.id_number is not None and p.birth_date is not None
            parsed = parse_id_number(p.id_number, today=TODAY)
            assert p.id_number.startswith("349901")
            assert (parsed.birth_date, parsed.sex) == (p.birth_date, p.sex)
            if p.kind is LeftBehindAdultKind.WOMAN:
                assert p.sex is Sex.FEMALE
            else:
                assert age_on(p.birth_date, TODAY) >= ELDER_AGE
            seen = three_left.visits(s, p.id)
            assert len(seen) >= 3
            assert all(v.visited_on >= p.registered_on for v in seen)
        due = three_left.contacts_due(s, as_of=TODAY)
    assert any(d.overdue for d in due)  # one not contacted for six weeks
    assert len({p.id_number for p in people}) == len(people)


def count(s: Session, model: type, *where: object) -> int:
    return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_the_demo_holds_every_record_of_issue_18(village: Store) -> None:
    with village.session() as s:
        assert count(s, m.Problem, m.Problem.state == ProblemState.OPEN) >= 1
        assert count(s, m.Problem, m.Problem.state == ProblemState.CLOSED) >= 1
        assert count(s, m.ProblemStep) >= 1
        assert count(s, m.ServicePlan) >= 1
        assert count(s, m.Clue, m.Clue.state == ClueState.OPEN) >= 1
        assert count(s, m.Clue, m.Clue.state == ClueState.CLOSED) >= 1
        assert count(s, m.QuarterlyCheck) >= 1
        assert count(s, m.Pairing) >= 1 and count(s, m.PairingContact) >= 1
        assert count(s, m.SchoolNotice) >= 1
        assert count(s, m.Persuasion) >= 2
        (dropout,) = s.scalars(select(m.Dropout)).all()
        assert s.get(m.Child, dropout.child_id).school_stage is SchoolStage.DROPOUT
        assert dropouts.report_due(dropouts.get_dropout(s, dropout_id=dropout.id))
        assert work_log.entries(s, TODAY.year, TODAY.month)  # this month's page too
        kinds = {i.kind for i in worklist.get_worklist(s, as_of=TODAY).items}
    assert kinds >= {WorkKind.PROBLEM_DUE, WorkKind.CLUE, WorkKind.DROPOUT_PERSUASION}


def test_the_demo_store_passes_its_own_checks(
    village: Store, template_store: Path, tmp_path: Path
) -> None:
    assert check_store(village).problems == []
    # The field rules the county server applies, as of the day a village was built for.
    shutil.copyfile(template_store, tmp_path / "past.db")
    past = open_store(tmp_path / "past.db", PASSPHRASE)
    try:
        with past.session() as s:
            demo.build_demo_village(s, children=60, seed=2, as_of=AS_OF)
            assert count(s, m.LeftBehindAdultVisit) and count(s, m.Clue) and count(s, m.WorkLog)
        assert _row_problems(past) == []
    finally:
        past.close()
