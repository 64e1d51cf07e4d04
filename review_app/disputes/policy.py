"""The litigation records' one per-record policy: a body sees and files its own cases (as defendant); the
district's justice bureau sees every case of the district, files them too and assigns its task force; nobody
sees another district's. The row rule (`can_view`) and its SQL form (`visible`) side by side."""
import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.roles import BUREAU, DEPARTMENT

from ..models import DisputeCase, Lawsuit, Organisation, OrgKind, ReconsiderationCase, User
from ..operations import OperationError

# Bodies that can be sued and keep their own cases.
BODIES = (OrgKind.town, OrgKind.department, OrgKind.government_office)
NOT_FOUND = "案件不存在"


def _body_member(user: User) -> bool:
    return user.has_role(*DEPARTMENT) and user.organisation.kind in BODIES


def sees(user: User, district_id: int, organisation_id: int) -> bool:
    if user.district_id != district_id:
        return False
    if user.has_role(*BUREAU):
        return True
    return _body_member(user) and user.organisation_id == organisation_id


def seen_by(user: User, district_column, organisation_column):
    """`sees` as a query condition on a table's district and owning-body columns."""
    in_district = district_column == user.district_id
    if user.has_role(*BUREAU):
        return in_district
    if _body_member(user):
        return sa.and_(in_district, organisation_column == user.organisation_id)
    return sa.false()


def can_view(user: User, case: Lawsuit) -> bool:
    return sees(user, case.district_id, case.defendant_id)


def visible(user: User):
    return seen_by(user, Lawsuit.district_id, Lawsuit.defendant_id)


def require_visible(user: User, case):
    if case is None or not sees(user, case.district_id, _owner(case)):
        raise OperationError(_(NOT_FOUND), 404)
    return case


def _owner(case) -> int:
    """The body a case belongs to: the defendant, the respondent, or the body concerned."""
    for name in ("defendant_id", "respondent_id", "body_id"):
        if hasattr(case, name):
            return getattr(case, name)
    raise TypeError(case)


def reconsiderations_visible(user: User):
    return seen_by(user, ReconsiderationCase.district_id, ReconsiderationCase.respondent_id)


def disputes_visible(user: User):
    return seen_by(user, DisputeCase.district_id, DisputeCase.body_id)


def may_file_for(user: User, org: Organisation | None) -> bool:
    """File a case against `org`: the body itself, or the bureau."""
    if org is None or org.district_id != user.district_id or org.kind not in BODIES:
        return False
    return user.has_role(*BUREAU) or (_body_member(user) and user.organisation_id == org.id)


def may_record(user: User, case) -> bool:
    """Record the course of a case: the bureau and the body concerned."""
    return sees(user, case.district_id, _owner(case))


def is_bureau(user: User, district_id: int) -> bool:
    return user.district_id == district_id and user.has_role(*BUREAU)


def require_bureau(user: User, case) -> None:
    require_visible(user, case)
    if not is_bureau(user, case.district_id):
        raise OperationError(_("只有司法局可以办理此项"), 403)
