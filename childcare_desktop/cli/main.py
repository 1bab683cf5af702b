"""The ``childcare`` command: admins, township offices and tests use it alike.

Exit codes: 0 success; 2 bad input or wrong passphrase (message on stderr); 1 anything else.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.errors import USER_INPUT_KINDS, DomainError, Kind, ValidationError
from ..core.identity import parse_id_number
from ..core.vocab import Category
from ..logging_setup import default_store_path, setup_logging
from ..messages import describe, sync_error_text
from ..paths import default_demo_path
from . import (
    backups,
    bundles,
    duplicates,
    output,
    print_batch,
    recovery,
    store_list,
    sync_health,
    transfers,
)
from .passphrase import read_passphrase

# The services (and through them the store and SQLAlchemy) are imported by the commands
# that need them: ``childcare validate-id`` then starts in a tenth of the time. Like the GUI,
# the command line reaches the store only through the use cases (an import-linter contract).
if TYPE_CHECKING:
    from ..services.stores import Store

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    log_file = setup_logging()
    try:
        return args.run(args) or 0
    except DomainError as err:
        print(f"错误 error: {describe(err)}", file=sys.stderr)
        return 2 if err.kind in USER_INPUT_KINDS else 1
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (``childcare worklist | head``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:
        log.exception("command %s failed", args.command)
        where = f"，详情见日志 {log_file}" if log_file else ""
        print(f"内部错误 / internal error{where}", file=sys.stderr)
        return 1


ALLOW_HTTP_HELP = (
    "允许不加密的 http:// 连接其他机器（仅供测试；连本机总是允许） / "
    "allow plain http:// to another machine (tests only; this machine is always allowed)"
)
JSON_HELP = "以 JSON 输出 / print JSON"
EPILOG = (
    "口令依次取自 --passphrase-file、环境变量 CHILDCARE_PASSPHRASE、提示输入。\n"
    "退出码：0 成功，2 输入有误或口令错误，1 其他错误。\n"
    "The passphrase comes from --passphrase-file, else $CHILDCARE_PASSPHRASE, else a prompt.\n"
    "Exit codes: 0 success, 2 bad input or wrong passphrase, 1 anything else."
)
# Help in both languages, argparse's own English words (usage, -h) replaced where we can.
BILINGUAL: dict[str, Any] = {
    "epilog": EPILOG,
    "formatter_class": argparse.RawDescriptionHelpFormatter,
    "add_help": False,
}


def _bilingual_help(parser: argparse.ArgumentParser, positionals: str) -> None:
    parser._optionals.title = "选项 options"
    parser._positionals.title = positionals
    parser.add_argument("-h", "--help", action="help", help="显示本帮助 / show this help")


def store_arguments(p: argparse.ArgumentParser, default_store: Path | None = None) -> None:
    """The options of every command that opens a store."""
    p.add_argument(
        "--store",
        type=Path,
        default=None,
        help=f"档案库文件 / the store file (default: {default_store or default_store_path()})",
    )
    p.add_argument(
        "--passphrase-file",
        help="从文件读取口令（否则用 CHILDCARE_PASSPHRASE 或提示输入） / "
        "read the passphrase from this file (else $CHILDCARE_PASSPHRASE or a prompt)",
    )
    p.add_argument(
        "--user",
        default=None,
        help="操作人姓名，记入审计日志 / who does this, for the audit log",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="childcare",
        description="儿童主任工作台 命令行工具 / the child director's workbench, command line",
        **BILINGUAL,
    )
    _bilingual_help(parser, "命令 commands")
    parser.add_argument(
        "--version",
        action="version",
        version=f"childcare {__version__}",
        help="显示版本 / show the version",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str,
        run: Callable[[argparse.Namespace], int | None],
        help_text: str,
        *,
        store: bool = True,
        default_store: Path | None = None,
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, **BILINGUAL)
        _bilingual_help(p, "参数 arguments")
        if store:
            store_arguments(p, default_store)
        p.set_defaults(run=run)
        return p

    p = command("init", cmd_init, "新建一个空的加密档案库 / a new, empty encrypted store")
    p.add_argument(
        "--region",
        help="儿童主任填本村12位区划代码，儿童督导员填本乡镇9位 / "
        "a director's 12-digit village code, a supervisor's 9-digit township code",
    )
    p.add_argument(
        "--role",
        choices=("director", "supervisor"),
        help="director 儿童主任 / supervisor 儿童督导员（默认按区划代码位数 / "
        "by default from the code's length）",
    )
    p.add_argument(
        "--name",
        default="",
        help="使用人姓名（走访人、打印人） / the user's name (on visits, prints)",
    )
    p.add_argument(
        "--village-name", default="", help="村（社区）名称，如 柳溪村 / the village's name"
    )
    p.add_argument("--township-name", default="", help="乡镇（街道）名称 / the township's name")
    p.add_argument("--county-name", default="", help="县（市、区）名称 / the county's name")
    p.add_argument(
        "--recovery-key",
        type=Path,
        help="县级恢复公钥文件：口令遗失时县里可重设口令 / the county's recovery public key:"
        " the county can set a new passphrase if this one is lost",
    )
    p = command(
        "demo",
        cmd_demo,
        "新建档案库并生成示范村（虚构数据） / a new store with an invented demo village",
        default_store=default_demo_path(),
    )
    p.add_argument(
        "--children", type=int, default=60, help="儿童人数（默认60） / how many children (60)"
    )
    p.add_argument("--seed", type=int, default=1, help="随机种子（默认1） / the random seed (1)")
    p.add_argument(
        "--as-of",
        type=_date,
        default=None,
        help="以该日期为“今天”生成（YYYY-MM-DD） / build it as if today were DATE",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="替换已有的示范档案库（只替换示范库） / replace a store that demo made (no other)",
    )
    p = command("stats", cmd_stats, "档案库统计 / the store's figures")
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    p = command("worklist", cmd_worklist, "到期与逾期的工作事项 / what is due or overdue")
    p.add_argument(
        "--as-of", type=_date, default=None, help="按该日期计算（默认今天） / on this day (today)"
    )
    p.add_argument(
        "--village",
        metavar="CODE",
        help="只列该村（12位区划代码）的事项 / only this village's items (its 12-digit code)",
    )
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    from . import review as review_commands  # here: it builds on this module

    review_commands.register(sub)
    p = command(
        "policy",
        cmd_policy,
        "查看或设置县级走访政策 / show or set the county's visit policy",
    )
    p.add_argument(
        "--set",
        dest="policy_file",
        type=Path,
        help="县级政策 JSON 文件（见 resources/policy） / "
        "a county policy JSON file (see resources/policy)",
    )
    p.add_argument(
        "--county",
        help="6位县级区划代码（默认：本村所属县） / the 6-digit county code (the store's county)",
    )
    p.add_argument(
        "--effective",
        type=_date,
        default=None,
        help="生效日期（默认今天） / in force from (today)",
    )
    p = command(
        "validate-id",
        cmd_validate_id,
        "校验公民身份号码 / check an ID number and show what it says",
        store=False,
    )
    p.add_argument("number", help="证件号码 / the ID number")
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    backups.register(command, _opened)
    p = command(
        "restore",
        cmd_restore,
        "从备份恢复（原档案库改名保留） / replace the store with a backup (the old one is kept)",
    )
    p.add_argument(
        "--from", dest="source", type=Path, required=True, help="备份文件 / the backup file"
    )
    command(
        "change-passphrase",
        cmd_change_passphrase,
        "更换口令（新口令取自 CHILDCARE_NEW_PASSPHRASE 或提示输入） / "
        "a new passphrase (from $CHILDCARE_NEW_PASSPHRASE or a prompt)",
    )
    p = command("check", cmd_check, "完整性检查 / check the store's integrity")
    p.add_argument("--json", action="store_true", help=JSON_HELP)
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
        type=_month,
        help="月报的月份（YYYY-MM，默认上月） / the report's month (last month)",
    )
    p.add_argument(
        "--as-of", type=_date, default=None, help="汇总表的统计日期 / the summary's day (today)"
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
    p = command(
        "enroll",
        cmd_enroll,
        "用县里发的一次性登记码把本机登记到县服务器（--user 为账号） / "
        "enroll this laptop with the county server (--user is the account)",
    )
    p.add_argument(
        "--server",
        required=True,
        help="县服务器地址，如 https://county.example/ / the server's address",
    )
    p.add_argument(
        "--code",
        help="一次性登记码（否则用 CHILDCARE_ENROLL_CODE 或提示输入） / "
        "the one-time code (else $CHILDCARE_ENROLL_CODE or a prompt)",
    )
    p.add_argument("--label", default="", help="本机名称，如“王主任的笔记本” / this laptop's name")
    p.add_argument(
        "--ca-file",
        type=Path,
        help="县里自己签发的服务器证书（PEM），只信任它 / "
        "the county's own server certificate (PEM), trusted alone",
    )
    p.add_argument("--allow-http", action="store_true", help=ALLOW_HTTP_HELP)
    p = command(
        "sync",
        cmd_sync,
        "与县服务器同步（可定时运行；失败时修改保留在本机） / "
        "sync with the county server (can be scheduled; a failure keeps the changes)",
    )
    p.add_argument("--server", help="改用此服务器地址 / use this server address from now on")
    p.add_argument("--allow-http", action="store_true", help=ALLOW_HTTP_HELP)
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    p.add_argument(
        "--log",
        type=Path,
        help="把每次同步的结果追加到此文件（每行一个 JSON） / append each run's result (a JSON line)",
    )
    p = command(
        "verify-agreement",
        cmd_verify_agreement,
        "核对协议书二维码与档案库是否一致（不一致时退出码3） / "
        "check a printed agreement's QR code against the store (exit 3 when it differs)",
    )
    p.add_argument("payload", help="扫描二维码得到的文字（CCA1|...） / the QR code's text")
    p.add_argument("--json", action="store_true", help=JSON_HELP)
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
    sync_health.register(command, _opened)
    duplicates.register(command)
    transfers.register(sub, BILINGUAL, _bilingual_help)
    bundles.register(command, sub, _opened, BILINGUAL, _bilingual_help)
    recovery.register(sub, BILINGUAL, _bilingual_help)
    store_list.register(sub, BILINGUAL, _bilingual_help)
    return parser


DOCS = ("dossier", "agreement", "visit-sheet", "roster", "summary", "monthly")  # as in services


def cmd_init(args: argparse.Namespace) -> None:
    from ..services import preferences, stores

    path = _path(args)
    role = args.role or preferences.role_for_region(args.region).value
    preferences.check_role_region(role, args.region)  # before asking for a passphrase
    county_key = _county_key(args.recovery_key)  # before asking for a passphrase
    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    store = stores.create(
        path,
        passphrase,
        actor=args.name or _actor(args),
        region_code=args.region,
        role=role,
        name=args.name,
        village=args.village_name,
        township=args.township_name,
        county=args.county_name,
    )
    try:
        sealed = county_key is not None and bool(recovery.take_key(store, county_key))
    finally:
        store.close()
    print(f"已创建档案库 created: {path}")
    if not args.name:
        print("请用 --name 等填写使用人姓名和村（乡镇）名称，或在程序的“设置”中填写。")
    if sealed:
        print("口令遗失时，请把笔记本（或档案库文件及其 .recovery 文件）带到县民政局重设口令。")
    else:
        print("请牢记口令并及时备份：口令遗失将无法恢复任何数据。")


def _county_key(path: Path | None) -> str | None:
    """The county key file's text, checked, or None."""
    return None if path is None else recovery.read_key_file(path)


def cmd_demo(args: argparse.Namespace) -> None:
    from ..core.errors import StoreError
    from ..services import demo, maintenance, stores

    if args.children < 1 or args.children > 100_000:
        raise ValidationError(Kind.NUMBER_INVALID, "children", low=1, high=100_000)
    path = args.store or default_demo_path()  # never the real store unless named
    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    actor = args.user or demo.DIRECTOR
    if problems := stores.passphrase_problems(passphrase, (path.stem, actor)):
        raise StoreError(Kind.WEAK_PASSPHRASE, problems=problems)  # before --replace deletes
    if args.replace and path.exists():
        maintenance.remove_demo_store(path, passphrase)  # refuses a store the demo did not make
    store = stores.create(path, passphrase, actor=actor, region_code=None)
    print(f"正在生成示范村（{args.children} 名儿童）…", flush=True)
    made = maintenance.build_demo_store(
        store, children=args.children, seed=args.seed, as_of=args.as_of
    )  # a half-built demo is closed and deleted
    store.close()
    print(
        f"已创建示范档案库 {path}：儿童 {made.children} 名，走访 {made.visits} 次，"
        f"强制报告 {made.reports} 件，已退出 {made.exited} 名（全部为虚构数据）"
    )


def cmd_stats(args: argparse.Namespace) -> None:
    from ..services import stats

    with _opened(args) as store, store.session() as session:
        figures = stats.store_stats(session)
    output.print_json(figures) if args.json else output.print_stats(figures)


def cmd_worklist(args: argparse.Namespace) -> None:
    from ..services import places, township, worklist

    with _opened(args) as store, store.session() as session:
        code = township.check_village(session, args.village) if args.village else None
        result = worklist.get_worklist(session, as_of=args.as_of, region_prefix=code)
        village = places.place_label(session, code) if code else None
    if args.json:
        output.print_json(result)
        return
    if village:
        print(f"村 village: {village}")
    output.print_worklist(result)


def cmd_policy(args: argparse.Namespace) -> None:
    import json

    from ..core.region import Region
    from ..services import preferences, worklist

    with _opened(args) as store, store.session() as session:
        home = preferences.work_settings(session).home_region
        county = args.county or (Region.parse(home).county if home else None)
        if county is None:
            raise ValidationError(Kind.REQUIRED, "region_code")
        if args.policy_file:
            try:
                overrides = json.loads(args.policy_file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise ValidationError(Kind.POLICY_INVALID, reason=str(err)[:200]) from None
            recorded = worklist.set_county_policy(
                session,
                county_code=county,
                overrides=overrides,
                effective_from=args.effective or date.today(),
            )
            print(f"已记录 {county} 县级政策第 {recorded} 版 / policy version {recorded} recorded")
            return
        policy, version, problem = worklist.current_policy(
            session, as_of=args.effective or date.today(), county=county
        )
    print(
        f"县 {county}：政策版本 {version or '内置默认 built-in default'}"
        + (f"；问题：{problem}" if problem else "")
    )
    output.print_json(dict(policy.source))


def cmd_validate_id(args: argparse.Namespace) -> None:
    parsed = parse_id_number(args.number)
    output.print_json(parsed) if args.json else output.print_id(parsed)


def cmd_restore(args: argparse.Namespace) -> None:
    from ..services import stores

    path = _path(args)
    passphrase = read_passphrase(args.passphrase_file, prompt="备份的口令 / backup passphrase: ")
    checked, kept = stores.restore(args.source, path, passphrase, actor=_actor(args))
    print(f"已从 {args.source} 恢复到 {path}（检查通过，儿童 {checked.children} 名）")
    if kept:
        print(f"原档案库已改名保留 the replaced store was kept: {kept}")


def cmd_change_passphrase(args: argparse.Namespace) -> None:
    from ..services import maintenance, stores

    store = stores.unlock(_path(args), read_passphrase(args.passphrase_file), actor=_actor(args))
    try:
        new = read_passphrase(
            None, env="CHILDCARE_NEW_PASSPHRASE", confirm=True, prompt="新口令 / new passphrase: "
        )
        store = maintenance.change_passphrase(store, new)
    finally:
        store.close()
    print("口令已更换 / passphrase changed. 旧备份仍使用旧口令。")


def cmd_check(args: argparse.Namespace) -> None:
    from ..services import maintenance

    with _opened(args) as store:
        report = maintenance.check_store(store)
    if args.json:
        output.print_json({"ok": report.ok, "problems": report.problems, "counts": report.counts})
    else:
        print("检查通过 / all checks passed" if report.ok else "发现问题 / problems found:")
        for problem in report.problems:
            print(f"  - {problem}")
    if not report.ok:
        raise DomainError(Kind.INTEGRITY_FAILED)


def cmd_print(args: argparse.Namespace) -> None:
    from ..services import printing
    from .print_batch import is_batch, print_children, written

    with _opened(args) as store:
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

    with _opened(args) as store, store.session() as session:
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


class _opened:
    """``with _opened(args) as store``: unlock the store named on the command line."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    def __enter__(self) -> Store:
        from ..services import stores

        passphrase = read_passphrase(self.args.passphrase_file)
        self.store = stores.unlock(_path(self.args), passphrase, actor=_actor(self.args))
        if not self.args.user:  # the store's user, not the computer account, did it
            stores.act_as_user(self.store)
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def cmd_import_xlsx(args: argparse.Namespace) -> None:
    from ..services import ledger_import, ledger_report
    from .progress import ConsoleProgress

    mapping = ledger_import.load_mapping(args.mapping) if args.mapping else None
    category = Category.parse(args.category) if args.category else None
    if args.category and category is None:
        raise ValidationError(Kind.INVALID_CHOICE, "category", value=args.category[:40])
    progress = None if args.json else ConsoleProgress()
    with _opened(args) as store, store.session() as session:
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


def cmd_enroll(args: argparse.Namespace) -> int:
    from ..services import syncing

    if not args.user:
        raise ValidationError(Kind.REQUIRED, "user")
    with _opened(args) as store:
        syncing.refuse_demo(store)  # before the one-time code is asked for
        code = args.code or os.environ.get("CHILDCARE_ENROLL_CODE") or getpass.getpass("登记码: ")
        try:
            ca_pem = _read_ca(args.ca_file)
            who = syncing.enroll(
                store,
                args.server,
                user=args.user,
                code=code,
                label=args.label or args.user,
                allow_http=args.allow_http,
                ca_pem=ca_pem,
            )
        except syncing.SyncError as exc:
            print(f"错误 error: {sync_error_text(exc.code, exc.message)}", file=sys.stderr)
            user_input = ("bad_code", "bad_url", "plain_http", "bad_ca", "rate_limited")
            return 2 if exc.code in user_input else 1
    print(
        f"已登记 enrolled: {who['user']}（{who['role']}，区划 {who['region']}），本机 {who['device']}"
    )
    return 0


def _read_ca(path: Path | None) -> str | None:
    from ..services.syncing import SyncError

    try:
        return path.read_text(encoding="utf-8-sig") if path else None
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncError("bad_ca", f"cannot read {path}") from exc


def cmd_sync(args: argparse.Namespace) -> int:
    import json

    from ..services import syncing

    with _opened(args) as store:
        if args.server:
            try:
                syncing.set_server(store, args.server, allow_http=args.allow_http)
            except syncing.SyncError as exc:
                print(f"错误 error: {sync_error_text(exc.code)}", file=sys.stderr)
                return 2
        progress = None if args.json else output.SyncProgress()
        report = syncing.run(store, progress=progress)
    if args.log:
        with args.log.open("a", encoding="utf-8") as log_file:
            entry = {"at": datetime.now().astimezone().isoformat(timespec="seconds")}
            log_file.write(json.dumps({**entry, **report.to_json()}, ensure_ascii=False) + "\n")
    if args.json:
        output.print_json(report.to_json())
    else:
        output.print_sync(report, sync_error_text(report.error, report.message))
    if report.ok:
        return 0
    return 2 if report.error in ("not_enrolled", "bad_url") else 1


def cmd_export(args: argparse.Namespace) -> None:
    from ..services import exports

    with _opened(args) as store, store.session() as session:
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


def _path(args: argparse.Namespace) -> Path:
    return args.store or default_store_path()


def _actor(args: argparse.Namespace) -> str:
    if args.user:
        return str(args.user)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _month(text: str) -> date:
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效月份 not a month (YYYY-MM): {text}") from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效日期 not a date: {text}") from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
