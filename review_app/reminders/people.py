"""Who reminders go to, and the working day they look ahead to."""
from datetime import date

import sqlalchemy as sa

from workflows.roles import Role

from .. import rules
from ..extensions import db
from ..models import Organisation, User, UserRole


def next_working_day(today: date) -> date | None:
    """The working day after today, when today is a working day (a reminder "the working day before" goes
    out on the last working day before the due date, never on a weekend or holiday)."""
    calendar = rules.calendar()
    return calendar.add_working_days(today, 1) if calendar.is_workday(today) else None


def directors(district_id: int) -> list[User]:
    """The bureau's directors of a district (overdue work is escalated to them)."""
    return list(db.session.scalars(
        sa.select(User).join(UserRole).join(Organisation, User.organisation_id == Organisation.id)
        .where(UserRole.role == Role.bureau_director, User.active, Organisation.district_id == district_id)
        .order_by(User.id)).unique())
