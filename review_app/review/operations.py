"""The bureau's opinion: draft, sign-off, numbered issue; and the department's adoption answers."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm.attributes import flag_modified

from workflows.numerals import chinese_number
from workflows.opinion import CONTENT_LABELS, FINDING_LABELS, Content, Finding, OpinionDraft, refusals
from workflows.review import CONCLUSION_LABELS, Action, Conclusion

from .. import labels, limits, rules
from ..audit.trail import record
from ..documents.service import blob_store
from ..experts_pool import opinions as adviser_opinions
from ..extensions import db
from ..matters import policy
from ..matters.operations import check_matter_version, transition, verdict
from ..matters.policy import Change
from ..models import Adoption, District, Document, Matter, Opinion, OpinionCounter, OpinionPoint, User
from ..models.base import aware, utcnow
from ..numbering import next_number, number_text
from ..operations import OperationError, check_version
from ..risk.operations import check_gate, letter_lines as risk_lines
from .opinion_docx import LetterPoint, OpinionLetter, build_opinion_docx


@dataclass(frozen=True)
class PointInput:
    clause: str
    text: str
    point_id: int | None = None  # the stored point this row edits (kept, so what refers to it stays linked)


# Decree 713 Art. 27: content -> (finding, note)
Findings = dict[Content, tuple[Finding, str]]


def opinion_number_text(opinion: Opinion) -> str:
    return number_text(db.session.get(District, opinion.district_id).opinion_prefix, opinion.year, opinion.number)


def _check_lengths(reasons: str, points: list[PointInput], findings: Findings) -> None:
    if len(reasons) > limits.OPINION_REASONS:
        raise OperationError(_("审核理由不能超过 %(n)d 个字", n=limits.OPINION_REASONS))
    if len(points) > limits.MAX_POINTS:
        raise OperationError(_("修改意见不能超过 %(n)d 条", n=limits.MAX_POINTS))
    for i, p in enumerate(points, start=1):
        if len(p.clause.strip()) > limits.CLAUSE or len(p.text.strip()) > limits.POINT_TEXT:
            raise OperationError(_("第%(i)d条修改意见过长（条款不超过 %(c)d 字，意见不超过 %(t)d 字）",
                                   i=i, c=limits.CLAUSE, t=limits.POINT_TEXT))
    if any(len(note) > limits.REASON for _finding, note in findings.values()):
        raise OperationError(_("审核内容的说明不能超过 %(n)d 个字", n=limits.REASON))


def findings_of(opinion: Opinion) -> Findings:
    out = {}
    for c in Content:
        finding = getattr(opinion, f"{c.value}_finding")
        if finding is not None:
            out[c] = (finding, getattr(opinion, f"{c.value}_note"))
    return out


def _working_draft(actor: User, matter: Matter) -> Opinion:
    """The bureau's draft opinion, begun on first use."""
    policy.require(actor, matter, Change.write_opinion)
    if not policy.change_open(matter, Change.write_opinion):
        raise OperationError(_("当前状态（%(s)s）不能修改审核意见书", s=labels.STATUS[matter.status]), 409)
    if matter.opinion is None:
        matter.opinion = Opinion(matter=matter, district_id=matter.district_id, drafted_by_id=actor.id, reasons="")
        db.session.add(matter.opinion)
        db.session.flush()
    return matter.opinion


def _write(actor: User, opinion: Opinion, conclusion: Conclusion | None, reasons: str,
           points: list[PointInput], findings: Findings) -> None:
    opinion.conclusion, opinion.reasons, opinion.drafted_by_id = conclusion, reasons, actor.id
    flag_modified(opinion, "reasons")  # every save is a new version of the draft, even if only its points changed
    for c in Content:
        finding, note = findings.get(c, (None, ""))
        setattr(opinion, f"{c.value}_finding", finding)
        setattr(opinion, f"{c.value}_note", note.strip())
    # Points the form names by id are edited in place (a clause flag or an adviser's comment stays linked to
    # its point); the rest are new; points no longer listed go. Numbers are moved out of the way first, since
    # (opinion_id, number) is unique and the new order may swap them.
    stored = {p.id: p for p in opinion.points}
    kept = {p.point_id for p in points if p.point_id in stored}
    opinion.points = [p for p in opinion.points if p.id in kept]
    for p in opinion.points:
        p.number += 1000
    db.session.flush()
    ordered = []
    for i, row in enumerate(points, start=1):
        point = stored[row.point_id] if row.point_id in kept else OpinionPoint()
        point.number, point.clause, point.text = i, row.clause.strip(), row.text.strip()
        ordered.append(point)
    opinion.points = ordered
    db.session.flush()


def _audit_draft(actor: User, matter: Matter, action: str) -> None:
    o = matter.opinion
    record(actor, action, "matter", matter.id, after={
        "conclusion": o.conclusion, "reasons": o.reasons, "points": [[p.clause, p.text] for p in o.points],
        "findings": {c.value: [f, note] for c, (f, note) in findings_of(o).items()}})


def save_draft(actor: User, matter: Matter, opinion_version, conclusion: Conclusion | None, reasons: str,
               points: list[PointInput], findings: Findings) -> Opinion:
    """Keep the working draft as it stands, complete or not; nothing goes to the director yet."""
    opinion = _working_draft(actor, matter)
    if opinion_version not in (None, "", 0, "0"):
        check_version(opinion, opinion_version)
    reasons, points = reasons.strip(), [p for p in points if p.text.strip()]
    _check_lengths(reasons, points, findings)
    _write(actor, opinion, conclusion, reasons, points, findings)
    _audit_draft(actor, matter, "opinion.save_draft")
    return opinion


def save_opinion(actor: User, matter: Matter, version, conclusion: Conclusion | None, reasons: str,
                 points: list[PointInput], findings: Findings | None = None) -> Opinion:
    """Write (or rewrite) the opinion and send it to the director for sign-off."""
    check_matter_version(actor, matter, version)
    findings = findings or {}
    reasons, points = reasons.strip(), [p for p in points if p.text.strip()]
    # The status and role first (a conflict is a 409); a missing conclusion is one of the refusals below.
    verdict(actor, matter, Action.draft_opinion, conclusion or Conclusion.lawful, has_opinion_draft=True)
    refused = refusals(OpinionDraft(conclusion, reasons, {c: f for c, (f, _n) in findings.items()}, len(points)))
    if refused:
        raise OperationError("；".join(_(message) for message in refused))
    _check_lengths(reasons, points, findings)
    opinion = _working_draft(actor, matter)
    _write(actor, opinion, conclusion, reasons, points, findings)
    _audit_draft(actor, matter, "opinion.draft")
    transition(actor, matter, Action.draft_opinion, matter.version, conclusion=conclusion)
    return opinion


def add_point(actor: User, matter: Matter, clause: str, text: str) -> OpinionPoint:
    """Append one modification point to the working draft (from a clause flag or an adviser's comment); the
    reviewer edits it there like any other."""
    opinion = _working_draft(actor, matter)
    clause, text = clause.strip(), text.strip()
    if not text:
        raise OperationError(_("修改意见不能为空"))
    _check_lengths(opinion.reasons, [PointInput(clause, text)] * (len(opinion.points) + 1), {})
    point = OpinionPoint(number=len(opinion.points) + 1, clause=clause, text=text)
    opinion.points.append(point)
    flag_modified(opinion, "reasons")  # a reviewer's open form is now stale
    db.session.flush()
    record(actor, "opinion.add_point", "matter", matter.id, after={"point": point.number, "clause": clause,
                                                                    "text": text})
    return point


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


def contents_lines(o: Opinion) -> tuple[str, ...]:
    """The three review contents as the letter states them: "一、是否超越法定职权：符合规定。说明"."""
    findings = findings_of(o)
    return tuple(f"{chinese_number(i)}、{CONTENT_LABELS[c]}：{FINDING_LABELS[findings[c][0]]}。{findings[c][1]}".rstrip()
                 for i, c in enumerate((c for c in Content if c in findings), start=1))


def letter_for(matter: Matter, issued_on: date) -> OpinionLetter:
    """The letter's content; a draft shows its year with the number left blank until it is issued."""
    o = matter.opinion
    district = db.session.get(District, matter.district_id)
    number = number_text(district.opinion_prefix, o.year if o.issued else issued_on.year, o.number)
    return OpinionLetter(
        issuer=f"{district.name}司法局", number=number,
        title=f"关于《{matter.title}》的合法性审核意见书", addressee=matter.department.name,
        conclusion_text=f"经审核，审核结论为：{CONCLUSION_LABELS[o.conclusion]}。" if o.conclusion else "审核结论：（待定）",
        contents=contents_lines(o),
        reasons=o.reasons, points=tuple(LetterPoint(p.number, p.clause, p.text) for p in o.points),
        signer=f"{district.name}司法局", date=issued_on,
        advisers=tuple(adviser_opinions.advisers_consulted(matter)), risk=risk_lines(matter))


def issue(actor: User, matter: Matter, version, today: date | None = None) -> Opinion:
    policy.require(actor, matter, Action.issue)
    check_matter_version(actor, matter, version)
    opinion = matter.opinion
    if opinion is None or opinion.issued:
        raise OperationError(_("没有待印发的审核意见书"), 409)
    adviser_opinions.require_adviser_opinion(matter)  # Decree 713 Art. 28
    today = today or rules.today()
    check_gate(matter)  # a high or medium litigation risk needs its measures, signed off (workflows.risk.gate)
    transition(actor, matter, Action.issue, matter.version, today=today)
    number = next_number(OpinionCounter, district_id=matter.district_id, year=today.year)
    opinion.year, opinion.number, opinion.issued_on, opinion.issued_at = today.year, number, today, utcnow()
    # The issued letter is fixed: its bytes are stored and their hash recorded now.
    opinion.docx_sha256 = blob_store().put(build_opinion_docx(letter_for(matter, today)))
    db.session.flush()
    record(actor, "opinion.issue", "matter", matter.id, after={
        "number": opinion_number_text(opinion), "conclusion": opinion.conclusion, "sha256": opinion.docx_sha256})
    return opinion


def revision_candidates(matter: Matter) -> list[Document]:
    """The versions of the draft uploaded after the opinion was issued: the only ones an adoption can cite as
    the revised text (the version the bureau reviewed came before the opinion)."""
    issued_at = matter.opinion.issued_at if matter.opinion else None
    if issued_at is None:
        return []
    return [d for d in matter.documents if d.material_kind is not None and d.material_kind.is_draft
            and aware(d.uploaded_at) > aware(issued_at)]


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
        if doc not in revision_candidates(matter):
            raise OperationError(_("采纳修改意见须选择审核意见书出具之后上传的修改稿（第%(n)d版是出具意见前的版本）",
                                   n=doc.version_no))
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
