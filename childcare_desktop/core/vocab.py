"""The closed value sets of the domain, with their official Chinese terms.

Values are short English codes (stable in the store and on the wire); ``label`` is
the term used on the 2016 登记表 and in practice, which printed documents show. Where
a fact can be unknown, the set has ``UNKNOWN`` ("未采集"), which is never "no".
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Choice(StrEnum):
    """A code with its Chinese label: ``Sex.MALE == "male"``, ``Sex.MALE.label == "男"``."""

    label: str

    # Enum calls this only to make each member, always with its label; the default lets a
    # type checker see the lookup by code, ``Sex("male")``, which goes through EnumMeta.
    def __new__(cls, value: str, label: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def parse(cls, value: object) -> Self | None:
        """The member for a code, a label or a common alias ("留守儿童", "男孩"), or None."""
        if isinstance(value, cls):
            return value
        text = str(value).strip()
        for member in cls:
            if text in (member.value, member.label):
                return member
        code = ALIASES.get(cls.__name__, {}).get(text)
        return cls(code) if code else None


UNKNOWN_LABEL = "未采集"


class Sex(Choice):
    MALE = "male", "男"
    FEMALE = "female", "女"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class YesNo(Choice):
    YES = "yes", "是"
    NO = "no", "否"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class IdType(Choice):
    RESIDENT_ID = "resident_id", "居民身份证"
    HMT_PERMIT = "hmt_permit", "港澳台居民居住证"
    FOREIGN_PR = "foreign_pr", "外国人永久居留身份证"
    BIRTH_CERT = "birth_cert", "出生医学证明"
    PASSPORT = "passport", "护照"
    NONE = "none", "无证件"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class HukouType(Choice):
    RURAL = "rural", "农村居民户口"
    URBAN = "urban", "城镇居民户口"
    OTHER = "other", "其他（无户口、居民户口）"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class Health(Choice):
    HEALTHY = "healthy", "健康"
    WEAK = "weak", "一般或较弱"
    DISABLED = "disabled", "残疾"
    SERIOUS_ILLNESS = "serious_illness", "重病"
    CHRONIC = "chronic", "慢性病"
    OTHER = "other", "其他"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class SchoolStage(Choice):
    NOT_IN_KINDERGARTEN = "not_in_kindergarten", "未入园"
    KINDERGARTEN = "kindergarten", "幼儿园"
    PRIMARY = "primary", "小学"
    JUNIOR = "junior", "初中"
    SENIOR = "senior", "高中"
    VOCATIONAL = "vocational", "中职"
    DROPOUT = "dropout", "辍学"
    NOT_IN_SCHOOL = "not_in_school", "不在学"
    UNKNOWN = "unknown", UNKNOWN_LABEL

    @property
    def full_time_school(self) -> bool:
        return self in (
            SchoolStage.PRIMARY,
            SchoolStage.JUNIOR,
            SchoolStage.SENIOR,
            SchoolStage.VOCATIONAL,
        )


class Relation(Choice):
    FATHER = "father", "父亲"
    MOTHER = "mother", "母亲"
    PATERNAL_GRANDFATHER = "paternal_grandfather", "祖父"
    PATERNAL_GRANDMOTHER = "paternal_grandmother", "祖母"
    MATERNAL_GRANDFATHER = "maternal_grandfather", "外祖父"
    MATERNAL_GRANDMOTHER = "maternal_grandmother", "外祖母"
    SIBLING = "sibling", "兄弟姐妹"
    RELATIVE = "relative", "其他亲属"
    NEIGHBOUR = "neighbour", "邻居朋友"
    OTHER = "other", "其他"

    @property
    def is_parent(self) -> bool:
        return self in (Relation.FATHER, Relation.MOTHER)

    @property
    def is_grandparent(self) -> bool:
        return self.value.endswith(("grandfather", "grandmother"))


class LifeStatus(Choice):
    ALIVE = "alive", "在世"
    DEAD = "dead", "死亡"
    MISSING = "missing", "失踪（经宣告）"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class Incapacity(Choice):
    """Why a parent cannot act as guardian (无监护能力的原因)."""

    NONE = "none", "有监护能力"
    SERIOUS_ILLNESS = "serious_illness", "重病"
    SEVERE_DISABILITY = "severe_disability", "重残"
    IMPRISONED = "imprisoned", "服刑在押"
    COMPULSORY_REHAB = "compulsory_rehab", "强制隔离戒毒"
    RESTRICTED = "restricted", "被执行其他限制人身自由的措施"
    LOST_CONTACT = "lost_contact", "失联"
    GUARDIANSHIP_REVOKED = "guardianship_revoked", "被撤销监护资格"
    DEPORTED = "deported", "被遣送（驱逐）出境"
    OTHER = "other", "其他"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class DisabilityKind(Choice):
    VISUAL = "visual", "视力残疾"
    HEARING = "hearing", "听力残疾"
    SPEECH = "speech", "言语残疾"
    PHYSICAL = "physical", "肢体残疾"
    INTELLECTUAL = "intellectual", "智力残疾"
    MENTAL = "mental", "精神残疾"
    MULTIPLE = "multiple", "多重残疾"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class EntrustReason(Choice):
    """委托照料原因."""

    BOTH_AWAY = "both_away", "父母双方外出"
    ONE_AWAY_OTHER_INCAPABLE = "one_away_other_incapable", "父母一方外出另一方无监护能力"
    BOTH_INCAPABLE = "both_incapable", "父母双方无监护能力"
    NOT_APPLICABLE = "not_applicable", "不适用"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class EconomicSource(Choice):
    WAGES = "wages", "打工收入"
    FARMING = "farming", "种养殖业"
    GOVERNMENT = "government", "政府救助"
    RELATIVES = "relatives", "亲朋接济"
    OTHER = "other", "其他"


class GuardianshipLevel(Choice):
    """监护情况 (2016 登记表 注5)."""

    GOOD = "good", "较好"
    FAIR = "fair", "一般"
    POOR = "poor", "差"
    UNKNOWN = "unknown", UNKNOWN_LABEL


class RiskColour(Choice):
    """四色管理: 红 high risk, 黄 medium, 蓝 low, 绿 healthy."""

    RED = "red", "红"
    YELLOW = "yellow", "黄"
    BLUE = "blue", "蓝"
    GREEN = "green", "绿"

    @property
    def rank(self) -> int:
        """0 for 红 (highest risk) to 3 for 绿: the worklist's sort order."""
        return _COLOUR_RANK[self]


_COLOUR_RANK = {colour: rank for rank, colour in enumerate(RiskColour)}


class CategoryFamily(StrEnum):
    LEFT_BEHIND = "left_behind"
    DIFFICULTY = "difficulty"


class Category(Choice):
    """留守 and the 困境 sub-types; a child may hold several at once."""

    LEFT_BEHIND = "left_behind", "农村留守儿童"
    ORPHAN = "orphan", "孤儿"
    DE_FACTO_UNSUPPORTED = "de_facto_unsupported", "事实无人抚养儿童"
    SEVERE_DISABILITY = "severe_disability", "重残儿童"
    SERIOUS_ILLNESS = "serious_illness", "重病儿童"
    HIV_AFFECTED = "hiv_affected", "艾滋病病毒感染或受影响儿童"
    STREET = "street", "流浪儿童"
    PRISONER_CHILD = "prisoner_child", "服刑在押人员未成年子女"
    DRUG_FAMILY = "drug_family", "吸毒家庭子女"
    VIOLENCE_VICTIM = "violence_victim", "受暴力侵害儿童"
    POVERTY = "poverty", "低保、特困、低收入家庭儿童"
    GUARDIANSHIP_DEFICIT = "guardianship_deficit", "监护缺失或监护不当儿童"
    OTHER_DIFFICULTY = "other_difficulty", "其他困境儿童"

    @property
    def family(self) -> CategoryFamily:
        if self is Category.LEFT_BEHIND:
            return CategoryFamily.LEFT_BEHIND
        return CategoryFamily.DIFFICULTY

    @property
    def age_limit(self) -> int:
        """The child must be under this age (不满N周岁) to hold the category."""
        return 16 if self is Category.LEFT_BEHIND else 18

    @property
    def continues_in_school(self) -> bool:
        """Support continues past 18 while in full-time school (民发〔2019〕62号)."""
        return self in (Category.ORPHAN, Category.DE_FACTO_UNSUPPORTED)

    @property
    def sensitive(self) -> bool:
        """Never printed on public lists (no 公示 for these children): the label alone
        would expose the family (a parent in prison, drugs, HIV, violence, neglect)."""
        return self in (
            Category.DE_FACTO_UNSUPPORTED,
            Category.VIOLENCE_VICTIM,
            Category.HIV_AFFECTED,
            Category.DRUG_FAMILY,
            Category.PRISONER_CHILD,
            Category.GUARDIANSHIP_DEFICIT,
        )


class VisitMode(Choice):
    HOME = "home", "入户走访"
    PHONE = "phone", "电话"
    VIDEO = "video", "视频"
    SCHOOL = "school", "在校走访"
    OTHER = "other", "其他（儿童之家等）"


class AgreementState(Choice):
    DRAFT = "draft", "草稿"
    SIGNED = "signed", "已签订"
    SUPERSEDED = "superseded", "已续签替代"
    ENDED = "ended", "已终止"


class ExitReason(Choice):
    AGED_OUT = "aged_out", "年满退出"
    PARENT_RETURNED = "parent_returned", "父母返回"
    MOVED = "moved", "迁出转移"
    DEATH = "death", "死亡"
    NO_LONGER_ELIGIBLE = "no_longer_eligible", "不再符合条件"
    DUPLICATE = "duplicate", "重复建档（已合并）"  # merged into the file kept (issue 15)
    OTHER = "other", "其他"


class DuplicateOutcome(Choice):
    """What a supervisor decided about two files that looked like one child."""

    MERGED = "merged", "已合并"
    DISTINCT = "distinct", "不是同一人"


class EnrollmentEventKind(Choice):
    EXIT = "exit", "退出"
    REENTRY = "reentry", "重新纳入"


class ReviewKind(Choice):
    """What a director did that the township answers for (审核, issue 15)."""

    REGISTRATION = "registration", "新登记"
    CATEGORY_RECOGNISED = "category_recognised", "类别认定"
    CATEGORY_ENDED = "category_ended", "类别终止"
    EXIT = "exit", "退出"
    ASSESSMENT = "assessment", "评估为差或红色"
    AGREEMENT = "agreement", "协议签订（备案）"


class ReviewDecision(Choice):
    APPROVED = "approved", "通过"
    RETURNED = "returned", "退回"


class Situation(Choice):
    """Reportable situations: the nine of the 2020 nine-department opinion, then 留守 ones."""

    PRIVATE_PARTS_INJURY = "private_parts_injury", "生殖器官或隐私部位遭受或疑似遭受非正常损伤"
    SEXUAL_ABUSE_UNDER_14 = (
        "sexual_abuse_under_14",
        "不满十四周岁女性遭受或疑似遭受性侵害、怀孕、流产",
    )
    PREGNANCY_14_PLUS = "pregnancy_14_plus", "十四周岁以上女性遭受或疑似遭受性侵害所致怀孕、流产"
    VIOLENCE_SIGNS = (
        "violence_signs",
        "身体多处损伤、严重营养不良、意识不清，疑似受到家庭暴力、欺凌、虐待等",
    )
    ABNORMAL_INJURY = "abnormal_injury", "因自杀、自残、中毒、被殴打等非正常原因导致伤残、死亡"
    ABANDONED = "abandoned", "被遗弃或长期处于无人照料状态"
    MISSING_TRAFFICKED = "missing_trafficked", "来源不明、失踪或者被拐卖、收买"
    ORGANISED_BEGGING = "organised_begging", "被组织乞讨"
    OTHER_SERIOUS_HARM = "other_serious_harm", "其他严重侵害身心健康的情形或正在面临不法侵害危险"
    LIVING_ALONE = "living_alone", "脱离监护单独居住生活或失踪"
    GUARDIAN_UNABLE = "guardian_unable", "监护人丧失监护能力或不履行监护责任"
    DOMESTIC_VIOLENCE = "domestic_violence", "疑似遭受家庭暴力"
    ACCIDENT_OR_HARM = "accident_or_harm", "疑似遭受意外伤害或不法侵害"


class FollowupStage(Choice):
    # The township must be told (公安机关…通报乡镇人民政府): the escalation's first step.
    NOTIFIED = "notified", "通报乡镇"
    EMERGENCY = "emergency", "应急处置"
    ASSESSMENT = "assessment", "评估帮扶"
    INTERVENTION = "intervention", "监护干预"
    FEEDBACK = "feedback", "受理反馈"
    CLOSED = "closed", "结案"


class TransferState(Choice):
    """A transfer of a child to another village of the county (issue 15)."""

    REQUESTED = "requested", "待接收"
    ACCEPTED = "accepted", "已接收"
    REFUSED = "refused", "已拒绝"
    CANCELLED = "cancelled", "已撤回"


class WorkLogKind(Choice):
    """What a director's day of work was (工作日志, issue 18)."""

    MEETING = "meeting", "会议"
    TRAINING = "training", "培训"
    PHONE = "phone", "电话联系"
    CHILDREN_HOME = "children_home", "儿童之家活动"
    PUBLICITY = "publicity", "宣传"
    OTHER = "other", "其他"


class LeftBehindAdultKind(Choice):
    """三留守 beside the children (issue 18): who a director keeps a simple file of."""

    WOMAN = "woman", "留守妇女"
    ELDER = "elder", "留守老年人"


class AdultContactMode(Choice):
    """How a left-behind woman or elder was seen (走访)."""

    HOME = "home", "入户"
    PHONE = "phone", "电话"


class AdultExitReason(Choice):
    """Why a left-behind woman or elder left the roster."""

    FAMILY_BACK = "family_back", "家人返乡"
    JOINED_FAMILY = "joined_family", "随家人外出"
    MOVED = "moved", "迁出本村"
    DIED = "died", "去世"
    OTHER = "other", "其他"


class AssistanceKind(Choice):
    DIBAO = "dibao", "最低生活保障"
    TEKUN = "tekun", "特困供养"
    TEMPORARY = "temporary", "临时救助"
    MEDICAL = "medical", "医疗救助"
    HOUSING = "housing", "住房救助"
    DISABILITY_ALLOWANCE = "disability_allowance", "残疾人两项补贴"
    ORPHAN_ALLOWANCE = "orphan_allowance", "孤儿基本生活费"
    DE_FACTO_ALLOWANCE = "de_facto_allowance", "事实无人抚养儿童基本生活补贴"
    EDUCATION = "education", "教育资助"
    OTHER = "other", "其他"


class DropoutReason(Choice):
    """Why a child left school (辍学原因)."""

    DISLIKE = "dislike", "厌学"
    POVERTY = "poverty", "家庭经济困难"
    WORK = "work", "外出务工"
    ILLNESS = "illness", "疾病"
    OTHER = "other", "其他"


class DropoutState(Choice):
    OPEN = "open", "劝返中"
    RETURNED = "returned", "已返校"
    REPORTED = "reported", "已书面报告"


class PersuasionOutcome(Choice):
    """What a persuasion attempt (劝返) came to."""

    RETURNED = "returned", "已返校"
    NOT_RETURNED = "not_returned", "未返校"
    REFUSED = "refused", "拒绝"


class ProblemKind(Choice):
    """What a problem found on a visit or an assessment concerns (发现问题, issue 18)."""

    SCHOOL = "school", "就学"
    HEALTH = "health", "健康"
    GUARDIANSHIP = "guardianship", "监护"
    SAFETY = "safety", "安全"
    DOCUMENTS = "documents", "证件"
    BENEFITS = "benefits", "福利"
    OTHER = "other", "其他"


class ProblemState(Choice):
    OPEN = "open", "跟进中"
    CLOSED = "closed", "已解决"


class ClueSource(Choice):
    """Where a clue (线索) came from: the hotlines, the school, the village, the police."""

    HOTLINE_12355 = "hotline_12355", "12355青少年服务台"
    HOTLINE_12349 = "hotline_12349", "12349民政热线"
    SCHOOL = "school", "学校"
    NEIGHBOUR = "neighbour", "邻居/村民"
    POLICE = "police", "110/公安"
    OTHER = "other", "其他"


class ClueState(Choice):
    OPEN = "open", "待处理"
    HANDLED = "handled", "已处理"
    CLOSED = "closed", "已结案"


class ClueHandling(Choice):
    """What the director made of a clue."""

    REPORT = "report", "转为强制报告"
    VISIT = "visit", "安排走访"
    NOTE = "note", "记为备注"


class ClueOutcome(Choice):
    CONFIRMED = "confirmed", "核实属实"
    UNFOUNDED = "unfounded", "核实不属实"
    REFERRED = "referred", "转交其他部门"
    OTHER = "other", "其他"


class FamilyChange(Choice):
    """What the quarterly verification (季度核实) found changed in a child's family."""

    GUARDIAN = "guardian", "监护人变化"
    ECONOMY = "economy", "经济状况变化"
    HEALTH = "health", "健康变化"
    SCHOOLING = "schooling", "就学变化"
    NONE = "none", "无变化"


class BenefitsRight(Choice):
    """Whether the benefits a child in difficulty receives are still right (待遇是否仍然合适)."""

    YES = "yes", "待遇合适"
    NO = "no", "待遇需调整"


class HelperRole(Choice):
    """Who a helper paired with a child (结对帮扶人) is."""

    PARTY_MEMBER = "party_member", "党员"
    CADRE = "cadre", "干部"
    TEACHER = "teacher", "教师"
    VOLUNTEER = "volunteer", "志愿者"
    OTHER = "other", "其他"


class PairingContactMode(Choice):
    """How a paired helper kept in touch with the child."""

    HOME = "home", "入户"
    PHONE = "phone", "电话"
    VIDEO = "video", "视频"
    ACTIVITY = "activity", "活动"


class NoticeMode(Choice):
    """How the child's school was told (告知学校)."""

    IN_PERSON = "in_person", "当面"
    PHONE = "phone", "电话"
    WRITTEN = "written", "书面"


class NoticeContent(Choice):
    """What the school was told: the child's situation, the parents' work place and contact."""

    SITUATION = "situation", "儿童情况"
    PARENTS_WORK = "parents_work", "父母务工地点"
    PARENTS_CONTACT = "parents_contact", "父母联系方式"


# Words people use for a value besides its official label, per vocabulary (ledgers typed
# over the years use all of them).
ALIASES: dict[str, dict[str, str]] = {
    "Sex": {"男性": "male", "女性": "female", "男孩": "male", "女孩": "female"},
    "YesNo": {
        "有": "yes",
        "无": "no",
        "√": "yes",
        "✓": "yes",
        "×": "no",
        "寄宿": "yes",
        "寄宿生": "yes",
        "住校": "yes",
        "非寄宿": "no",
        "非寄宿生": "no",
        "走读": "no",
    },
    "HukouType": {
        "农村": "rural",
        "农业": "rural",
        "农业户口": "rural",
        "农村户口": "rural",
        "城镇": "urban",
        "城镇户口": "urban",
        "非农业户口": "urban",
        "非农业": "urban",
        "居民户口": "other",
        "无户口": "other",
    },
    "Health": {"良好": "healthy", "患病": "serious_illness", "体弱": "weak", "较弱": "weak"},
    "SchoolStage": {
        **dict.fromkeys(
            ("小学生", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级"), "primary"
        ),
        **dict.fromkeys(("初中生", "初一", "初二", "初三", "七年级", "八年级", "九年级"), "junior"),
        **dict.fromkeys(("高中生", "高一", "高二", "高三"), "senior"),
        **dict.fromkeys(("中专", "职高", "技校", "职业学校", "中等职业学校"), "vocational"),
        "在园": "kindergarten",
        "学前班": "kindergarten",
        "未入学": "not_in_kindergarten",
    },
    "Relation": {
        "爸爸": "father",
        "妈妈": "mother",
        "爷爷": "paternal_grandfather",
        "奶奶": "paternal_grandmother",
        "外公": "maternal_grandfather",
        "姥爷": "maternal_grandfather",
        "外婆": "maternal_grandmother",
        "姥姥": "maternal_grandmother",
        "祖孙": "other",
        **dict.fromkeys(("哥哥", "姐姐", "兄妹", "姐弟", "兄弟", "姐妹"), "sibling"),
        **dict.fromkeys(
            (
                "叔叔",
                "伯伯",
                "伯父",
                "伯母",
                "婶婶",
                "姑姑",
                "姑父",
                "舅舅",
                "舅妈",
                "姨妈",
                "姨父",
                "阿姨",
                "亲戚",
                "亲属",
                "叔侄",
                "姑侄",
                "舅甥",
            ),
            "relative",
        ),
        **dict.fromkeys(("邻居", "朋友", "邻里"), "neighbour"),
    },
    "EntrustReason": {
        "父母双方同时外出": "both_away",
        "父母双方外出务工": "both_away",
        "双方外出": "both_away",
        "父母均外出": "both_away",
        "父母一方外出、另一方无监护能力": "one_away_other_incapable",
        "一方外出另一方无监护能力": "one_away_other_incapable",
        "父母双方均无监护能力": "both_incapable",
    },
    "Category": {
        "留守儿童": "left_behind",
        "留守": "left_behind",
        "事实无人抚养": "de_facto_unsupported",
        "事实孤儿": "de_facto_unsupported",
        "重残": "severe_disability",
        "残疾儿童": "severe_disability",
        "重病": "serious_illness",
        "低保儿童": "poverty",
        "低保": "poverty",
        "特困": "poverty",
        "困难家庭儿童": "poverty",
        "流浪": "street",
        "服刑人员子女": "prisoner_child",
        "服刑在押人员子女": "prisoner_child",
        "困境儿童": "other_difficulty",
    },
    "GuardianshipLevel": {"好": "good", "较差": "poor"},
}
