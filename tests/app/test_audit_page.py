"""The audit log page in words: actions by name, changes as labelled fields with their values in words, the
record concerned as a link when the reader may open it, logins filterable, filters that refuse what they
cannot apply, and filters an index serves at a million events (EXPLAIN on PostgreSQL)."""
import ast
import html
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from review_app.audit.describe import ACTIONS, REVIEW_STEPS, action_label
from review_app.audit.filters import AuditFilter, query
from review_app.audit.trail import record
from review_app.decisions import operations as dops
from review_app.extensions import db
from review_app.models import AuditEvent, User
from tests import factories, pipeline
from tests.factories import OTHER, login
from workflows.review import Category, Status
from workflows.roles import Role

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def people(app):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        c = pipeline.cast()
        admin = factories.user(Role.admin)
        ids = {"reviewer": c.reviewer.id, "submitter": c.submitter.id, "admin": admin.id,
               "reviewer_name": c.reviewer.username, "admin_name": admin.username,
               "submitter_name": c.submitter.username, "officer": c.officer.id}
        db.session.commit()
        return ids


def _client(app, username):
    c = app.test_client()
    assert login(c, username).status_code == 302
    return c


def _rows(response) -> list[list[str]]:
    """The results table as the reader sees it: one list of cell texts per event (links kept as <a href>)."""
    body = re.search(r"<tbody>(.*)</tbody>", response.get_data(as_text=True), re.S).group(1)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows.append([re.sub(r"\s+", " ", html.unescape(re.sub(r"<(?!a |/a>)[^>]+>", " ", c))).strip()
                     for c in cells])
    return rows


def _row(response, event_id) -> list[str]:
    return next(r for r in _rows(response) if r[0] == str(event_id))


def _user(app, user_id) -> User:
    return db.session.get(User, user_id)


# --- actions in words ----------------------------------------------------------------------------------------

def _recorded_actions() -> set[str]:
    """Every action literal the code passes to `record(actor, action, …)` (or to a helper that passes it on)."""
    found = set()
    for path in (ROOT / "review_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "record" and len(node.args) > 1:
                arg = node.args[1]
            elif name == "_audit_draft" and len(node.args) > 2:
                arg = node.args[2]
            else:
                continue
            if isinstance(arg, ast.JoinedStr):  # f"matter.{action.value}": every review step
                found |= set(REVIEW_STEPS)
                continue
            for leaf in ast.walk(arg):  # a literal, or both of `"x.enable" if active else "x.disable"`
                if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str) and "." in leaf.value:
                    found.add(leaf.value)
    return found


def test_every_action_the_code_records_has_a_label():
    recorded = _recorded_actions()
    assert len(recorded) > 40  # the scan found the calls
    missing = sorted(a for a in recorded if a not in ACTIONS and a not in REVIEW_STEPS)
    assert not missing, f"add labels to review_app/audit/describe.py ACTIONS for: {missing}"


def test_unknown_action_falls_back_to_its_code(app):
    with app.test_request_context():
        assert action_label("matter.request_advisers") == "征询法律顾问意见"
        assert action_label("litigation.hearing_held") == "litigation.hearing_held"


def test_page_shows_actions_changes_and_subjects_in_words(app, people):
    with app.app_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.bureau_review)
        db.session.commit()
        matter_id, title = m.id, m.title
        forward = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "matter.forward",
                                                                AuditEvent.object_id == str(m.id)))
        advisers = record(c.reviewer, "matter.request_advisers", "matter", m.id,
                          {"status": "bureau_review", "conclusion": None},
                          {"status": "consulting", "conclusion": "lawful_if_amended"})
        db.session.commit()
        forward_id, advisers_id = forward.id, advisers.id
    r = _client(app, people["reviewer_name"]).get("/audit/", query_string={"object_type": "matter"})
    assert r.status_code == 200
    text = r.get_data(as_text=True)
    results = re.search(r"<tbody>(.*)</tbody>", text, re.S).group(1)
    assert "matter.request_advisers" not in results and '{"' not in results and "matter 7" not in results
    row = _row(r, advisers_id)
    assert row[4] == "征询法律顾问意见"
    assert row[5] == f'<a href="/matters/{matter_id}">审核事项《{title}》</a>'
    assert "状态： 司法局审核中 → 征询法律顾问意见中" in row[6], row
    assert "审核结论： — → 修改后合法" in row[6]
    row = _row(r, forward_id)
    assert row[4] == "转送司法局审核" and "审核期限： — → 20" in row[6]


def test_user_changes_show_names_roles_and_yes_or_no_and_link_for_admins_only(app, people):
    admin_client = _client(app, people["admin_name"])
    with app.app_context():
        target = _user(app, people["submitter"])
        version = target.version
    r = admin_client.post(f"/admin/users/{people['submitter']}/toggle", data={"version": version})
    assert r.status_code == 302
    with app.app_context():
        ev = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "user.disable"))
        created = db.session.scalar(sa.select(AuditEvent).where(
            AuditEvent.action == "user.create", AuditEvent.object_id == str(people["submitter"])))
        name = _user(app, people["submitter"]).display_name
    r = admin_client.get("/audit/", query_string={"action": "user."})
    row = _row(r, ev.id)
    assert row[4] == "停用用户"
    assert row[5] == f'<a href="/admin/users/{people["submitter"]}">用户 {name}</a>'
    assert row[6] == "启用： 是 → 否"
    row = _row(r, created.id)
    assert "角色： 承办人员" in row[6] and "已启用动态验证码： 否" in row[6] and "所属单位： 测试住建局" in row[6]

    # A bureau reviewer reads the same event, the person named but not linked (user pages are the admin's).
    r = _client(app, people["reviewer_name"]).get("/audit/", query_string={"action": "user.disable"})
    assert _row(r, ev.id)[5] == f"用户 {name}"


def test_matter_subject_is_plain_text_for_a_reader_who_may_not_open_it(app, people):
    with app.app_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.bureau_review)
        db.session.commit()
        ev = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "matter.forward",
                                                           AuditEvent.object_id == str(m.id)))
        matter_id = m.id
    r = _client(app, people["admin_name"]).get("/audit/", query_string={"action": "matter.forward"})
    assert _row(r, ev.id)[5] == f"审核事项 {matter_id}"  # administrators do not open matters
    assert f'href="/matters/{matter_id}"' not in r.get_data(as_text=True)


def test_decision_subject_links_to_the_register_filtered_to_its_year(app, people):
    with app.app_context():
        c = pipeline.cast()
        d = dops.record_decision(c.officer, dops.DecisionFields(
            meeting_name="区政府第3次常务会议", meeting_date=date(2026, 3, 5), title="关于临时动议的决定",
            category=Category.major_decision, department_id=c.submitter.organisation_id,
            unreviewed_reason="会议临时动议"))
        db.session.commit()
        ev = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "decision.record"))
        decision_id = d.id
    r = _client(app, people["reviewer_name"]).get("/audit/", query_string={"action": "decision.record"})
    row = _row(r, ev.id)
    assert row[4] == "登记决策事项"
    assert row[5] == f'<a href="/decisions/?year=2026#decision-{decision_id}">决策事项《关于临时动议的决定》</a>'
    assert "会议日期： 2026-03-05" in row[6] and "类别： 重大行政决策" in row[6]
    page = _client(app, people["reviewer_name"]).get("/decisions/?year=2026").get_data(as_text=True)
    assert f'id="decision-{decision_id}"' in page


# --- filters -------------------------------------------------------------------------------------------------

def test_login_records_are_one_filter(app, people):
    client = _client(app, people["reviewer_name"])
    client.post("/logout", data={})
    client = _client(app, people["reviewer_name"])
    with app.app_context():
        logins = {e.id for e in db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action.in_(["user.login", "user.logout"])))}
    r = client.get("/audit/", query_string={"action": "logins"})
    assert r.status_code == 200
    assert {int(row[0]) for row in _rows(r)} == logins
    assert {row[4] for row in _rows(r)} == {"登录", "退出登录"}
    assert '<option value="logins" selected>登录记录（登录、退出）</option>' in r.get_data(as_text=True)


def test_prefix_filter_takes_only_that_group(app, people):
    with app.app_context():
        ids = {a: record(None, a, "thing", 1).id for a in ("matter.x", "matter.y_z", "matters.x", "matter", "matterx.y")}
        db.session.commit()
    r = _client(app, people["reviewer_name"]).get("/audit/", query_string={"action": "matter.", "object_type": "thing"})
    assert {int(row[0]) for row in _rows(r)} == {ids["matter.x"], ids["matter.y_z"]}


def test_system_actor_filter(app, people):
    with app.app_context():
        system = record(None, "setting.update", "setting", "rating_days", {"value": 2, "default": True}, {"value": 3})
        db.session.commit()
        system_id = system.id
    r = _client(app, people["reviewer_name"]).get("/audit/", query_string={"actor": "system",
                                                                            "action": "setting.update"})
    assert [int(row[0]) for row in _rows(r)] == [system_id]
    row = _rows(r)[0]
    assert row[2] == "系统" and row[5] == "设置：法律顾问意见评分期限（工作日）"
    assert row[6] == "值： 2 → 3 为默认值： 是 （变更前）"


def test_actor_list_holds_the_readers_district_only(app, people):
    with app.app_context():
        other_org = factories.org(in_district=factories.district(OTHER))
        stranger = factories.user(Role.submitter, organisation=other_org)
        stranger_id = stranger.id
    client = _client(app, people["reviewer_name"])
    page = client.get("/audit/").get_data(as_text=True)
    actor_select = re.search(r'<select[^>]*name="actor">(.*?)</select>', page, re.S).group(1)
    assert f'value="{people["submitter"]}"' in actor_select
    assert f'value="{stranger_id}"' not in actor_select
    r = client.get("/audit/", query_string={"actor": stranger_id})
    assert r.status_code == 400 and "请从列表中选择操作人" in "".join(factories.alerts(r))


@pytest.mark.parametrize("args, message", [
    ({"from": "2026-12-01", "to": "2026-11-01", "action": "user."}, "起始日期（2026-12-01）晚于结束日期（2026-11-01）"),
    ({"from": "2026-13-45"}, "日期格式不正确"),
    ({"actor": "张三"}, "请从列表中选择操作人"),
    ({"action": "matter.submit' OR 1=1"}, "请从列表中选择操作"),
])
def test_filters_that_cannot_apply_answer_400_with_the_reason_and_keep_the_form(app, people, args, message):
    r = _client(app, people["reviewer_name"]).get("/audit/", query_string=args)
    assert r.status_code == 400
    assert message in "".join(factories.alerts(r))
    assert _rows(r) == [["没有符合条件的记录"]]
    page = r.get_data(as_text=True)
    if "from" in args:
        assert f'name="from" value="{args["from"]}"' in page
    if "to" in args:
        assert f'name="to" value="{args["to"]}"' in page and '<option value="user." selected>' in page


def test_date_range_of_one_day_is_fine(app, people):
    r = _client(app, people["reviewer_name"]).get("/audit/", query_string={"from": "2026-11-01", "to": "2026-11-01"})
    assert r.status_code == 200


# --- at a million events: the filters are index scans (PostgreSQL) -------------------------------------------

def _plan(q) -> str:
    sql = str(q.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
    return "\n".join(db.session.scalars(sa.text("EXPLAIN " + sql)))


def test_rare_action_and_actor_filters_are_served_by_their_indexes(app, backend, people):
    if backend != "postgresql":
        pytest.skip("query plans are PostgreSQL's")
    with app.app_context():
        reader = _user(app, people["reviewer"])
        district = reader.district_id
        # 60,000 events of common kinds by one actor, and a few rare ones: the planner's statistics see both.
        db.session.execute(sa.text("""
            INSERT INTO audit_events (at, actor_id, actor_name, district_id, action, object_type, object_id,
                                      prev_hash, hash)
            SELECT now() - make_interval(secs => g), :actor, '测试', :district,
                   CASE WHEN g % 10000 = 0 THEN 'calendar.import' ELSE 'matter.update' END, 'matter',
                   (g % 5000)::text, md5('p' || g) || md5('q' || g), md5('h' || g) || md5('i' || g)
            FROM generate_series(1, 60000) AS g"""), {"actor": people["submitter"], "district": district})
        db.session.execute(sa.text("ANALYZE audit_events"))
        plans = {
            "action": _plan(query(reader, AuditFilter(action="calendar.import"), 51)),
            "prefix": _plan(query(reader, AuditFilter(action="calendar."), 51)),
            "actor": _plan(query(reader, AuditFilter(actor=str(people["admin"])), 51)),
        }
    assert "ix_audit_events_action_id" in plans["action"], plans["action"]
    assert "ix_audit_events_action_id" in plans["prefix"] and "~>=~" in plans["prefix"], plans["prefix"]
    assert "ix_audit_events_actor_id_district_id_id" in plans["actor"], plans["actor"]
    assert "Seq Scan on audit_events" not in "".join(plans.values())


def test_opinion_points_and_findings_read_as_text(app, people):
    with app.app_context():
        ev = record(None, "opinion.draft", "matter", 999_999, after={
            "conclusion": "lawful_if_amended", "reasons": "部分条款需修改",
            "points": [["第三条", "删除收费条款"], ["", "补充救济途径"]],
            "findings": {"authority": ["met", ""], "content": ["partly_met", "收费无依据"]}})
        db.session.commit()
        event_id = ev.id
    row = _row(_client(app, people["reviewer_name"]).get("/audit/", query_string={"action": "opinion.draft"}), event_id)
    assert row[4] == "审核意见书送签" and row[5] == "审核事项 999999"
    assert "修改意见： 1. 第三条：删除收费条款；2. 补充救济途径" in row[6]
    assert "审查内容： 是否超越法定职权：符合规定；内容是否合法：基本符合，需修改完善（收费无依据）" in row[6]
    assert "审核结论： 修改后合法" in row[6]


def test_the_action_filter_offers_every_labelled_action(app):
    from review_app.audit.describe import action_choices
    with app.test_request_context():
        offered = {value for _group, pairs in action_choices() for value, _label in pairs}
    assert set(ACTIONS) | set(REVIEW_STEPS) <= offered
    assert {"logins", "matter.", "user.", "clause_flag."} <= offered
