"""The bureau's opinion: draft, sign-off, numbered issue; and the department's adoption answers."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.review import CONCLUSION_LABELS, Action, Conclusion

from .. import limits, rules
from ..audit.trail import record
from ..documents.service import blob_store
from ..extensions import db
from ..matters import policy
from ..matters.operations import transition, verdict
from ..matters.policy import Change
from ..models import Adoption, District, Document, Matter, Opinion, OpinionCounter, OpinionPoint, User
from ..models.base import insert_if_missing, utcnow
from ..operations import OperationError, check_version
from .opinion_docx import LetterPoint, OpinionLetter, build_opinion_docx


@dataclass(frozen=True)
class PointInput:
    clause: str
    text: str


def number_text(prefix: str, year: int, number: int | None) -> str:
    """e.g. 示司审〔2026〕12号 (GB/T 9704 document number with the bureau's prefix); a blank number while
    the letter is still a draft."""
    return f"{prefix}〔{year}〕{number if number is not None else '　'}号"


def opinion_number_text(opinion: Opinion) -> str:
    return number_text(db.session.get(District, opinion.district_id).opinion_prefix, opinion.year, opinion.number)


def _check_points(reasons: str, points: list[PointInput]) -> None:
    if len(reasons) > limits.OPINION_REASONS:
        raise OperationError(_("审核理由不能超过 %(n)d 个字", n=limits.OPINION_REASONS))
    if len(points) > limits.MAX_POINTS:
        raise OperationError(_("修改意见不能超过 %(n)d 条", n=limits.MAX_POINTS))
    for i, p in enumerate(points, start=1):
        if len(p.clause.strip()) > limits.CLAUSE or len(p.text.strip()) > limits.POINT_TEXT:
            raise OperationError(_("第%(i)d条修改意见过长（条款不超过 %(c)d 字，意见不超过 %(t)d 字）",
                                   i=i, c=limits.CLAUSE, t=limits.POINT_TEXT))


def save_opinion(actor: User, matter: Matter, version, conclusion: Conclusion, reasons: str,
                 points: list[PointInput]) -> Opinion:
    """Write (or rewrite) the draft opinion and send it to the director for sign-off."""
    policy.require(actor, matter, Action.draft_opinion)
    check_version(matter, version)
    reasons = reasons.strip()
    points = [p for p in points if p.text.strip()]
    verdict(actor, matter, Action.draft_opinion, conclusion, has_opinion_draft=True)  # before anything changes
    if not reasons:
        raise OperationError(_("请填写审核理由"))
    _check_points(reasons, points)
    if conclusion == Conclusion.lawful_if_amended and not points:
        raise OperationError(_("结论为“修改后合法”时至少需要一条修改意见"))
    opinion = matter.opinion or Opinion(matter=matter, district_id=matter.district_id, drafted_by_id=actor.id)
    opinion.conclusion, opinion.reasons, opinion.drafted_by_id = conclusion, reasons, actor.id
    if opinion.points:
        # A redraft: delete the old points first, since (opinion_id, number) is unique and the flush would
        # otherwise insert the new point 1 before deleting the old one.
        opinion.points = []
        db.session.flush()
    opinion.points = [OpinionPoint(number=i, clause=p.clause.strip()[:80], text=p.text.strip())
                      for i, p in enumerate(points, start=1)]
    db.session.add(opinion)
    db.session.flush()
    record(actor, "opinion.draft", "matter", matter.id, after={
        "conclusion": conclusion, "reasons": reasons, "points": [[p.clause, p.text] for p in opinion.points]})
    transition(actor, matter, Action.draft_opinion, matter.version, conclusion=conclusion)
    return opinion


def sign_off(actor: User, matter: Matter, version) -> None:
    transition(actor, matter, Action.sign_off, version)
    matter.opinion.signed_by_id, matter.opinion.signed_at = actor.id, utcnow()
    db.session.flush()


def reject_sign_off(actor: User, matter: Matter, version, reason: str) -> None:
    if not reason.strip():
        raise OperationError(_("退回修改须写明理由"))
    transition(actor, matter, Action.reject_sign_off, version, reason=reason)
    matter.opinion.signed_by_id = matter.opinion.signed_at = None
    db.session.flush()


def _next_number(district_id: int, year: int) -> int:
    """Unique and gap-free per district and year: the counter row is locked until this transaction ends,
    and a rolled-back issue rolls its number back with it."""
    insert_if_missing(db.session, OpinionCounter, ["district_id", "year"], district_id=district_id, year=year, last=0)
    counter = db.session.execute(sa.select(OpinionCounter).where(
        OpinionCounter.district_id == district_id, OpinionCounter.year == year).with_for_update()).scalar_one()
    counter.last += 1
    db.session.flush()
    return counter.last


def letter_for(matter: Matter, issued_on: date) -> OpinionLetter:
    """The letter's content; a draft shows its year with the number left blank until it is issued."""
    o = matter.opinion
    district = db.session.get(District, matter.district_id)
    number = number_text(district.opinion_prefix, o.year if o.issued else issued_on.year, o.number)
    return OpinionLetter(
        issuer=f"{district.name}司法局", number=number,
        title=f"关于《{matter.title}》的合法性审核意见书", addressee=matter.department.name,
        conclusion_text=f"经审核，审核结论为：{CONCLUSION_LABELS[o.conclusion]}。",
        reasons=o.reasons, points=tuple(LetterPoint(p.number, p.clause, p.text) for p in o.points),
        signer=f"{district.name}司法局", date=issued_on)


def issue(actor: User, matter: Matter, version, today: date | None = None) -> Opinion:
    policy.require(actor, matter, Action.issue)
    check_version(matter, version)
    opinion = matter.opinion
    if opinion is None or opinion.issued:
        raise OperationError(_("没有待印发的审核意见书"), 409)
    today = today or rules.today()
    transition(actor, matter, Action.issue, matter.version, today=today)
    number = _next_number(matter.district_id, today.year)
    opinion.year, opinion.number, opinion.issued_on = today.year, number, today
    # The issued letter is fixed: its bytes are stored and their hash recorded now.
    opinion.docx_sha256 = blob_store().put(build_opinion_docx(letter_for(matter, today)))
    db.session.flush()
    record(actor, "opinion.issue", "matter", matter.id, after={
        "number": opinion_number_text(opinion), "conclusion": opinion.conclusion, "sha256": opinion.docx_sha256})
    return opinion


def answer_point(actor: User, matter: Matter, point: OpinionPoint, adopted: bool, reason: str,
                 revised_document_id: int | None) -> Adoption:
    """The department adopts a point (citing the revised version) or explains in writing why not."""
    policy.require(actor, matter, Change.answer)
    if point.opinion.matter_id != matter.id:
        raise OperationError(_("修改意见不属于该事项"), 404)
    if not policy.change_open(matter, Change.answer):
        raise OperationError(_("当前状态不能答复修改意见"), 409)
    reason = reason.strip()
    if not adopted and not reason:
        raise OperationError(_("不采纳的修改意见须书面说明理由"))
    if len(reason) > limits.REASON:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=limits.REASON))
    if adopted:
        doc = db.session.get(Document, revised_document_id) if revised_document_id else None
        if doc is None or doc.matter_id != matter.id:
            raise OperationError(_("采纳修改意见须选择修改后的文稿版本"))
    answer = point.adoption or Adoption(point=point)
    answer.adopted, answer.reason = adopted, reason
    answer.revised_document_id = revised_document_id if adopted else None
    answer.answered_by_id, answer.answered_at = actor.id, utcnow()
    db.session.add(answer)
    db.session.flush()
    record(actor, "opinion.answer_point", "matter", matter.id, after={
        "point": point.number, "adopted": adopted, "reason": reason,
        "revised_document_id": answer.revised_document_id})
    return answer


def finish_adoption(actor: User, matter: Matter, version) -> None:
    transition(actor, matter, Action.answer_adoption, version)
