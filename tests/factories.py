"""Factory helpers that build rows through the same operations the app uses."""
import itertools

import sqlalchemy as sa

from review_app.admin.operations import create_district, create_organisation, create_user
from review_app.extensions import db
from review_app.models import District, OrgKind
from workflows.roles import Role

PASSWORD = "Correct-Horse-Battery-9"
_seq = itertools.count(1)

ROLE_ORG = {
    Role.submitter: OrgKind.department, Role.department_head: OrgKind.department,
    Role.decision_officer: OrgKind.government_office, Role.bureau_reviewer: OrgKind.justice_bureau,
    Role.bureau_director: OrgKind.justice_bureau, Role.adviser: OrgKind.justice_bureau,
    Role.admin: OrgKind.justice_bureau,
}
ORG_NAMES = {OrgKind.department: "测试住建局", OrgKind.government_office: "测试区政府办",
             OrgKind.justice_bureau: "测试司法局", OrgKind.town: "测试青山镇"}


# The district tests act in unless they name another; named like the demo's, with the same prefixes.
HOME = ("000001", "示范区", "示司审", "示司督")
# A second district, for tests of what one district may not see of another's.
OTHER = ("000002", "邻近区", "邻司审", "邻司督")


def district(spec: tuple = HOME) -> District:
    code, name, opinion_prefix, supervision_prefix = spec
    existing = db.session.scalar(sa.select(District).where(District.code == code))
    return existing or create_district(None, code, name, opinion_prefix, supervision_prefix)


def org(kind: OrgKind = OrgKind.department, name: str | None = None, in_district: District | None = None):
    from review_app.models import Organisation
    home = in_district or district()
    name = name or ORG_NAMES[kind]
    existing = db.session.scalar(sa.select(Organisation).where(Organisation.district_id == home.id,
                                                               Organisation.name == name))
    return existing or create_organisation(None, home, name, name[2:], kind)


def expert(in_district: District | None = None):
    from datetime import date

    from review_app.experts_admin.operations import add_expert
    from review_app.models import ExpertKind
    n = next(_seq)
    return add_expert(None, (in_district or district()).id, ExpertKind.lawyer, f"测试律师{n}", f"LIC-{n:06d}",
                      ["行政法"], date(2025, 1, 1), date(2027, 12, 31))


def user(role: Role, organisation=None, username: str | None = None, **kw):
    organisation = organisation or org(ROLE_ORG[role])
    if role == Role.adviser and "expert_id" not in kw:
        kw["expert_id"] = expert(db.session.get(District, organisation.district_id)).id
    name = username or f"{role.value}{next(_seq)}"
    u = create_user(None, name, f"测试{role.value}", organisation.id, {role}, PASSWORD, **kw)
    db.session.commit()
    return u


def login(client, username: str, password: str = PASSWORD):
    return client.post("/login", data={"username": username, "password": password})


def alerts(response) -> list[str]:
    """The flashed messages a user sees on a rendered page (the layout's alert boxes), in order."""
    import html
    import re
    text = response.get_data(as_text=True)
    return [html.unescape(m).strip() for m in re.findall(r'role="alert">(.*?)</div>', text, re.S)]


def words(response) -> str:
    """What the reader sees: the page's words, its markup and scripts dropped, spaces squeezed."""
    import re
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.get_data(as_text=True), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def squeezed(response) -> str:
    """The page's HTML with runs of white space squeezed to one (to find markup and text together)."""
    import re
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def as_user(app, username: str):
    """A test client logged in as an existing user."""
    client = app.test_client()
    login(client, username)
    return client


def logged_in(app, role: Role):
    """A test client logged in as a new user of `role` (no second factor, as in the demo)."""
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        name = user(role).username
    client = app.test_client()
    assert login(client, name).status_code == 302
    return client
