"""Who reads which events of the audit trail: the bureau and the administrators of a district read their
district's events (and those written before districts existed, which carry none), except the events of a
matter still in its department's own drafting and internal review, which only that department may see.
Row rule and SQL form side by side."""
import sqlalchemy as sa

from ..extensions import db
from ..models import AuditEvent, Matter, User


def _matter_id():
    """The id of the matter an event concerns, as the integer it was recorded from (object_id holds its text);
    NULL for any other event, and for an object_id that is not a plain number, which no cast then sees."""
    digits = sa.and_(AuditEvent.object_type == "matter", sa.func.length(AuditEvent.object_id).between(1, 9),
                     sa.func.ltrim(AuditEvent.object_id, "0123456789") == "")
    return sa.case((digits, sa.cast(AuditEvent.object_id, sa.Integer)))


def visible(user: User):
    in_district = sa.or_(AuditEvent.district_id == user.district_id, AuditEvent.district_id.is_(None))
    return sa.and_(in_district, not_others_drafting(user))


def not_others_drafting(user: User):
    """`visible` less its district part: not an event of another department's matter still in drafting."""
    # One primary-key look-up per event read, not a list of every unsent matter of the district (at a million
    # matters that list is too big to hash and was scanned once per event).
    drafting = sa.exists().where(
        Matter.id == _matter_id(), Matter.district_id == user.district_id, Matter.sent_on.is_(None),
        Matter.department_id != user.organisation_id)
    return sa.not_(drafting)


def can_view(user: User, e: AuditEvent) -> bool:
    if e.district_id not in (None, user.district_id):
        return False
    if e.object_type != "matter":
        return True
    m = db.session.get(Matter, int(e.object_id)) if e.object_id and e.object_id.isdigit() else None
    return m is None or not (m.district_id == user.district_id and m.sent_on is None
                             and m.department_id != user.organisation_id)
