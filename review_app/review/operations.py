"""The bureau's opinion: draft, sign-off, numbered issue; and the department's adoption answers."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from workflows.review import CONCLUSION_LABELS, Action, Conclusion, Role, Status

from .. import rules
from ..audit.trail import record
from ..documents.service import blob_store
from ..extensions import db
from ..matters.operations import _require_department, transition
from ..models import Adoption, Document, Matter, Opinion, OpinionCounter, OpinionPoint, User
from ..models.base import insert_if_missing, utcnow
from ..operations import OperationError, check_version
from .opinion_docx import LetterPoint, OpinionLetter, build_opinion_docx

BUREAU = (Role.bureau_reviewer, Role.bureau_director)


@dataclass(frozen=True)
class PointInput:
    clause: str
    text: str


def opinion_number_text(opinion: Opinion) -> str:
    """e.g. 示司审〔2026〕12号 (GB/T 9704 document number with the bureau's prefix)."""
    return f"{current_app.config['OPINION_PREFIX']}〔{opinion.year}〕{opinion.number}号"


def save_opinion(user: User, matter: Matter, version, conclusion: Conclusion, reasons: str,
                 points: list[PointInput]) -> Opinion:
    """Write (or rewrite) the draft opinion and send it to the director for sign-off."""
    if not user.has_role(*BUREAU):
        raise OperationError(_("只有司法局审核人员可以起草审核意见书"), 403)
    check_version(matter, version)
    if matter.status != Status.bureau_review:
        raise OperationError(_("当前状态不能起草审核意见书"), 409)
    reasons = reasons.strip()
    points = [p for p in points if p.text.strip()]
    if not reasons:
        raise OperationError(_("请填写审核理由"))
    if conclusion == Conclusion.lawful_if_amended and not points:
        raise OperationError(_("结论为“修改后合法”时至少需要一条修改意见"))
    opinion = matter.opinion or Opinion(matter=matter, drafted_by_id=user.id)
    opinion.conclusion, opinion.reasons, opinion.drafted_by_id = conclusion, reasons, user.id
    if opinion.points:
        # A redraft: delete the old points first, since (opinion_id, number) is unique and the flush would
        # otherwise insert the new point 1 before deleting the old one.
        opinion.points = []
        db.session.flush()
    opinion.points = [OpinionPoint(number=i, clause=p.clause.strip()[:80], text=p.text.strip())
                      for i, p in enumerate(points, start=1)]
    db.session.add(opinion)
    db.session.flush()
    record("opinion.draft", "matter", matter.id, after={
        "conclusion": conclusion, "reasons": reasons, "points": [[p.clause, p.text] for p in opinion.points]}, actor=user)
    transition(user, matter, Action.draft_opinion, matter.version, conclusion=conclusion)
    return opinion


def sign_off(user: User, matter: Matter, version) -> None:
    transition(user, matter, Action.sign_off, version)
    matter.opinion.signed_by_id, matter.opinion.signed_at = user.id, utcnow()
    db.session.flush()


def reject_sign_off(user: User, matter: Matter, version, reason: str) -> None:
    if not reason.strip():
        raise OperationError(_("退回修改须写明理由"))
    transition(user, matter, Action.reject_sign_off, version, reason=reason)
    matter.opinion.signed_by_id = matter.opinion.signed_at = None
    db.session.flush()


def _next_number(year: int) -> int:
    """Unique and gap-free per year: the counter row is locked until this transaction ends, and a
    rolled-back issue rolls its number back with it."""
    insert_if_missing(db.session, OpinionCounter, "year", year=year, last=0)
    counter = db.session.execute(
        sa.select(OpinionCounter).where(OpinionCounter.year == year).with_for_update()).scalar_one()
    counter.last += 1
    db.session.flush()
    return counter.last


def letter_for(matter: Matter, issued_on: date) -> OpinionLetter:
    """The letter's content; a draft shows its year with the number left blank until it is issued."""
    o = matter.opinion
    district = current_app.config["DISTRICT_NAME"]
    number = opinion_number_text(o) if o.issued else f"{current_app.config['OPINION_PREFIX']}〔{issued_on.year}〕　号"
    return OpinionLetter(
        issuer=f"{district}司法局", number=number,
        title=f"关于《{matter.title}》的合法性审核意见书", addressee=matter.department.name,
        conclusion_text=f"经审核，审核结论为：{CONCLUSION_LABELS[o.conclusion]}。",
        reasons=o.reasons, points=tuple(LetterPoint(p.number, p.clause, p.text) for p in o.points),
        signer=f"{district}司法局", date=issued_on)


def issue(user: User, matter: Matter, version, today: date | None = None) -> Opinion:
    check_version(matter, version)
    opinion = matter.opinion
    if opinion is None or opinion.issued:
        raise OperationError(_("没有待印发的审核意见书"), 409)
    today = today or rules.today()
    transition(user, matter, Action.issue, matter.version, today=today)
    opinion.year, opinion.number, opinion.issued_on = today.year, _next_number(today.year), today
    # The issued letter is fixed: its bytes are stored and their hash recorded now.
    opinion.docx_sha256 = blob_store().put(build_opinion_docx(letter_for(matter, today)))
    db.session.flush()
    record("opinion.issue", "matter", matter.id, after={
        "number": opinion_number_text(opinion), "conclusion": opinion.conclusion, "sha256": opinion.docx_sha256}, actor=user)
    return opinion


def answer_point(user: User, matter: Matter, point: OpinionPoint, adopted: bool, reason: str,
                 revised_document_id: int | None) -> Adoption:
    """The department adopts a point (citing the revised version) or explains in writing why not."""
    _require_department(user, matter)
    if matter.status != Status.issued:
        raise OperationError(_("当前状态不能答复修改意见"), 409)
    if point.opinion.matter_id != matter.id:
        raise OperationError(_("修改意见不属于该事项"), 404)
    reason = reason.strip()
    if not adopted and not reason:
        raise OperationError(_("不采纳的修改意见须书面说明理由"))
    if adopted:
        doc = db.session.get(Document, revised_document_id) if revised_document_id else None
        if doc is None or doc.matter_id != matter.id:
            raise OperationError(_("采纳修改意见须选择修改后的文稿版本"))
    answer = point.adoption or Adoption(point=point)
    answer.adopted, answer.reason = adopted, reason
    answer.revised_document_id = revised_document_id if adopted else None
    answer.answered_by_id, answer.answered_at = user.id, utcnow()
    db.session.add(answer)
    db.session.flush()
    record("opinion.answer_point", "matter", matter.id, after={
        "point": point.number, "adopted": adopted, "reason": reason, "revised_document_id": answer.revised_document_id}, actor=user)
    return answer


def finish_adoption(user: User, matter: Matter, version) -> None:
    transition(user, matter, Action.answer_adoption, version)
