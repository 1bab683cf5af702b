"""The registry of the records that sync: for each table, its fields and their rules.

This is the one place that knows the synced tables. The laptop's change capture, the
wire protocol, the county server's check of every pushed change, the laptop's check of
every pulled one, the exports and the sync page read it; nothing else lists tables.
A test holds the store's models to it (every column named here with the same type,
nullability and length).

A field's rules are the laptop's form rules (``services.fields`` builds its rules from
them): the type, whether it is required, its length, its vocabulary, whether a date may
lie in the future. ``ref`` names the table a field points to; ``fixed`` fields never
change after the record is made (its owner, its village); ``keep_first`` fields keep
their first value on a concurrent edit until someone reviews the conflict;
``readers`` is the permission a role needs to receive the field at all. A ``Group`` is
fields that change together (an agreement's state and its dates): an edit of any of
them is made over the whole group as last seen, so concurrent changes of a group merge
as one (the first kept, every other offered whole) and the record stays valid.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from enum import StrEnum

from . import vocab
from .roles import Permission
from .text import NAME_MAX, NOTE_MAX, SHORT_MAX


class Type(StrEnum):
    TEXT = "text"  # a string of at most max_len characters, no control characters
    NAME = "name"  # a person's name: text without markup
    CODE = "code"  # one code of a vocabulary
    CODES = "codes"  # a list of codes of a vocabulary
    TEXTS = "texts"  # a list of short texts
    DATE = "date"  # YYYY-MM-DD
    MOMENT = "moment"  # YYYY-MM-DD HH:MM:SS[.ffffff], local wall time
    INT = "int"
    BOOL = "bool"
    PHONE = "phone"
    DOCUMENT = "document"  # an identity document number (checked with the row's id_type)
    REF = "ref"  # the id of another record
    TABLE = "table"  # the name of a synced table
    SHA256 = "sha256"
    POLICY = "policy"  # a county's policy overrides (a JSON object)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: Type
    required: bool = False  # NOT NULL (and not blank, for text)
    max_len: int | None = None
    vocab: builtins.type[vocab.Choice] | None = None  # plain ``type`` is the field above
    past: bool = True  # a date or moment may not lie after today
    low: int | None = None
    high: int | None = None
    ref: str | None = None  # the table a REF points to ("*": the table named by ref_table)
    ref_table: str | None = None  # for ref "*": the field holding the table's name
    fixed: bool = False  # set when the record is made, never changed by sync
    keep_first: bool = False
    readers: Permission | None = None  # a role needs this to receive the field


@dataclass(frozen=True, slots=True)
class Group:
    """Fields that change together, led by a state: which of the others must be set or
    empty follows from the lead's value."""

    lead: str
    fields: tuple[str, ...]  # the lead first
    needs: tuple[tuple[str, tuple[str, ...]], ...] = ()  # lead value -> fields set then
    clears: tuple[tuple[str, tuple[str, ...]], ...] = ()  # lead value -> fields empty then

    def faults(self, values: dict[str, object]) -> list[str]:
        """The fields of a record's values that break the group's rule (none: valid)."""
        lead = values.get(self.lead)
        must = dict(self.needs).get(str(lead), ())
        empty = dict(self.clears).get(str(lead), ())
        return [f for f in must if values.get(f) in (None, "")] + [
            f for f in empty if values.get(f) not in (None, "")
        ]


@dataclass(frozen=True, slots=True)
class Entity:
    table: str
    label: str  # what the village calls such a record
    fields: tuple[Field, ...]
    owner: str | None = None  # the REF field naming the record this one belongs to
    insert_only: bool = False  # corrected by new records, never edited
    region_digits: int = 12  # the region a record is filed under: a village
    readers: Permission = Permission.READ  # a role needs this to receive the records
    writers: Permission = Permission.WRITE  # ... and this to make or change them
    export_key: str | None = None  # its key in a child's file in the JSON export
    amends: str | None = None  # the insert-only table whose records this one corrects
    groups: tuple[Group, ...] = ()
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)
    refs: tuple[Field, ...] = field(init=False, repr=False, compare=False)
    keep_first: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Worked out once: the server reads them for every operation it checks.
        named = {f.name: f for f in (*self.fields, *COMMON)}
        object.__setattr__(self, "by_name", named)
        object.__setattr__(self, "refs", tuple(f for f in self.fields if f.type is Type.REF))
        keep = frozenset(f.name for f in self.fields if f.keep_first)
        object.__setattr__(self, "keep_first", keep)

    def group_of(self, name: str) -> Group | None:
        """The group a field merges with, if any."""
        return next((g for g in self.groups if name in g.fields), None)

    def __getitem__(self, name: str) -> Field:
        return self.by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self.by_name


# The columns every synced table has besides its own: the id, the village, the tombstone.
ID, REGION, DELETED = "id", "region_code", "deleted"
COMMON = (Field(DELETED, Type.BOOL, required=True),)
# Columns that never travel as fields: the row's identity and the laptop's clock stamps.
NOT_FIELDS = frozenset({ID, REGION, "created_hlc", "updated_hlc"})
VOID = "void"  # an amendment that withdraws the record it corrects


def _text(name: str, max_len: int = SHORT_MAX, **kw: object) -> Field:
    return Field(name, Type.TEXT, max_len=max_len, **kw)  # type: ignore[arg-type]


def _note(name: str, **kw: object) -> Field:
    return Field(name, Type.TEXT, max_len=NOTE_MAX, **kw)  # type: ignore[arg-type]


def _name(name: str, *, required: bool = False, **kw: object) -> Field:
    return Field(name, Type.NAME, required=required, max_len=NAME_MAX, **kw)  # type: ignore[arg-type]


def _code(name: str, v: type[vocab.Choice], *, required: bool = True, **kw: object) -> Field:
    return Field(name, Type.CODE, required=required, vocab=v, **kw)  # type: ignore[arg-type]


def _day(name: str, *, required: bool = False, past: bool = True, **kw: object) -> Field:
    return Field(name, Type.DATE, required=required, past=past, **kw)  # type: ignore[arg-type]


def _ref(name: str, table: str, *, required: bool = False, fixed: bool = False) -> Field:
    return Field(name, Type.REF, required=required, max_len=36, ref=table, fixed=fixed)


def _owner(name: str, table: str) -> Field:
    return _ref(name, table, required=True, fixed=True)


def _grade(name: str) -> Field:
    return Field(name, Type.INT, low=1, high=4)


def _identity(*, keep_first: bool) -> tuple[Field, ...]:
    return (
        _code("id_type", vocab.IdType, keep_first=keep_first),
        Field("id_number", Type.DOCUMENT, max_len=30, keep_first=keep_first),
    )


CHILD = Entity(
    "child",
    "儿童",
    (
        _text("file_no", 40),
        _name("name", required=True),
        _code("sex", vocab.Sex, keep_first=True),
        _text("ethnicity", 20),
        _day("birth_date", keep_first=True),
        *_identity(keep_first=True),
        _code("hukou_registered", vocab.YesNo),
        _code("hukou_type", vocab.HukouType),
        _text("hukou_address"),
        _text("current_address"),
        Field("phone", Type.PHONE, max_len=40),
        _code("health", vocab.Health),
        _code("disability_kind", vocab.DisabilityKind, required=False),
        _grade("disability_grade"),
        _text("illness"),
        _code("school_stage", vocab.SchoolStage),
        _text("school_name", 100),
        _text("school_grade", 20),
        _code("boarding", vocab.YesNo),
        Field("economic_sources", Type.CODES, required=True, vocab=vocab.EconomicSource),
        _code("entrust_reason", vocab.EntrustReason),
        _code("has_carer", vocab.YesNo),
        _day("registered_on", required=True),
        _note("notes"),
    ),
)

FAMILY_MEMBER = Entity(
    "family_member",
    "家庭成员",
    (
        _owner("child_id", "child"),
        _code("relation", vocab.Relation),
        _name("name"),
        _day("birth_date"),
        _code("life", vocab.LifeStatus),
        *_identity(keep_first=False),
        Field("phone", Type.PHONE, max_len=40),
        _text("work_province", 20),
        _text("work_city", 30),
        _code("away_for_work", vocab.YesNo),
        _day("away_since"),
        _code("cross_county", vocab.YesNo),
        _code("incapacity", vocab.Incapacity),
        _day("incapacity_since"),
        _code("disability_kind", vocab.DisabilityKind, required=False),
        _grade("disability_grade"),
        _note("notes"),
    ),
    owner="child_id",
    export_key="family",
)

CARER = Entity(
    "carer",
    "照护人",
    (
        _owner("child_id", "child"),
        _name("name", required=True),
        *_identity(keep_first=False),
        Field("phone", Type.PHONE, max_len=40),
        _code("relation", vocab.Relation),
        _text("address"),
        _day("birth_date"),
        _code("health", vocab.Health),
        _code("lives_with_child", vocab.YesNo),
        _note("notes"),
    ),
    owner="child_id",
    export_key="carers",
)

CATEGORY_MEMBERSHIP = Entity(
    "category_membership",
    "类别认定",
    (
        _owner("child_id", "child"),
        _code("category", vocab.Category),
        _day("recognized_on"),
        _day("ended_on"),
        _text("end_reason"),
        _note("basis"),
    ),
    owner="child_id",
    export_key="categories",
)

ENROLLMENT_EVENT = Entity(
    "enrollment_event",
    "纳入与退出",
    (
        _owner("child_id", "child"),
        _code("kind", vocab.EnrollmentEventKind),
        _day("on_date", required=True),
        _code("reason", vocab.ExitReason, required=False),
        _note("note"),
    ),
    owner="child_id",
    insert_only=True,
    export_key="enrollment_events",
)

_SIGNATURE = ("signed_on", "signed_by_principal", "signed_by_carer", "witness")
_ENDING = ("ended_on", "end_reason")
# Signing and ending an agreement each set its state with their own dates; the two done
# at once on two laptops must not leave an agreement both signed and ended.
AGREEMENT_STATE = Group(
    "state",
    (
        "state",
        *_SIGNATURE,
        "filed_on",
        "remote_confirmation",
        "remote_note",
        "supersedes_id",
        *_ENDING,
    ),
    needs=(("signed", ("signed_on",)), ("superseded", ("signed_on",)), ("ended", ("ended_on",))),
    clears=(("draft", ("signed_on", *_ENDING)), ("signed", _ENDING), ("superseded", _ENDING)),
)

CARE_AGREEMENT = Entity(
    "care_agreement",
    "委托照护协议",
    (
        _owner("child_id", "child"),
        _ref("principal_id", "family_member"),
        _ref("carer_id", "carer"),
        _code("state", vocab.AgreementState, keep_first=True),
        _day("start_date", past=False),
        _day("end_date", past=False),
        _text("contact_frequency", 100),
        _text("fee", 100),
        _note("child_opinion"),
        _code("remote_confirmation", vocab.YesNo),
        _note("remote_note"),
        _day("signed_on"),
        _name("signed_by_principal"),
        _name("signed_by_carer"),
        _text("witness", 100),
        _day("filed_on"),
        _day("ended_on"),
        _text("end_reason"),
        _ref("supersedes_id", "care_agreement"),
        _ref("scan_attachment_id", "attachment"),
        _note("notes"),
    ),
    owner="child_id",
    export_key="agreements",
    groups=(AGREEMENT_STATE,),
)

ASSESSMENT = Entity(
    "assessment",
    "监护评估",
    (
        _owner("child_id", "child"),
        _day("assessed_on", required=True),
        _name("assessor"),
        _code("level", vocab.GuardianshipLevel),
        _code("colour", vocab.RiskColour),
        Field("score_guardianship", Type.INT, low=1, high=5),
        Field("score_health", Type.INT, low=1, high=5),
        Field("score_behaviour", Type.INT, low=1, high=5),
        _note("reason"),
    ),
    owner="child_id",
    insert_only=True,
    export_key="assessments",
)

VISIT = Entity(
    "visit",
    "走访记录",
    (
        _owner("child_id", "child"),
        _day("visited_on", required=True),
        _code("mode", vocab.VisitMode),
        _name("visitor"),
        _text("companions"),
        _code("met_child", vocab.YesNo),
        _code("carer_present", vocab.YesNo),
        _note("child_condition"),
        _note("findings"),
        _note("actions"),
        _note("notes"),
    ),
    owner="child_id",
    insert_only=True,
    export_key="visits",
)

VISIT_AMENDMENT = Entity(
    "visit_amendment",
    "走访更正",
    (
        _owner("visit_id", "visit"),
        _text("field", 40, required=True),
        _note("value"),
        _note("reason", required=True),
        _day("amended_on", required=True),
    ),
    owner="visit_id",
    insert_only=True,
    amends="visit",
)

INCIDENT = Entity(
    "incident",
    "强制报告",
    (
        _owner("child_id", "child"),
        Field("discovered_at", Type.MOMENT, required=True),
        _text("discovered_how", 100),
        Field("situations", Type.CODES, required=True, vocab=vocab.Situation),
        _note("description", required=True),
        _note("emergency_measures"),
        _text("reported_to", 100, required=True),
        Field("reported_at", Type.MOMENT, required=True),
        _text("report_method", 40),
        _text("receipt_no", 60),
        Field("also_notified", Type.TEXTS, required=True, max_len=100),
        # The reporter stays confidential (强制报告: 为报告人保密): on the laptop that filed
        # the report and, at most, with the county's administrators.
        _name("reporter_name", readers=Permission.SEE_REPORTER),
        Field("reporter_phone", Type.PHONE, max_len=40, readers=Permission.SEE_REPORTER),
        Field("confidential", Type.BOOL, required=True),
    ),
    owner="child_id",
    insert_only=True,
    readers=Permission.SEE_REPORTS,
    export_key="incidents",
)

INCIDENT_FOLLOWUP = Entity(
    "incident_followup",
    "报告跟进",
    (
        _owner("incident_id", "incident"),
        _code("stage", vocab.FollowupStage),
        _day("on_date", required=True),
        _note("action", required=True),
        _note("result"),
        _name("done_by"),
    ),
    owner="incident_id",
    insert_only=True,
    readers=Permission.SEE_REPORTS,
)

ASSISTANCE = Entity(
    "assistance",
    "救助帮扶",
    (
        _owner("child_id", "child"),
        _code("kind", vocab.AssistanceKind),
        _day("start_date"),
        _day("end_date", past=False),
        Field("amount_yuan", Type.INT, low=0, high=1_000_000),
        _text("period", 20),
        _text("provider", 100),
        _note("note"),
    ),
    owner="child_id",
    export_key="assistance",
)

ATTACHMENT = Entity(
    "attachment",
    "附件",
    (
        _owner("child_id", "child"),
        Field("owner_table", Type.TABLE, max_len=40),
        Field("owner_id", Type.REF, max_len=36, ref="*", ref_table="owner_table"),
        Field("sha256", Type.SHA256, required=True, max_len=64, fixed=True),
        _text("name", required=True),
        _text("mime", 100, required=True),
        Field("size", Type.INT, required=True, low=0, high=64 * 1024 * 1024),
        _text("kind", 20, required=True),
        _note("note"),
    ),
    owner="child_id",
)

# A supervisor's decision on a suspected duplicate (疑似重复, issue 15), filed with the
# file kept (merged) or the case's first file (distinct). ``other_id`` is not a reference:
# the other file may lie in a village the readers of this one do not receive.
DUPLICATE_DECISION = Entity(
    "duplicate_decision",
    "疑似重复的处理",
    (
        _owner("child_id", "child"),
        _text("case_id", 40, required=True, fixed=True),
        _text("other_id", 36, required=True, fixed=True),
        _code("outcome", vocab.DuplicateOutcome),
        _name("decided_by"),
        _day("decided_on", required=True),
    ),
    owner="child_id",
    insert_only=True,
    writers=Permission.MERGE_DUPLICATES,
)

# The township's answer to what a director did (审核): filed under the child's village so
# that the director's laptop receives it; only a reviewer (a supervisor) may make one. It
# answers the subject as it stood (the digest of the fields reviewed), so a record
# corrected after it was returned is waiting for review again.
REVIEW = Entity(
    "review",
    "审核",
    (
        _owner("child_id", "child"),
        Field("subject_table", Type.TABLE, required=True, max_len=40, fixed=True),
        Field(
            "subject_id",
            Type.REF,
            required=True,
            max_len=36,
            ref="*",
            ref_table="subject_table",
            fixed=True,
        ),
        _code("subject_kind", vocab.ReviewKind),
        Field("subject_digest", Type.SHA256, required=True, max_len=64),
        _code("decision", vocab.ReviewDecision),
        _note("comment"),
        _name("decided_by"),
        Field("decided_at", Type.MOMENT, required=True),
    ),
    owner="child_id",
    insert_only=True,
    writers=Permission.REVIEW,
)

# A move of a child to another village (issue 15), filed under the village it leaves and
# staying there as its history: ``child_id`` is no reference (the child leaves the village,
# the record stays). Asked for with REQUEST_TRANSFER; the server lets only ACCEPT_TRANSFER
# over both villages decide it, and moves the child's file when it applies the acceptance.
TRANSFER = Entity(
    "transfer",
    "转移",
    (
        _text("child_id", 36, required=True, fixed=True),
        _name("child_name"),
        _text("to_region", 12, required=True, fixed=True),
        _note("reason", required=True),
        _name("requested_by"),
        _day("requested_on", required=True),
        _code("state", vocab.TransferState),
        _name("decided_by"),
        _day("decided_on"),
        _note("decision_note"),
    ),
    writers=Permission.REQUEST_TRANSFER,
)

COUNTY_POLICY = Entity(
    "county_policy",
    "县级政策",
    (
        Field("body", Type.POLICY, required=True),
        Field("version", Type.INT, required=True, low=1, high=1_000_000),
        _day("effective_from", required=True, past=False),
    ),
    region_digits=6,
    writers=Permission.ADMINISTER,
)

# 辍学 (issue 18): a child who left school, and the director's attempts to bring the
# child back (劝返); when they fail, the written report (书面报告) to the township and the
# county's education bureau is printed and the dropout marked reported.
DROPOUT = Entity(
    "dropout",
    "辍学",
    (
        _owner("child_id", "child"),
        _text("school", 100),
        _text("grade", 20),
        _day("left_on", required=True),
        _code("reason", vocab.DropoutReason),
        _note("notes"),
        _code("state", vocab.DropoutState),
        _day("reported_on"),
    ),
    owner="child_id",
    export_key="dropouts",
)

PERSUASION = Entity(
    "persuasion",
    "劝返",
    (
        _owner("dropout_id", "dropout"),
        _day("on_date", required=True),
        _name("done_by"),
        _text("method", 100),
        _code("outcome", vocab.PersuasionOutcome),
        _note("note"),
    ),
    owner="dropout_id",
    insert_only=True,
)

# 工作日志 (issue 18): the director's work not tied to one child (a meeting, a training,
# the 儿童之家's activity), filed under the village. The children it concerns are linked by
# WORK_LOG_CHILD, one record a child: a reference the server checks like any other (the
# child on the server, in the log's own village), which a list of ids would not be.
WORK_LOG = Entity(
    "work_log",
    "工作日志",
    (
        _day("logged_on", required=True),
        _code("kind", vocab.WorkLogKind),
        _text("title", 100, required=True),
        _note("content"),
        _text("place", 100),
    ),
)

WORK_LOG_CHILD = Entity(
    "work_log_child",
    "工作日志涉及的儿童",
    (
        _owner("work_log_id", "work_log"),
        _ref("child_id", "child", required=True, fixed=True),
    ),
    owner="work_log_id",
)

# 发现问题和解决方案 (issue 18, seed 001): a problem found on a visit or an assessment,
# who acts on it by when, and its steps (PROBLEM_STEP, records of fact never edited)
# until it is closed with how it was solved. The visit or assessment it came from, if
# any, is named and never changes.
PROBLEM = Entity(
    "problem",
    "发现问题",
    (
        _owner("child_id", "child"),
        _code("kind", vocab.ProblemKind),
        _note("description", required=True),
        _day("found_on", required=True),
        _ref("visit_id", "visit", fixed=True),
        _ref("assessment_id", "assessment", fixed=True),
        _text("handled_by", 100),
        _day("target_on", required=True, past=False),
        _code("state", vocab.ProblemState),
        _day("closed_on"),
        _note("solution"),
    ),
    owner="child_id",
    export_key="problems",
    groups=(
        Group(
            "state",
            ("state", "closed_on", "solution"),
            needs=(("closed", ("closed_on", "solution")),),
            clears=(("open", ("closed_on", "solution")),),
        ),
    ),
)

PROBLEM_STEP = Entity(
    "problem_step",
    "问题跟进",
    (
        _owner("problem_id", "problem"),
        _day("on_date", required=True),
        _note("action", required=True),
        _text("result", 200),
    ),
    owner="problem_id",
    insert_only=True,
)

# 三留守 (issue 18): a left-behind woman or elder (留守妇女 / 留守老年人), filed under the
# village, kept only where the county's policy asks for it; never a child, never counted
# with them. The exit's date and reason change together.
_ADULT_EXIT = Group(
    "exit_reason",
    ("exit_reason", "exited_on"),
    needs=tuple((r.value, ("exited_on",)) for r in vocab.AdultExitReason),
)

LEFT_BEHIND_ADULT = Entity(
    "left_behind_adult",
    "留守妇女/老人",
    (
        _code("kind", vocab.LeftBehindAdultKind, fixed=True),
        _name("name", required=True),
        _code("sex", vocab.Sex, keep_first=True),
        _day("birth_date", keep_first=True),
        Field("id_number", Type.DOCUMENT, max_len=30, keep_first=True),
        _text("address"),
        _text("work_place", 100),
        _text("away_who", 100),
        _code("health", vocab.Health),
        Field("phone", Type.PHONE, max_len=40),
        _day("registered_on", required=True),
        _note("notes"),
        _day("exited_on"),
        _code("exit_reason", vocab.AdultExitReason, required=False),
    ),
    groups=(_ADULT_EXIT,),
)

LEFT_BEHIND_ADULT_VISIT = Entity(
    "left_behind_adult_visit",
    "留守妇女/老人走访",
    (
        _owner("person_id", "left_behind_adult"),
        _day("visited_on", required=True),
        _code("mode", vocab.AdultContactMode),
        _note("notes"),
    ),
    owner="person_id",
    insert_only=True,
)

# 四级分类服务 (issue 18): the director's service plan for a child (what is done, by whom,
# how often), written for the colour of the child's assessment from the county's default
# of that colour. A revision is a new plan: the latest is the current one, the others its
# history.
SERVICE_PLAN = Entity(
    "service_plan",
    "服务计划",
    (
        _owner("child_id", "child"),
        _code("colour", vocab.RiskColour),
        _note("measures", required=True),
        _text("responsible", 100, required=True),
        _text("frequency", 100, required=True),
        _day("written_on", required=True),
        _day("review_due", past=False),
    ),
    owner="child_id",
    insert_only=True,
    export_key="service_plans",
)

# 线索 (issue 18): what the 12355 and 12349 hotlines, the school, the neighbours or the
# police pass to the director. It may name a child on file (``child_id``) or only describe
# one (``about``); the director handles it (a mandatory report, a visit or a note, linked
# by ``incident_id`` / ``visit_id``) and closes it with its outcome. A clue can tell of
# harm to a child: only those who see the mandatory reports receive it.
_CLUE_HANDLING = ("handling", "incident_id", "visit_id", "handled_on", "handling_note")
_CLUE_CLOSING = ("outcome", "outcome_note", "closed_on")
CLUE_STATE = Group(
    "state",
    ("state", *_CLUE_HANDLING, *_CLUE_CLOSING),
    needs=(("handled", ("handling", "handled_on")), ("closed", ("outcome", "closed_on"))),
    clears=(("open", (*_CLUE_HANDLING, *_CLUE_CLOSING)), ("handled", _CLUE_CLOSING)),
)

CLUE = Entity(
    "clue",
    "线索",
    (
        _code("source", vocab.ClueSource),
        _text("source_detail", 100),
        Field("received_at", Type.MOMENT, required=True),
        _note("content", required=True),
        Field("safety", Type.BOOL, required=True),
        _ref("child_id", "child"),
        _text("about", 100),
        _code("state", vocab.ClueState),
        _code("handling", vocab.ClueHandling, required=False),
        _ref("incident_id", "incident"),
        _ref("visit_id", "visit"),
        _day("handled_on"),
        _note("handling_note"),
        _code("outcome", vocab.ClueOutcome, required=False),
        _note("outcome_note"),
        _day("closed_on"),
    ),
    readers=Permission.SEE_REPORTS,
    groups=(CLUE_STATE,),
)

# 季度核实 (issue 18): each quarter the director verifies the family of every child in
# difficulty (困境儿童) and reports to the township: what changed, whether the benefits are
# still right. One a child a quarter (the laptop refuses a second: the first is edited);
# the quarter is fixed with the record, its date must lie in it.
QUARTERLY_CHECK = Entity(
    "quarterly_check",
    "季度核实",
    (
        _owner("child_id", "child"),
        _text("quarter", 6, required=True, fixed=True),
        _day("checked_on", required=True),
        Field("changes", Type.CODES, required=True, vocab=vocab.FamilyChange),
        _note("change_note"),
        _code("benefits_ok", vocab.BenefitsRight),
        _note("benefits_note"),
        _name("checked_by", required=True),
    ),
    owner="child_id",
    export_key="quarterly_checks",
)

# 结对帮扶 (issue 18): a helper (a party member, a cadre, a teacher, a volunteer) paired
# with a child from ``since`` until the pairing ends, in touch at least monthly; each
# contact is a record of fact (PAIRING_CONTACT, never edited). SCHOOL_NOTICE is the record
# that the child's school was told of the child's situation and of the parents' work place
# and contact (seed 003: 告知村（居）民委员会和儿童就读学校).
PAIRING = Entity(
    "pairing",
    "结对帮扶",
    (
        _owner("child_id", "child"),
        _name("helper_name", required=True),
        _code("helper_role", vocab.HelperRole),
        Field("phone", Type.PHONE, max_len=40),
        _day("since", required=True),
        _day("until"),
        _text("end_reason"),
    ),
    owner="child_id",
    export_key="pairings",
)

PAIRING_CONTACT = Entity(
    "pairing_contact",
    "结对帮扶联系",
    (
        _owner("pairing_id", "pairing"),
        _day("contacted_on", required=True),
        _code("mode", vocab.PairingContactMode),
        _note("content"),
    ),
    owner="pairing_id",
    insert_only=True,
)

SCHOOL_NOTICE = Entity(
    "school_notice",
    "告知学校",
    (
        _owner("child_id", "child"),
        _text("school_name", 100, required=True),
        _day("told_on", required=True),
        _code("mode", vocab.NoticeMode),
        Field("contents", Type.CODES, required=True, vocab=vocab.NoticeContent),
        _name("told_whom"),
        _note("note"),
    ),
    owner="child_id",
    insert_only=True,
    export_key="school_notices",
)

# In the order a record's parents come before it.
ENTITIES: tuple[Entity, ...] = (
    CHILD,
    FAMILY_MEMBER,
    CARER,
    CATEGORY_MEMBERSHIP,
    ENROLLMENT_EVENT,
    CARE_AGREEMENT,
    ASSESSMENT,
    VISIT,
    VISIT_AMENDMENT,
    INCIDENT,
    INCIDENT_FOLLOWUP,
    ASSISTANCE,
    ATTACHMENT,
    DUPLICATE_DECISION,
    REVIEW,
    TRANSFER,
    COUNTY_POLICY,
    DROPOUT,
    PERSUASION,
    WORK_LOG,
    WORK_LOG_CHILD,
    PROBLEM,
    PROBLEM_STEP,
    LEFT_BEHIND_ADULT,
    LEFT_BEHIND_ADULT_VISIT,
    SERVICE_PLAN,
    CLUE,
    QUARTERLY_CHECK,
    PAIRING,
    PAIRING_CONTACT,
    SCHOOL_NOTICE,
)
BY_TABLE: dict[str, Entity] = {e.table: e for e in ENTITIES}


def amendable(e: Entity) -> frozenset[str]:
    """The fields of ``e`` an amendment may correct (not its owner, nor what is fixed)."""
    return frozenset(f.name for f in e.fields if not f.fixed and f.type is not Type.REF)


def entity(table: str) -> Entity | None:
    """The registry's entry for a table, or None for a table that does not sync."""
    return BY_TABLE.get(table)
