"""``childcare duplicates list|merge|distinct``: the suspected duplicates the county
found (疑似重复), judged from a supervisor's (or the county's) store; the decision
travels with the next ``childcare sync``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from . import output
from .common import JSON_HELP, opened

REASONS = {
    "id_number": "身份证号相同",
    "name_birth": "姓名、性别、出生日期相同",
    "pinyin": "姓名读音、性别、出生日期相同",
}


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the command to the parser (``command`` is ``build_parser``'s helper)."""
    p = command(
        "duplicates",
        cmd_duplicates,
        "县里发现的疑似重复档案：列出、合并、标为不是同一人 / "
        "suspected duplicate files the county found: list, merge, or mark as different children",
    )
    p.add_argument(
        "action",
        choices=["list", "merge", "distinct"],
        help="列出、合并或标为不是同一人 / list, merge, or mark as different children",
    )
    p.add_argument("case", nargs="?", help="疑似重复编号（见 list） / the case id (see list)")
    p.add_argument("--keep", help="merge：保留的档案（儿童编号） / merge: the child id kept")
    p.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="FIELD=B",
        help="merge：该字段取另一份档案的值（可重复） / merge: take this field from the other "
        "file (repeatable; FIELD=B or FIELD)",
    )
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def cmd_duplicates(args: argparse.Namespace) -> None:
    from ..core.errors import Kind, ValidationError
    from ..services import duplicates

    if args.action != "list" and not args.case:
        raise ValidationError(Kind.REQUIRED, "case")
    with opened(args) as store, store.session() as session:
        if args.action == "list":
            cases = duplicates.list_cases(session)
            shown: Any = [_case(session, c) for c in cases]
        elif args.action == "merge":
            if not args.keep:
                raise ValidationError(Kind.REQUIRED, "keep")
            take = _taken(session, args.case, args.keep, args.take)
            shown = duplicates.merge_case(session, case_id=args.case, keep=args.keep, take=take)
        else:
            shown = duplicates.mark_distinct(session, case_id=args.case)
    if args.json:
        output.print_json(shown)
    elif args.action == "list":
        _print_cases(shown)
    else:
        word = "已合并 merged" if args.action == "merge" else "不是同一人 distinct"
        print(f"{word}: {shown.case_id}（下次同步时送达县里 / sent at the next sync）")


def _taken(session: Any, case_id: str, keep: str, wanted: list[str]) -> list[str]:
    """The fields of ``--take FIELD[=B]``: B names the other file (its id, or its letter
    in ``list``); taking a field from the file kept is no change and is refused."""
    from ..core.errors import Kind, ValidationError
    from ..services import duplicates

    case = next((c for c in duplicates.list_cases(session) if c.id == case_id), None)
    other = None
    if case is not None:
        other = case.b.child_id if keep == case.a.child_id else case.a.child_id
    letters = {"A": case.a.child_id, "B": case.b.child_id} if case else {}
    fields = []
    for item in wanted:
        name, _, source = item.partition("=")
        source = source.strip()
        if source and letters.get(source.upper(), source) != other:
            raise ValidationError(Kind.CODE_INVALID, "take", value=item)
        fields.append(name.strip())
    return fields


def _case(session: Any, case: Any) -> dict[str, Any]:
    from ..services import duplicates

    rows = duplicates.compare(session, case_id=case.id) if case.decidable else []
    return {
        "id": case.id,
        "reason": case.reason.value,
        "decidable": case.decidable,
        "a": case.a,
        "b": case.b,
        "fields": rows,
    }


def _print_cases(cases: list[dict[str, Any]]) -> None:
    if not cases:
        print("没有待处理的疑似重复 / no suspected duplicates to judge")
    for c in cases:
        a, b = c["a"], c["b"]
        print(f"{c['id']}  {REASONS.get(c['reason'], c['reason'])}")
        for tag, side in (("A", a), ("B", b)):
            print(f"  {tag} {side.child_id}  {side.name or '（不在本机）'}  {side.village}")
        if not c["decidable"]:
            print("  跨乡镇：由县级民政处理 / across townships: the county decides")
        for r in c["fields"]:
            if r.differs:
                print(f"  ≠ {r.field}: A={r.a}  B={r.b}")
