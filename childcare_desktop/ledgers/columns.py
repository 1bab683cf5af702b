"""What a ledger column means: its header (one to three rows, often merged) to a target field.

Real ledgers name the same column many ways (姓名 / 儿童姓名, 身份证号 / 公民身份号码 / 证件号码)
and group columns under merged headers (父亲 over 姓名 / 电话 / 务工地点). A column's header is
read as a *path* of labels, top to bottom ("家庭情况", "父亲", "姓名"); the party (the child, a
parent, a grandparent, the carer) comes from a group label or from a prefix of the last label
("父亲姓名"), and the field from the last label. Under a group such as 就学情况 the last label
may be one of the group's values (小学): a tick column, set when the cell holds √ or 是.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Party(StrEnum):
    CHILD = "child"
    FATHER = "father"
    MOTHER = "mother"
    PATERNAL_GRANDFATHER = "paternal_grandfather"
    PATERNAL_GRANDMOTHER = "paternal_grandmother"
    MATERNAL_GRANDFATHER = "maternal_grandfather"
    MATERNAL_GRANDMOTHER = "maternal_grandmother"
    CARER = "carer"

    @property
    def label(self) -> str:
        return PARTY_LABELS[self]

    @property
    def is_family(self) -> bool:
        return self not in (Party.CHILD, Party.CARER)


PARTY_LABELS = {
    Party.CHILD: "儿童",
    Party.FATHER: "父亲",
    Party.MOTHER: "母亲",
    Party.PATERNAL_GRANDFATHER: "祖父",
    Party.PATERNAL_GRANDMOTHER: "祖母",
    Party.MATERNAL_GRANDFATHER: "外祖父",
    Party.MATERNAL_GRANDMOTHER: "外祖母",
    Party.CARER: "受委托照护人",
}

# Words that name a party in a group label or as the prefix of a column label. Longest
# first, so 外祖父 is not read as 祖父 and 受委托监护人 not as 监护人.
PARTY_WORDS: dict[str, Party] = {
    word: party
    for party, words in {
        Party.FATHER: ("父亲", "爸爸"),
        Party.MOTHER: ("母亲", "妈妈"),
        Party.MATERNAL_GRANDFATHER: ("外祖父", "外公", "姥爷"),
        Party.MATERNAL_GRANDMOTHER: ("外祖母", "外婆", "姥姥"),
        Party.PATERNAL_GRANDFATHER: ("祖父", "爷爷"),
        Party.PATERNAL_GRANDMOTHER: ("祖母", "奶奶"),
        Party.CARER: (
            "受委托监护人",
            "委托监护人",
            "受委托照护人",
            "委托照护人",
            "受委托照料人",
            "委托照料人",
            "实际监护人",
            "监护人",
            "照护人",
            "照料人",
            "看护人",
        ),
        Party.CHILD: ("留守儿童", "困境儿童", "儿童", "学生"),
    }.items()
    for word in words
}
_PARTY_ORDER = sorted(PARTY_WORDS, key=len, reverse=True)


class Kind(StrEnum):
    """How a column's cells are read (ledgers.values has one reader per kind)."""

    TEXT = "text"
    NAME = "name"
    DATE = "date"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    CHOICE = "choice"  # one value of a vocabulary (性别, 户籍性质, 就学情况 ...)
    CHOICES = "choices"  # several values in one cell (家庭经济来源, 儿童类别)
    YES_NO = "yes_no"
    DISABILITY = "disability"  # 残疾类别及等级: "肢体三级"
    WORK_PLACE = "work_place"  # 务工地点: province and city in one cell
    TICK = "tick"  # a √ column that sets ``field`` to ``tick``
    REGION = "region"  # the child's village code (a township's store files by it)


@dataclass(frozen=True, slots=True)
class Field:
    """A field a column can fill: ``party`` and the store field (or a pseudo field)."""

    party: Party
    name: str
    label: str  # the header exports write, and the wizard shows
    kind: Kind
    synonyms: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.party}.{self.name}"


@dataclass(frozen=True, slots=True)
class Target:
    """Where one column goes: a field, and for a tick column the value a tick sets."""

    field: Field
    tick: str | None = None

    @property
    def key(self) -> str:
        return self.field.key if self.tick is None else f"{self.field.key}={self.tick}"

    @property
    def label(self) -> str:
        prefix = "" if self.field.party is Party.CHILD else self.field.party.label
        leaf = self.field.label if self.tick is None else f"{self.field.label}：{self.tick}"
        return prefix + leaf


def _f(party: Party, name: str, label: str, kind: Kind, *synonyms: str) -> Field:
    return Field(party, name, label, kind, (label, *synonyms))


_ID_WORDS = (
    "身份证号",
    "身份证号码",
    "公民身份号码",
    "公民身份证号码",
    "身份证",
    "证件号码",
    "证件号",
)
_PHONE_WORDS = ("联系电话", "电话号码", "手机", "手机号", "手机号码", "联系方式", "电话")
_BIRTH_WORDS = ("出生年月", "出生年月日", "生日", "出生时间")

CHILD_FIELDS = (
    _f(Party.CHILD, "file_no", "档案编号", Kind.TEXT, "档案号", "儿童编号"),
    _f(Party.CHILD, "name", "姓名", Kind.NAME, "儿童姓名", "名字", "学生姓名", "留守儿童姓名"),
    _f(Party.CHILD, "sex", "性别", Kind.CHOICE),
    _f(Party.CHILD, "ethnicity", "民族", Kind.TEXT),
    _f(Party.CHILD, "birth_date", "出生日期", Kind.DATE, *_BIRTH_WORDS),
    _f(Party.CHILD, "id_number", "公民身份号码", Kind.ID_NUMBER, *_ID_WORDS),
    _f(Party.CHILD, "hukou_registered", "是否登记户口", Kind.YES_NO, "是否有户口", "户口登记"),
    _f(Party.CHILD, "hukou_type", "户籍性质", Kind.CHOICE, "户口性质", "户口类型"),
    _f(Party.CHILD, "hukou_address", "户籍所在地", Kind.TEXT, "户籍地址", "户籍地", "户口所在地"),
    _f(
        Party.CHILD,
        "current_address",
        "现居住地址",
        Kind.TEXT,
        "现居住地",
        "现住址",
        "居住地址",
        "家庭住址",
        "住址",
        "家庭地址",
        "详细地址",
    ),
    _f(Party.CHILD, "phone", "联系电话", Kind.PHONE, *_PHONE_WORDS, "家庭电话"),
    _f(Party.CHILD, "health", "健康状况", Kind.CHOICE, "身体情况", "身体状况", "健康情况"),
    _f(Party.CHILD, "disability", "残疾类别及等级", Kind.DISABILITY, "残疾类别", "残疾类型"),
    _f(Party.CHILD, "illness", "患病类型", Kind.TEXT, "疾病名称", "所患疾病", "患病情况"),
    _f(Party.CHILD, "school_stage", "就学情况", Kind.CHOICE, "就读情况", "学段", "在校情况"),
    _f(Party.CHILD, "school_name", "就读学校", Kind.TEXT, "学校", "学校名称", "所在学校"),
    _f(Party.CHILD, "school_grade", "年级", Kind.TEXT, "就读年级", "班级", "年级班级"),
    _f(Party.CHILD, "boarding", "是否寄宿", Kind.YES_NO, "是否学校寄宿", "寄宿情况", "是否住校"),
    _f(Party.CHILD, "economic_sources", "家庭经济来源", Kind.CHOICES, "经济来源"),
    _f(
        Party.CHILD,
        "entrust_reason",
        "委托照料原因",
        Kind.CHOICE,
        "留守原因",
        "委托照护原因",
        "委托监护原因",
    ),
    _f(
        Party.CHILD,
        "has_carer",
        "有无委托照护人",
        Kind.YES_NO,
        "父母外出有无委托其他监护人",
        "有无委托监护人",
        "有无委托照料人",
        "是否委托照护",
    ),
    _f(
        Party.CHILD,
        "categories",
        "儿童类别",
        Kind.CHOICES,
        "类别",
        "儿童类型",
        "困境类别",
        "困境类型",
        "困境儿童类别",
    ),
    # 所在村 as the roster export writes it for a township (the code): a director's store
    # files every row under its own village and leaves the column aside.
    _f(
        Party.CHILD,
        "region_code",
        "村级区划代码",
        Kind.REGION,
        "区划代码",
        "村区划代码",
        "村居区划代码",
        "所在村区划代码",
        "所在村",
        "所在村居",
        "村居",
    ),
    _f(Party.CHILD, "registered_on", "上报日期", Kind.DATE, "登记日期", "建档日期", "录入日期"),
    _f(Party.CHILD, "notes", "备注", Kind.TEXT, "其他情况", "说明", "其他"),
)


def _adult_fields(party: Party) -> tuple[Field, ...]:
    fields = [
        _f(party, "name", "姓名", Kind.NAME, "名字"),
        _f(party, "birth_date", "出生日期", Kind.DATE, *_BIRTH_WORDS),
    ]
    if party in (Party.FATHER, Party.MOTHER, Party.CARER):
        fields += [
            _f(party, "id_number", "公民身份号码", Kind.ID_NUMBER, *_ID_WORDS),
            _f(party, "phone", "联系电话", Kind.PHONE, *_PHONE_WORDS),
        ]
    if party in (Party.FATHER, Party.MOTHER):
        fields += [
            _f(
                party,
                "work_place",
                "务工地点",
                Kind.WORK_PLACE,
                "当前务工地点",
                "外出务工地点",
                "务工地",
                "打工地点",
                "工作地点",
                "外出地点",
            ),
            _f(party, "away_since", "外出时间", Kind.DATE, "外出务工时间", "外出日期"),
        ]
    if party is Party.CARER:
        fields += [
            _f(
                party,
                "relation",
                "与儿童关系",
                Kind.CHOICE,
                "与被监护人关系",
                "与儿童的关系",
                "与被照护人关系",
                "关系",
            ),
            _f(
                party,
                "address",
                "住址",
                Kind.TEXT,
                "居住地址",
                "居住地",
                "居住地地址",
                "家庭住址",
                "现住址",
            ),
            _f(party, "health", "健康状况", Kind.CHOICE, "身体状况", "身体情况"),
        ]
    return tuple(fields)


FIELDS: tuple[Field, ...] = CHILD_FIELDS + tuple(
    field for party in Party if party is not Party.CHILD for field in _adult_fields(party)
)
BY_KEY = {field.key: field for field in FIELDS}

# Columns that are recognised and deliberately left out (the report says why).
IGNORED = {
    "序号": "序号",
    "年龄": "由出生日期计算",
    "周岁": "由出生日期计算",
    "实际年龄": "由出生日期计算",
}

# The ledger words for the 2016 登记表's "是/否" columns under 实际监护情况 that set the
# 委托照料原因 when answered 是.
REASON_COLUMNS = {
    "父母双方同时外出": "both_away",
    "父母双方外出": "both_away",
    "父母一方外出另一方无监护能力": "one_away_other_incapable",
    "父母双方无监护能力": "both_incapable",
}

_BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_NOISE = re.compile(r"[\s*＊:：、，,。.·•/\\|]+")


def normalise_label(text: object) -> str:
    """A header label reduced for matching: no spaces, brackets, colons or asterisks."""
    folded = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return _NOISE.sub("", _BRACKETS.sub("", folded))


# Words that begin like a party but name several people (祖父母: both grandparents).
_NOT_ONE_PERSON = ("祖父母", "外祖父母", "父母")


def split_party(label: str) -> tuple[Party | None, str]:
    """``"父亲姓名"`` -> (FATHER, "姓名"); ``"监护人"`` -> (CARER, ""); ``"性别"`` -> (None, "性别")."""
    if label.startswith(_NOT_ONE_PERSON):
        return None, label
    for word in _PARTY_ORDER:
        if label.startswith(word):
            rest = label[len(word) :]
            rest = rest[1:] if rest.startswith("的") else rest
            return PARTY_WORDS[word], rest
    return None, label


def match(path: Sequence[object]) -> Target | None:
    """The target of a column whose header labels are ``path`` (top to bottom), or None."""
    labels = [lab for lab in (normalise_label(p) for p in path) if lab]
    if not labels:
        return None
    leaf, groups = labels[-1], labels[:-1]
    reason = REASON_COLUMNS.get(leaf)
    if reason:
        return Target(BY_KEY["child.entrust_reason"], tick=reason)
    prefix, rest = split_party(leaf)
    if not rest:  # a column headed by a party alone (父亲, 监护人) holds that person's name
        if groups and (_field(Party.CHILD, groups[-1]) or "能力" in groups[-1]):
            return None  # 无监护能力 > 父亲 is a tick, not a name
        return Target(BY_KEY[f"{prefix}.name"]) if prefix is not Party.CHILD else None
    tick = _tick(groups, rest)
    if tick is not None and (prefix is None or prefix is Party.CHILD):
        return tick  # under 就学情况, "其他" is a value to tick, not the notes
    if prefix is not None and prefix is not Party.CHILD:
        parties = [prefix]
    else:  # the nearest group that names a party, then the child, then the carer
        parties = [*_group_parties(groups), Party.CHILD, Party.CARER]
    for party in parties:
        field = _field(party, rest)
        if field is not None:
            return Target(field)
    return None


# Group labels that put the columns under them on the carer (the 2016 登记表 puts the
# carer's name, phone and ID number under 实际监护情况 without naming the carer again).
GROUP_PARTIES = {
    "实际监护情况": Party.CARER,
    "委托监护情况": Party.CARER,
    "委托照护情况": Party.CARER,
}


def _group_parties(groups: Sequence[str]) -> list[Party]:
    found = []
    for label in reversed(groups):  # the nearest group decides (家庭情况 > 父亲 > 姓名)
        party = GROUP_PARTIES.get(label) or split_party(label)[0]
        if party is not None and party not in found:
            found.append(party)
    return found[:1]


def _field(party: Party, label: str) -> Field | None:
    for field in FIELDS:
        if field.party is party and label in field.synonyms:
            return field
    return None


def _tick(groups: Sequence[str], value: str) -> Target | None:
    """A column under a group that names a choice field, headed by one of its values."""
    for group in reversed(groups):
        field = _field(Party.CHILD, group)
        if field is not None and field.kind in (Kind.CHOICE, Kind.CHOICES):
            return Target(field, tick=value)
    return None


def ignored_reason(path: Sequence[object]) -> str | None:
    labels = [lab for lab in (normalise_label(p) for p in path) if lab]
    return IGNORED.get(labels[-1]) if labels else None


def target_for_key(key: str) -> Target:
    """A target from its key ("father.phone", "child.school_stage=primary"); KeyError if unknown."""
    base, _, tick = key.partition("=")
    return Target(BY_KEY[base], tick=tick or None)
