"""API: the bureau's board (issue 11) — the same figures as the page, with the same filters and the same
scope (board.policy: the bureau its district, a department or town its own rows), and the annual summary's
paragraphs. Rates carry their numerator, denominator and formula, so a client can show "12/15" beside
"80%"."""
from datetime import date
from decimal import Decimal

from flask_babel import gettext
from flask_login import current_user
from pydantic import Field, field_validator

from workflows.rates import Rate
from workflows.review import Category, Stage
from workflows.risk.factors import Level

from .. import rules
from ..board import policy, sections
from ..board import summary as annual
from ..board.filters import FIRST_YEAR, LAST_YEAR, BoardFilter
from ..board.words import sentence
from ..demolition import queries as demolition_queries
from ..demolition.ledger import LedgerStatus
from . import api_route
from .schemas import Id, Query, Resource

class BoardQuery(Query):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="年度；不填为全部年度")
    quarter: int | None = Field(None, ge=1, le=4, description="季度，须同时指定年度")
    category: Category | None = None
    department_id: Id | None = Field(None, description="承办单位（司法局可选；部门、镇街道固定为本单位）")

    @field_validator("quarter")
    @classmethod
    def _quarter_needs_year(cls, quarter, info):
        if quarter is not None and info.data.get("year") is None:
            raise ValueError("指定季度时须同时指定年度")
        return quarter

    def board_filter(self) -> BoardFilter:
        f = BoardFilter(self.year, self.quarter, self.category, self.department_id)
        return policy.scope(current_user, f)


class RateOut(Resource):
    numerator: int
    denominator: int
    percent: Decimal | None = Field(description="百分比，四舍五入保留一位小数；分母为0时为空")
    text: str
    formula: str

    @classmethod
    def of(cls, r: Rate | None) -> "RateOut | None":
        if r is None:
            return None
        return cls(numerator=r.numerator, denominator=r.denominator, percent=r.percent, text=r.text,
                   formula=gettext(r.formula))


class FiltersOut(Resource):
    year: int | None
    quarter: int | None
    category: Category | None
    department_id: int | None


class CoverageLineOut(Resource):
    category: Category
    registered: int
    reviewed: int
    rate: RateOut


class UnreviewedOut(Resource):
    id: int
    meeting_date: date
    meeting_name: str
    title: str
    category: Category
    department: str | None
    reason: str


class CoverageOut(Resource):
    registered: int
    reviewed: int
    rate: RateOut
    by_category: list[CoverageLineOut]
    unreviewed: list[UnreviewedOut]


class YearOut(Resource):
    year: int
    reviewed: dict[Category, int]
    total: int


class VolumesOut(Resource):
    years: list[YearOut]
    sentence_year: int
    sentence: str = Field(description="该年度工作情况（按出具审核意见书的年度统计）")


class StageOut(Resource):
    stage: Stage
    finished: int
    average_working_days: Decimal | None
    on_time: RateOut | None = Field(description="仅司法局审核环节设有期限")


class WorkloadLineOut(Resource):
    id: int = Field(description="单位或审核人员；审核人员 0 表示尚未分配")
    name: str
    open: int
    overdue: int


class WorkloadOut(Resource):
    as_of: date
    departments: list[WorkloadLineOut]
    reviewers: list[WorkloadLineOut]


class AdviserOut(Resource):
    expert_id: int
    name: str
    open: int = Field(description="在办邀请与任务（截至今日）")
    submitted: int = Field(description="期内提交的意见")
    rated: int
    average_score: Decimal | None = Field(description="平均分（及时性、质量、采纳加权合计），保留一位小数")
    to_review: bool = Field(description="平均分低于60分，建议复核")


class AdoptionOut(Resource):
    category: Category | None = Field(description="为空表示合计")
    points: int
    answered: int
    adopted: int
    rate: RateOut


class RiskLevelOut(Resource):
    level: Level | None = Field(description="为空表示未评估")
    matters: int
    signed: int = Field(description="防范化解措施已经负责人签批")


class UnitOut(Resource):
    unit: str | None = Field(description="单位；为空表示合计")
    lawsuits_received: int
    loss_rate: RateOut
    head_appearance_rate: RateOut
    correction_rate: RateOut
    resolution_rate: RateOut
    pre_suit_resolutions: int

    @classmethod
    def of(cls, x) -> "UnitOut":
        return cls(unit=x.unit, lawsuits_received=x.lawsuits_received, loss_rate=RateOut.of(x.loss_rate),
                   head_appearance_rate=RateOut.of(x.head_appearance_rate),
                   correction_rate=RateOut.of(x.correction_rate),
                   resolution_rate=RateOut.of(x.resolution_rate),
                   pre_suit_resolutions=x.pre_suit_resolutions)


class DemolitionOut(Resource):
    as_of: date
    not_ready: int
    not_ready_by_status: dict[LedgerStatus, int]
    letters_outstanding: int
    letters_overdue: int


class BoardOut(Resource):
    filters: FiltersOut
    coverage: CoverageOut
    volumes: VolumesOut
    timing: list[StageOut]
    workload: WorkloadOut
    advisers: list[AdviserOut] | None = Field(description="仅司法局可见")
    adoption: list[AdoptionOut]
    risk: list[RiskLevelOut]
    demolition: DemolitionOut
    litigation: list[UnitOut] = Field(description="各单位及合计（最后一项）的行政应诉与行政复议指标")


class SummaryOut(Resource):
    title: str
    paragraphs: list[str]


def _board(f: BoardFilter, today: date) -> BoardOut:
    shown = {s.key: s.data for s in sections.build(current_user, f, today, charts=False)}
    cov, vol, work, demo = shown["coverage"], shown["volumes"], shown["workload"], shown["demolition"]
    return BoardOut(
        filters=FiltersOut(year=f.year, quarter=f.quarter, category=f.category,
                           department_id=f.department_id),
        coverage=CoverageOut(
            registered=cov.registered, reviewed=cov.reviewed, rate=RateOut.of(cov.rate),
            by_category=[CoverageLineOut(category=x.category, registered=x.registered, reviewed=x.reviewed,
                                         rate=RateOut.of(x.rate)) for x in cov.lines],
            unreviewed=[UnreviewedOut(id=d.id, meeting_date=d.meeting_date, meeting_name=d.meeting_name,
                                      title=d.title, category=d.category,
                                      department=d.department.name if d.department else None,
                                      reason=d.unreviewed_reason) for d in cov.unreviewed]),
        volumes=VolumesOut(years=[YearOut(year=y, reviewed=dict(vol.by_year[y]), total=vol.total(y))
                                  for y in vol.years],
                           sentence_year=vol.sentence_year, sentence=sentence(vol.sentence)),
        timing=[StageOut(stage=x.stage, finished=x.count, average_working_days=x.average_days,
                         on_time=RateOut.of(x.on_time)) for x in shown["timing"]],
        workload=WorkloadOut(as_of=today, departments=[WorkloadLineOut(**vars(x)) for x in work.departments],
                             reviewers=[WorkloadLineOut(**vars(x)) for x in work.reviewers]),
        advisers=None if "advisers" not in shown else [
            AdviserOut(expert_id=x.expert.id, name=x.expert.name, open=x.open, submitted=x.submitted,
                       rated=len(x.scores), average_score=x.average, to_review=x.to_review)
            for x in shown["advisers"]],
        adoption=[AdoptionOut(category=x.category, points=x.points, answered=x.answered, adopted=x.adopted,
                              rate=RateOut.of(x.rate)) for x in shown["adoption"]],
        risk=[RiskLevelOut(level=x.level, matters=x.matters, signed=x.signed) for x in shown["risk"]],
        litigation=[UnitOut.of(x) for x in (*shown["litigation"].rows, shown["litigation"].total)],
        demolition=DemolitionOut(as_of=today, not_ready=demo.not_ready,
                                 not_ready_by_status={s: demo.count(status=s)
                                                      for s in demolition_queries.NOT_READY},
                                 letters_outstanding=len(demo.outstanding),
                                 letters_overdue=len(demo.overdue)))


@api_route("/board", "GET", "工作看板：审核覆盖率、各类事项数量、各环节用时、在办与超期、修改意见采纳、拆除台账",
           BoardOut, query=BoardQuery)
def get_board(query: BoardQuery):
    return _board(query.board_filter(), rules.today())


class SummaryQuery(Query):
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    category: Category | None = None
    department_id: Id | None = None


@api_route("/board/summary", "GET", "年度工作情况（按年度，段落文字与 Word 文本一致）", SummaryOut,
           query=SummaryQuery)
def get_board_summary(query: SummaryQuery):
    f = policy.scope(current_user, BoardFilter(query.year, None, query.category, query.department_id))
    s = annual.summary(current_user, f, query.year, rules.today(), policy.scope_name(current_user, f))
    return SummaryOut(title=s.title, paragraphs=list(s.paragraphs))
