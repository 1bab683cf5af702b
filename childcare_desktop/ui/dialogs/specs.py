"""The fields of every record dialog, declared once (labels are Chinese source text)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ...core.vocab import (
    AssistanceKind,
    Category,
    DisabilityKind,
    EconomicSource,
    EntrustReason,
    ExitReason,
    FollowupStage,
    GuardianshipLevel,
    Health,
    HukouType,
    IdType,
    Incapacity,
    LifeStatus,
    Relation,
    RiskColour,
    SchoolStage,
    Sex,
    Situation,
    VisitMode,
    YesNo,
)
from ..widgets.form import (
    CHOICE,
    DATE,
    DATETIME,
    ID_NUMBER,
    MULTI,
    NOTE,
    NUMBER,
    PHONE,
    RECORD,
    VILLAGE,
    Field,
)

# A date-like example in grey reads as a date already filled in.
DAY = QT_TRANSLATE_NOOP("fields", "年-月-日")
MOMENT = "2026-07-01 09:30"

IDENTITY = [
    Field("name", "姓名", required=True),
    Field("id_type", "证件类型", CHOICE, IdType),
    Field("id_number", "证件号码", ID_NUMBER, hint="18位公民身份号码"),
    Field("sex", "性别", CHOICE, Sex),
    Field("birth_date", "出生日期", DATE, hint=DAY),
]

CHILD = [
    *IDENTITY,
    Field("ethnicity", "民族", hint="如：汉族"),
    Field("hukou_registered", "是否登记户口", CHOICE, YesNo),
    Field("hukou_type", "户籍性质", CHOICE, HukouType),
    Field("hukou_address", "户籍地址"),
    Field("current_address", "现居住地址"),
    Field("phone", "家庭联系电话", PHONE),
    Field("health", "健康状况", CHOICE, Health),
    Field("disability_kind", "残疾类别", CHOICE, DisabilityKind, optional_choice=True),
    Field("disability_grade", "残疾等级（1-4级）", NUMBER),
    Field("illness", "患病情况"),
    Field("school_stage", "就学情况", CHOICE, SchoolStage),
    Field("school_name", "学校"),
    Field("school_grade", "年级"),
    Field("boarding", "是否寄宿", CHOICE, YesNo),
    Field("economic_sources", "家庭经济来源", MULTI, EconomicSource),
    Field("entrust_reason", "委托照料原因", CHOICE, EntrustReason),
    Field("has_carer", "有无委托照护人", CHOICE, YesNo),
    Field("registered_on", "上报日期", DATE, hint=DAY),
    Field("file_no", "档案编号", hint="留空则自动编号"),
    Field("notes", "备注", NOTE),
]

NEW_CHILD = [
    *IDENTITY,
    Field("categories", "儿童类别", MULTI, Category),
    Field("recognized_on", "认定日期", DATE, hint="留空则为上报日期"),
    Field("hukou_type", "户籍性质", CHOICE, HukouType),
    Field("current_address", "现居住地址"),
    Field("school_stage", "就学情况", CHOICE, SchoolStage),
    Field("registered_on", "上报日期", DATE, hint="留空则为今天"),
]

# A township's store (a supervisor's) has no village of its own: each child's is chosen.
CHILD_VILLAGE = Field(
    "region_code", "所在村", VILLAGE, required=True, hint="从列表中选择，或输入村名、12位代码"
)
NEW_CHILD_IN_TOWNSHIP = [NEW_CHILD[0], CHILD_VILLAGE, *NEW_CHILD[1:]]

FAMILY_MEMBER = [
    Field("relation", "关系", CHOICE, Relation, required=True),
    Field("name", "姓名"),
    Field("life", "是否在世", CHOICE, LifeStatus),
    Field("birth_date", "出生日期", DATE, hint=DAY),
    Field("id_type", "证件类型", CHOICE, IdType),
    Field("id_number", "证件号码", ID_NUMBER),
    Field("phone", "联系电话", PHONE),
    Field("away_for_work", "是否外出务工", CHOICE, YesNo),
    Field("cross_county", "是否跨县务工", CHOICE, YesNo),
    Field("work_province", "务工地点（省）", hint="如：浙江省"),
    Field("work_city", "务工地点（市）", hint="如：杭州市"),
    Field("away_since", "外出时间", DATE, hint=DAY),
    Field("incapacity", "监护能力", CHOICE, Incapacity),
    Field("incapacity_since", "无监护能力起始日期", DATE, hint=DAY),
    Field("disability_kind", "残疾类别", CHOICE, DisabilityKind, optional_choice=True),
    Field("disability_grade", "残疾等级（1-4级）", NUMBER),
    Field("notes", "备注", NOTE),
]

CARER = [
    Field("name", "姓名", required=True),
    Field("relation", "与儿童关系", CHOICE, Relation, required=True),
    Field("id_type", "证件类型", CHOICE, IdType),
    Field("id_number", "证件号码", ID_NUMBER),
    Field("phone", "联系电话", PHONE),
    Field("address", "住址"),
    Field("birth_date", "出生日期", DATE, hint=DAY),
    Field("health", "健康状况", CHOICE, Health),
    Field("lives_with_child", "是否与儿童同住", CHOICE, YesNo),
    Field("notes", "备注", NOTE),
]


def agreement_draft(carers: list[tuple[str, str]], parents: list[tuple[str, str]]) -> list[Field]:
    return [
        Field("carer_id", "受委托照护人（乙方）", RECORD, required=True, options=tuple(carers)),
        Field("principal_id", "委托人（甲方）", RECORD, options=tuple(parents)),
        Field("start_date", "委托开始日期", DATE, required=True, hint=DAY),
        Field("end_date", "委托结束日期", DATE, required=True, hint=DAY),
        Field("contact_frequency", "父母联系频次", hint="每周至少一次"),
        Field("fee", "照护费用", hint="无偿，或每月金额"),
        Field("child_opinion", "儿童意见", NOTE),
        Field("notes", "其他约定", NOTE),
    ]


SIGN_AGREEMENT = [
    Field("signed_on", "签订日期", DATE, required=True, hint=DAY),
    Field("signed_by_principal", "甲方签字人", required=True),
    Field("signed_by_carer", "乙方签字人", required=True),
    Field("witness", "丙方（村民委员会）见证人", required=True),
    Field("filed_on", "备案日期", DATE, hint=DAY),
    Field("remote_confirmation", "甲方远程确认", CHOICE, YesNo),
    Field("remote_note", "远程确认方式", NOTE, hint="如：视频确认并录屏存档"),
]

END_AGREEMENT = [
    Field("ended_on", "终止日期", DATE, required=True, hint=DAY),
    Field("reason", "终止原因", required=True),
]

VISIT = [
    Field("visited_on", "走访日期", DATE, required=True, hint=DAY),
    Field("mode", "走访方式", CHOICE, VisitMode, required=True),
    Field("visitor", "走访人"),
    Field("companions", "同行人员"),
    Field("met_child", "是否见到儿童本人", CHOICE, YesNo),
    Field("carer_present", "照护人是否在家", CHOICE, YesNo),
    Field("child_condition", "儿童状况（健康、情绪、学业）", NOTE),
    Field("findings", "发现问题", NOTE),
    Field("actions", "处理措施", NOTE),
    Field("notes", "备注", NOTE),
]

AMENDABLE = (
    (QT_TRANSLATE_NOOP("fields", "走访日期"), "visited_on"),
    (QT_TRANSLATE_NOOP("fields", "走访方式"), "mode"),
    (QT_TRANSLATE_NOOP("fields", "儿童状况"), "child_condition"),
    (QT_TRANSLATE_NOOP("fields", "发现问题"), "findings"),
    (QT_TRANSLATE_NOOP("fields", "处理措施"), "actions"),
    (QT_TRANSLATE_NOOP("fields", "备注"), "notes"),
    (QT_TRANSLATE_NOOP("fields", "作废此次记录"), "void"),
)

AMEND_VISIT = [
    Field("field", "更正项目", RECORD, required=True, options=AMENDABLE),
    Field("value", "更正后的内容", NOTE, hint="日期写作 2026-07-01；方式写作 入户走访、电话、视频"),
    Field("reason", "更正原因", required=True),
]

ASSESSMENT = [
    Field("assessed_on", "评估日期", DATE, required=True, hint=DAY),
    Field("level", "监护情况", CHOICE, GuardianshipLevel, required=True),
    Field("colour", "风险等级（四色）", CHOICE, RiskColour, optional_choice=True),
    Field("assessor", "评估人"),
    Field("score_guardianship", "监护风险（1-5）", NUMBER),
    Field("score_health", "生理风险（1-5）", NUMBER),
    Field("score_behaviour", "行为风险（1-5）", NUMBER),
    Field("reason", "评估依据", NOTE),
]

REPORT = [
    Field("discovered_at", "发现时间", DATETIME, required=True, hint=MOMENT),
    Field("discovered_how", "发现途径", hint="走访、学校反映、群众举报……"),
    Field("situations", "报告情形", MULTI, Situation, required=True),
    Field("description", "情况描述（客观事实）", NOTE, required=True),
    Field("emergency_measures", "已采取的紧急措施", NOTE),
    Field("reported_to", "报告的公安机关（派出所）", required=True),
    Field("reported_at", "报告时间", DATETIME, required=True, hint=MOMENT),
    Field("report_method", "报告方式", hint="110、电话或当面"),
    Field("receipt_no", "警情/回执号"),
    Field("also_notified", "同时告知", hint="如：乡镇民政办，以逗号分隔"),
    Field("reporter_name", "报告人（保密）"),
    Field("reporter_phone", "报告人电话（保密）", PHONE),
]

FOLLOWUP = [
    Field("stage", "阶段", CHOICE, FollowupStage, required=True),
    Field("on_date", "日期", DATE, required=True, hint=DAY),
    Field("action", "采取的措施", NOTE, required=True),
    Field("result", "结果", NOTE),
    Field("done_by", "经办人"),
]

ASSISTANCE = [
    Field("kind", "救助帮扶项目", CHOICE, AssistanceKind, required=True),
    Field("start_date", "开始日期", DATE, hint=DAY),
    Field("end_date", "结束日期", DATE, hint=DAY),
    Field("amount_yuan", "金额（元）", NUMBER),
    Field("period", "发放周期", hint="月、年或一次性"),
    Field("provider", "提供单位"),
    Field("note", "备注", NOTE),
]

ADD_CATEGORY = [
    Field("category", "儿童类别", CHOICE, Category, required=True),
    Field("recognized_on", "认定日期", DATE, required=True, hint=DAY),
    Field("basis", "认定依据", NOTE),
]

END_CATEGORY = [
    Field("ended_on", "退出日期", DATE, required=True, hint=DAY),
    Field("reason", "退出原因", required=True),
]

EXIT = [
    Field("on_date", "退出日期", DATE, required=True, hint=DAY),
    Field("reason", "退出原因", CHOICE, ExitReason, required=True),
    Field("note", "说明", NOTE),
]

REENTRY = [
    Field("on_date", "重新纳入日期", DATE, required=True, hint=DAY),
    Field("categories", "儿童类别", MULTI, Category),
    Field("note", "说明", NOTE),
]
