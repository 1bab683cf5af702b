"""``childcare review list|approve|return`` on a supervisor's synced store, with --json;
the director's laptop receives what the command decided."""

from __future__ import annotations

import json

import pytest

from childcare_desktop.cli.main import main
from childcare_desktop.core.vocab import ReviewDecision
from childcare_desktop.services import places, reviews
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.township import VILLAGE_A, VILLAGE_B, World


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_approve_and_return_from_the_command_line(
    sqlite_world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    sup = sqlite_world.laptop("sup_1")
    assert sup.run().ok
    for user, name in (("dir_a", "柳小溪"), ("dir_b", "桃小园")):
        laptop = sqlite_world.laptop(user)
        with laptop.store.session() as session:
            make_child(session, name=name, categories=[])
        assert laptop.run().ok
    assert sup.run().ok
    store = ["--store", str(sup.store.path), "--user", "周督导"]
    with sup.store.session() as session:  # the names the county syncs, once it does
        shown = {code: places.place_label(session, code) for code in (VILLAGE_A, VILLAGE_B)}

    code, out, _ = _run(capsys, "review", "list", *store, "--json")
    assert code == 0
    listed = json.loads(out)
    assert [(i["village"], i["child_name"], i["kind"]) for i in listed] == [
        (shown[VILLAGE_A], "柳小溪", "registration"),
        (shown[VILLAGE_B], "桃小园", "registration"),
    ]
    code, out, _ = _run(capsys, "review", "list", *store, "--village", VILLAGE_B, "--json")
    assert [i["child_name"] for i in json.loads(out)] == ["桃小园"]
    code, out, _ = _run(capsys, "review", "list", *store)
    assert "待审核 2 项" in out and shown[VILLAGE_A] in out and "新登记" in out

    first, second = (i["id"] for i in listed)
    code, _, err = _run(capsys, "review", "return", *store, first, "--comment", " ", "--json")
    assert code == 2 and "审核意见必须填写" in err  # a return says what to correct
    code, out, _ = _run(capsys, "review", "return", *store, first, "--comment", "请补户口本")
    assert code == 0 and "已退回" in out
    code, out, _ = _run(capsys, "review", "approve", *store, second, "--json")
    assert code == 0
    assert json.loads(out)["decision"] == "approved"
    assert json.loads(out)["decided_by"] == "周督导"
    code, out, _ = _run(capsys, "review", "list", *store, "--json")
    assert json.loads(out) == []
    code, _, err = _run(capsys, "review", "approve", *store, "registration:nothing")
    assert code == 2 and "找不到" in err

    assert sup.run().ok
    a = sqlite_world.laptop("dir_a")
    assert a.run().ok
    with a.store.session() as session:
        (answer,) = reviews.answers(session)
    assert answer.decision is ReviewDecision.RETURNED and answer.comment == "请补户口本"
    assert answer.region_code == VILLAGE_A


def test_a_director_s_store_may_not_answer(
    sqlite_world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    a = sqlite_world.laptop("dir_a")
    with a.store.session() as session:
        child = make_child(session, name="柳小溪")
    code, _, err = _run(
        capsys, "review", "approve", "--store", str(a.store.path), f"registration:{child.id}"
    )
    assert code != 0 and "不能进行此操作" in err
