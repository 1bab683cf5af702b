"""Batch printing on a township's store: the chosen villages' children, merged or one PDF per
child, read back; a cancel leaves no file; one audit entry per batch, ids only."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from childcare_desktop.services import printing
from childcare_desktop.services.batch_print import (
    BatchRequest,
    batch_children,
    print_batch,
    safe_name,
)
from childcare_desktop.services.common import Progress
from childcare_desktop.services.tallies import monthly_report
from childcare_desktop.storage.store import Store
from tests.batch_world import VILLAGE_B, audit_rows, pdf_text, township_store
from tests.conftest import VILLAGE


def runner(store: Store) -> Callable[[Callable[[Any], Any]], Any]:
    def run(job: Callable[[Any], Any]) -> Any:
        with store.session() as session:
            return job(session)

    return run


def one_agreement_pages(store: Store, child_id: str) -> int:
    with store.session() as s:
        pdf = printing.document(s, doc="agreement", child_id=child_id)
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_two_villages_merged_into_one_pdf_with_each_childs_agreement(
    store: Store, tmp_path: Path
) -> None:
    town = township_store(store)
    with store.session() as s:
        ids = batch_children(s, villages=[VILLAGE_B, VILLAGE])
    # by village, then 档案编号: the chosen villages' children only
    assert set(ids) == {town.ids[n] for n in town.of(VILLAGE, VILLAGE_B)}
    assert ids[-1] == town.ids["王小明"]
    heard: list[tuple[int, int]] = []

    class Heard(Progress):
        def report(self, done: int, total: int, note: str = "") -> None:
            heard.append((done, total))

    out = tmp_path / "协议" / "merged.pdf"
    result = print_batch(runner(store), BatchRequest("agreement", out), ids, Heard())
    assert result.written == (out,) and not result.cancelled
    assert (result.printed, result.skipped) == (3, 1)  # 赵无约 has no agreement
    assert heard == [(1, 4), (2, 4), (3, 4), (4, 4)]
    words = pdf_text(out)
    for name in ("林晓", "林朝", "王小明"):
        assert name in words
    assert "孙别村" not in words and "赵无约" not in words
    per_child = one_agreement_pages(store, town.ids["林晓"])
    assert len(PdfReader(out).pages) == result.pages == 3 * per_child
    assert not list(out.parent.glob("*.partial"))


def test_one_pdf_per_child_named_by_file_number_never_by_name(store: Store, tmp_path: Path) -> None:
    town = township_store(store)
    with store.session() as s:
        ids = batch_children(s, villages=[VILLAGE], child_ids=[town.ids["王小明"]])
    assert ids[-1] == town.ids["王小明"] and len(ids) == 4
    out = tmp_path / "each"
    result = print_batch(runner(store), BatchRequest("dossier", out, merged=False), ids, Progress())
    assert (result.printed, result.skipped) == (4, 0)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in result.written)
    assert len(names) == 4
    by_text = {name: [p for p in result.written if name in pdf_text(p)] for name in town.ids}
    for name in ("林晓", "林朝", "赵无约", "王小明"):
        (path,) = by_text[name]
        assert name not in path.name  # a folder listing is not private
        assert path.name.startswith(VILLAGE_B if name == "王小明" else VILLAGE)
        assert path.name.endswith("-儿童档案.pdf")


def test_filled_visit_sheets_print_the_latest_visit_and_skip_children_without_one(
    store: Store, tmp_path: Path
) -> None:
    town = township_store(store)
    ids = [town.ids["林晓"], town.ids["林朝"]]
    out = tmp_path / "sheets.pdf"
    result = print_batch(runner(store), BatchRequest("visit-sheet-filled", out), ids)
    assert (result.printed, result.skipped) == (1, 1)
    assert "学习、生活情况正常" in pdf_text(out)
    blank = print_batch(runner(store), BatchRequest("visit-sheet", tmp_path / "b.pdf"), ids)
    assert blank.printed == 2 and "学习、生活情况正常" not in pdf_text(tmp_path / "b.pdf")


def test_a_cancelled_merged_batch_leaves_no_file_and_no_audit(store: Store, tmp_path: Path) -> None:
    town = township_store(store)
    ids = list(town.ids.values())

    class CancelHalfway(Progress):
        done = 0

        def report(self, done: int, total: int, note: str = "") -> None:
            self.done = done

        def cancelled(self) -> bool:
            return self.done >= 2

    out = tmp_path / "out" / "merged.pdf"
    result = print_batch(runner(store), BatchRequest("agreement", out), ids, CancelHalfway())
    assert result.cancelled and result.written == () and result.printed == 2
    assert not out.parent.exists() or not list(out.parent.iterdir())
    assert not [d for d in audit_rows(store, "printed") if d.get("batch")]


def test_one_audit_entry_per_batch_with_ids_only(store: Store, tmp_path: Path) -> None:
    town = township_store(store)
    ids = [town.ids["林晓"], town.ids["王小明"], town.ids["赵无约"]]
    before = len(audit_rows(store, "printed"))
    print_batch(runner(store), BatchRequest("agreement", tmp_path / "m.pdf"), ids)
    entries = audit_rows(store, "printed")[before:]
    assert len(entries) == 1
    (entry,) = entries
    assert entry["batch"] is True and entry["doc"] == "agreement" and entry["merged"] is True
    assert entry["children"] == [town.ids["林晓"], town.ids["王小明"]]
    assert entry["count"] == 2 and entry["skipped"] == 1
    assert not any(name in str(entry) for name in town.ids)  # no child's name in the log


def test_file_names_are_safe_everywhere() -> None:
    assert safe_name('林/晓:*?"<>| 2') == "林_晓________2"
    assert safe_name("..") == "_"
    assert safe_name("阿依古丽·买买提") == "阿依古丽_买买提"


def test_summary_and_monthly_report_of_one_village_of_the_township(
    store: Store, tmp_path: Path
) -> None:
    township_store(store)
    month = date.today().replace(day=1)
    with store.session() as s:
        report = monthly_report(s, month=month, region_prefix=VILLAGE_B)
        whole = monthly_report(s, month=month)
        summary = printing.document(s, doc="summary", region_prefix=VILLAGE_B)
    assert (report.children_at_end, whole.children_at_end) == (1, 5)
    assert report.area == VILLAGE_B  # the village (by its name once the county's names come)
    words = pdf_text(printing.write_pdf(tmp_path / "summary.pdf", summary))
    assert VILLAGE_B in words and VILLAGE not in words
