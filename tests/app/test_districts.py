"""One database, several districts: each district's matters, numbers, settings, people and lists stay its own."""
import sqlalchemy as sa

from review_app import rules
from review_app.extensions import db
from review_app.models import Matter, OrgKind, Setting, User
from review_app.review import operations as rops
from review_app.settings_admin import operations as sops
from tests import factories, pipeline
from workflows.review import Category
from tests.factories import as_user
from workflows.review import Status
from workflows.roles import Role


def _cast_in(spec):
    """A department, office and bureau cast of the district `spec`."""
    d = factories.district(spec)
    dept = factories.org(OrgKind.department, f"{d.name}住建局", d)
    office = factories.org(OrgKind.government_office, f"{d.name}政府办", d)
    bureau = factories.org(OrgKind.justice_bureau, f"{d.name}司法局", d)
    other = factories.org(OrgKind.department, f"{d.name}财政局", d)
    return pipeline.Cast(submitter=factories.user(Role.submitter, dept),
                         head=factories.user(Role.department_head, dept),
                         officer=factories.user(Role.decision_officer, office),
                         reviewer=factories.user(Role.bureau_reviewer, bureau),
                         director=factories.user(Role.bureau_director, bureau),
                         other_department=factories.user(Role.submitter, other))


def test_opinion_numbers_run_per_district_with_each_districts_prefix(app):
    with app.test_request_context():
        home, other = _cast_in(factories.HOME), _cast_in(factories.OTHER)
        a1, b1, a2 = (pipeline.drive(c, Status.issued) for c in (home, other, home))
        texts = [rops.opinion_number_text(m.opinion) for m in (a1, b1, a2)]
    year = a1.opinion.year
    assert texts == [f"示司审〔{year}〕1号", f"邻司审〔{year}〕1号", f"示司审〔{year}〕2号"]


def test_a_bureau_sees_only_its_own_districts_matters_and_tasks(app):
    with app.test_request_context():
        home, other = _cast_in(factories.HOME), _cast_in(factories.OTHER)
        mine = pipeline.drive(home, Status.bureau_intake).id
        theirs = pipeline.drive(other, Status.bureau_intake).id
        director = home.director.username
    client = as_user(app, director)
    listed = client.get("/matters/").get_data(as_text=True)
    assert f'href="/matters/{mine}"' in listed and f'href="/matters/{theirs}"' not in listed
    home_page = client.get("/").get_data(as_text=True)
    assert f'href="/matters/{mine}"' in home_page and f'href="/matters/{theirs}"' not in home_page
    assert client.get(f"/matters/{theirs}").status_code == 404


def test_a_district_administrator_manages_only_its_own_people_and_settings(app):
    with app.test_request_context():
        other = _cast_in(factories.OTHER)
        outsider_id = other.submitter.id
        outsider_name = other.submitter.username
        version = other.submitter.version
    admin = factories.logged_in(app, Role.admin)  # of the home district
    users = admin.get("/admin/users").get_data(as_text=True)
    assert outsider_name not in users
    assert admin.get(f"/admin/users/{outsider_id}").status_code == 404
    assert admin.post(f"/admin/users/{outsider_id}/toggle", data={"version": version}).status_code == 404
    with app.app_context():
        assert db.session.get(User, outsider_id).active
    orgs = admin.get("/admin/organisations").get_data(as_text=True)
    assert "邻近区住建局" not in orgs


def test_settings_differ_by_district(app):
    with app.test_request_context():
        home, other = _cast_in(factories.HOME), _cast_in(factories.OTHER)
        admin_home = factories.user(Role.admin, factories.org(OrgKind.justice_bureau, "示范区司法局"))
        current = sops.current_settings(admin_home.district_id)
        submitted = {k: str(v) for k, (v, _version) in current.items()}
        submitted["review_days.normative_document"] = "10"
        sops.update_settings(admin_home, submitted, {k: str(ver) for k, (_v, ver) in current.items()})
        db.session.commit()
        assert rules.review_days(Category.normative_document, home.submitter.district_id) == 10
        assert rules.review_days(Category.normative_document, other.submitter.district_id) == 15
        a = pipeline.drive(home, Status.bureau_review)
        b = pipeline.drive(other, Status.bureau_review)
        assert (a.period_days, b.period_days) == (10, 15)
        assert db.session.scalars(sa.select(Setting.district_id)).all() == [home.submitter.district_id]


def test_the_api_lists_only_the_callers_district(app):
    from review_app.auth.operations import create_api_token
    with app.test_request_context():
        home, other = _cast_in(factories.HOME), _cast_in(factories.OTHER)
        theirs = pipeline.drive(other, Status.bureau_intake).id
        mine = pipeline.drive(home, Status.bureau_intake).id
        token = create_api_token(home.reviewer, "t")[1]
        db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    items = app.test_client().get("/api/v1/matters", headers=headers).get_json()["items"]
    assert [i["id"] for i in items] == [mine]
    orgs = app.test_client().get("/api/v1/organisations", headers=headers).get_json()
    assert orgs and all("邻近区" not in o["name"] for o in orgs)
    me = app.test_client().get("/api/v1/me", headers=headers).get_json()
    assert me["district"]["name"] == "示范区"
    with app.app_context():
        assert db.session.get(Matter, theirs).district_id != db.session.get(Matter, mine).district_id
