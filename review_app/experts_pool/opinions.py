"""The adviser's written opinion (法律顾问意见) and what the bureau does with it: pull a comment into its own
opinion's points, rate the opinion within 2 working days, and name the advisers consulted in its letter.

A submitted opinion is fixed and attributed: no operation changes it afterwards. Decree 713 Art. 28: the
opinion on a major decision is not issued until at least one adviser's opinion is on record
(`require_adviser_opinion`, called by review.operations.issue).
"""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, lazyload
from flask_babel import gettext as _

from experts.load import AssignmentState
from experts.ratings import Rating, rating_due
from workflows.review import Category

from .. import limits, rules
from ..audit.trail import record
from ..extensions import db
from ..models import (AdviserComment, AdviserOpinion, AdviserOpinionStatus, AdviserRating, Assignment, Expert,
                      Matter, User)
from ..models.base import utcnow
from ..notifications.operations import notify
from ..operations import OperationError, check_version
from ..review import operations as review_ops
from ..web import path_for
from . import policy

TEXT_MAX = 5000  # overall view, risk notes, legal basis
MAX_COMMENTS = limits.MAX_POINTS


@dataclass(frozen=True)
class CommentInput:
    clause: str
    text: str


def _check(overall: str, risk_notes: str, legal_basis: str, comments: Sequence[CommentInput]) -> None:
    if any(len(t) > TEXT_MAX for t in (overall, risk_notes, legal_basis)):
        raise OperationError(_("总体意见、风险提示和法律依据各不能超过 %(n)d 个字", n=TEXT_MAX))
    if len(comments) > MAX_COMMENTS:
        raise OperationError(_("逐条意见不能超过 %(n)d 条", n=MAX_COMMENTS))
    for i, c in enumerate(comments, start=1):
        if len(c.clause) > limits.CLAUSE or len(c.text) > limits.POINT_TEXT:
            raise OperationError(_("第%(i)d条意见过长（条款不超过 %(c)d 字，意见不超过 %(t)d 字）",
                                   i=i, c=limits.CLAUSE, t=limits.POINT_TEXT))


def save(actor: User, a: Assignment, opinion_version, overall: str, risk_notes: str, legal_basis: str,
         comments: Sequence[CommentInput], submit: bool) -> AdviserOpinion:
    """Save the draft, or submit it: a submitted opinion needs an overall view and is fixed from then on."""
    policy.require_visible(policy.can_view_assignment(actor, a))
    if not policy.may_work(actor, a):
        raise OperationError(_("请先接受邀请并声明无利害关系"), 403)
    opinion = a.opinion
    if opinion is not None and opinion.submitted:
        raise OperationError(_("意见已提交，不能再修改"), 409)
    if opinion is not None and opinion_version not in (None, ""):
        check_version(opinion, opinion_version)
    overall, risk_notes, legal_basis = overall.strip(), risk_notes.strip(), legal_basis.strip()
    comments = [CommentInput(c.clause.strip(), c.text.strip()) for c in comments if c.text.strip()]
    _check(overall, risk_notes, legal_basis, comments)
    if submit and not overall:
        raise OperationError(_("提交前请填写总体意见"))
    if opinion is None:
        opinion = AdviserOpinion(assignment=a, written_by_id=actor.id)
        db.session.add(opinion)
    opinion.overall, opinion.risk_notes, opinion.legal_basis = overall, risk_notes, legal_basis
    opinion.written_by_id, opinion.updated_at = actor.id, utcnow()
    # The old rows go first: (opinion_id, number) is unique and the new rows reuse the numbers.
    opinion.comments = []
    db.session.flush()
    opinion.comments = [AdviserComment(number=i, clause=c.clause, text=c.text)
                        for i, c in enumerate(comments, start=1)]
    if submit:
        opinion.status, opinion.submitted_on, opinion.submitted_at = (AdviserOpinionStatus.submitted,
                                                                       rules.today(), utcnow())
        a.state = AssignmentState.submitted
    db.session.flush()
    record(actor, "adviser_opinion.submit" if submit else "adviser_opinion.save", "assignment", a.id, after={
        "overall": overall, "risk_notes": risk_notes, "legal_basis": legal_basis,
        "comments": [[c.clause, c.text] for c in comments]})
    if submit and a.matter.reviewer is not None:
        notify(a.matter.reviewer, "adviser_opinion.submit", "matter", a.matter_id,
               path_for("experts_pool.matter_advisers", matter_id=a.matter_id),
               f"adviser_opinion.submit:{opinion.id}", _("【法律顾问意见】%(title)s", title=a.matter.title),
               _("%(name)s 已提交书面意见，请在 2 个工作日内评价。", name=a.expert.name))
    return opinion


def adopt_comment(actor: User, comment: AdviserComment):
    """Pull one comment of a submitted opinion into the bureau's working draft as a modification point; the
    comment keeps the link (it counts as adopted in the annual assessment)."""
    a = comment.opinion.assignment
    policy.require_visible(policy.can_view_assignment(actor, a))
    if not comment.opinion.submitted:
        raise OperationError(_("只能采用已提交的意见"), 409)
    if comment.point_id is not None:
        raise OperationError(_("该条意见已采用为修改意见"), 409)
    point = review_ops.add_point(actor, a.matter, comment.clause, comment.text)
    comment.point_id = point.id
    db.session.flush()
    record(actor, "adviser_opinion.adopt", "assignment", a.id, after={
        "comment": comment.number, "point": point.number, "clause": comment.clause})
    return point


RATING_FIELDS = ("timeliness", "quality", "adoption")


def rate(actor: User, a: Assignment, timeliness: int, quality: int, adoption: int,
         note: str = "") -> AdviserRating:
    """Rate a submitted opinion 0-100 on timeliness, quality and adoption (DESIGN.md §3)."""
    policy.require_visible(policy.can_view_assignment(actor, a))
    if not policy.may_rate(actor, a):
        raise OperationError(_("只有司法局可以评价已提交且尚未评价的意见"), 409 if a.state is AssignmentState.rated
                             else 403)
    try:
        Rating(timeliness, quality, adoption)
    except (TypeError, ValueError):
        raise OperationError(_("评分须在 0 至 100 之间")) from None
    note = (note or "").strip()
    if len(note) > limits.REASON:
        raise OperationError(_("说明不能超过 %(n)d 个字", n=limits.REASON))
    row = AdviserRating(assignment=a, timeliness=timeliness, quality=quality, adoption=adoption, note=note,
                        rated_by_id=actor.id, rated_on=rules.today())
    db.session.add(row)
    a.state = AssignmentState.rated
    db.session.flush()
    record(actor, "rating.record", "assignment", a.id, after={
        "timeliness": timeliness, "quality": quality, "adoption": adoption, "note": note})
    return row


def due_for_rating(a: Assignment, rating_days: int | None = None) -> date | None:
    """The day the bureau's rating of the submitted opinion is due (`rating_days`: the district's setting,
    when the caller has read it already)."""
    o = a.opinion
    if o is None or not o.submitted_on:
        return None
    days = rating_days if rating_days is not None else rules.setting("rating_days", a.district_id)
    return rating_due(o.submitted_on, rules.calendar(), days)


def overdue_ratings(user: User) -> list[Assignment]:
    """Submitted opinions on the reviewer's matters not rated by their due date (the reviewer's tasks). The
    opinions with their matters and members in one query (the list names both) and the setting once per
    district: this runs on every home page of a reviewer."""
    rows = db.session.scalars(
        sa.select(Assignment).join(Matter, Matter.id == Assignment.matter_id)
        .where(Assignment.state == AssignmentState.submitted, Matter.reviewer_id == user.id,
               policy.assignments_visible(user))
        .options(joinedload(Assignment.opinion), contains_eager(Assignment.matter),
                 joinedload(Assignment.expert).options(lazyload(Expert.specialty_rows)))
        .order_by(Assignment.id)).all()
    today = rules.today()
    days = {d: rules.setting("rating_days", d) for d in {a.district_id for a in rows}}
    return [a for a in rows if (due := due_for_rating(a, days[a.district_id])) is not None and due < today]


def submitted_for(matter: Matter) -> list[Assignment]:
    return list(db.session.scalars(
        sa.select(Assignment).join(AdviserOpinion, AdviserOpinion.assignment_id == Assignment.id)
        .where(Assignment.matter_id == matter.id, AdviserOpinion.status == AdviserOpinionStatus.submitted)
        .order_by(AdviserOpinion.submitted_at, Assignment.id)))


def advisers_consulted(matter: Matter) -> list[str]:
    """The names of the members whose written opinion is on record, as the issued letter names them. No
    autoflush: the letter is built while the opinion's issue fields are half set (review.operations.issue)."""
    with db.session.no_autoflush:
        return list(db.session.scalars(
            sa.select(Expert.name).join(Assignment, Assignment.expert_id == Expert.id)
            .join(AdviserOpinion, AdviserOpinion.assignment_id == Assignment.id)
            .where(Assignment.matter_id == matter.id, AdviserOpinion.status == AdviserOpinionStatus.submitted)
            .order_by(AdviserOpinion.submitted_at, Assignment.id)))


def require_adviser_opinion(matter: Matter) -> None:
    """Decree 713 Art. 28: no opinion on a major decision leaves the bureau without an adviser's opinion."""
    if matter.category is Category.major_decision and not submitted_for(matter):
        raise OperationError(_("重大行政决策的审核意见书须至少有一份法律顾问或公职律师的书面意见在案后方可印发"
                               "（《重大行政决策程序暂行条例》第二十八条）"), 409)


def expert_of(user: User) -> Expert | None:
    return db.session.get(Expert, user.expert_id) if user.expert_id else None
