"""Ratings of advisers' opinions and the annual assessment (年度考核) of pool members.

DESIGN.md §3: each finished opinion is rated 0-100 within 2 working days; an average under 60 in a year flags the
member for review; 10 or more opinions all rated 90+ mark a senior expert. These follow the procurement-expert
rules the pool is modelled on (浙江省政府采购评审专家管理办法 2017, Art. 37-38 (verify): rating on a 100-point scale
within 2 working days of the evaluation; 10 or more evaluations all rated 90+ → 资深; average under 60 → 解聘;
that rule counts both over the last two years, DESIGN.md over the year, which is followed here).

A rating has three components, each 0-100, and an overall score that is their weighted sum (`RATING_WEIGHTS`).
Every number is in the tables below, so the app can make them settings.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from workflows.calendar import WorkingCalendar
from workflows.periods import Period, Unit, has_run, period_end
from workflows.text import N_

# Local practice (verify): quality weighs most, timeliness next, adoption least, because adoption also depends
# on the department. Whole percentages summing to 100, so an overall score is exact to 0.01.
RATING_WEIGHTS = {"timeliness": 30, "quality": 50, "adoption": 20}
RATING_DAYS = 2  # DESIGN.md §3; 浙江省政府采购评审专家管理办法 Art. 37 (verify): within 2 working days


class Grade(str, Enum):
    excellent = "excellent"
    competent = "competent"
    basically_competent = "basically_competent"
    incompetent = "incompetent"


GRADE_LABELS = {
    Grade.excellent: N_("优秀"),
    Grade.competent: N_("称职"),
    Grade.basically_competent: N_("基本称职"),
    Grade.incompetent: N_("不称职"),
}


class Veto(str, Enum):
    """A finding in the year that makes the grade 不称职 whatever the scores (一票否决)."""

    undeclared_conflict = "undeclared_conflict"
    confidentiality_breach = "confidentiality_breach"


VETO_LABELS = {
    Veto.undeclared_conflict: N_("应回避而未申报回避"),
    Veto.confidentiality_breach: N_("泄露审核事项秘密"),
}


@dataclass(frozen=True)
class AssessmentRules:
    review_below: Decimal = Decimal(60)      # DESIGN.md §3: average under 60 → review for exit
    senior_min_count: int = 10               # DESIGN.md §3: 10 or more opinions ...
    senior_min_score: Decimal = Decimal(90)  # ... each rated 90 or more → senior
    # Local practice (verify), modelled on the four grades of annual assessment (公务员考核规定): the first
    # grade whose minimum average the member reaches; below the last, 不称职 — the same line as the review flag.
    grade_minimums: tuple[tuple[Grade, Decimal], ...] = (
        (Grade.excellent, Decimal(90)), (Grade.competent, Decimal(75)),
        (Grade.basically_competent, Decimal(60)))


ASSESSMENT_RULES = AssessmentRules()

# Whether the term may be renewed after a year with this grade (中办发〔2016〕30号: advisers are assessed and the
# unfit leave; local practice (verify)). 基本称职 may be renewed, the page shows the grade beside the decision.
# A member with no rated opinion in the year has no grade and no bar to renewal.
RENEWAL_ALLOWED = {Grade.excellent: True, Grade.competent: True, Grade.basically_competent: True,
                   Grade.incompetent: False}


@dataclass(frozen=True)
class Rating:
    timeliness: int
    quality: int
    adoption: int

    def __post_init__(self):
        if not all(0 <= v <= 100 for v in (self.timeliness, self.quality, self.adoption)):
            raise ValueError(N_("评分须在 0 至 100 之间"))

    def overall(self, weights: dict[str, int] = RATING_WEIGHTS) -> Decimal:
        total = sum(weights[name] * getattr(self, name) for name in ("timeliness", "quality", "adoption"))
        return Decimal(total) / sum(weights.values())


def rating_due(submitted_on: date, cal: WorkingCalendar, days: int = RATING_DAYS) -> date:
    """The last day to rate an opinion; the day of submission is not counted."""
    return period_end(cal, submitted_on, Period(days, Unit.working_days, "DESIGN.md §3"))


def rating_overdue(submitted_on: date, today: date, cal: WorkingCalendar, days: int = RATING_DAYS) -> bool:
    """For an opinion not yet rated: true from the day after `rating_due` (listed on the reviewer's tasks)."""
    return has_run(cal, submitted_on, Period(days, Unit.working_days, "DESIGN.md §3"), today)


@dataclass(frozen=True)
class Opinion:
    """One submitted opinion as the assessment sees it. `points_made` are the adviser's comments,
    `points_adopted` those the bureau pulled into its own opinion."""

    member_id: int
    due_on: date
    submitted_on: date
    rating: Rating | None
    points_made: int = 0
    points_adopted: int = 0

    def __post_init__(self):
        if not 0 <= self.points_adopted <= self.points_made:
            raise ValueError(N_("采纳条数不能超过意见条数"))


@dataclass(frozen=True)
class Assessment:
    """A member's (or firm's) year. Rates are None when there is nothing to divide by."""

    year: int
    count: int                 # opinions submitted in the year
    on_time: int               # submitted by their due date
    on_time_rate: Decimal | None
    rated: int
    average: Decimal | None    # of overall scores of the rated opinions
    points_made: int
    points_adopted: int
    adoption_rate: Decimal | None
    review_for_exit: bool
    senior: bool               # never in a year with a veto
    vetoes: tuple[Veto, ...]
    grade: Grade | None        # None: no rated opinion and no veto


def _ratio(part: int, whole: int) -> Decimal | None:
    return Decimal(part) / whole if whole else None


def assess_year(year: int, opinions: Iterable[Opinion], vetoes: Collection[Veto] = (),
                rules: AssessmentRules = ASSESSMENT_RULES,
                weights: dict[str, int] = RATING_WEIGHTS) -> Assessment:
    """Figures over the opinions submitted in `year` (others passed in are ignored)."""
    mine = [o for o in opinions if o.submitted_on.year == year]
    scores = [o.rating.overall(weights) for o in mine if o.rating is not None]
    average = sum(scores) / len(scores) if scores else None
    made = sum(o.points_made for o in mine)
    adopted = sum(o.points_adopted for o in mine)
    on_time = sum(o.submitted_on <= o.due_on for o in mine)
    if vetoes:
        grade = Grade.incompetent
    elif average is None:
        grade = None
    else:
        grade = next((g for g, minimum in rules.grade_minimums if average >= minimum), Grade.incompetent)
    return Assessment(
        year=year, count=len(mine), on_time=on_time, on_time_rate=_ratio(on_time, len(mine)),
        rated=len(scores), average=average, points_made=made, points_adopted=adopted,
        adoption_rate=_ratio(adopted, made),
        review_for_exit=average is not None and average < rules.review_below,
        senior=not vetoes and len(scores) >= rules.senior_min_count and min(scores) >= rules.senior_min_score,
        vetoes=tuple(sorted(set(vetoes), key=list(Veto).index)), grade=grade)


def assess_firm(year: int, firm_id: int, lawyer_ids: Collection[int], opinions: Iterable[Opinion],
                vetoes: Collection[Veto] = (), rules: AssessmentRules = ASSESSMENT_RULES,
                weights: dict[str, int] = RATING_WEIGHTS) -> Assessment:
    """A firm's year: its own opinions and its lawyers' together. `vetoes` are findings against the firm
    itself; a lawyer's veto grades that lawyer, not the firm (no rule found that extends it; verify)."""
    ours = {firm_id, *lawyer_ids}
    return assess_year(year, (o for o in opinions if o.member_id in ours), vetoes, rules, weights)


def renewal_allowed(grade: Grade | None) -> bool:
    return grade is None or RENEWAL_ALLOWED[grade]
