"""The commands on documents: print one as PDF, check a printed agreement's QR code,
bring an Excel ledger in, export the register or every file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import Kind, ValidationError
from ..core.vocab import Category
from . import output, print_batch
from .common import JSON_HELP, Command, date_arg, month_arg, opened

DOCS = ("dossier", "agreement", "visit-sheet", "roster", "summary", "monthly")  # as in services


def register(command: Command) -> None:
    """Add these commands to the parser."""
    _print(command)
    _import_xlsx(command)
    _verify_agreement(command)
    _export(command)


def _print(command: Command) -> None:
    p = command(
        "print",
        cmd_print,
        "打印文书为 PDF（档案、协议、走访记录表、花名册、汇总表、月报） / a document as PDF",
    )
    p.add_argument("--doc", required=True, choices=DOCS, help="文书种类 / which document")
    p.add_argument(
        "--child",
        action="append",
        default=[],
        help="儿童（档案编号、身份证号或内部编号；档案可重复给出多名儿童） / "
        "the child (file number, ID number or id; repeat for several dossiers)",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="档案、协议、走访记录表：本库（或 --village 村）在册的全部儿童 / "
        "dossiers, agreements, visit sheets: every child on the roll (of --village)",
    )
    p.add_argument(
        "--agreement",
        help="协议编号（默认：该儿童现行协议） / the agreement (the child's current one)",
    )
    p.add_argument(
        "--visit",
        help="走访记录编号（不给则打印空白走访记录表） / a visit to print filled (else a blank sheet)",
    )
    p.add_argument(
        "--region",
        help="花名册/汇总表/月报的区划范围（村12位或镇9位） / "
        "the region of a roster, summary or monthly report",
    )
    p.add_argument(
        "--month",
        type=month_arg,
        help="月报的月份（YYYY-MM，默认上月） / the report's month (last month)",
    )
    p.add_argument(
        "--as-of", type=date_arg, default=None, help="汇总表的统计日期 / the summary's day (today)"
    )
    p.add_argument(
        "--full-ids",
        action="store_true",
        help="显示完整身份证号（默认遮盖） / full ID numbers (masked by default)",
    )
    p.add_argument(
        "--public",
        action="store_true",
        help="打印张贴公示用的儿童关爱服务名单（只列姓名、性别、年龄、所在村） / "
        "the list for posting (name, sex, age and village only)",
    )
    p.add_argument(
        "--with-reports",
        action="store_true",
        help="档案：包含强制报告（限有权限的角色） / dossier: with mandatory reports (roles allowed)",
    )
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        help="输出 PDF 文件（每名儿童一个 PDF 时为文件夹） / the PDF (a folder, one PDF per child)",
    )
    print_batch.add_arguments(p)


def _import_xlsx(command: Command) -> None:
    p = command(
        "import-xlsx",
        cmd_import_xlsx,
        "导入 Excel 台账（花名册、登记表），逐行给出结果 / bring an Excel ledger in, row by row",
    )
    p.add_argument("file", type=Path, help="Excel 文件（.xlsx） / the Excel file (.xlsx)")
    p.add_argument(
        "--sheet",
        help="工作表名称或序号（默认：第一个有表头的工作表） / "
        "the sheet's name or number (the first with a header)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="只检查并给出结果，不保存 / check only, keep nothing"
    )
    p.add_argument(
        "--mapping",
        type=Path,
        help="列对照 JSON 文件：{列字母或表头: 字段名或 null} / "
        "a JSON column mapping: {column letter or header: field or null}",
    )
    p.add_argument(
        "--report",
        type=Path,
        help="把逐行结果另存为 .xlsx 文件 / save the row-by-row report as .xlsx",
    )
    p.add_argument(
        "--category",
        help="没有填写儿童类别的行记为此类别（如 农村留守儿童），按年龄检查 / "
        "the category of rows that give none (e.g. 农村留守儿童), checked against age",
    )
    p.add_argument(
        "--village",
        help="乡镇档案库：表中没有村级区划代码的行记入此村（12位，本乡镇内） / "
        "a township's store: the village (12 digits, in the township) of rows that name none",
    )
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def _verify_agreement(command: Command) -> None:
    p = command(
        "verify-agreement",
        cmd_verify_agreement,
        "核对协议书二维码与档案库是否一致（不一致时退出码3） / "
        "check a printed agreement's QR code against the store (exit 3 when it differs)",
    )
    p.add_argument("payload", help="扫描二维码得到的文字（CCA1|...） / the QR code's text")
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def _export(command: Command) -> None:
    p = command(
        "export",
        cmd_export,
        "导出登记表和花名册（Excel）或整个档案库（JSON，供县里汇总） / "
        "export the register and roster (xlsx) or every file (json)",
    )
    p.add_argument(
        "--format", required=True, choices=("xlsx", "json"), help="导出格式 / the format"
    )
    p.add_argument(
        "--out", type=Path, required=True, help="输出文件（.xlsx 或 .json） / the file written"
    )
    p.add_argument(
        "--region",
        help="区划范围（村12位或镇9位；默认全部） / a village or township (everything)",
    )
    p.add_argument(
        "--include-exited",
        action="store_true",
        help="xlsx：包含已退出的儿童 / xlsx: with the children who left",
    )
    p.add_argument(
        "--full-ids",
        action="store_true",
        help="xlsx：花名册显示完整身份证号 / xlsx: full ID numbers in the roster",
    )


def cmd_print(args: argparse.Namespace) -> None:
    from ..services import printing
    from .print_batch import is_batch, print_children, written

    with opened(args) as store:
        if is_batch(args):
            print_children(store, args)
            return
        with store.session() as session:
            pdf = _render(session, args)
        printing.write_pdf(args.out, pdf)
    written(args, [args.out], 1)


def _render(session: Any, args: argparse.Namespace) -> bytes:
    from ..services import printing
    from .print_batch import table_region

    return printing.document(
        session,
        doc=args.doc,
        child_id=printing.find_child(session, args.child[0]) if args.child else None,
        agreement_id=args.agreement,
        visit_id=args.visit,
        region_prefix=table_region(args),
        month=args.month,
        as_of=args.as_of,
        full_ids=args.full_ids,
        public=args.public,
        with_reports=args.with_reports,
    )


def cmd_verify_agreement(args: argparse.Namespace) -> int:
    from ..services import printing

    with opened(args) as store, store.session() as session:
        result = printing.verify_agreement(session, payload=args.payload)
    if args.json:
        output.print_json(result)
    else:
        print(VERIFY_TEXT[result.status].format(name=result.child_name or ""))
    return 0 if result.status == "match" else 3


VERIFY_TEXT = {
    "match": "一致：纸面协议与档案库中的协议相符（{name}）/ matches the store",
    "changed": "不一致：档案库中的协议在打印后已修改，请以档案库为准重新打印 / changed since printed",
    "unknown": "档案库中没有这份协议（可能属于其他村或尚未同步）/ not in this store",
}


def cmd_import_xlsx(args: argparse.Namespace) -> None:
    from ..services import ledger_import, ledger_report
    from .progress import ConsoleProgress

    mapping = ledger_import.load_mapping(args.mapping) if args.mapping else None
    category = Category.parse(args.category) if args.category else None
    if args.category and category is None:
        raise ValidationError(Kind.INVALID_CHOICE, "category", value=args.category[:40])
    progress = None if args.json else ConsoleProgress()
    with opened(args) as store, store.session() as session:
        report = ledger_import.import_ledger(
            session,
            args.file,
            sheet=args.sheet,
            mapping=mapping,
            dry_run=args.dry_run,
            progress=progress,
            category=category,
            village=args.village,
        )
    saved = ledger_report.save_report(report, args.report) if args.report else None
    if args.json:
        output.print_json(ledger_report.report_json(report))
    else:
        output.print_import(report, ledger_report.summary_line(report), saved)


def cmd_export(args: argparse.Namespace) -> None:
    from ..services import exports

    with opened(args) as store, store.session() as session:
        if args.format == "xlsx":
            result = exports.export_xlsx(
                session,
                args.out,
                region_prefix=args.region,
                include_exited=args.include_exited,
                full_ids=args.full_ids,
            )
        else:
            result = exports.export_json(session, args.out, region_prefix=args.region)
    what = "、".join(result.sheets) or "JSON"
    print(f"已导出 exported {what}（{result.children} 名儿童 children）: {result.path}")
