"""The litigation records (issue 10, items 4-5): filing a case from a reviewed matter with the bureau, its
deadlines (defence 15 days, appeal 15/10 days, loss report), hearings with who appeared, the special notice
of late filings, late defences and missed appearances, the task force, the hearing-eve reminder, and what
another body or district sees (nothing)."""
import re
from datetime import date, time

import pytest
import sqlalchemy as sa

from review_app.disputes import operations as ops
from review_app.disputes.reminders import remind_hearings
from review_app.extensions import db
from review_app.models import Delivery, Hearing, Lawsuit, Notification, Organisation, User
from review_app.operations import OperationError
from tests import disputes, factories, ledger
from workflows.litigation import Appearance, Outcome
from workflows.review import Status

TODAY = date(2026, 11, 25)  # a Wednesday


text = factories.words


row = disputes.deadline_row


@pytest.fixture
def world(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        p = disputes.people()
        return {k: getattr(p, k).username for k in vars(p)} | {"dept": p.clerk.organisation_id,
                                                               "other_dept": p.other_clerk.organisation_id}


def user(name) -> User:
    return db.session.scalar(sa.select(User).where(User.username == name))


def test_the_bureau_files_a_lawsuit_from_a_reviewed_matter_with_its_deadlines_and_task_force(
        app, cast, drive, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    mid = drive(Status.issued)
    ledger.freeze(monkeypatch, TODAY)
    reviewer = factories.as_user(app, cast["reviewer"])
    with app.test_request_context():
        dept = db.session.scalar(sa.select(Organisation).where(Organisation.name == "测试住建局"))
        lawyer = factories.user(factories.Role.bureau_reviewer, username="bureau_lawyer")
        dept_id, lawyer_id = dept.id, lawyer.id
    assert reviewer.post("/disputes/task-force", data={"organisation_id": dept_id, "user_id": lawyer_id}
                         ).status_code == 302
    form = reviewer.get(f"/disputes/lawsuits/new?matter_id={mid}").get_data(as_text=True)
    assert f'<option selected value="{dept_id}">' in form and "关于规范城区临时占道经营管理的通知" in form
    r = reviewer.post("/disputes/lawsuits/new", data={
        "defendant_id": dept_id, "court": "测试区人民法院", "instance": "first", "case_no": "(2026)测0102行初88号",
        "plaintiff": "张三", "act": "关于规范城区临时占道经营管理的通知", "area": "licensing",
        "complaint_received": "2026-11-02", "matter_id": mid})
    assert r.status_code == 302, text(r)
    page = reviewer.get(r.headers["Location"])
    words = text(page)
    assert "(2026)测0102行初88号" in words and "张三 诉 测试住建局" in words
    assert "关联审核事项 关于规范城区临时占道经营管理的通知" in words
    assert "工作专班负责人 测试bureau_reviewer" in words
    # Art. 67: 15 days from the day after receipt (2026-11-02) → 11-17; the local filing rule: 3 working days.
    assert "2026-11-17" in row(page, "defence") and "已逾期" in row(page, "defence")
    assert "2026-11-05" in row(page, "filing") and "2026-11-25完成" in row(page, "filing")
    late = text(reviewer.get("/disputes/late"))
    assert "备案不及时 测试住建局 (2026)测0102行初88号 期限2026-11-05，实际2026-11-25完成，逾期20日" in late
    assert "逾期答辩举证 测试住建局 (2026)测0102行初88号 期限2026-11-17，至今未完成，已逾期8日" in late


def test_a_body_sees_and_files_its_own_cases_the_bureau_all_and_nothing_leaks(app, world):
    with app.test_request_context():
        dept = db.session.get(Organisation, world["dept"])
        case = disputes.lawsuit(user(world["clerk"]), dept, date(2026, 11, 20))
        db.session.commit()
        case_id = case.id
    clerk = factories.as_user(app, world["clerk"])
    assert "(2026)测0102行初" in text(clerk.get("/disputes/"))
    assert clerk.get(f"/disputes/lawsuits/{case_id}").status_code == 200
    assert factories.as_user(app, world["reviewer"]).get(f"/disputes/lawsuits/{case_id}").status_code == 200
    for outsider in ("other_clerk", "other_bureau"):
        c = factories.as_user(app, world[outsider])
        assert c.get(f"/disputes/lawsuits/{case_id}").status_code == 404
        assert "(2026)测0102行初" not in text(c.get("/disputes/"))
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count()).select_from(Lawsuit))
    r = clerk.post("/disputes/lawsuits/new", data={
        "defendant_id": world["other_dept"], "court": "测试区人民法院", "case_no": "(2026)测0102行初999号",
        "plaintiff": "李四", "act": "某行为", "area": "penalty", "complaint_received": "2026-11-20"})
    assert r.status_code == 403 and factories.alerts(r) == ["只能为本单位（司法局可为本区各单位）备案行政应诉案件"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Lawsuit)) == before


def test_a_case_number_is_filed_once(app, world):
    with app.test_request_context():
        clerk, dept = user(world["clerk"]), db.session.get(Organisation, world["dept"])
        disputes.lawsuit(clerk, dept, date(2026, 11, 20), case_no="(2026)测0102行初7号")
        db.session.commit()
        with pytest.raises(OperationError) as e:
            disputes.lawsuit(clerk, dept, date(2026, 11, 21), case_no="(2026)测0102行初7号")
        assert e.value.status == 409 and e.value.message == "案号(2026)测0102行初7号已备案"


def test_who_appeared_and_a_missed_appearance_in_the_special_notice(app, world):
    with app.test_request_context():
        clerk, dept = user(world["clerk"]), db.session.get(Organisation, world["dept"])
        case = disputes.lawsuit(clerk, dept, date(2026, 11, 2), filed_on=date(2026, 11, 3))
        ops.record_defence(clerk, case, case.version, date(2026, 11, 10))
        first = ops.schedule_hearing(clerk, case, date(2026, 11, 20), time(9, 30), "第三法庭")
        second = ops.schedule_hearing(clerk, case, date(2026, 11, 24), None, "第一法庭")
        db.session.commit()
        ids = case.id, first.id, first.version, second.id, second.version
    clerk = factories.as_user(app, world["clerk"])
    r = clerk.post(f"/disputes/lawsuits/{ids[0]}/hearings/{ids[1]}", data={
        "version": ids[2], "appearance": "staff", "names": "王五（法规科科长）", "reason": ""})
    assert r.status_code == 302
    r = clerk.post(f"/disputes/lawsuits/{ids[0]}/hearings/{ids[3]}", data={
        "version": ids[4], "appearance": "principal_head", "names": "赵局长"})
    assert r.status_code == 302
    page = text(clerk.get(f"/disputes/lawsuits/{ids[0]}"))
    assert "委托工作人员出庭 王五（法规科科长）" in page and "正职负责人出庭 赵局长" in page
    response = clerk.get("/disputes/late")
    late = text(response)
    assert "负责人未依法出庭应诉 测试住建局" in late
    assert "2026-11-20开庭，负责人未出庭，委托工作人员出庭但未书面说明负责人不能出庭的理由" in late
    kinds = re.findall(r'class="late-item" data-kind="(\w+)"', response.get_data(as_text=True))
    assert kinds == ["missed_appearance"]
    # A hearing still to come cannot have its appearance recorded.
    with app.test_request_context():
        c = db.session.get(Lawsuit, ids[0])
        later = ops.schedule_hearing(user(world["clerk"]), c, date(2026, 12, 3), None, "")
        with pytest.raises(OperationError) as e:
            ops.record_appearance(user(world["clerk"]), later, later.version, Appearance.principal_head,
                                  "赵", "")
        assert e.value.status == 409 and e.value.message == "开庭之后才能登记出庭情况"


def test_the_appeal_and_loss_report_deadlines_follow_the_judgment_or_ruling(app, world):
    with app.test_request_context():
        clerk, dept = user(world["clerk"]), db.session.get(Organisation, world["dept"])
        lost = disputes.lawsuit(clerk, dept, date(2026, 10, 9), filed_on=date(2026, 10, 9))
        judged, served = date(2026, 11, 10), date(2026, 11, 12)
        ops.record_outcome(clerk, lost, lost.version, Outcome.quash, judged, served, False)
        ruled = disputes.lawsuit(clerk, dept, date(2026, 10, 9), filed_on=date(2026, 10, 9))
        ops.record_outcome(clerk, ruled, ruled.version, Outcome.dismiss_suit, judged, served, False)
        with pytest.raises(OperationError) as e:
            ops.record_outcome(clerk, ruled, ruled.version, Outcome.quash, date(2026, 11, 10), None, True)
        assert e.value.message == "诉中化解的案件须以准许撤诉或调解结案"
        db.session.commit()
        lost_id, ruled_id = lost.id, ruled.id
    reviewer = factories.as_user(app, world["reviewer"])
    page = reviewer.get(f"/disputes/lawsuits/{lost_id}")
    assert "2026-11-27" in row(page, "appeal_judgment") and "权利期限" in row(page, "appeal_judgment")
    assert "2026-11-27" in row(page, "loss_report")
    assert "判决撤销或者部分撤销" in text(page)
    # A ruling: 10 days from 11-12 is Sunday 11-22, which rolls over to Monday 11-23; no loss report.
    page = reviewer.get(f"/disputes/lawsuits/{ruled_id}")
    assert "2026-11-23" in row(page, "appeal_ruling") and 'data-kind="loss_report"' not in page.get_data(True)


def test_the_head_is_reminded_the_day_before_the_hearing_once_and_the_bureau_sees_it(app, world):
    with app.test_request_context():
        clerk, dept = user(world["clerk"]), db.session.get(Organisation, world["dept"])
        case = disputes.lawsuit(clerk, dept, date(2026, 11, 20))
        tomorrow = ops.schedule_hearing(clerk, case, date(2026, 11, 26), time(9, 0), "第二法庭")
        ops.schedule_hearing(clerk, case, date(2026, 11, 30), None, "第二法庭")  # not yet due
        db.session.commit()
        case_id, hearing_id = case.id, tomorrow.id
        assert remind_hearings(TODAY) == 1
        db.session.commit()  # no Redis: the SMS is delivered inline after the commit
        assert remind_hearings(TODAY) == 0
        db.session.commit()
        (n,) = db.session.scalars(sa.select(Notification).where(Notification.subject_type == "hearing")).all()
        assert n.user.username == world["head"] and n.subject_id == hearing_id
        assert n.title == "【开庭提醒】2026-11-26 09:00 测试区人民法院第二法庭开庭审理" + case.case_no
        (d,) = db.session.scalars(sa.select(Delivery).where(Delivery.notification_id == n.id)).all()
        assert d.channel.value == "sms" and d.sent_at is not None
    page = text(factories.as_user(app, world["reviewer"]).get(f"/disputes/lawsuits/{case_id}"))
    assert "开庭提醒：已提醒测试department_head（系统消息） 短信已发送" in page
    head_home = text(factories.as_user(app, world["head"]).get("/"))
    assert "【开庭提醒】2026-11-26 09:00" in head_home
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Hearing)) == 2


def test_the_row_rules_and_their_sql_forms_agree(app, world):
    """disputes.policy: a case's row rule and its SQL form select the same rows for every kind of user."""
    from review_app.disputes import policy
    from review_app.disputes import reconsideration as rops
    from review_app.models import DisputeCase, ReconsiderationCase
    from workflows.dispute_centre import Stage
    from workflows.litigation import Area
    with app.test_request_context():
        reviewer = user(world["reviewer"])
        for org_id in (world["dept"], world["other_dept"]):
            dept = db.session.get(Organisation, org_id)
            disputes.lawsuit(reviewer, dept, date(2026, 11, 2))
            rops.register_application(reviewer, rops.ApplicationFields(
                org_id, f"示府复〔2026〕{org_id}号", "申请人", "行为", Area.penalty, date(2026, 11, 2)))
            rops.register_dispute(reviewer, rops.DisputeFields(
                org_id, f"示调〔2026〕{org_id}号", "申请人", "争议", Stage.before_suit, date(2026, 11, 2)))
        db.session.flush()
        pairs = ((Lawsuit, policy.visible), (ReconsiderationCase, policy.reconsiderations_visible),
                 (DisputeCase, policy.disputes_visible))
        for model, condition in pairs:
            rows = db.session.scalars(sa.select(model)).all()
            for u in db.session.scalars(sa.select(User)).all():
                by_row = {r.id for r in rows if policy.may_record(u, r)}
                by_sql = set(db.session.scalars(sa.select(model.id).where(condition(u))))
                assert by_row == by_sql, (model.__name__, u.username)
        clerk = user(world["clerk"])
        seen = db.session.scalars(sa.select(Lawsuit).where(policy.visible(clerk)))
        assert {c.defendant_id for c in seen} == {world["dept"]}
        db.session.rollback()
