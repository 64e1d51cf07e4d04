"""Whose accounts and organisations an administrator manages: those of their own district. The system (the
`flask` commands and the demo loader, actor None) reaches every district. Row rule and SQL form side by side."""
from flask_babel import gettext as _

from ..models import Organisation, User
from ..operations import OperationError


def in_reach(actor: User | None, district_id: int) -> bool:
    return actor is None or actor.district_id == district_id


def require_district(actor: User | None, district_id: int) -> None:
    if not in_reach(actor, district_id):
        raise OperationError(_("记录不存在"), 404)


def visible_organisations(actor: User):
    return Organisation.district_id == actor.district_id


def visible_users(actor: User):
    """Users of the actor's district (join User.organisation to apply it)."""
    return Organisation.district_id == actor.district_id
