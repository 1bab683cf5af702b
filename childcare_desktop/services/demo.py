"""A realistic, synthetic village for demonstrations, training and tests.

Everything here is invented. Identity numbers use the county code 349901, which does not
exist, so no generated number can be a real person's; names are drawn from common
characters; phone numbers are random. The same seed and date give the same village.
Every record goes through the use cases, so the demo obeys every rule a user meets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..core.dates import add_months, reaches_age_on
from ..core.identity import check_digit
from ..core.policy import DEFAULT_POLICY
from ..core.vocab import AgreementState, Category, GuardianshipLevel, RiskColour, SchoolStage
from ..storage import settings
from . import (
    agreements,
    assessments,
    assistance,
    categories,
    enrollment,
    incidents,
    service_plans,
    visits,
)
from .children import register_child
from .demo_duties import add_duties
from .demo_family import (
    NO_PARENT,
    Families,
    Household,
    child_health,
    economic_sources,
    entrust_reason,
)
from .demo_pairing import add_pairing_work
from .demo_quarterly import add_checks

COUNTY, TOWNSHIP, VILLAGE = "349901", "349901101", "349901101201"
PLACE = {"county": "示范县", "township": "青石镇", "village": "柳溪村"}
DIRECTOR = "周丽华"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾田肖潘袁蒋"
BOYS = "浩宇轩子涵俊杰博文晨阳明辉志强鹏飞天佑嘉豪一鸣思远"
GIRLS = "欣怡梓涵雨桐诗琪佳怡紫萱梦瑶思雨可馨婉清晓萌雅静"
SCHOOLS = {
    SchoolStage.KINDERGARTEN: "柳溪村幼儿园",
    SchoolStage.PRIMARY: "青石镇中心小学",
    SchoolStage.JUNIOR: "青石镇初级中学",
    SchoolStage.SENIOR: "示范县第一中学",
    SchoolStage.VOCATIONAL: "示范县职业技术学校",
}
GRADES = "一二三四五六"
DIFFICULTY = [
    Category.POVERTY,
    Category.POVERTY,
    Category.SEVERE_DISABILITY,
    Category.SERIOUS_ILLNESS,
    Category.ORPHAN,
    Category.DE_FACTO_UNSUPPORTED,
    Category.PRISONER_CHILD,
    Category.GUARDIANSHIP_DEFICIT,
]
COLOURS = [
    (RiskColour.GREEN, GuardianshipLevel.GOOD, 45),
    (RiskColour.BLUE, GuardianshipLevel.FAIR, 30),
    (RiskColour.YELLOW, GuardianshipLevel.FAIR, 17),
    (RiskColour.RED, GuardianshipLevel.POOR, 8),
]


@dataclass
class DemoSummary:
    children: int
    visits: int
    reports: int
    exited: int


def build_demo_village(
    session: Session,
    *,
    children: int = 60,
    seed: int = 1,
    as_of: date | None = None,
    mark_demo: bool = True,
) -> DemoSummary:
    """Fill an empty store with ``children`` invented children and a year of work.

    The store is marked demo (a banner, never enrolled, never idle-locked) unless
    ``mark_demo`` is False: tests and benches that sync a village of synthetic children
    take it as a real one.
    """
    as_of = as_of or date.today()
    rng = random.Random(seed)
    for setting, value in (
        (settings.HOME_REGION, VILLAGE),
        (settings.VILLAGE_NAME, PLACE["village"]),
        (settings.TOWNSHIP_NAME, PLACE["township"]),
        (settings.COUNTY_NAME, PLACE["county"]),
        (settings.DIRECTOR_NAME, DIRECTOR),
        (settings.DEMO, mark_demo),
    ):
        settings.write(session, setting, value)
    builder = _Village(session, rng, as_of)
    for index in range(children):
        builder.add_child(index, children)
    add_duties(session, as_of, COUNTY, switch_on=mark_demo)
    return DemoSummary(children, builder.visits, builder.reports, builder.exited)


class _Village:
    def __init__(self, session: Session, rng: random.Random, as_of: date) -> None:
        self.s, self.rng, self.as_of = session, rng, as_of
        self.used_ids: set[str] = set()
        self.families = Families(session, rng, self._id)
        self.visits = self.reports = self.exited = 0

    def add_child(self, index: int, total: int) -> None:
        rng, as_of = self.rng, self.as_of
        newcomer = index >= total - 2  # the last two arrived this week: no visit yet
        male = rng.random() < 0.52
        age_days = rng.randint(2 * 365, 17 * 365 + 200)
        birth = as_of - timedelta(days=age_days)
        registered = (
            as_of - timedelta(days=rng.randint(0, 3))
            if newcomer
            else max(birth + timedelta(days=400), as_of - timedelta(days=rng.randint(200, 700)))
        )
        cats = self._categories(birth, registered)
        child = self._register(male, birth, registered, cats)
        home = self.families.add(child.id, child.name[0], birth, registered, cats)
        # A child who leaves is seen, assessed and reported on only until the day before.
        leaves_on = (
            as_of - timedelta(days=rng.randint(5, 40)) if index % 15 == 7 and not newcomer else None
        )
        until = leaves_on - timedelta(days=1) if leaves_on else as_of
        if home.principal_id and not newcomer:
            self._agreement(child.id, home, registered, until)
        for category in cats:
            self._assistance(child.id, category, registered)
        if newcomer:
            return
        colour, _level = self._assess(child.id, registered, cats, until)
        quiet_since = until - timedelta(days=rng.randint(35, 80)) if rng.random() < 0.15 else until
        self._visits(child.id, registered, colour, quiet_since)
        if colour is RiskColour.RED and self.reports < 3:
            self._report(child.id, registered, until)
        add_pairing_work(self.s, index, child, cats, until)
        self._close_aged_out(child.id, birth, leaves_on)
        seed = f"{index}-{child.name}-{birth}"  # not the village's generator: it stays as it was
        add_checks(self.s, child.id, (registered, until, self.as_of), DIRECTOR, seed)
        if leaves_on:
            self._exit(child.id, cats, home, leaves_on)

    def _register(self, male: bool, birth: date, registered: date, cats: list[Category]) -> Any:
        rng, stage = self.rng, _school_stage(birth, self.as_of, self.rng)
        reason = entrust_reason(cats)
        return register_child(
            self.s,
            name=self._name(male),
            id_number=self._id(birth, male),
            ethnicity=rng.choice(["汉族"] * 9 + ["土家族", "苗族", None]),
            hukou_registered="yes",
            # 留守 is defined for rural 户籍 (the policy): a 留守 child's is always known.
            hukou_type="rural"
            if Category.LEFT_BEHIND in cats
            else rng.choice(["rural"] * 9 + ["unknown"]),
            hukou_address=f"{PLACE['county']}{PLACE['township']}{PLACE['village']}{rng.randint(1, 9)}组",
            current_address=f"{PLACE['village']}{rng.randint(1, 9)}组{rng.randint(1, 60)}号",
            **child_health(cats, rng),
            school_stage=stage,
            school_name=SCHOOLS.get(stage),
            school_grade=_grade(stage, birth, self.as_of),
            boarding=rng.choice(["no", "no", "yes"]) if stage in SCHOOLS else "unknown",
            economic_sources=economic_sources(cats, rng),
            entrust_reason=reason,
            has_carer="no" if reason == "not_applicable" else "yes",
            registered_on=registered,
            categories=cats,
            recognized_on=registered,
        )

    def _name(self, male: bool) -> str:
        pool = BOYS if male else GIRLS
        given = "".join(self.rng.sample(pool, self.rng.choice([1, 2, 2])))
        return self.rng.choice(SURNAMES) + given

    def _id(self, birth: date, male: bool) -> str:
        while True:
            seq = self.rng.randrange(101 if male else 100, 999, 2)
            first17 = f"{COUNTY}{birth:%Y%m%d}{seq:03d}"
            number = first17 + check_digit(first17)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _categories(self, birth: date, registered: date) -> list[Category]:
        under16 = registered < reaches_age_on(birth, 16)
        cats = [Category.LEFT_BEHIND] if under16 and self.rng.random() < 0.75 else []
        if not cats or self.rng.random() < 0.15:
            # A 留守 child's parents are away for work: never an orphan or 事实无人抚养.
            pool = [c for c in DIFFICULTY if not (cats and c in NO_PARENT)]
            cats.append(self.rng.choice(pool))
        return cats

    def _agreement(self, child_id: str, home: Household, registered: date, until: date) -> None:
        carer_id, parent, carer, parent_id = (
            home.carer_id,
            home.principal_name or "",
            home.carer_name or "",
            home.principal_id,
        )
        rng = self.rng
        roll = rng.random()
        if roll < 0.05:
            return  # no agreement on file yet: the worklist asks for one
        start = registered + timedelta(days=rng.randint(0, 20))
        if start > self.as_of:
            start = self.as_of
        months = rng.choice([12, 12, 24])
        end = add_months(start, months) - timedelta(days=1)
        if roll < 0.15:  # one that runs out within the month
            end = self.as_of + timedelta(days=rng.randint(3, 28))
        draft = agreements.draft_agreement(
            self.s,
            child_id=child_id,
            carer_id=carer_id,
            principal_id=parent_id,
            start_date=start,
            end_date=end,
            fee=rng.choice(["无偿", "无偿", "每月300元"]),
        )
        if 0.15 <= roll < 0.20:
            return  # drafted, not yet signed
        self._sign(draft.id, start, parent, carer)
        while end < until and rng.random() < 0.8:  # renewed when it ran out
            start, end = end + timedelta(days=1), add_months(end, 12)
            renewal = agreements.draft_agreement(
                self.s,
                child_id=child_id,
                carer_id=carer_id,
                principal_id=parent_id,
                start_date=start,
                end_date=end,
                fee="无偿",
            )
            self._sign(renewal.id, min(start, self.as_of), parent, carer)

    def _sign(self, agreement_id: str, on: date, parent: str, carer: str) -> None:
        agreements.sign_agreement(
            self.s,
            agreement_id=agreement_id,
            signed_on=on,
            signed_by_principal=parent,
            signed_by_carer=carer,
            witness=f"{PLACE['village']}村民委员会",
            filed_on=on,
        )

    def _assistance(self, child_id: str, category: Category, registered: date) -> None:
        kind = {
            Category.POVERTY: "dibao",
            Category.SEVERE_DISABILITY: "disability_allowance",
            Category.ORPHAN: "orphan_allowance",
            Category.DE_FACTO_UNSUPPORTED: "de_facto_allowance",
            Category.SERIOUS_ILLNESS: "medical",
        }.get(category)
        if kind:
            amount = {"orphan_allowance": 1174, "de_facto_allowance": 1174}.get(kind, 400)
            assistance.record_assistance(
                self.s,
                child_id=child_id,
                kind=kind,
                start_date=registered,
                amount_yuan=amount,
                period="月",
                provider="示范县民政局",
            )

    def _assess(
        self, child_id: str, registered: date, cats: list[Category], until: date
    ) -> tuple[RiskColour, GuardianshipLevel]:
        # 监护缺失或监护不当 is a finding about guardianship: never assessed 较好.
        choices = [
            c
            for c in COLOURS
            if Category.GUARDIANSHIP_DEFICIT not in cats or c[1] is not GuardianshipLevel.GOOD
        ]
        colour, level, _ = self.rng.choices(choices, weights=[w for *_, w in choices])[0]
        on = min(registered + timedelta(days=self.rng.randint(1, 10)), until)
        while True:
            assessments.assess_guardianship(
                self.s,
                child_id=child_id,
                assessed_on=on,
                level=level,
                colour=colour,
                assessor=DIRECTOR,
            )
            self._plan(child_id, colour, on)
            on += timedelta(days=self.rng.randint(160, 200))
            if on > until:
                return colour, level

    def _plan(self, child_id: str, colour: RiskColour, on: date) -> None:
        """The service plan written on the day of the assessment, from the default; about
        one assessment in five is not yet followed by one (no draw: the demo's children
        stay the same)."""
        if colour is RiskColour.GREEN or on.toordinal() % 5 == 0:
            return
        default = DEFAULT_POLICY.service_plans[colour]
        service_plans.write_plan(
            self.s,
            child_id=child_id,
            colour=colour,
            measures=default.measures_text,
            responsible=default.responsible,
            frequency=default.frequency,
            written_on=on,
            review_due=DEFAULT_POLICY.assessment_interval.after(on),
        )

    def _visits(self, child_id: str, registered: date, colour: RiskColour, quiet: date) -> None:
        rhythm = DEFAULT_POLICY.rhythm[colour]
        start = max(
            registered + timedelta(days=self.rng.randint(1, 5)), self.as_of - timedelta(days=365)
        )
        day, home_due = start, start
        notes = [
            "生活正常，学习稳定。",
            "祖辈照护尚可，叮嘱防溺水。",
            "情绪低落，已与父母视频沟通。",
            "按时上学，无异常。",
        ]
        while day <= min(quiet, self.as_of):
            mode = "home" if day >= home_due else self.rng.choice(["phone", "video"])
            visits.log_visit(
                self.s,
                child_id=child_id,
                visited_on=day,
                mode=mode,
                visitor=DIRECTOR,
                met_child="yes",
                carer_present="yes",
                findings=self.rng.choice(notes),
            )
            self.visits += 1
            if mode == "home":
                home_due = rhythm.home_visit.after(day)
            day = rhythm.contact.after(day) + timedelta(days=self.rng.randint(-2, 2))

    def _report(self, child_id: str, registered: date, until: date) -> None:
        day = max(registered, min(until, self.as_of - timedelta(days=90)))
        found = datetime.combine(day, time(9, 30))
        report = incidents.file_report(
            self.s,
            child_id=child_id,
            discovered_at=found,
            situations=["living_alone"],
            description="走访发现儿童独自在家居住多日，无人照料。",
            reported_to="青石镇派出所",
            reported_at=found + timedelta(minutes=40),
            report_method="电话",
            receipt_no=f"QS{found:%Y%m%d}{self.reports + 1:02d}",
            also_notified=["青石镇民政办"],
            reporter_name=DIRECTOR,
        )
        self._followups(report.id, found.date(), until)
        self.reports += 1

    def _followups(self, report_id: str, day: date, until: date) -> None:
        """The township told and 应急处置 the same day, 评估帮扶 within the week; the
        village's first report still waits for its 监护干预 (late on the worklist), the
        others are closed."""
        steps = [
            ("notified", 0, "电话通报镇政府和镇民政办"),
            ("emergency", 0, "联系亲属临时照料"),
            ("assessment", 5, "镇村联合入户评估，安排监护指导"),
        ]
        if self.reports:
            steps += [("feedback", 10, "派出所反馈受理结果"), ("closed", 30, "父母一方返乡照料")]
        for stage, after, action in steps:
            on = day + timedelta(days=after)
            if on > min(until, self.as_of):
                return
            incidents.add_followup(
                self.s,
                incident_id=report_id,
                stage=stage,
                on_date=on,
                action=action,
                done_by=DIRECTOR,
            )

    def _close_aged_out(self, child_id: str, birth: date, leaves_on: date | None) -> None:
        """Most directors close 留守 on the 16th birthday; some are still on the worklist
        (as 即将/已经超龄, to be closed), as on a real roster."""
        ends = reaches_age_on(birth, 16)
        if ends > self.as_of or (leaves_on and ends > leaves_on) or self.rng.random() < 0.3:
            return
        for membership in categories.memberships(self.s, child_id):
            if membership.category is Category.LEFT_BEHIND and membership.ended_on is None:
                categories.end_category(
                    self.s, membership_id=membership.id, ended_on=ends, reason="年满16周岁"
                )

    def _exit(self, child_id: str, cats: list[Category], home: Household, on: date) -> None:
        """A 留守 child leaves when the parent who was away comes home for good (the
        agreement ends that day); another child moves away with the family."""
        returned = Category.LEFT_BEHIND in cats and home.principal_id is not None
        if returned:
            self.families.parent_returns(home.principal_id, on)
            for agreement in agreements.list_agreements(self.s, child_id=child_id):
                if agreement.state in (AgreementState.SIGNED, AgreementState.DRAFT):
                    agreements.end_agreement(
                        self.s, agreement_id=agreement.id, ended_on=on, reason="父母返乡"
                    )
        enrollment.exit_child(
            self.s,
            child_id=child_id,
            reason="parent_returned" if returned else "moved",
            on_date=on,
            note="父母返乡就业，由父母共同监护。" if returned else "随父母迁往外县居住。",
        )
        self.exited += 1


def _school_stage(birth: date, as_of: date, rng: random.Random) -> SchoolStage:
    age = (as_of - birth).days // 365
    if age < 3:
        return SchoolStage.NOT_IN_KINDERGARTEN
    if age < 6:
        return SchoolStage.KINDERGARTEN
    if age < 12:
        return SchoolStage.PRIMARY
    if age < 15:
        return SchoolStage.JUNIOR if rng.random() > 0.03 else SchoolStage.DROPOUT
    return rng.choice(
        [SchoolStage.SENIOR, SchoolStage.SENIOR, SchoolStage.VOCATIONAL, SchoolStage.NOT_IN_SCHOOL]
    )


def _grade(stage: SchoolStage, birth: date, as_of: date) -> str | None:
    age = (as_of - birth).days // 365
    offsets = {
        SchoolStage.PRIMARY: 6,
        SchoolStage.JUNIOR: 12,
        SchoolStage.SENIOR: 15,
        SchoolStage.VOCATIONAL: 15,
    }
    if stage not in offsets:
        return None
    return f"{GRADES[min(max(age - offsets[stage], 0), 5)]}年级"
