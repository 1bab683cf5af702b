"""Printing results for people (Chinese) or machines (``--json``)."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any

from ..core.identity import IdNumber
from ..core.vocab import Category, FollowupStage, RiskColour, Sex
from ..core.worklist import WorkKind
from ..messages import WORK

KIND_LABELS = {
    "resident_id": "居民身份证",
    "hmt_permit": "港澳台居民居住证",
    "foreign_pr": "外国人永久居留身份证",
}


def to_jsonable(value: Any) -> Any:
    """``value`` as JSON: a dataclass's fields but those marked ``metadata={"output":
    False}`` (what a result carries for the code, such as a worklist's facts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get("output", True)
        }
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple record
        return {k: to_jsonable(v) for k, v in value._asdict().items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _label(vocab: Any, code: str) -> str:
    member = vocab.parse(code) if vocab else None
    return member.label if member else {"unassessed": "未评估", "unknown": "未采集"}.get(code, code)


def print_id(parsed: IdNumber) -> None:
    print("有效 / valid")
    print(f"号码 number:      {parsed.number}")
    print(f"类型 kind:        {KIND_LABELS[parsed.kind.value]} ({parsed.kind.value})")
    print(f"地址码 region:    {parsed.region_code} {parsed.province or '（未知省份）'}")
    print(f"出生日期 birth:   {parsed.birth_date.isoformat()}")
    print(f"性别 sex:         {parsed.sex.label} ({parsed.sex.value})")
    if parsed.upgraded_from:
        print(f"由15位号码升级 upgraded from: {parsed.upgraded_from}")


def print_worklist(worklist: Any) -> None:
    print(
        f"工作清单 worklist  截至 {worklist.as_of.isoformat()}"
        f"  （政策版本 {worklist.policy_version or '默认'}；逾期在前，按风险等级排序）"
    )
    if worklist.policy_problem:
        print(f"注意：县级政策有误，已按默认执行（{worklist.policy_problem}）")
    if not worklist.items:
        print("今天没有到期或逾期的事项。")
        return
    for item in worklist.items:
        state = f"逾期{item.overdue_days}天" if item.overdue else "即将到期"
        colour = RiskColour(item.colour).label
        what = WORK[item.kind][0]
        if item.kind is WorkKind.REPORT_STAGE:  # name the stage: 强制报告：评估帮扶
            stage = FollowupStage.parse(item.detail)
            what = f"{what}：{stage.label if stage else item.detail}"
        print(f"{state:<8}\t{colour}\t{item.child_name}\t{what}\t{item.due_on.isoformat()}")
    overdue = sum(worklist.counts["overdue"].values())
    print(f"共 {len(worklist.items)} 项，其中逾期 {overdue} 项")


def print_stats(stats: dict[str, Any]) -> None:
    # a file registered after the day (a clock ahead) is neither on the roll nor exited
    later = stats["children"] - stats["active"] - stats["exited"]
    print(
        f"截至 {stats['as_of']}：儿童 {stats['children']} 名（在册 {stats['active']}，"
        f"退出 {stats['exited']}" + (f"，登记日期在后 {later}" if later else "") + "）"
    )
    for key, title, vocab in (
        ("by_category", "类别", Category),
        ("by_colour", "风险等级", RiskColour),
        ("by_sex", "性别", Sex),
        ("by_age_band", "年龄段（周岁）", None),
    ):
        parts = "，".join(f"{_label(vocab, k)} {v}" for k, v in stats[key].items())
        print(f"{title}：{parts}")
    print(
        f"走访记录 {stats['visits']} 条（近30天 {stats['visits_last_30_days']}），"
        f"强制报告 {stats['reports']} 件"
    )
    print(f"待同步修改 {stats['pending_changes']} 条；审计日志 {stats['audit_entries']} 条")


SYNC_PHASES = {"hello": "连接", "push": "上传", "pull": "下载", "blobs": "附件"}


class SyncProgress:
    """Sync phases on stderr (so ``--json`` output on stdout stays clean)."""

    def __call__(self, phase: str, done: int, total: int) -> None:
        label = SYNC_PHASES.get(phase, phase)
        count = f" {done}/{total}" if total else (f" {done}" if done else "")
        print(f"\r{label}{count}…", end="", file=sys.stderr, flush=True)


def print_sync(report: Any, error_text: str) -> None:
    print("", file=sys.stderr)
    if report.ok:
        print(
            f"同步完成 synced: 上传 {report.pushed} 条，下载 {report.pulled} 条，"
            f"{report.requests} 次请求，{report.bytes_sent + report.bytes_received} 字节"
        )
    else:
        print(f"同步未完成 sync failed: {error_text}", file=sys.stderr)
    notes = []
    if report.conflicts or report.kept:
        notes.append(
            f"{report.conflicts + report.kept} 处修改与他人冲突，已保留各方的值，请在“同步”页处理"
        )
    if report.quarantined:
        notes.append(f"{report.quarantined} 条修改被服务器暂存待审（未丢失），原因见“同步”页")
    if report.requeued:
        notes.append(f"县服务器曾从备份恢复，已重新上传 {report.requeued} 条修改")
    if report.new_site:
        notes.append("检测到本档案库是从另一台电脑复制来的，已改用新的同步编号，修改未丢失")
    if report.clock_warning and report.clock_offset_ms is not None:
        notes.append(f"本机时钟与服务器相差约 {clock_text(report.clock_offset_ms)}，请校准时间")
    for note in notes:
        print(f"提示: {note}")


def clock_text(offset_ms: int) -> str:
    seconds = abs(offset_ms) / 1000
    direction = "（本机慢）" if offset_ms > 0 else "（本机快）"
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.0f} 天{direction}"
    if seconds >= 3600:
        return f"{seconds / 3600:.0f} 小时{direction}"
    return f"{seconds / 60:.0f} 分钟{direction}"


SHOWN_PROBLEM_ROWS = 40  # the rest are in the saved report


def print_import(report: Any, summary: str, saved: Any | None) -> None:
    """The import's totals, the column mapping, then each row that needs a look."""
    print(f"工作表“{report.sheet}”，表头在第{report.header.first_row}-{report.header.last_row}行")
    unmapped = [c for c in report.header.columns if c.target is None]
    if unmapped:
        print("未导入的列: " + "；".join(f"{c.letter} {c.title}" for c in unmapped))
    noted = [r for r in report.rows if r.problems]
    for r in noted[:SHOWN_PROBLEM_ROWS]:
        print(f"第{r.row}行 {r.name} {r.outcome.label}: " + "；".join(str(p) for p in r.problems))
    if len(noted) > SHOWN_PROBLEM_ROWS:
        more = len(noted) - SHOWN_PROBLEM_ROWS
        print(f"…另有 {more} 行有提示" + ("，见报告" if saved else "，用 --report 保存完整报告"))
    print(summary)
    if saved:
        print(f"报告已保存 report written: {saved}")
