"""API: the current user and the organisations of their district."""
import sqlalchemy as sa
from flask_login import current_user

from ..extensions import db
from ..models import Organisation, OrgKind
from . import api_route
from .schemas import Resource


class OrganisationOut(Resource):
    id: int
    name: str
    short_name: str
    kind: OrgKind
    active: bool


class DistrictOut(Resource):
    id: int
    code: str
    name: str


class CurrentUser(Resource):
    id: int
    username: str
    display_name: str
    roles: list[str]
    organisation: OrganisationOut
    district: DistrictOut

    @classmethod
    def of(cls, u) -> "CurrentUser":
        return cls(id=u.id, username=u.username, display_name=u.display_name,
                   roles=sorted(r.value for r in u.roles), organisation=OrganisationOut.model_validate(u.organisation),
                   district=DistrictOut.model_validate(u.district))


@api_route("/me", "GET", "当前用户", CurrentUser)
def me():
    return CurrentUser.of(current_user)


@api_route("/organisations", "GET", "本区单位列表", list[OrganisationOut])
def organisations():
    return db.session.scalars(sa.select(Organisation).where(Organisation.district_id == current_user.district_id)
                              .order_by(Organisation.id)).all()
