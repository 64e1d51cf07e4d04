"""The hash-chained audit trail: what admin operations write, tamper detection, the CLI and the bureau's page."""
import re
import threading

import pytest
import sqlalchemy as sa

from review_app.audit.trail import record, verify
from review_app.extensions import db
from review_app.models import AuditEvent, AuditHead, Organisation, User
from tests import factories
from tests.factories import login
from workflows.roles import Role


@pytest.fixture
def admin(app):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        u = factories.user(Role.admin)
        return {"id": u.id, "username": u.username, "name": u.display_name}


@pytest.fixture
def admin_client(app, admin):
    c = app.test_client()
    assert login(c, admin["username"]).status_code == 302
    return c


def _events(action=None):
    q = sa.select(AuditEvent).order_by(AuditEvent.id)
    if action:
        q = q.where(AuditEvent.action == action)
    return db.session.scalars(q).all()


def _chain(app, n=6):
    """n events written the way operations write them, committed; returns their ids."""
    with app.app_context():
        ids = []
        for i in range(n):
            ids.append(record(None, "test.event", "thing", i, before={"n": i}, after={"n": i + 1, "名称": "测试"}).id)
            db.session.commit()
        return ids


def _raw(app, sql, **params):
    with app.app_context():
        stmt = sa.text(sql)
        if "after" in params:
            stmt = stmt.bindparams(sa.bindparam("after", type_=sa.JSON))
        db.session.execute(stmt, params)
        db.session.commit()


def _verify(app):
    with app.app_context():
        return verify()


# --- what admin operations write --------------------------------------------------------------------------

def test_admin_operations_write_audit_events(app, admin, admin_client):
    with app.app_context():
        org_id = factories.org().id
        db.session.commit()

    r = admin_client.post("/admin/organisations/new",
                          data={"name": "示范区水务局", "short_name": "区水务局", "kind": "department"})
    assert r.status_code == 302
    r = admin_client.post("/admin/users/new", data={
        "username": "liuyang", "display_name": "刘洋", "organisation_id": org_id, "roles": ["submitter"],
        "expert_id": "", "phone": "", "password": "Qing-Shan-Lake-2026"})
    assert r.status_code == 302
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "liuyang"))
        uid, version = user.id, user.version
    r = admin_client.post(f"/admin/users/{uid}/toggle", data={"version": version})
    assert r.status_code == 302

    with app.app_context():
        new_org = db.session.scalar(sa.select(Organisation).where(Organisation.name == "示范区水务局"))
        org_ev, = [e for e in _events("organisation.create") if e.object_id == str(new_org.id)]
        assert org_ev.object_type == "organisation" and org_ev.object_id == str(new_org.id)
        assert org_ev.before is None
        assert org_ev.after == {"name": "示范区水务局", "short_name": "区水务局", "kind": "department",
                                "active": True}

        create_ev, = [e for e in _events("user.create") if e.object_id == str(uid)]
        assert create_ev.object_type == "user" and create_ev.object_id == str(uid)
        assert create_ev.before is None
        assert create_ev.after["username"] == "liuyang" and create_ev.after["display_name"] == "刘洋"
        assert create_ev.after["roles"] == ["submitter"] and create_ev.after["active"] is True
        assert "password" not in str(create_ev.after).lower() and "argon2" not in str(create_ev.after)

        disable_ev, = _events("user.disable")
        assert disable_ev.object_id == str(uid)
        assert disable_ev.before["active"] is True and disable_ev.after["active"] is False

        for ev in (org_ev, create_ev, disable_ev):
            assert ev.actor_id == admin["id"]
            assert ev.actor_name == admin["name"]
            assert ev.ip == "127.0.0.1"
            assert ev.at is not None
        assert verify() is None


def test_operations_outside_a_request_are_recorded_as_the_system(app):
    with app.app_context():
        factories.org()
        db.session.commit()
        ev, = _events("organisation.create")
        assert ev.actor_id is None and ev.actor_name == "系统" and ev.ip is None


# --- tamper detection --------------------------------------------------------------------------------------

def test_whole_chain_verifies(app):
    ids = _chain(app)
    assert _verify(app) is None
    with app.app_context():
        head = db.session.get(AuditHead, 1)
        assert head.last_id == ids[-1] and head.count == len(ids)
        rows = _events()
        assert rows[0].prev_hash == "0" * 64
        assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:]))


def test_empty_trail_verifies(app):
    assert _verify(app) is None


def test_altering_a_row_is_reported_at_that_row(app):
    ids = _chain(app)
    victim = ids[2]
    _raw(app, "UPDATE audit_events SET after = :after WHERE id = :id", after={"n": 999, "名称": "测试"}, id=victim)
    broken = _verify(app)
    assert broken is not None and broken.event_id == victim
    assert "改动" in broken.reason


def test_altering_the_actor_is_reported_at_that_row(app):
    ids = _chain(app)
    _raw(app, "UPDATE audit_events SET actor_name = '别人' WHERE id = :id", id=ids[4])
    broken = _verify(app)
    assert broken is not None and broken.event_id == ids[4]


def test_deleting_a_middle_row_is_reported_at_the_next_row(app):
    ids = _chain(app)
    _raw(app, "DELETE FROM audit_events WHERE id = :id", id=ids[3])
    broken = _verify(app)
    assert broken is not None and broken.event_id == ids[4]


def test_deleting_the_last_row_is_detected_by_the_head(app):
    ids = _chain(app)
    _raw(app, "DELETE FROM audit_events WHERE id = :id", id=ids[-1])
    broken = _verify(app)
    assert broken is not None and broken.event_id == ids[-1]
    assert "链尾" in broken.reason


def test_deleting_the_first_row_is_reported_at_the_second(app):
    ids = _chain(app)
    _raw(app, "DELETE FROM audit_events WHERE id = :id", id=ids[0])
    broken = _verify(app)
    assert broken is not None and broken.event_id == ids[1]


def test_cli_verify_exit_codes(app, runner):
    ids = _chain(app)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "操作日志哈希链完整" in result.output

    _raw(app, "UPDATE audit_events SET after = :after WHERE id = :id", after={"n": -1}, id=ids[1])
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"id={ids[1]}" in result.output
    assert "断裂" in result.output


# --- concurrency -------------------------------------------------------------------------------------------

THREADS, PER_THREAD = 6, 8


@pytest.mark.parametrize("seeded", [True, False], ids=["existing-chain", "empty-chain"])
@pytest.mark.commits
def test_concurrent_appends_keep_one_chain(app, backend, seeded):
    """PostgreSQL serialises on the head row's lock, SQLite on BEGIN IMMEDIATE (review_app.sqlite)."""
    if seeded:
        _chain(app, 1)
    start = threading.Barrier(THREADS)
    errors = []

    def worker(n):
        try:
            with app.test_request_context(method="POST"):  # as a request that changes data
                start.wait(timeout=10)
                for i in range(PER_THREAD):
                    record(None, "test.concurrent", "thread", n, after={"thread": n, "i": i})
                    db.session.commit()
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    with app.app_context():
        rows = _events()
        assert len(rows) == THREADS * PER_THREAD + (1 if seeded else 0)
        prevs = [r.prev_hash for r in rows]
        assert len(set(prevs)) == len(prevs)
        assert verify() is None
        assert db.session.get(AuditHead, 1).count == len(rows)


# --- the bureau's audit page -------------------------------------------------------------------------------

def _ids(response):
    return [int(i) for i in re.findall(r"<tr>\s*<td>(\d+)</td>", response.get_data(as_text=True))]


def _results(response) -> str:
    """The table of events (the filter form above it lists every action, withdrawn ones included)."""
    return re.search(r"<tbody>(.*)</tbody>", response.get_data(as_text=True), re.S).group(1)


@pytest.fixture
def reviewer_client(app):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        name = factories.user(Role.bureau_reviewer).username
    c = app.test_client()
    assert login(c, name).status_code == 302
    return c


def test_audit_page_filters_by_action_and_actor(app, reviewer_client):
    with app.app_context():
        alice = factories.user(Role.submitter)
        bob = factories.user(Role.submitter)
        alice.display_name, bob.display_name = "张三", "李四"
        db.session.commit()
        for i in range(3):
            record(alice, "matter.submit", "matter", i, after={"i": i})
            record(bob, "matter.withdraw", "matter", i)
        db.session.commit()
        submit_ids = {e.id for e in _events("matter.submit")}
        bob_ids = {e.id for e in db.session.scalars(sa.select(AuditEvent).where(AuditEvent.actor_id == bob.id))}
        alice_id = alice.id

    r = reviewer_client.get("/audit/", query_string={"action": "matter.submit"})
    assert r.status_code == 200
    assert set(_ids(r)) == submit_ids
    assert "matter.withdraw" not in _results(r) and "撤回" not in _results(r)

    # "matter." is a prefix filter: both kinds, nothing else (user.create, user.login ...).
    r = reviewer_client.get("/audit/", query_string={"action": "matter."})
    assert len(_ids(r)) == 6

    # The actor is chosen by id from the district's people (an indexed match, not a substring of names).
    r = reviewer_client.get("/audit/", query_string={"actor": alice_id})
    assert set(_ids(r)) == submit_ids
    r = reviewer_client.get("/audit/", query_string={"action": "matter.withdraw", "actor": alice_id})
    assert _ids(r) == [] and "没有符合条件的记录" in r.get_data(as_text=True)
    assert bob_ids  # bob's own events exist; they were filtered out above


def test_audit_page_pages_with_the_before_keyset(app, reviewer_client):
    with app.app_context():
        for i in range(60):
            record(None, "page.test", "thing", i, after={"i": i})
        db.session.commit()
        expected = [e.id for e in reversed(_events("page.test"))]

    first = reviewer_client.get("/audit/", query_string={"action": "page.test"})
    assert first.status_code == 200
    assert _ids(first) == expected[:50]  # newest first
    html = first.get_data(as_text=True)
    assert "更早的记录" in html
    link = re.search(r'href="(/audit/\?[^"]*)">[^<]*更早的记录', html).group(1).replace("&amp;", "&")
    assert f"before={expected[49]}" in link and "action=page.test" in link

    second = reviewer_client.get(link)
    assert _ids(second) == expected[50:]
    assert "更早的记录" not in second.get_data(as_text=True)


def test_department_submitter_cannot_see_the_audit_page(app, client):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        name = factories.user(Role.submitter).username
    login(client, name)
    r = client.get("/audit/")
    assert r.status_code == 403
    assert "您没有权限访问此页面" in r.get_data(as_text=True)
