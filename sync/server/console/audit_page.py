"""The console's 查阅记录 page: who printed, exported or viewed which child's file (the
laptops' audit entries) and what the console's staff did, filtered and paged
(:mod:`sync.server.audit_trail`).

A child's name is shown in full only to a role that may administer the county's files,
masked (张*明) for any other, as on the oversight pages. No entry names who made a
mandatory report: the entries hold ids only, the reporter stays in ``confidential``
(never read here), the entries on reports are left out for a role that may not see
reports, and the user who filed one is not shown.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from childcare_desktop.core.roles import Permission, Role

from .. import audit_trail, regions
from ..api.deps import database
from ..days import CHINA
from .auth import Viewer, guard, route
from .oversight import FULL_NAMES, mask, place_names
from .render import page

router = APIRouter()
KINDS = {
    "": "全部",
    "printed": "打印",
    "exported": "导出、下载",
    "viewed": "查看档案、打开附件",
    "console": "县级管理页面的操作",
}
ACTIONS = {
    "printed": "打印",
    "exported": "导出",
    "bundle_exported": "导出同步包",
    "child_viewed": "查看档案",
    "attachment_opened": "打开附件",
    "child_registered": "登记儿童",
    "child_reentered": "重新纳入",
    "store_created": "建立数据库",
    "settings_changed": "修改设置",
    "synced": "同步",
    "ledger_imported": "导入台账",
    "family_added": "添加家庭成员",
    "carer_added": "添加照护人",
    "agreement_signed": "签订协议",
    "agreement_verified": "核验协议",
    "transfer_requested": "申请转移",
    "conflict_resolved": "处理同步冲突",
    "visit_logged": "记录走访",
    "assessed": "评估",
    "report_filed": "强制报告",
    "report_followup": "强制报告跟进",
    "policy_set": "设定县级政策",
    "login": "登录",
    "logout": "退出",
    "locked": "账户锁定",
    "refused": "登录被拒",
    "code_issued": "发登记码",
    "codes_cancelled": "作废登记码",
    "device_revoked": "吊销设备",
    "user_created": "添加用户",
    "regions_imported": "导入区划名称",
    "child_edited": "修改儿童信息",
    "child_exited": "退出管理",
    "category_added": "认定类别",
    "category_ended": "终止类别",
    "family_edited": "修改家庭成员",
    "family_removed": "删除家庭成员",
    "parent_returned": "父母返乡",
    "carer_edited": "修改照护人",
    "carer_removed": "删除照护人",
    "agreement_edited": "修改协议",
    "agreement_ended": "终止协议",
    "assistance_recorded": "记录帮扶",
    "assistance_edited": "修改帮扶",
    "dropout_recorded": "记录辍学",
    "dropout_edited": "辍学已返校",
    "persuasion_recorded": "记录劝返",
    "dropout_reported": "辍学已书面报告",
    "problem_recorded": "记录发现问题",
    "problem_step_recorded": "问题跟进",
    "problem_edited": "修改发现问题",
    "problem_closed": "问题结案",
    "left_behind_adult_added": "登记留守妇女/老人",
    "left_behind_adult_edited": "修改留守妇女/老人",
    "left_behind_adult_visited": "走访留守妇女/老人",
    "left_behind_adult_exited": "留守妇女/老人退出",
    "service_plan_written": "制定服务计划",
    "clue_registered": "登记线索",
    "clue_linked": "线索关联儿童",
    "clue_handled": "处理线索",
    "clue_closed": "线索结案",
    "pairing_added": "新增结对帮扶",
    "pairing_contact_recorded": "记录结对帮扶联系",
    "pairing_ended": "结束结对帮扶",
    "school_notice_recorded": "记录告知学校",
    "attachment_added": "添加附件",
    "attachment_removed": "删除附件",
    "visit_amended": "更正走访",
    "ledger_row_imported": "导入台账行",
    "bundle_imported": "导入同步包",
    "transfer_cancelled": "撤回转移",
    "duplicate_merged": "合并重复档案",
    "duplicate_decided": "处理疑似重复",
    "duplicate_distinct": "标记不是同一人",
    "password_ok": "密码正确",
    "password_changed": "修改密码",
    "totp_set": "设置动态验证码",
    "totp_enrolled": "启用动态验证码",
    "totp_reset": "重置动态验证码",
    "staff_totp_reset": "重置他人的动态验证码",
    "recovery_code_used": "使用恢复码登录",
    "recovery_renewed": "重新生成恢复码",
    "user_disabled": "停用用户",
    "user_enabled": "启用用户",
    "quarantine_released": "释放搁置的修改",
    "quarantine_still_held": "释放未成功（仍被搁置）",
    "quarantine_rejected": "退回搁置的修改",
    "report_downloaded": "下载报表",
    "spot_check_drawn": "抽取抽查样本",
    "spot_check_recorded": "记录抽查结果",
    "spot_check_printed": "打印抽查结果",
    "spot_finding_fixed": "抽查问题已整改",
    "quarterly_check_recorded": "季度核实",
    "quarterly_check_edited": "修改季度核实",
}
DOCS = {
    "dossier": "档案",
    "agreement": "委托照护协议",
    "visit_sheet": "走访记录单",
    "roster": "花名册",
    "summary": "汇总表",
    "monthly": "月报",
    "quarterly_report": "季度核实报告",
}


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


@route(router, "GET", "/console/audit", Permission.READ)
def trail(request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]) -> Response:
    q = request.query_params
    asked = {k: q.get(k, "").strip()[:40] for k in ("region", "kind", "start", "end", "user")}
    region = asked["region"] if asked["region"].isdigit() else ""
    kind = asked["kind"] if asked["kind"] in KINDS else ""
    filters = audit_trail.Filters(
        region=region,
        kind=kind,
        start=_day(asked["start"]),
        end=_day(asked["end"]),
        user=asked["user"],
        reports=viewer.may(Permission.SEE_REPORTS),
    )
    number = int(q["page"]) if q.get("page", "").isdigit() else 1
    with database(request).read() as conn:
        county = regions.county_of_server(conn) or ""
        rows, more = audit_trail.page(conn, filters, number)
        kids = audit_trail.children(conn, {r["child_id"] for r in rows if r["child_id"]})
        names = place_names(conn, county) if county else {}
    full = viewer.may(FULL_NAMES)
    for r in rows:
        _shown(r, kids, names, full)
    places = sorted((c, n) for c, n in names.items() if len(c) in (9, 12))
    link = {k: v for k, v in asked.items() if v}
    return page(
        request,
        "audit.html",
        viewer=viewer,
        active="audit",
        rows=rows,
        asked=asked,
        kinds=KINDS,
        places=places,
        number=number,
        previous=urlencode({**link, "page": number - 1}) if number > 1 else None,
        following=urlencode({**link, "page": number + 1}) if more else None,
        masked=not full,
        per_page=audit_trail.PAGE,
    )


def _shown(
    r: dict[str, Any], kids: dict[str, tuple[str, str]], names: dict[str, str], full: bool
) -> None:
    """An entry's columns as the page shows them (in place)."""
    name, village = kids.get(r["child_id"] or "", ("", ""))
    r["child"] = (name if full else mask(name)) if name else ""
    place = village or r["user_region"] or ""
    r["place"] = _place(place, names)
    r["what"] = ACTIONS.get(r["action"], r["action"])
    r["when"] = _beijing(str(r["at"]))
    detail = _detail(r["detail"]) if r["source"] else {}
    r["doc"] = DOCS.get(str(detail.get("doc", "")), "")
    if not r["child"] and isinstance(detail.get("children"), list | int):
        count = detail["children"]
        r["child"] = f"{len(count) if isinstance(count, list) else count}名儿童"
    role = Role.parse(r["role"])
    r["who"] = f"{r['actor'] or r['user']}（{role.label if role else '县级管理页面'}）"
    if r["action"].startswith(audit_trail.REPORTS):
        r["who"] = "（为报告人保密，不显示）"
    # A staff action's detail is the console's own words (names of users, codes): a
    # role that may not see names sees none of it.
    r["detail_text"] = r["detail"] if full and not r["source"] else ""


def _beijing(at: str) -> str:
    """A laptop's moment (ISO 8601 with its offset) in Beijing time, to the minute."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at[:16]
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC) + CHINA
    return moment.strftime("%Y-%m-%d %H:%M")


def _detail(text: str) -> dict[str, Any]:
    try:
        found = json.loads(text)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _place(code: str, names: dict[str, str]) -> str:
    if not code:
        return "县"
    township, village = names.get(code[:9], ""), names.get(code, "") if len(code) == 12 else ""
    return f"{township}{village}" or code
