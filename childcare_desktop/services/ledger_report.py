"""The import report: shown after an import, saved as .xlsx, printed by the command."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ..ledgers.writer import Sheet, write_workbook
from .ledger_import import ImportReport, Outcome


def summary_line(report: ImportReport) -> str:
    """新建 12 人，并入已有 3 人，无变化 40 人，未导入 2 行，跳过 1 行，空行 5 行."""
    parts = [
        f"新建 {report.count(Outcome.IMPORTED)} 人",
        f"并入已有 {report.count(Outcome.MERGED)} 人",
        f"无变化 {report.count(Outcome.UNCHANGED)} 人",
        f"未导入 {report.count(Outcome.REJECTED)} 行",
    ]
    if report.count(Outcome.SKIPPED):
        parts.append(f"跳过 {report.count(Outcome.SKIPPED)} 行")
    if report.blank_rows:
        parts.append(f"空行 {report.blank_rows} 行")
    prefix = "试导入（未保存）：" if report.dry_run else ""
    return prefix + "，".join(parts)


def column_rows(report: ImportReport) -> list[tuple[str, str, str, str]]:
    """(column, header, imported as, note) for every column with a header."""
    rows = []
    for column in report.header.columns:
        if column.target is not None:
            rows.append((column.letter, column.title, column.target.label, ""))
        else:
            rows.append((column.letter, column.title, "", column.note or "未识别，未导入"))
    return rows


def save_report(report: ImportReport, path: Path) -> Path:
    """The report as a workbook: every row's outcome, the column mapping, the totals."""
    outcomes = Sheet(
        "导入结果",
        ("行号", "姓名", "结果", "原因或提示（单元格：说明）", "补充到档案的内容", "档案编号"),
        (
            (
                str(r.row),
                r.name,
                r.outcome.label,
                "\n".join(str(p) for p in r.problems),
                "；".join(r.changes),
                r.file_no or "",
            )
            for r in report.rows
        ),
        widths=(7, 12, 16, 60, 30, 22),
    )
    mapping = Sheet(
        "列对照", ("列", "表头", "导入为", "说明"), column_rows(report), (6, 30, 20, 24)
    )
    totals = Sheet(
        "概况",
        ("项目", "内容"),
        [
            ("文件", report.file_name),
            ("工作表", report.sheet),
            ("表头所在行", f"第{report.header.first_row}-{report.header.last_row}行"),
            ("结果", summary_line(report)),
            ("生成时间", datetime.now().strftime("%Y-%m-%d %H:%M")),
        ],
        widths=(14, 70),
    )
    return write_workbook(path, [outcomes, mapping, totals])


def report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "file": report.file_name,
        "sheet": report.sheet,
        "dry_run": report.dry_run,
        "header_rows": [report.header.first_row, report.header.last_row],
        "counts": report.counts(),
        "columns": [
            {"column": c, "header": h, "target": t or None, "note": n or None}
            for c, h, t, n in column_rows(report)
        ],
        "rows": [
            {
                "row": r.row,
                "outcome": r.outcome.value,
                "problems": [{"cell": p.cell, "message": p.message} for p in r.problems],
                "changes": list(r.changes),
                "file_no": r.file_no,
            }
            for r in report.rows
        ],
    }
