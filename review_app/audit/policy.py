"""Who reads which events of the audit trail: the bureau and the administrators of a district read their
district's events (and those written before districts existed, which carry none), except the events of a
matter still in its department's own drafting and internal review, which only that department may see.
Row rule and SQL form side by side."""
import sqlalchemy as sa

from ..extensions import db
from ..models import AuditEvent, Matter, User


def _private_drafting(user: User):
    """Ids (as the trail stores them, text) of the district's matters not yet sent on by another department."""
    return sa.select(sa.cast(Matter.id, sa.String)).where(
        Matter.district_id == user.district_id, Matter.sent_on.is_(None),
        Matter.department_id != user.organisation_id).scalar_subquery()


def visible(user: User):
    in_district = sa.or_(AuditEvent.district_id == user.district_id, AuditEvent.district_id.is_(None))
    drafting = sa.and_(AuditEvent.object_type == "matter", AuditEvent.object_id.in_(_private_drafting(user)))
    return sa.and_(in_district, sa.not_(drafting))


def can_view(user: User, e: AuditEvent) -> bool:
    if e.district_id not in (None, user.district_id):
        return False
    if e.object_type != "matter":
        return True
    m = db.session.get(Matter, int(e.object_id)) if e.object_id and e.object_id.isdigit() else None
    return m is None or not (m.district_id == user.district_id and m.sent_on is None
                             and m.department_id != user.organisation_id)
