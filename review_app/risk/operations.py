"""Named operations on a matter's litigation-risk assessment, and the opinion gate they feed.

The level and its reasons come from workflows.risk (scoring the factors, raising by the district's history);
the history lines come from the district's own litigation and reconsideration records (`history.py`)."""
from dataclasses import dataclass

from flask_babel import gettext as _

from workflows.litigation import Area
from workflows.message import Message, Refusal
from workflows.risk.factors import LEVEL_LABELS, RiskRules
from workflows.risk.gate import opinion_gate
from workflows.risk.history import HistoryLine
from workflows.risk.scoring import Assessment, FactorScore, RiskError, assess

from .. import limits, rules
from ..audit.trail import record
from ..demolition.ledger import say
from ..extensions import db
from ..models import Matter, RiskAssessment, RiskFactorScore, User
from ..models.base import utcnow
from ..operations import OperationError, check_version
from . import history, policy


@dataclass(frozen=True)
class ScoreInput:
    code: str
    likelihood: int | None
    impact: int | None
    note: str = ""


def risk_rules(district_id: int) -> RiskRules:
    """The scoring numbers as the district set them (settings "risk.<name>")."""
    return RiskRules(**{name: rules.setting(f"risk.{name}", district_id)
                        for name in ("medium_score", "high_score", "history_years", "history_min_cases",
                                     "history_loss_percent")})


def history_lines(matter: Matter, area: Area) -> tuple[HistoryLine, ...]:
    return history.lines(matter, area, rules.today(), risk_rules(matter.district_id))


def _scored(matter: Matter, area: Area, scores: list[ScoreInput]) -> Assessment:
    given = [FactorScore(s.code, s.likelihood, s.impact, (s.note or "").strip()) for s in scores
             if s.likelihood is not None and s.impact is not None]
    if any(len(s.note) > limits.REASON for s in given):
        raise OperationError(_("风险因素的说明不能超过 %(n)d 个字", n=limits.REASON))
    try:
        return assess(given, history_lines(matter, area), risk_rules(matter.district_id))
    except RiskError as e:
        raise OperationError(say(e.message)) from None


def reasons_json(result: Assessment) -> list[dict]:
    return [{"source": r.source, "template": r.message.template, "params": dict(r.message.params)}
            for r in result.reasons]


def reasons_of(assessment: RiskAssessment) -> list[tuple[str, Message]]:
    return [(r["source"], Message(r["template"], r["params"])) for r in assessment.reasons]


def assess_matter(actor: User, matter: Matter, version, area: Area | None, scores: list[ScoreInput],
                  mitigation: str) -> RiskAssessment:
    """Record (or redo) the assessment; a change to what the director signed off withdraws the sign-off."""
    policy.require_assessor(actor, matter)
    a = matter.risk
    if a is not None:
        check_version(a, version)
    if area is None:
        raise OperationError(_("请选择事项所属领域"))
    mitigation = (mitigation or "").strip()
    if len(mitigation) > limits.REASON:
        raise OperationError(_("风险防范化解措施不能超过 %(n)d 个字", n=limits.REASON))
    result = _scored(matter, area, scores)
    before = a.audit_state() if a is not None else None
    if a is None:
        a = RiskAssessment(district_id=matter.district_id, matter=matter, assessed_by_id=actor.id)
        db.session.add(a)
    a.area, a.level, a.reasons, a.mitigation = area, result.level, reasons_json(result), mitigation
    a.scores = [RiskFactorScore(code=s.code, position=i, likelihood=s.likelihood, impact=s.impact,
                                note=s.note)
                for i, s in enumerate(result.scores)]
    a.assessed_by_id, a.assessed_at = actor.id, utcnow()
    after = a.audit_state()
    if a.mitigation_signed and before is not None and {**before, "mitigation_signed_by_id": None} != {
            **after, "mitigation_signed_by_id": None}:
        a.mitigation_signed_by_id = a.mitigation_signed_at = None
        after = a.audit_state()
    db.session.flush()
    record(actor, "risk.assess", "matter", matter.id, before=before, after=after)
    return a


def sign_off_mitigation(actor: User, matter: Matter, version) -> RiskAssessment:
    """The bureau director signs off the recorded mitigation measures (the gate's second condition)."""
    policy.require_signer(actor, matter)
    a = matter.risk
    if a is None:
        raise OperationError(_("尚未进行诉讼风险评估"), 409)
    check_version(a, version)
    if not a.mitigation.strip():
        raise OperationError(_("尚未记录风险防范化解措施，不能签批"))
    a.mitigation_signed_by_id, a.mitigation_signed_at = actor.id, utcnow()
    db.session.flush()
    record(actor, "risk.sign_off", "matter", matter.id, after={"level": a.level, "mitigation": a.mitigation})
    return a


def gate_refusal(matter: Matter) -> Refusal | None:
    """The opinion gate (workflows.risk.gate) on the matter's conclusion and assessment. A matter the bureau
    did not assess passes: the gate is about a risk found and left unmitigated (matters reviewed before the
    assessment existed, and the categories the bureau does not assess, are issued as before)."""
    conclusion = matter.opinion.conclusion if matter.opinion else None
    a = matter.risk
    if conclusion is None or a is None:
        return None
    return opinion_gate(conclusion, a.level, bool(a.mitigation.strip()), a.mitigation_signed)


def check_gate(matter: Matter) -> None:
    refused = gate_refusal(matter)
    if refused is not None:
        raise OperationError(say(refused.message), 409)


def letter_lines(matter: Matter) -> tuple[str, ...]:
    """What the opinion letter says of the assessment, in the letter's language (Chinese, like the rest of
    the letter): the level with its reasons, then the measures and their sign-off."""
    a = matter.risk
    if a is None:
        return ()
    reasons = "；".join(str(m) for _source, m in reasons_of(a))
    lines = [f"诉讼风险评估：风险等级为{LEVEL_LABELS[a.level]}（{reasons}）。"]
    if a.mitigation.strip():
        signed = "，已经司法局负责人签批" if a.mitigation_signed else ""
        lines.append(f"风险防范化解措施{signed}：{a.mitigation.strip()}")
    return tuple(lines)
