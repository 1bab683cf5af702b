"""Error kinds and work items in words, for the command line (Chinese first, then English).

The GUI shows the same kinds through Qt Linguist; this table is the command line's.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .core.errors import DomainError, Kind
from .core.passphrase import Weakness
from .core.worklist import WorkKind

MESSAGES: dict[Kind, tuple[str, str]] = {
    Kind.ID_EMPTY: ("{field}未填写", "{field} is empty"),
    Kind.ID_BAD_LENGTH: (
        "证件号码应为18位（或旧版15位），现为{length}位",
        "an ID number has 18 characters (or 15 for old ones), not {length}",
    ),
    Kind.ID_BAD_CHARS: (
        "证件号码只能包含数字，最后一位可以是X",
        "an ID number holds digits only, with an optional final X",
    ),
    Kind.ID_BAD_PROVINCE: (
        "证件号码前两位“{prefix}”不是有效的省份代码",
        "the first two digits '{prefix}' are not a province code",
    ),
    Kind.ID_BAD_DATE: (
        "证件号码中的出生日期“{digits}”不存在",
        "the birth date '{digits}' in the ID number does not exist",
    ),
    Kind.ID_FUTURE_DATE: (
        "证件号码中的出生日期{birth_date}晚于今天",
        "the birth date {birth_date} in the ID number is after today",
    ),
    Kind.ID_BAD_CHECK_DIGIT: (
        "校验位不符（按前17位应为{expected}），请逐位核对证件",
        "wrong check digit (the first 17 give {expected}); check each digit against the card",
    ),
    Kind.ID_BIRTH_MISMATCH: (
        "出生日期与证件号码不一致（号码显示{from_id}）",
        "birth date differs from the ID number ({from_id})",
    ),
    Kind.ID_SEX_MISMATCH: ("性别与证件号码不一致", "sex differs from the ID number"),
    Kind.ID_DUPLICATE: (
        "该证件号码已登记在另一名儿童的档案中",
        "this ID number is already on another child's file",
    ),
    Kind.ID_PRECISION_LOST: (
        "Excel 把证件号码存成了数字，只保留了前15位（{kept}），后{lost}位已丢失："
        "请把该列设为文本格式，对照证件重新输入",
        "Excel stored the ID number as a number and kept only its first 15 digits ({kept}); "
        "the last {lost} are lost: format the column as text and type the number again",
    ),
    Kind.ID_NAME_MISMATCH: (
        "该证件号码已登记在儿童“{existing}”名下，与本行姓名不同，请核对",
        "this ID number is already on the file of '{existing}', a different name; please check",
    ),
    Kind.NAME_AMBIGUOUS: (
        "档案中有{count}名同名儿童，本行没有证件号码和出生日期可以区分：请补填后再导入",
        "{count} children on file share this name and the row has no ID number or birth date "
        "to tell them apart: add one and import again",
    ),
    Kind.PHONE_INVALID: (
        "电话号码“{value}”无效：手机为11位，座机需带区号",
        "phone '{value}' is not valid: mobiles have 11 digits, landlines need the area code",
    ),
    Kind.REGION_INVALID: (
        "区划代码“{value}”无效（村级应为12位数字）",
        "region code '{value}' is not valid (a village has 12 digits)",
    ),
    Kind.REGION_LEVEL: (
        "区划代码“{value}”与角色不符：儿童主任填本村12位代码，儿童督导员填本乡镇9位代码",
        "region code '{value}' does not fit the role: a director gives the village's 12 digits, "
        "a supervisor the township's 9",
    ),
    Kind.REGION_OUTSIDE: (
        "“{value}”不是本乡镇（{township}）的村",
        "'{value}' is not a village of this township ({township})",
    ),
    Kind.VILLAGE_NOT_HELD: (
        "本档案库没有村“{value}”的儿童档案",
        "this store holds no child of the village '{value}'",
    ),
    Kind.REQUIRED: ("{field}必须填写", "{field} is required"),
    Kind.CHOICE_MISSING: ("请选择{field}", "choose the {field}"),
    Kind.TOO_LONG: (
        "{field}过长：最多{max}个字，现有{length}个",
        "{field} is too long: at most {max}, got {length}",
    ),
    Kind.CONTROL_CHARS: ("{field}含有不可见的控制字符", "{field} contains control characters"),
    Kind.MARKUP_IN_NAME: (
        "{field}中不能含有网页标记（如<script>）",
        "{field} must not contain markup such as <script>",
    ),
    Kind.INVALID_CHOICE: (
        "{field}的取值“{value}”不在可选范围内",
        "'{value}' is not an allowed value of {field}",
    ),
    Kind.DATE_INVALID: (
        "{field}“{value}”不是有效日期（格式：2026-07-01）",
        "{field} '{value}' is not a date (use 2026-07-01)",
    ),
    Kind.DATE_IN_FUTURE: (
        "{field}{value}晚于今天，不能记录尚未发生的事",
        "{field} {value} is after today: nothing can be recorded before it happens",
    ),
    Kind.DATE_TOO_FAR: (
        "{field}{value}在十年之后，请检查",
        "{field} {value} is more than ten years ahead: please check it",
    ),
    Kind.DATE_BEFORE_BIRTH: ("{field}早于儿童出生日期", "{field} is before the child's birth"),
    Kind.DATE_ORDER: ("{field}早于开始日期，请检查", "{field} comes before the start date"),
    Kind.BEFORE_DROPOUT: (
        "劝返日期{value}早于辍学日期{left_on}，请检查",
        "the persuasion date {value} is before the child left school ({left_on})",
    ),
    Kind.BEFORE_FOUND: (
        "{field}{value}早于发现问题的日期{found_on}，请检查",
        "{field} {value} is before the problem was found ({found_on})",
    ),
    Kind.OUTSIDE_PAIRING: (
        "联系日期{value}不在结对期间（{since}—{until}），请检查",
        "the contact date {value} is outside the pairing ({since}–{until})",
    ),
    Kind.ENDS_BEFORE_CONTACT: (
        "结束日期{value}早于最近一次联系日期{last}，请检查",
        "the end date {value} is before the latest contact ({last})",
    ),
    Kind.DATE_INCOMPLETE: (
        "{field}“{value}”只有年月，缺少日，请补全（如 2016-07-01）",
        "{field} '{value}' has a year and month but no day (use 2016-07-01)",
    ),
    Kind.NUMBER_INVALID: (
        "{field}应为{low}到{high}之间的整数",
        "{field} must be a whole number from {low} to {high}",
    ),
    Kind.INVALID_TYPE: ("{field}的值类型不对", "{field} holds a value of the wrong kind"),
    Kind.UNKNOWN_FIELD: ("没有“{field}”这个字段", "there is no field '{field}'"),
    Kind.CATEGORY_AGE_LIMIT: (
        "该儿童已满{limit}周岁，不能认定为此类别",
        "the child is {limit} or older and cannot hold this category",
    ),
    Kind.CATEGORY_DUPLICATE: (
        "该儿童已有此类别，且尚未退出",
        "the child already holds this category",
    ),
    Kind.STATE_TRANSITION: (
        "当前状态（{state}）下不能进行此操作",
        "not possible in the record's current state ({state})",
    ),
    Kind.CHILD_EXITED: ("该儿童已退出，请先办理重新纳入", "the child has exited; re-enter first"),
    Kind.DROPOUT_CLOSED: (
        "该辍学记录已返校或已书面报告，不再记录劝返",
        "the child is back at school or the dropout was reported: no more persuasion",
    ),
    Kind.PROBLEM_CLOSED: (
        "该问题已结案，不能再记录跟进或结案",
        "the problem is closed: no more steps, nor a second closing",
    ),
    Kind.CLUE_CLOSED: (
        "该线索已处理或已结案（{state}）",
        "the clue was already handled or closed ({state})",
    ),
    Kind.CLUE_NO_CHILD: (
        "请先选择线索涉及的儿童（未建档的请先建档）",
        "choose the child the clue concerns first (register a child not yet on file)",
    ),
    Kind.PAIRING_ENDED: (
        "该结对帮扶已结束（{until}），不再记录联系或再次结束",
        "the pairing ended on {until}: no more contacts, and it cannot end again",
    ),
    Kind.CHILD_ACTIVE: ("该儿童仍在册", "the child is still on the roster"),
    Kind.NOT_FOUND: ("找不到该记录（{what}）", "no such record ({what})"),
    Kind.POLICY_INVALID: ("县级政策设置有误：{reason}", "the county policy is not valid: {reason}"),
    Kind.CODE_INVALID: (
        "这不是本系统打印的协议二维码",
        "this is not an agreement code printed by this program",
    ),
    Kind.NOT_AS_ENROLLED: (
        "本机已在县服务器登记为 {scope} 的{role}：角色和区划以县里的登记为准",
        "this laptop is enrolled at the county server for {scope} as {role}: the role and "
        "region are the county's",
    ),
    Kind.DEMO_STORE: (
        "示范档案库里是虚构的儿童，不能登记或同步到县服务器：请新建档案库，录入真实信息后再登记",
        "the demo store holds invented children and is never enrolled or synced with a county "
        "server: create a new store for real records, then enroll it",
    ),
    Kind.NOT_PERMITTED: (
        "本机使用人的角色和区划不能进行此操作",
        "the role and region of this laptop's user may not do this",
    ),
    Kind.NOTHING_TO_PRINT: (
        "所选范围内没有可打印的儿童，没有生成文件",
        "no child to print in what was chosen; no file was written",
    ),
    Kind.TRANSFER_TARGET: (
        "只能转移到本县的另一个村（“{value}”不行）",
        "a child moves to another village of the same county ('{value}' is not one)",
    ),
    Kind.NOT_IN_DIFFICULTY: (
        "该儿童不是困境儿童，无需季度核实",
        "the child is not a child in difficulty: no quarterly verification is needed",
    ),
    Kind.QUARTER_INVALID: (
        "季度“{value}”无效（格式：2026Q4）",
        "'{value}' is not a quarter (use 2026Q4)",
    ),
    Kind.QUARTER_CHECKED: (
        "该儿童{quarter}已于{day}核实，每季度只记一次：请修改原记录",
        "the child was verified for {quarter} on {day}; one a quarter: edit that record",
    ),
    Kind.OUTSIDE_QUARTER: (
        "核实日期{value}不在{quarter}内（{first}至{last}）",
        "the date {value} is not in {quarter} ({first} to {last})",
    ),
    Kind.NO_CHANGE_WITH_CHANGES: (
        "勾选了“无变化”，就不能再勾选其他变化",
        "'no change' cannot be ticked with a change",
    ),
    Kind.STORE_NOT_FOUND: ("找不到档案库文件：{path}", "no store at {path}"),
    Kind.STORE_EXISTS: ("文件已存在，不会覆盖：{path}", "{path} already exists; not overwritten"),
    Kind.WRONG_PASSPHRASE: (
        "口令不正确（或该文件不是儿童档案库），文件未作任何改动",
        "wrong passphrase (or not a store); the file was not changed",
    ),
    Kind.NOT_A_STORE: (
        "该文件不是儿童档案库或已损坏（{reason}）",
        "this file is not a store, or it is damaged ({reason})",
    ),
    Kind.STORE_TOO_NEW: (
        "该档案库由更新版本的软件创建（版本{revision}），请先升级本软件",
        "this store was written by a newer version ({revision}); update this program first",
    ),
    Kind.STORE_LOCKED: (
        "档案库正被另一个程序使用，请关闭后重试",
        "the store is in use by another program; close it and retry",
    ),
    Kind.DISK_FULL: (
        "磁盘已满或无法写入，本次修改未保存，原有数据完好",
        "the disk is full or failing; this change was not saved, earlier data is intact",
    ),
    Kind.SAME_FILE: (
        "备份文件就是当前档案库本身，请选择另一个备份文件",
        "the backup is the store itself; choose another backup file",
    ),
    Kind.RECOVERY_NOT_SEALED: (
        "没有该档案库的恢复文件（{path}），县里也无法打开它",
        "no recovery file for this store ({path}); the county cannot open it either",
    ),
    Kind.RECOVERY_FILE_INVALID: (
        "不是恢复密钥或恢复文件，或文件已损坏（{reason}），档案库未作任何改动",
        "not a recovery key or recovery file, or a damaged one ({reason}); the store was not changed",
    ),
    Kind.RECOVERY_WRONG_PASSPHRASE: (
        "县级口令不正确，档案库未作任何改动",
        "wrong county passphrase; the store was not changed",
    ),
    Kind.RECOVERY_WRONG_KEY: (
        "此私钥打不开该档案库：它封存给了县级恢复密钥 {sealed}，档案库未作任何改动",
        "this private key does not open the store: it is sealed to county key {sealed};"
        " the store was not changed",
    ),
    Kind.RECOVERY_OTHER_STORE: (
        "该恢复文件属于另一个档案库，档案库未作任何改动",
        "this recovery file belongs to another store; the store was not changed",
    ),
    Kind.RECOVERY_STALE: (
        "恢复文件中的密钥已打不开该档案库（口令在此后更换过），档案库未作任何改动",
        "the recovery file's keys no longer open the store (its passphrase changed since);"
        " the store was not changed",
    ),
    Kind.READ_ONLY: (
        "无法写入该位置（只读或无权限）",
        "cannot write there (read-only or no permission)",
    ),
    Kind.INTEGRITY_FAILED: (
        "档案库完整性检查未通过，请从备份恢复",
        "the store failed its integrity check; restore a backup",
    ),
    Kind.WEAK_PASSPHRASE: (
        "口令太弱：{reason}。好的口令由三四个互不相关的词组成（拼音或英文都可以），"
        "用符号隔开，如 shuitong-yueliang-caomao-7；不要用姓名、生日、电话号码或常见口令",
        "passphrase too weak: {reason}. A good one is three or four unrelated words (pinyin "
        "or English) joined by a sign, like shuitong-yueliang-caomao-7; no names, birthdays, "
        "phone numbers or common passwords",
    ),
    Kind.BACKUP_INVALID: (
        "备份文件不完整或已损坏：{path}",
        "the backup is incomplete or damaged: {path}",
    ),
    Kind.LEDGER_UNREADABLE: (
        "无法读取该文件（{reason}）：请确认它是完整的 Excel .xlsx 文件",
        "cannot read this file ({reason}); is it a complete Excel .xlsx file?",
    ),
    Kind.LEDGER_OLD_FORMAT: (
        "这是旧版 Excel（.xls）或其他格式的文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入",
        "this is an old Excel (.xls) or other file: save it as .xlsx in Excel or WPS first",
    ),
    Kind.LEDGER_NO_SHEET: (
        "工作簿中没有工作表“{sheet}”（有：{sheets}）",
        "the workbook has no sheet '{sheet}' (it has: {sheets})",
    ),
    Kind.LEDGER_NO_HEADER: (
        "工作表“{sheet}”的前{rows}行里找不到表头（需要有“姓名”列）",
        "no header row with a name column in the first {rows} rows of sheet '{sheet}'",
    ),
    Kind.MAPPING_INVALID: ("列对照有误：{reason}", "the column mapping is not valid: {reason}"),
    Kind.DUPLICATE_ELSEWHERE: (
        "这两份档案不都在本机（跨乡镇的疑似重复由县级民政处理）",
        "this laptop does not hold both files (a pair across townships is the county's)",
    ),
    Kind.CANCELLED: ("已取消，没有作任何改动", "cancelled; nothing was changed"),
    Kind.LEFT_BEHIND_SEX: ("留守妇女应为女性，请检查性别", "a left-behind woman must be female"),
    Kind.LEFT_BEHIND_AGE: (
        "留守老年人应年满{min}周岁，请检查出生日期",
        "a left-behind elder must be {min} or older",
    ),
    Kind.LEFT_BEHIND_EXITED: (
        "此人已退出名册，不再记录走访",
        "this person has left the roster: no more visits",
    ),
    Kind.BEFORE_REGISTERED: (
        "{field}{value}早于登记日期{registered_on}，请检查",
        "{field} {value} is before the registration ({registered_on})",
    ),
}

FIELDS = {
    "passphrase": ("口令", "passphrase"),
    "to_region": ("转入村", "receiving village"),
    "transfer": ("转移", "transfer"),
    "logged_on": ("日期", "date"),
    "title": ("事项", "subject"),
    "place": ("地点", "place"),
    "children": ("涉及儿童", "children concerned"),
    "child": ("儿童", "child"),
    "agreement": ("委托照护协议", "care agreement"),
    "visit": ("走访记录", "visit record"),
    "visit_id": ("走访记录", "visit record"),
    "id_number": ("证件号码", "ID number"),
    "name": ("姓名", "name"),
    "birth_date": ("出生日期", "birth date"),
    "sex": ("性别", "sex"),
    "phone": ("电话", "phone"),
    "region_code": ("区划代码", "region code"),
    "director_name": ("使用人姓名", "user's name"),
    "role": ("角色", "role"),
    "village_name": ("村（社区）名称", "village name"),
    "township_name": ("乡镇（街道）名称", "township name"),
    "county_name": ("县（市、区）名称", "county name"),
    "visited_on": ("走访日期", "visit date"),
    "mode": ("走访方式", "visit mode"),
    "category": ("儿童类别", "category"),
    "notes": ("备注", "notes"),
    "assessed_on": ("评估日期", "assessment date"),
    "level": ("监护情况", "guardianship level"),
    "reported_at": ("报告时间", "time reported"),
    "discovered_at": ("发现时间", "time discovered"),
    "end_date": ("结束日期", "end date"),
    "ended_on": ("结束日期", "end date"),  # a category's (a merge's exit ends them)
    "end_reason": ("结束原因", "reason it ended"),
    "on_date": ("日期", "date"),
    "left_on": ("辍学日期", "date the child left school"),
    "quarter": ("季度", "quarter"),
    "checked_on": ("核实日期", "date of the verification"),
    "changes": ("家庭情况变化", "changes in the family"),
    "checked_by": ("核实人", "verified by"),
    "benefits_ok": ("待遇是否仍然合适", "benefits still right"),
    "helper_name": ("帮扶人姓名", "helper's name"),
    "helper_role": ("帮扶人身份", "who the helper is"),
    "since": ("结对日期", "date paired"),
    "until": ("结束日期", "end date"),
    "contacted_on": ("联系日期", "contact date"),
    "school_name": ("学校名称", "school"),
    "told_on": ("告知日期", "date told"),
    "contents": ("告知内容", "what was told"),
    "told_whom": ("学校接收人", "who at the school was told"),
    "comment": ("审核意见", "review comment"),
    "review_item": ("待审核事项", "item for review"),
    "review": ("审核", "review"),
    "description": ("问题描述", "the problem"),
    "found_on": ("发现日期", "date found"),
    "target_on": ("完成时限", "target date"),
    "handled_by": ("责任人（单位）", "who acts"),
    "closed_on": ("结案日期", "date closed"),
    "solution": ("解决情况", "how it was solved"),
    "action": ("所做工作", "what was done"),
    "registered_on": ("登记日期", "date registered"),
    "work_place": ("外出务工地点", "where the family works"),
    "away_who": ("外出的家人", "who is away"),
    "exited_on": ("退出日期", "exit date"),
    "exit_reason": ("退出原因", "reason for leaving"),
    "person_id": ("留守妇女/老人", "left-behind woman or elder"),
    "colour": ("风险等级", "risk colour"),
    "measures": ("服务措施", "service measures"),
    "responsible": ("责任人", "who is responsible"),
    "frequency": ("服务频次", "how often"),
    "written_on": ("制定日期", "date written"),
    "review_due": ("复核日期", "review date"),
    "source": ("线索来源", "source of the clue"),
    "source_detail": ("来源说明", "description of the source"),
    "received_at": ("接收时间", "time received"),
    "clue": ("线索", "clue"),
    "weekly_visit_cap": ("每周走访上限", "weekly visit limit"),
}

# Why a new passphrase is refused (core.passphrase.Weakness), for WEAK_PASSPHRASE's {reason}.
PASSPHRASE_WEAKNESSES = {
    Weakness.TOO_SHORT: ("不足8个字符", "shorter than 8 characters"),
    Weakness.PERSONAL: (
        "含有档案库名称、村代码或使用人姓名",
        "it holds the store's name, the village code or the user's name",
    ),
    Weakness.COMMON: ("是常见口令或常用词，很容易被猜中", "it is a common password or word"),
    Weakness.SEQUENCE: (
        "含有连续的数字或字母（如12345、abcde）",
        "it has a run such as 12345 or abcde",
    ),
    Weakness.REPEAT: (
        "含有重复的字符或片段（如8888、abcabc）",
        "it repeats characters or pieces (8888, abcabc)",
    ),
    Weakness.KEYBOARD: (
        "是键盘上相邻的键（如qwerty、1qaz2wsx）",
        "it is a run of neighbouring keys (qwerty, 1qaz2wsx)",
    ),
    Weakness.DATE: ("含有日期（如生日），很容易被猜中", "it holds a date, such as a birthday"),
    Weakness.GUESSABLE: ("太短或太简单，很容易被猜中", "too short or too simple"),
}

WORK = {
    WorkKind.FIRST_VISIT: ("首次入户走访", "first home visit"),
    WorkKind.HOME_VISIT: ("入户走访", "home visit"),
    WorkKind.CONTACT: ("联系（电话/视频/入户）", "contact"),
    WorkKind.ASSESSMENT: ("监护情况评估", "guardianship assessment"),
    WorkKind.AGREEMENT_MISSING: ("缺少委托照护协议", "no care agreement"),
    WorkKind.AGREEMENT_EXPIRING: ("委托照护协议即将到期", "care agreement expiring"),
    WorkKind.AGREEMENT_EXPIRED: ("委托照护协议已过期", "care agreement expired"),
    WorkKind.AGEING_OUT: ("年龄到限，需办理退出", "ages out: process the exit"),
    WorkKind.HOLIDAY_VISIT: ("假期重点走访", "holiday visit"),
    WorkKind.SPOT_FINDING: ("县级抽查问题", "county spot-check finding"),
    WorkKind.DROPOUT_PERSUASION: ("辍学劝返", "persuade a dropout back to school"),
    WorkKind.PROBLEM_DUE: ("问题跟进", "a problem to solve"),
    WorkKind.SERVICE_PLAN_MISSING: ("制定服务计划", "write a service plan"),
    WorkKind.SERVICE_PLAN_REVIEW: ("复核服务计划", "review the service plan"),
    WorkKind.CLUE: ("线索待处理", "clue to handle"),
    WorkKind.REPORT_STAGE: ("强制报告", "mandatory report"),
    WorkKind.QUARTERLY_CHECK: ("困境儿童季度核实", "quarterly verification (child in difficulty)"),
    WorkKind.PAIRING_CONTACT: ("结对帮扶：本月未联系", "paired helper: no contact this month"),
    WorkKind.SCHOOL_NOTICE: ("告知学校", "tell the school"),
}


def describe(error: DomainError) -> str:
    """One line, Chinese then English: "证件号码应为18位… / an ID number has 18 …"."""
    zh, en = MESSAGES.get(error.kind, (error.kind.value, error.kind.value))
    field = error.field or ""
    zh_field, en_field = FIELDS.get(field, (field, field))
    zh_values: dict[str, Any] = defaultdict(str, error.params, field=zh_field)
    en_values: dict[str, Any] = defaultdict(str, error.params, field=en_field)
    if "what" in error.params:  # NOT_FOUND names the kind of record with a field key
        zh_values["what"], en_values["what"] = FIELDS.get(
            error.params["what"], (error.params["what"],) * 2
        )
    if "problems" in error.params:  # WEAK_PASSPHRASE: Weakness codes
        reasons = weaknesses(error)
        zh_values["reason"] = "；".join(zh for zh, _en in reasons)
        en_values["reason"] = "; ".join(en for _zh, en in reasons)
    return f"{zh.format_map(zh_values)} / {en.format_map(en_values)}"


def weaknesses(error: DomainError) -> list[tuple[str, str]]:
    """A weak passphrase's reasons, each (Chinese, English); unknown codes are left out."""
    known = {w.value for w in Weakness}
    found = [Weakness(code) for code in error.params.get("problems", ()) if code in known]
    return [PASSPHRASE_WEAKNESSES[w] for w in found] or [PASSPHRASE_WEAKNESSES[Weakness.GUESSABLE]]


# What a failed sync means for the person at the laptop (codes from sync.client / the server).
# Whatever the code, nothing on the laptop is lost: changes wait in the outbox.
SYNC_ERRORS = {
    "not_enrolled": "本机尚未在县服务器登记（先用一次性登记码登记本机）",
    "bad_url": "服务器地址应以 http:// 或 https:// 开头",
    "plain_http": "为保护儿童信息，只能用加密的 https:// 连接县服务器；http:// 只用于本机测试"
    "（确需使用，请勾选“允许不加密的连接”或加 --allow-http）",
    "certificate": "县服务器的证书无法验证：若县里使用自己签发的证书，请向县里索取证书文件，"
    "登记时指定（--ca-file）；否则可能有人冒充县服务器，请勿继续",
    "bad_ca": "证书文件无法读取：应为县里提供的 PEM 格式证书（.pem / .crt）",
    "offline": "连不上县服务器（网络中断或服务器未开），修改已保存在本机，联网后会自动补传",
    "server_error": "县服务器出错，修改已保存在本机，稍后再试",
    "bad_code": "登记码错误、已用过或已过期，请向县里重新申请",
    "rate_limited": "尝试次数过多，请一分钟后再试",
    "bad_token": "本机的登记凭据无效，请重新登记",
    "no_token": "本机的登记凭据无效，请重新登记",
    "token_expired": "本机登记已过期（长期未同步），请重新登记",
    "device_revoked": "本机已被县里停用，请联系县民政部门",
    "user_disabled": "该账号已停用，请联系县民政部门",
    "upgrade_required": "本软件版本过旧，请先升级",
    "too_large": "数据包过大，服务器拒收（已自动分小批重试）",
    "protocol": "服务器的回答无法识别，请联系技术支持",
    "bad_request": "服务器拒收了请求，请联系技术支持",
    "unknown_site": "服务器不认识本机的同步编号，请再同步一次",
    "blob_refused": "附件上传被拒绝",
    "demo_store": "示范档案库（虚构数据）不与县服务器同步",
    "no_bundle_keys": "本机还没有县服务器的同步包密钥：请先联网同步一次（或重新登记）",
    "other_key": "这个同步包不是本机签名的（档案库可能被复制到了别的电脑），县服务器拒收",
}

# Why a bundle file on the stick was not read (sync.sealing.BundleError codes): the
# laptop's own records are untouched whatever the file holds.
BUNDLE_ERRORS = {
    "not_bundle": "这个文件不是同步包（或是其他版本软件的）",
    "wrong_direction": "这是本机导出的同步包，不是县服务器的回执：请先用能上网的电脑转送",
    "not_for_us": "这个回执不是给本档案库的（可能是别的笔记本的），或文件已损坏",
    "bad_signature": "回执的签名不对：文件被改动过，或不是本县服务器发出的，已拒绝",
    "too_large": "文件太大或内容被截断，不是完整的同步包",
    "bad_key": "同步包中的密钥无法读取，文件可能已损坏",
}


def bundle_error_text(code: str) -> str:
    return BUNDLE_ERRORS.get(code, "同步包无法读取")


def sync_error_text(code: str | None, message: str | None = None) -> str:
    text = SYNC_ERRORS.get(code or "", "同步未完成")
    return text if code in SYNC_ERRORS or not message else f"{text}（{message}）"
