"""Named operations on reconsideration cases (the bureau, as the government's reconsideration office,
records them; the respondent reports its correction), their numbered opinion letters, and the
dispute-resolution centre's cases. Periods and refusals are workflows.reconsideration's and
workflows.dispute_centre's."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.dispute_centre import DISPUTE_LIMITS, Outcome as CentreOutcome, Stage
from workflows.litigation import Area
from workflows.reconsideration import (Extension, Outcome, Procedure, RECONSIDERATION_LIMITS,
                                       extension_refusal)
from workflows.time_limits import with_values

from .. import limits, rules
from ..audit.trail import record
from ..demolition.ledger import say
from ..documents.service import blob_store
from ..extensions import db
from ..letters.official_docx import OfficialLetter, build_official_docx
from ..models import (District, DisputeCase, Lawsuit, NumberCounter, Organisation, ReconsiderationCase,
                      ReconsiderationLetter, User)
from ..numbering import next_number, number_text
from ..operations import OperationError, check_version
from . import policy
from .facts import reconsideration_facts
from .operations import _not_future, _row, _text

SERIES = "reconsideration"  # the NumberCounter series of 行政复议意见书
# The steps recorded by date, in the order they happen (Art. 30, 48; Art. 66 and 77 for performance).
STEPS = ("accepted", "refused", "copy_sent", "copy_received", "reply_received", "performed_on")


def centre_limits(district_id: int):
    """The centre's local periods as the district set them (settings "centre.<key>_days")."""
    return with_values(DISPUTE_LIMITS, {k: rules.setting(f"centre.{k}_days", district_id)
                                        for k in ("register", "notify", "proposal")})


@dataclass
class ApplicationFields:
    respondent_id: int | None
    case_no: str
    applicant: str
    act: str
    area: Area | None
    received: date | None
    procedure: Procedure = Procedure.ordinary
    matter_id: int | None = None


def register_application(actor: User, f: ApplicationFields) -> ReconsiderationCase:
    respondent = _row(Organisation, f.respondent_id)
    if (respondent is None or respondent.district_id != actor.district_id
            or respondent.kind not in policy.BODIES):
        raise OperationError(_("请选择被申请人"))
    if not policy.is_bureau(actor, respondent.district_id):
        raise OperationError(_("只有司法局（行政复议机构）可以登记行政复议案件"), 403)
    case_no = _text(f.case_no, _("案号"), limits.CASE_NO)
    applicant = _text(f.applicant, _("申请人"), limits.PARTY)
    act = _text(f.act, _("被申请复议的行政行为"), limits.ACT)
    if f.area is None:
        raise OperationError(_("请选择案件所属领域"))
    if f.received is None:
        raise OperationError(_("请填写收到申请的日期"))
    _not_future(f.received, _("收到申请的日期"))
    if db.session.scalar(sa.select(ReconsiderationCase.id).where(
            ReconsiderationCase.district_id == actor.district_id, ReconsiderationCase.case_no == case_no)):
        raise OperationError(_("案号%(no)s已登记", no=case_no), 409)
    case = ReconsiderationCase(district_id=actor.district_id, case_no=case_no, applicant=applicant,
                               respondent_id=respondent.id, act=act, area=f.area, matter_id=f.matter_id,
                               procedure=f.procedure, received=f.received, created_by_id=actor.id)
    db.session.add(case)
    db.session.flush()
    record(actor, "reconsideration.register", "reconsideration", case.id, after=case.audit_state())
    return case


def _set(actor: User, case, version, action: str, subject: str, **values) -> None:
    check_version(case, version)
    before = case.audit_state()
    for k, v in values.items():
        setattr(case, k, v)
    db.session.flush()
    after = case.audit_state()
    record(actor, action, subject, case.id, before={k: before[k] for k in values},
           after={k: after[k] for k in values})


def record_step(actor: User, case: ReconsiderationCase, version, step: str, day: date | None) -> None:
    """One dated step: acceptance or refusal (Art. 30), the copy sent and received, the reply (Art. 48), the
    performance of a decision ordering it."""
    policy.require_bureau(actor, case)
    if step not in STEPS:
        raise OperationError(_("请选择办理环节"))
    if day is None:
        raise OperationError(_("请填写日期"))
    _not_future(day, _("日期"))
    if day < case.received:
        raise OperationError(_("日期不能早于收到申请的日期"))
    if step in ("accepted", "refused") and (case.accepted or case.refused):
        raise OperationError(_("已作出受理或不予受理的决定"), 409)
    if step != "refused" and case.refused is not None:
        raise OperationError(_("申请已不予受理"), 409)
    if step == "performed_on" and case.performance_due is None:
        raise OperationError(_("该案件没有责令履行的决定"), 409)
    _set(actor, case, version, f"reconsideration.{step}", "reconsideration", **{step: day})


def extend(actor: User, case: ReconsiderationCase, version, days: int | None, approved_on: date | None,
           reason: str) -> None:
    """Art. 62: one extension of at most 30 days, with its reason, before the period has run."""
    policy.require_bureau(actor, case)
    if days is None or approved_on is None:
        raise OperationError(_("请填写延长天数和批准日期"))
    refused = extension_refusal(reconsideration_facts(case), Extension(days, approved_on, reason or ""),
                                rules.calendar(), RECONSIDERATION_LIMITS)
    if refused is not None:
        raise OperationError(say(refused.message), 409)
    _set(actor, case, version, "reconsideration.extend", "reconsideration", extension_days=days,
         extension_approved_on=approved_on, extension_reason=reason.strip())


def decide(actor: User, case: ReconsiderationCase, version, outcome: Outcome | None, day: date | None,
           performance_due: date | None = None) -> None:
    """The decision, mediation, settlement, withdrawal or termination that concludes the case (Art. 63-74)."""
    policy.require_bureau(actor, case)
    if case.outcome is not None:
        raise OperationError(_("案件已审结"), 409)
    if case.refused is not None:
        raise OperationError(_("申请已不予受理"), 409)
    if outcome is None or day is None:
        raise OperationError(_("请选择复议结果并填写结案日期"))
    _not_future(day, _("结案日期"))
    if day < case.received:
        raise OperationError(_("结案日期不能早于收到申请的日期"))
    if outcome is Outcome.order_performance and (performance_due is None or performance_due < day):
        raise OperationError(_("责令履行的决定须写明履行期限（不早于决定日期）"))
    _set(actor, case, version, "reconsideration.decide", "reconsideration", outcome=outcome, concluded_on=day,
         accepted=case.accepted or case.received,
         performance_due=performance_due if outcome is Outcome.order_performance else None)


# --- opinion letters (Art. 76) ------------------------------------------------------------------------------

def letter_prefix(district: District) -> str:
    """The government's prefix for reconsideration opinion letters: the district's one-character short name
    (as in its opinion prefix, e.g. 示) and 府复意."""
    return f"{district.opinion_prefix[:1]}府复意"


def letter_number(letter: ReconsiderationLetter) -> str:
    district = db.session.get(District, letter.district_id)
    return number_text(letter_prefix(district), letter.year, letter.number)


def official_letter(letter: ReconsiderationLetter) -> OfficialLetter:
    case = letter.case
    district = db.session.get(District, letter.district_id)
    government = f"{district.name}人民政府"
    body = (f"{case.applicant}不服你单位{case.act}，向本机关申请行政复议（{case.case_no}）。经审理，"
            f"本机关认为你单位在该行政行为中存在以下问题：", letter.findings, "请你单位：", letter.requirements,
            "依照《中华人民共和国行政复议法》第七十六条，请于收到本意见书之日起六十日内将纠正相关违法或者不当"
            "行政行为的情况报送本机关。",)
    return OfficialLetter(issuer=government, number=letter_number(letter), title="行政复议意见书",
                          addressee=letter.organisation.name, body=body, signer=government,
                          date=letter.sent_on)


def issue_letter(actor: User, case: ReconsiderationCase, findings: str,
                 requirements: str) -> ReconsiderationLetter:
    """A numbered opinion letter to the respondent found at fault; its .docx fixed at issue."""
    policy.require_bureau(actor, case)
    findings = _text(findings, _("存在的问题"), limits.REASON)
    requirements = _text(requirements, _("意见和建议"), limits.REASON)
    today = rules.today()
    number = next_number(NumberCounter, district_id=case.district_id, series=SERIES, year=today.year)
    letter = ReconsiderationLetter(district_id=case.district_id, case=case,
                                   organisation_id=case.respondent_id, year=today.year, number=number,
                                   sent_on=today, findings=findings, requirements=requirements,
                                   docx_sha256="", issued_by_id=actor.id)
    db.session.add(letter)
    db.session.flush()
    letter.docx_sha256 = blob_store().put(build_official_docx(official_letter(letter)))
    db.session.flush()
    record(actor, "reconsideration.letter", "reconsideration", case.id,
           after={"number": letter_number(letter), "organisation_id": letter.organisation_id,
                  "sha256": letter.docx_sha256})
    return letter


def report_correction(actor: User, letter: ReconsiderationLetter, version, received_on: date | None,
                      day: date | None, text: str) -> None:
    """The body reports its correction (the bureau may record it for it); the 60 days run from receipt."""
    case = letter.case
    policy.require_visible(actor, case)
    check_version(letter, version)
    if letter.report_received is not None:
        raise OperationError(_("已报送纠正情况"), 409)
    if day is None:
        raise OperationError(_("请填写报送日期"))
    _not_future(day, _("报送日期"))
    if received_on is not None and (received_on < letter.sent_on or received_on > day):
        raise OperationError(_("收到意见书的日期须在制发日期与报送日期之间"))
    text = _text(text, _("纠正情况"), limits.REASON)
    letter.received_on = received_on or letter.received_on
    letter.report_received, letter.report_text = day, text
    db.session.flush()
    record(actor, "reconsideration.correction_report", "reconsideration", case.id,
           after={"number": letter_number(letter), "report_received": day, "text": text})


# --- the dispute-resolution centre --------------------------------------------------------------------------

@dataclass
class DisputeFields:
    body_id: int | None
    case_no: str
    applicant: str
    subject: str
    stage: Stage | None
    entrusted: date | None


CENTRE_STEPS = ("registered", "body_told", "proposal_received")


def register_dispute(actor: User, f: DisputeFields) -> DisputeCase:
    body = _row(Organisation, f.body_id)
    if body is None or body.district_id != actor.district_id or body.kind not in policy.BODIES:
        raise OperationError(_("请选择相关行政机关"))
    if not policy.is_bureau(actor, body.district_id):
        raise OperationError(_("只有司法局（协调化解中心）可以登记受托案件"), 403)
    case_no = _text(f.case_no, _("编号"), limits.CASE_NO)
    applicant = _text(f.applicant, _("申请人"), limits.PARTY)
    subject = _text(f.subject, _("争议事项"), limits.ACT)
    if f.stage is None or f.entrusted is None:
        raise OperationError(_("请选择诉前或诉中并填写受托日期"))
    _not_future(f.entrusted, _("受托日期"))
    if db.session.scalar(sa.select(DisputeCase.id).where(DisputeCase.district_id == actor.district_id,
                                                         DisputeCase.case_no == case_no)):
        raise OperationError(_("编号%(no)s已登记", no=case_no), 409)
    d = DisputeCase(district_id=actor.district_id, case_no=case_no, applicant=applicant, body_id=body.id,
                    subject=subject, stage=f.stage, entrusted=f.entrusted, created_by_id=actor.id)
    db.session.add(d)
    db.session.flush()
    record(actor, "centre.register", "dispute", d.id, after=d.audit_state())
    return d


def record_centre_step(actor: User, d: DisputeCase, version, step: str, day: date | None) -> None:
    """Registered (2 working days), the body told (5), its proposal (5): each after the one before."""
    policy.require_bureau(actor, d)
    if step not in CENTRE_STEPS:
        raise OperationError(_("请选择办理环节"))
    previous = {"registered": d.entrusted, "body_told": d.registered, "proposal_received": d.body_told}[step]
    if previous is None:
        raise OperationError(_("请先登记上一环节"), 409)
    if day is None or day < previous:
        raise OperationError(_("请填写日期（不早于上一环节）"))
    _not_future(day, _("日期"))
    _set(actor, d, version, f"centre.{step}", "dispute", **{step: day})


def conclude_dispute(actor: User, d: DisputeCase, version, outcome: CentreOutcome | None, day: date | None,
                     lawsuit_case_no: str = "") -> None:
    """Resolved, or not resolved (and, when filed in court, the lawsuit the record continues in)."""
    policy.require_bureau(actor, d)
    if d.outcome is not None:
        raise OperationError(_("案件已办结"), 409)
    if outcome is None or day is None or day < d.entrusted:
        raise OperationError(_("请选择化解结果并填写办结日期（不早于受托日期）"))
    _not_future(day, _("办结日期"))
    lawsuit = None
    if (lawsuit_case_no or "").strip():
        if outcome is not CentreOutcome.not_resolved:
            raise OperationError(_("只有未化解的案件才转入诉讼"))
        lawsuit = db.session.scalar(sa.select(Lawsuit).where(Lawsuit.district_id == d.district_id,
                                                             Lawsuit.case_no == lawsuit_case_no.strip()))
        if lawsuit is None:
            raise OperationError(_("案号%(no)s的行政应诉案件尚未备案", no=lawsuit_case_no.strip()), 404)
    _set(actor, d, version, "centre.conclude", "dispute", outcome=outcome, concluded_on=day,
         lawsuit_id=lawsuit.id if lawsuit else None)
