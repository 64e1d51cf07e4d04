"""The bureau's decisions on clause flags: accept one as a modification point, or dismiss it with a reason."""
from flask_babel import gettext as _

from .. import labels, limits
from ..audit.trail import record
from ..extensions import db
from ..models import ClauseFlag, FlagDecision, User
from ..models.base import utcnow
from ..operations import OperationError, check_version
from ..review.operations import add_point
from . import policy
from .reading import latest_reading

NOT_FOUND = "提示不存在"  # a flag the caller may not see: its existence is not revealed


def require_visible(user: User, f: ClauseFlag | None) -> ClauseFlag:
    if f is None or not policy.can_view(user, f):
        raise OperationError(_(NOT_FOUND), 404)
    return f


def _check_decidable(actor: User, f: ClauseFlag, version) -> None:
    require_visible(actor, f)
    if not policy.may_decide(actor, f):
        raise OperationError(_("您的角色无权执行此操作"), 403)
    check_version(f, version)
    m = f.matter
    if not policy.decision_open(m):
        raise OperationError(_("当前状态（%(s)s）不能修改审核意见书，不能处理条文提示", s=labels.STATUS[m.status]), 409)
    if f.decision is not None:
        raise OperationError(_("该提示已处理"), 409)
    latest = latest_reading(m)
    if latest is None or latest.document_id != f.document_id:
        raise OperationError(_("该提示属于文稿的旧版本，请在最新版本上处理"), 409)


def _decide(actor: User, f: ClauseFlag, decision: FlagDecision) -> None:
    f.decision, f.decided_by_id, f.decided_at, f.carried = decision, actor.id, utcnow(), False


def accept(actor: User, f: ClauseFlag, version) -> ClauseFlag:
    """The flag's suggested point, tied to its clause (第五条, 第五条第（二）项), appended to the working draft of
    the opinion, where the reviewer edits it like any other point."""
    _check_decidable(actor, f, version)
    point = add_point(actor, f.matter, f.location, f.point)
    _decide(actor, f, FlagDecision.accepted)
    f.opinion_id, f.point_id, f.point_number = point.opinion_id, point.id, point.number
    db.session.flush()
    record(actor, "clause_flag.accept", "clause_flag", f.id, after={
        "matter_id": f.matter_id, "document_id": f.document_id, "rule_id": f.rule_id, "location": f.location,
        "point_id": point.id, "point_number": point.number})
    return f


def dismiss(actor: User, f: ClauseFlag, version, reason: str) -> ClauseFlag:
    """Not a problem in this draft, for the reason given (kept with the rule's statistics)."""
    reason = (reason or "").strip()
    _check_decidable(actor, f, version)
    if not reason:
        raise OperationError(_("不采纳提示须写明理由"))
    if len(reason) > limits.REASON:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=limits.REASON))
    _decide(actor, f, FlagDecision.dismissed)
    f.reason = reason
    db.session.flush()
    record(actor, "clause_flag.dismiss", "clause_flag", f.id, after={
        "matter_id": f.matter_id, "document_id": f.document_id, "rule_id": f.rule_id, "location": f.location,
        "reason": reason})
    return f
