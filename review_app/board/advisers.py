"""Advisers' workload and ratings (the expert pool, issue 8): per member of the district's pool, the open
invitations and tasks as of today, the opinions submitted in the period, how many were rated and the average
overall score (experts.ratings: the weighted sum of timeliness, quality and adoption), with the pool's review
flag for an average under 60. For the bureau only: the pool is its own, and its ratings are not the
departments' to read. The category and department filters apply to the matters the advisers worked on."""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from experts.load import ASSIGNMENT_STATE_LABELS, OPEN_STATES
from experts.ratings import ASSESSMENT_RULES, Rating

from .. import labels
from ..experts_pool import policy as pool_policy
from ..extensions import db
from ..models import AdviserOpinion, AdviserRating, Assignment, Expert, ExpertStatus, Matter
from . import charts, policy
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "advisers"
TITLE = _l("法律顾问工作量与评价")
TEMPLATE = "board/_advisers.html"


def applies(user) -> bool:
    return policy.sees_district(user)


@dataclass(frozen=True)
class Line:
    expert: Expert
    open: int
    submitted: int
    scores: tuple[Decimal, ...]  # the overall score of each rated opinion

    @property
    def average(self) -> Decimal | None:
        if not self.scores:
            return None
        return (sum(self.scores) / len(self.scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def to_review(self) -> bool:
        return self.average is not None and self.average < ASSESSMENT_RULES.review_below


def _assignments(user, f: BoardFilter):
    return (sa.select(Assignment).join(Matter, Assignment.matter_id == Matter.id)
            .where(pool_policy.assignments_visible(user), policy.matters_condition(user, f)))


def _submitted(q, f: BoardFilter):
    return q.join(AdviserOpinion, AdviserOpinion.assignment_id == Assignment.id).where(
        AdviserOpinion.submitted_on.is_not(None), f.within(AdviserOpinion.submitted_on))


def build(user, f: BoardFilter, today) -> tuple[Line, ...]:
    base = _assignments(user, f)
    open_ = dict(db.session.execute(
        base.with_only_columns(Assignment.expert_id, sa.func.count())
        .where(Assignment.state.in_(OPEN_STATES)).group_by(Assignment.expert_id)).all())
    done = dict(db.session.execute(
        _submitted(base, f).with_only_columns(Assignment.expert_id, sa.func.count())
        .group_by(Assignment.expert_id)).all())
    scores: dict[int, list[Decimal]] = {}
    for expert_id, t, q, a in db.session.execute(
            _submitted(base, f).join(AdviserRating, AdviserRating.assignment_id == Assignment.id)
            .with_only_columns(Assignment.expert_id, AdviserRating.timeliness, AdviserRating.quality,
                               AdviserRating.adoption)):
        scores.setdefault(expert_id, []).append(Rating(t, q, a).overall())
    members = db.session.scalars(sa.select(Expert).where(pool_policy.members_visible(user))
                                 .order_by(Expert.kind, Expert.name, Expert.id)).all()
    return tuple(Line(e, open_.get(e.id, 0), done.get(e.id, 0), tuple(scores.get(e.id, ())))
                 for e in members if e.id in open_ or e.id in done or e.status is ExpertStatus.active)


def link(f: BoardFilter, expert_id: int, view: str) -> str:
    return url_for("board.drill", figure="assignments", expert=expert_id, view=view, **f.args())


def tables(lines, f: BoardFilter) -> list[Table]:
    rows = tuple(
        (Cell(x.expert.name, url_for("experts_admin.member", expert_id=x.expert.id)),
         Cell(labels.EXPERT_KIND[x.expert.kind]),
         Cell(x.open, link(f, x.expert.id, "open") if x.open else None),
         Cell(x.submitted, link(f, x.expert.id, "submitted") if x.submitted else None),
         Cell(len(x.scores)), Cell(None if x.average is None else str(x.average)),
         Cell(_("平均分低于%(n)s分，建议复核", n=ASSESSMENT_RULES.review_below) if x.to_review else ""))
        for x in lines)
    columns = (_("专家库成员"), _("类别"), _("在办邀请与任务"), _("期内提交意见"), _("已评价"), _("平均分"),
               _("提示"))
    return [Table("advisers", _("法律顾问工作量与评价"), columns, rows, (30, 12, 14, 14, 10, 10, 26))]


def chart(lines) -> str | None:
    busy = [x for x in lines if x.open or x.submitted][:15]
    if not busy:
        return None
    return charts.bars(_("法律顾问在办任务与期内提交意见"), [x.expert.name for x in busy],
                       [(_("在办邀请与任务"), [x.open for x in busy]),
                        (_("期内提交意见"), [x.submitted for x in busy])], horizontal=True)


def drill(user, f: BoardFilter, args, today) -> Table:
    q = _assignments(user, f)
    expert_id = args.get("expert", type=int)
    if expert_id is not None:
        q = q.where(Assignment.expert_id == expert_id)
    view = args.get("view")
    if view == "open":
        q = q.where(Assignment.state.in_(OPEN_STATES))
    elif view == "submitted":
        q = _submitted(q, f)
    rows = db.session.scalars(q.options(selectinload(Assignment.matter), selectinload(Assignment.expert),
                                        selectinload(Assignment.opinion), selectinload(Assignment.rating))
                              .order_by(Assignment.invited_on.desc(), Assignment.id.desc())).all()

    def score(a) -> str:
        r = a.rating
        if r is None:
            return ""
        overall = Rating(r.timeliness, r.quality, r.adoption).overall()
        return str(overall.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))

    cells = tuple(
        (Cell(a.matter.title, url_for("matters.detail", matter_id=a.matter_id)),
         Cell(a.expert.name, url_for("experts_pool.assignment", assignment_id=a.id)),
         Cell(_(ASSIGNMENT_STATE_LABELS[a.state])), Cell(a.invited_on), Cell(a.opinion_due),
         Cell(a.opinion.submitted_on if a.opinion is not None else None), Cell(score(a)))
        for a in rows)
    title = {"open": _("法律顾问在办邀请与任务"), "submitted": _("法律顾问期内提交的意见")}.get(
        view, _("法律顾问指派"))
    columns = (_("审核事项"), _("专家库成员"), _("状态"), _("邀请日期"), _("意见期限"), _("提交日期"), _("评分"))
    return Table("assignments", title, columns, cells, (36, 20, 14, 12, 12, 12, 8))
