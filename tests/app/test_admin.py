"""The administrator's pages and the `flask users create` command."""
import pytest
import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import AuditEvent, Organisation, OrgKind, User
from tests import factories
from tests.factories import alerts, login
from workflows.roles import Role

GOOD_PASSWORD = "Qing-Shan-Lake-2026"


@pytest.fixture
def admin_client(app):
    return factories.logged_in(app, Role.admin)


@pytest.fixture
def orgs(app):
    with app.app_context():
        ids = {kind: factories.org(kind).id for kind in OrgKind}
        db.session.commit()
        return ids


def _user_form(org_id, roles, username="liuyang", password=GOOD_PASSWORD, **extra):
    data = {"username": username, "display_name": "刘洋", "organisation_id": org_id, "roles": roles,
            "expert_id": "", "phone": "13800000000", "password": password}
    data.update(extra)
    return data


def _user(username):
    return db.session.scalar(sa.select(User).where(User.username == username))


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_new_user_form_shows_role_checkboxes(app, admin_client, orgs):
    r = admin_client.get("/admin/users/new")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert html.count('type="checkbox"') == len(Role)
    for label in ("承办人员", "司法局审核人员", "系统管理员"):
        assert label in html


def test_admin_creates_a_user_with_several_roles(app, admin_client, orgs):
    r = admin_client.post("/admin/users/new", data=_user_form(
        orgs[OrgKind.department], ["submitter", "department_head"]))
    assert r.status_code == 302
    page = admin_client.get(r.headers["Location"])
    assert "已创建用户 liuyang" in alerts(page)
    assert "liuyang" in page.get_data(as_text=True)
    with app.app_context():
        u = _user("liuyang")
        assert u.display_name == "刘洋" and u.organisation_id == orgs[OrgKind.department]
        assert u.roles == {Role.submitter, Role.department_head}
        assert u.active and u.phone == "13800000000"
    # The new account can log in with the initial password.
    assert login(app.test_client(), "liuyang", GOOD_PASSWORD).status_code == 302


@pytest.mark.parametrize("kind, roles, message", [
    (OrgKind.department, ["bureau_reviewer"], "司法局角色只能授予司法局的用户"),
    (OrgKind.department, ["submitter", "bureau_director"], "司法局角色只能授予司法局的用户"),
    (OrgKind.justice_bureau, ["submitter"], "承办人员和承办部门负责人只能授予部门或镇（街道）的用户"),
    (OrgKind.department, ["decision_officer"], "决策机关经办人员只能授予决策机关（区政府办公室）的用户"),
    (OrgKind.justice_bureau, ["adviser"], "法律顾问账号必须关联专家库成员"),
], ids=["bureau-role-in-department", "mixed", "submitter-in-bureau", "decision-officer-in-department",
        "adviser-without-expert"])
def test_roles_must_fit_the_organisation(app, admin_client, orgs, kind, roles, message):
    with app.app_context():
        before = _count(AuditEvent)
    r = admin_client.post("/admin/users/new", data=_user_form(orgs[kind], roles))
    assert r.status_code == 400
    assert message in alerts(r)
    with app.app_context():
        assert _user("liuyang") is None
        assert _count(AuditEvent) == before


def test_form_errors_are_in_chinese_and_change_nothing(app, admin_client, orgs):
    r = admin_client.post("/admin/users/new", data=_user_form(orgs[OrgKind.department], [], username="a b"))
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert "至少选择一个角色" in html
    assert "用户名长度为 3 到 64 个字符" in html or "用户名只能包含字母、数字、下划线和点" in html
    with app.app_context():
        assert _count(User) == 1  # only the admin


def test_duplicate_username_is_refused(app, admin_client, orgs):
    assert admin_client.post("/admin/users/new", data=_user_form(
        orgs[OrgKind.department], ["submitter"])).status_code == 302
    r = admin_client.post("/admin/users/new", data=_user_form(
        orgs[OrgKind.department], ["submitter"], username="LiuYang"))
    assert r.status_code == 400
    assert "用户名已被使用：LiuYang" in alerts(r)


def test_admin_creates_an_organisation(app, admin_client):
    r = admin_client.post("/admin/organisations/new",
                          data={"name": "示范区水务局", "short_name": "区水务局", "kind": "department"})
    assert r.status_code == 302
    page = admin_client.get(r.headers["Location"])
    assert "已创建单位" in alerts(page)
    assert "示范区水务局" in page.get_data(as_text=True)
    with app.app_context():
        o = db.session.scalar(sa.select(Organisation).where(Organisation.name == "示范区水务局"))
        assert o.short_name == "区水务局" and o.kind == OrgKind.department and o.active

    # The same name twice is refused with a message.
    r = admin_client.post("/admin/organisations/new",
                          data={"name": "示范区水务局", "short_name": "水务", "kind": "department"})
    assert r.status_code == 400
    assert "已存在同名单位：示范区水务局" in alerts(r)


def test_disable_and_enable_a_user(app, admin_client, orgs):
    with app.app_context():
        u = factories.user(Role.submitter)
        uid, name, version = u.id, u.username, u.version
    r = admin_client.post(f"/admin/users/{uid}/toggle", data={"version": version})
    assert r.status_code == 302
    with app.app_context():
        u = db.session.get(User, uid)
        assert not u.active
        version = u.version
    assert login(app.test_client(), name).status_code == 401

    r = admin_client.post(f"/admin/users/{uid}/toggle", data={"version": version})
    assert r.status_code == 302
    assert f"已启用 {name}" in alerts(admin_client.get(r.headers["Location"]))
    with app.app_context():
        assert db.session.get(User, uid).active
    assert login(app.test_client(), name).status_code == 302


def test_disable_and_enable_an_organisation(app, admin_client, orgs):
    with app.app_context():
        u = factories.user(Role.submitter)
        name, org_id = u.username, u.organisation_id
        version = db.session.get(Organisation, org_id).version
    member = app.test_client()
    login(member, name)
    assert member.get("/").status_code == 200

    r = admin_client.post(f"/admin/organisations/{org_id}/toggle", data={"version": version})
    assert r.status_code == 302
    with app.app_context():
        o = db.session.get(Organisation, org_id)
        assert not o.active
        version = o.version
    # Its members are out at once and cannot log in again.
    assert member.get("/").status_code == 302
    assert login(app.test_client(), name).status_code == 401
    assert "已停用" in admin_client.get("/admin/organisations").get_data(as_text=True)

    r = admin_client.post(f"/admin/organisations/{org_id}/toggle", data={"version": version})
    assert r.status_code == 302
    with app.app_context():
        assert db.session.get(Organisation, org_id).active
    assert login(app.test_client(), name).status_code == 302


def test_disabled_organisation_is_not_offered_for_new_users(app, admin_client, orgs):
    with app.app_context():
        o = db.session.get(Organisation, orgs[OrgKind.town])
        version = o.version
    admin_client.post(f"/admin/organisations/{o.id}/toggle", data={"version": version})
    r = admin_client.post("/admin/users/new", data=_user_form(orgs[OrgKind.town], ["submitter"]))
    assert r.status_code == 400
    with app.app_context():
        assert _user("liuyang") is None


def test_admin_cannot_disable_themselves(app, admin_client):
    with app.app_context():
        me = db.session.scalar(sa.select(User).where(User.role_rows.any(role=Role.admin)))
        uid, version = me.id, me.version
    r = admin_client.post(f"/admin/users/{uid}/toggle", data={"version": version})
    assert r.status_code == 400
    assert "不能停用自己的账号" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, uid).active


@pytest.mark.parametrize("target", ["user", "organisation"])
def test_stale_version_gives_409_and_changes_nothing(app, admin_client, orgs, target):
    with app.app_context():
        u = factories.user(Role.submitter)
        if target == "user":
            url, row = f"/admin/users/{u.id}/toggle", u
        else:
            row = db.session.get(Organisation, u.organisation_id)
            url = f"/admin/organisations/{row.id}/toggle"
        model, row_id, stale = type(row), row.id, row.version
        # Someone else edits the row in the meantime.
        row.phone = "010-1234" if target == "user" else None
        if target == "organisation":
            row.short_name = "住建"
        db.session.commit()
        assert row.version == stale + 1
        events = _count(AuditEvent)

    r = admin_client.post(url, data={"version": stale})
    assert r.status_code == 409
    text = r.get_data(as_text=True)
    assert "数据已被他人修改" in text and f"当前版本 {stale + 1}" in text
    with app.app_context():
        row = db.session.get(model, row_id)
        assert row.active is True and row.version == stale + 1
        assert _count(AuditEvent) == events


def test_stale_version_on_edit_user_gives_409(app, admin_client, orgs):
    with app.app_context():
        u = factories.user(Role.submitter)
        uid, stale, org_id = u.id, u.version, u.organisation_id
        u.display_name = "别人改过"
        db.session.commit()
    r = admin_client.post(f"/admin/users/{uid}", data={
        "version": stale, "display_name": "我的修改", "organisation_id": org_id, "roles": ["submitter"],
        "expert_id": "", "phone": ""})
    assert r.status_code == 409
    assert any("数据已被他人修改" in a for a in alerts(r))
    with app.app_context():
        assert db.session.get(User, uid).display_name == "别人改过"


# --- the command line --------------------------------------------------------------------------------------

def test_cli_creates_a_user(app, runner, orgs):
    result = runner.invoke(args=["users", "create", "zhaomin", "--name", "赵敏", "--org", "测试司法局",
                                 "--role", "bureau_reviewer", "--password", GOOD_PASSWORD])
    assert result.exit_code == 0, result.output
    assert "已创建用户 zhaomin" in result.output
    with app.app_context():
        u = _user("zhaomin")
        assert u.display_name == "赵敏" and u.roles == {Role.bureau_reviewer}
        assert u.password_hash.startswith("$argon2id$")
        assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "user.create",
                                                             AuditEvent.object_id == str(u.id)))
    app.config["REQUIRE_TOTP"] = False
    assert login(app.test_client(), "zhaomin", GOOD_PASSWORD).status_code == 302


@pytest.mark.parametrize("password, message", [
    ("short-Pw1", "密码至少需要 12 个字符"),
    ("password1234", "密码过于常见或容易猜测"),
])
def test_cli_refuses_a_weak_password(app, runner, orgs, password, message):
    result = runner.invoke(args=["users", "create", "zhaomin", "--name", "赵敏", "--org", "测试司法局",
                                 "--role", "bureau_reviewer", "--password", password])
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert _user("zhaomin") is None


def test_cli_refuses_an_unknown_organisation_and_a_misfit_role(app, runner, orgs):
    result = runner.invoke(args=["users", "create", "zhaomin", "--name", "赵敏", "--org", "不存在的局",
                                 "--role", "submitter", "--password", GOOD_PASSWORD])
    assert result.exit_code != 0 and "找不到单位：不存在的局" in result.output
    result = runner.invoke(args=["users", "create", "zhaomin", "--name", "赵敏", "--org", "测试住建局",
                                 "--role", "bureau_reviewer", "--password", GOOD_PASSWORD])
    assert result.exit_code != 0 and "司法局角色只能授予司法局的用户" in result.output
    with app.app_context():
        assert _user("zhaomin") is None


def test_admin_resets_a_forgotten_password_and_a_lost_phone(app, admin_client, orgs):
    with app.app_context():
        u = factories.user(Role.bureau_reviewer)
        u.totp_secret, u.totp_enabled = "JBSWY3DPEHPK3PXP", True
        db.session.commit()
        user_id, name, version = u.id, u.username, u.version
    user_client = app.test_client()
    weak = admin_client.post(f"/admin/users/{user_id}/password", data={"version": version, "password": "short"},
                             follow_redirects=True)
    assert "至少需要 12 个字符" in "".join(alerts(weak))
    r = admin_client.post(f"/admin/users/{user_id}/password",
                          data={"version": version, "password": "Another-Strong-Pass-42"}, follow_redirects=True)
    assert "已为" in "".join(alerts(r))
    assert login(user_client, name, "Another-Strong-Pass-42").headers["Location"].endswith("/login/code")
    with app.app_context():
        version = _user(name).version
    admin_client.post(f"/admin/users/{user_id}/totp-reset", data={"version": version})
    with app.app_context():
        assert _user(name).totp_enabled is False and _user(name).totp_secret is None
        actions = db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.object_id == str(user_id)))
        assert {"user.password_reset", "user.totp_reset"} <= set(actions)
