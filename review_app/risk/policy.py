"""Who sees a matter's risk assessment and who may change it.

The assessment is the bureau's working material, like its draft opinion: the bureau sees it with the matter,
the department once the opinion (which states the level and the measures) is issued. The bureau assesses
while the matter is with it, before the opinion is issued; only the
bureau director signs off the mitigation measures. The row rule and its SQL form side by side, as for matters.
"""
import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.review import Stage
from workflows.roles import BUREAU, DIRECTOR

from ..matters import policy as matter_policy
from ..models import Matter, Opinion, RiskAssessment, User
from ..operations import OperationError


def can_view(user: User, assessment: RiskAssessment) -> bool:
    m = assessment.matter
    issued = m.opinion is not None and m.opinion.issued
    return matter_policy.can_view(user, m) and (user.has_role(*BUREAU) or issued)


def visible(user: User):
    """`can_view` as a query condition on RiskAssessment."""
    seen = sa.select(Matter.id).where(matter_policy.visible(user))
    if not user.has_role(*BUREAU):
        seen = seen.join(Opinion, Opinion.matter_id == Matter.id).where(Opinion.number.is_not(None))
    return RiskAssessment.matter_id.in_(seen)


def may_assess(user: User, matter: Matter) -> bool:
    return (user.has_role(*BUREAU) and matter_policy.can_view(user, matter) and matter.stage is Stage.bureau
            and not (matter.opinion is not None and matter.opinion.issued))


def may_sign_off(user: User, matter: Matter) -> bool:
    return user.has_role(*DIRECTOR) and may_assess(user, matter)


def require_assessor(user: User, matter: Matter) -> None:
    matter_policy.require_visible(user, matter)
    if not user.has_role(*BUREAU):
        raise OperationError(_("只有司法局可以进行诉讼风险评估"), 403)
    if not may_assess(user, matter):
        raise OperationError(_("事项在司法局审核阶段、审核意见书印发前才能评估诉讼风险"), 409)


def require_signer(user: User, matter: Matter) -> None:
    matter_policy.require_visible(user, matter)
    if not user.has_role(*DIRECTOR):
        raise OperationError(_("只有司法局负责人可以签批风险防范化解措施"), 403)
    if not may_sign_off(user, matter):
        raise OperationError(_("事项在司法局审核阶段、审核意见书印发前才能签批风险防范化解措施"), 409)
