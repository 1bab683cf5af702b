"""The commands on the store itself: make one, a demo, its figures, the worklist, the
county policy, an ID check, restore, the passphrase, an integrity check."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..core.errors import DomainError, Kind, ValidationError
from ..core.identity import parse_id_number
from ..paths import default_demo_path
from . import output, recovery
from .common import JSON_HELP, Command, actor, date_arg, opened, store_path
from .passphrase import read_passphrase


def register(command: Command) -> None:
    """Add these commands to the parser."""
    _init(command)
    _demo(command)
    _stats(command)
    _worklist(command)
    _policy(command)
    _validate_id(command)
    _change_passphrase(command)
    _check(command)


def _init(command: Command) -> None:
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


def _demo(command: Command) -> None:
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
        type=date_arg,
        default=None,
        help="以该日期为“今天”生成（YYYY-MM-DD） / build it as if today were DATE",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="替换已有的示范档案库（只替换示范库） / replace a store that demo made (no other)",
    )


def _stats(command: Command) -> None:
    p = command("stats", cmd_stats, "档案库统计 / the store's figures")
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def _worklist(command: Command) -> None:
    p = command("worklist", cmd_worklist, "到期与逾期的工作事项 / what is due or overdue")
    p.add_argument(
        "--as-of",
        type=date_arg,
        default=None,
        help="按该日期计算（默认今天） / on this day (today)",
    )
    p.add_argument(
        "--village",
        metavar="CODE",
        help="只列该村（12位区划代码）的事项 / only this village's items (its 12-digit code)",
    )
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def _policy(command: Command) -> None:
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
        type=date_arg,
        default=None,
        help="生效日期（默认今天） / in force from (today)",
    )


def _validate_id(command: Command) -> None:
    p = command(
        "validate-id",
        cmd_validate_id,
        "校验公民身份号码 / check an ID number and show what it says",
        store=False,
    )
    p.add_argument("number", help="证件号码 / the ID number")
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def _change_passphrase(command: Command) -> None:
    command(
        "change-passphrase",
        cmd_change_passphrase,
        "更换口令（新口令取自 CHILDCARE_NEW_PASSPHRASE 或提示输入） / "
        "a new passphrase (from $CHILDCARE_NEW_PASSPHRASE or a prompt)",
    )


def _check(command: Command) -> None:
    p = command("check", cmd_check, "完整性检查 / check the store's integrity")
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def cmd_init(args: argparse.Namespace) -> None:
    from ..services import preferences, stores

    path = store_path(args)
    role = args.role or preferences.role_for_region(args.region).value
    preferences.check_role_region(role, args.region)  # before asking for a passphrase
    county_key = _county_key(args.recovery_key)  # before asking for a passphrase
    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    store = stores.create(
        path,
        passphrase,
        actor=args.name or actor(args),
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

    with opened(args) as store, store.session() as session:
        figures = stats.store_stats(session)
    output.print_json(figures) if args.json else output.print_stats(figures)


def cmd_worklist(args: argparse.Namespace) -> None:
    from ..services import places, township, worklist

    with opened(args) as store, store.session() as session:
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

    with opened(args) as store, store.session() as session:
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


def cmd_change_passphrase(args: argparse.Namespace) -> None:
    from ..services import maintenance, stores

    store = stores.unlock(
        store_path(args), read_passphrase(args.passphrase_file), actor=actor(args)
    )
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

    with opened(args) as store:
        report = maintenance.check_store(store)
    if args.json:
        output.print_json({"ok": report.ok, "problems": report.problems, "counts": report.counts})
    else:
        print("检查通过 / all checks passed" if report.ok else "发现问题 / problems found:")
        for problem in report.problems:
            print(f"  - {problem}")
    if not report.ok:
        raise DomainError(Kind.INTEGRITY_FAILED)
