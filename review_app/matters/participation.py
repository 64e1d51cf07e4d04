"""Recording a major decision's public participation (Decree 713 Art. 14-19) and reading the bureau's findings
from it (workflows/participation.py). The department records it while the matter is in its hands."""
from dataclasses import asdict

from flask_babel import gettext as _

from workflows.participation import Finding, Participation, ParticipationError, check_dates, findings

from .. import limits
from ..audit.trail import record
from ..extensions import db
from ..models import Matter, PublicParticipation, User
from ..models.base import utcnow
from ..operations import OperationError, check_version
from . import policy
from .policy import Change

_TEXTS = ("not_public_reason", "shortened_reason")


def as_rule(row: PublicParticipation | None) -> Participation | None:
    if row is None:
        return None
    return Participation(**{name: getattr(row, name) for name in Participation.__dataclass_fields__})


def participation_findings(matter: Matter) -> list[Finding]:
    """The bureau's findings on public participation; only a major decision has them."""
    if matter.category.value != "major_decision":
        return []
    return findings(as_rule(db.session.get(PublicParticipation, matter.id)))


def record_participation(actor: User, matter: Matter, version, facts: Participation) -> PublicParticipation:
    policy.require(actor, matter, Change.participate)
    if not policy.change_open(matter, Change.participate, actor):
        raise OperationError(_("只有起草中或补正中的重大行政决策可以填写公众参与情况"), 409)
    for name in _TEXTS:
        if len(getattr(facts, name).strip()) > limits.REASON:
            raise OperationError(_("理由不能超过 %(n)d 个字", n=limits.REASON))
    try:
        check_dates(facts)
    except ParticipationError as e:
        raise OperationError(_(str(e))) from None
    row = db.session.get(PublicParticipation, matter.id)
    before = None
    if row is None:
        row = PublicParticipation(matter_id=matter.id)
        db.session.add(row)
    else:
        check_version(row, version)
        before = audit_state(row)
    for name, value in asdict(facts).items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.recorded_by_id = actor.id
    row.updated_at = utcnow()
    db.session.flush()
    record(actor, "matter.participation", "matter", matter.id, before, audit_state(row))
    return row


def audit_state(row: PublicParticipation) -> dict:
    return {name: getattr(row, name) for name in Participation.__dataclass_fields__}
