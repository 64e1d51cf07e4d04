"""The ledger's one per-record policy: who sees a case or a letter, and who may change what.

A town/street or department sees and keeps its own cases (its people with the department roles); the
district's justice bureau sees every case of the district and issues the supervision letters; nobody sees
another district's. Each rule is written twice, side by side: on one row (`can_view`, `can_view_letter`) and
as a SQL condition (`visible`, `letters_visible`); tests/app/test_policies.py checks that the two agree.
"""
import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.roles import BUREAU, DEPARTMENT

from ..models import DemolitionCase, Organisation, OrgKind, SupervisionLetter, User
from ..operations import OperationError

# Bodies that plan forced demolitions and keep ledger cases.
KEEPERS = (OrgKind.town, OrgKind.department)

# The one answer for a case or letter the caller may not see: its existence is not revealed.
NOT_FOUND = "台账案件不存在"
LETTER_NOT_FOUND = "督察函不存在"


def _keeper(user: User) -> bool:
    return user.has_role(*DEPARTMENT) and user.organisation.kind in KEEPERS


# --- seeing -------------------------------------------------------------------------------------------------

# Cases and letters alike belong to a district and to the body that keeps them (a letter: the body it is
# addressed to); both rules are one rule on those two columns.

def _sees(user: User, district_id: int, organisation_id: int) -> bool:
    if user.district_id != district_id:
        return False
    if user.has_role(*BUREAU):
        return True
    return _keeper(user) and user.organisation_id == organisation_id


def _seen_by(user: User, model):
    """`_sees` as a query condition on `model`'s district_id and organisation_id."""
    in_district = model.district_id == user.district_id
    if user.has_role(*BUREAU):
        return in_district
    if _keeper(user):
        return sa.and_(in_district, model.organisation_id == user.organisation_id)
    return sa.false()


def can_view(user: User, case: DemolitionCase) -> bool:
    return _sees(user, case.district_id, case.organisation_id)


def visible(user: User):
    """`can_view` as a query condition."""
    return _seen_by(user, DemolitionCase)


def can_view_letter(user: User, letter: SupervisionLetter) -> bool:
    """The bureau sees its district's letters; a body those addressed to it."""
    return _sees(user, letter.district_id, letter.organisation_id)


def letters_visible(user: User):
    return _seen_by(user, SupervisionLetter)


def require_visible(user: User, case: DemolitionCase | None) -> DemolitionCase:
    if case is None or not can_view(user, case):
        raise OperationError(_(NOT_FOUND), 404)
    return case


def require_letter(user: User, letter: SupervisionLetter | None) -> SupervisionLetter:
    if letter is None or not can_view_letter(user, letter):
        raise OperationError(_(LETTER_NOT_FOUND), 404)
    return letter


# --- acting -------------------------------------------------------------------------------------------------

def may_enter_for(user: User, org: Organisation) -> bool:
    """Enter (or import) a case for `org`: the body itself, or the district's bureau compiling the ledger."""
    if org.district_id != user.district_id or org.kind not in KEEPERS or not org.active:
        return False
    return user.has_role(*BUREAU) or (_keeper(user) and user.organisation_id == org.id)


def may_keep(user: User, case: DemolitionCase) -> bool:
    """Edit the case and record its steps, challenges and execution: its own body only."""
    return (user.district_id == case.district_id and _keeper(user)
            and user.organisation_id == case.organisation_id)


def may_issue_letter(user: User, case: DemolitionCase) -> bool:
    return user.district_id == case.district_id and user.has_role(*BUREAU)


def may_reply(user: User, letter: SupervisionLetter) -> bool:
    return (user.district_id == letter.district_id and _keeper(user)
            and user.organisation_id == letter.organisation_id)


def require_keeper(user: User, case: DemolitionCase) -> None:
    require_visible(user, case)
    if not may_keep(user, case):
        raise OperationError(_("只有负责该案件的镇（街道）或部门可以修改台账和录入程序"), 403)


def require_bureau(user: User, case: DemolitionCase) -> None:
    require_visible(user, case)
    if not may_issue_letter(user, case):
        raise OperationError(_("只有司法局可以制发法治督察函"), 403)


def require_replier(user: User, letter: SupervisionLetter) -> None:
    require_letter(user, letter)
    if not may_reply(user, letter):
        raise OperationError(_("只有督察函的主送单位可以回复"), 403)
