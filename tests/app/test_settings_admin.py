"""The administrator's settings: rule numbers, calendar overrides (with the fallback warning), materials."""
from datetime import date

import pytest
import sqlalchemy as sa

from review_app import rules
from review_app.extensions import db
from review_app.models import AuditEvent, CalendarDay, MaterialKind, Setting
from tests import factories
from tests.factories import alerts, login
from workflows.calendar import FALLBACK_WARNING, WorkingCalendar
from workflows.review import Category
from workflows.roles import Role


@pytest.fixture
def admin(app):
    return factories.logged_in(app, Role.admin)


def _settings_data(**changes):
    data = {}
    for key, value in rules.DEFAULTS.items():
        data["s_" + key.replace(".", "__")] = str(changes.get(key, value))
        data["v_s_" + key.replace(".", "__")] = "0"
    return data


def _audit(app, prefix):
    with app.app_context():
        return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action.like(prefix + "%"))
                                  .order_by(AuditEvent.id)).all()


def _settings(app):
    with app.app_context():
        return {s.key: s.value for s in db.session.scalars(sa.select(Setting))}


# --- rule numbers -------------------------------------------------------------------------------------------

def test_settings_page_shows_every_rule_with_its_label(app, admin):
    html = admin.get("/admin/settings").get_data(as_text=True)
    for key, label in rules.SETTING_LABELS.items():
        assert label in html and key in html


def test_edit_a_setting_is_visible_audited_and_used(app, admin):
    r = admin.post("/admin/settings", data=_settings_data(**{"review_days.major_decision": 20}))
    assert r.status_code == 302
    assert _settings(app) == {"review_days.major_decision": 20}  # only the changed number gets a row
    html = admin.get("/admin/settings").get_data(as_text=True)
    assert 'value="20"' in html
    events = _audit(app, "setting.")
    assert len(events) == 1 and events[0].object_id == "review_days.major_decision"
    assert events[0].before["value"] == rules.DEFAULTS["review_days.major_decision"]
    assert events[0].after == {"value": 20}
    with app.test_request_context():
        assert rules.setting("review_days.major_decision", factories.district().id) == 20
    # A second edit carries the row's version.
    data = _settings_data(**{"review_days.major_decision": 25})
    data["v_s_review_days__major_decision"] = "1"
    assert admin.post("/admin/settings", data=data).status_code == 302
    assert _settings(app)["review_days.major_decision"] == 25
    # The stale form (version 0 while the row is at 2) is refused.
    r = admin.post("/admin/settings", data=_settings_data(**{"review_days.major_decision": 30}))
    assert r.status_code == 409 and any("已被他人修改" in a for a in alerts(r))
    assert _settings(app)["review_days.major_decision"] == 25


@pytest.mark.parametrize("key,value,message", [
    ("review_days.agreement", "五", "必须是整数"),
    ("review_days.agreement", "5.5", "必须是整数"),
    ("review_days.agreement", "", "不能为空"),
    ("review_days.agreement", "0", "须在 1 到 60 之间"),
    ("rating_days", "61", "须在 1 到 60 之间"),
    ("review_days.normative_document", "20", "须在下限（5）与上限（15）之间"),
    ("min_review_days.normative_document", "16", "下限不能大于上限"),
])
def test_bad_numbers_are_refused_and_change_nothing(app, admin, key, value, message):
    data = _settings_data(**{"review_days.major_decision": 9, key: value})
    r = admin.post("/admin/settings", data=data)
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert message in html and "未作任何修改" in html
    assert _settings(app) == {}
    assert _audit(app, "setting.") == []


# --- calendar -----------------------------------------------------------------------------------------------

def _days(app):
    with app.app_context():
        return {d.day: (d.is_workday, d.note) for d in db.session.scalars(sa.select(CalendarDay))}


def test_add_and_delete_a_calendar_day(app, admin):
    r = admin.post("/admin/calendar/days", data={"day": "2027-10-08", "kind": "holiday", "note": "国庆节"})
    assert r.status_code == 302
    assert _days(app) == {date(2027, 10, 8): (False, "国庆节")}
    html = admin.get("/admin/calendar").get_data(as_text=True)
    assert "2027-10-08" in html and "国庆节" in html
    # Entering the same day again changes it.
    admin.post("/admin/calendar/days", data={"day": "2027-10-08", "kind": "workday", "note": "调休"})
    assert _days(app) == {date(2027, 10, 8): (True, "调休")}
    r = admin.post("/admin/calendar/days/2027-10-08/delete")
    assert r.status_code == 302 and _days(app) == {}
    assert [e.action for e in _audit(app, "calendar.")] == ["calendar.set", "calendar.set", "calendar.delete"]
    assert admin.post("/admin/calendar/days/2027-10-08/delete").status_code == 404
    assert admin.post("/admin/calendar/days/not-a-date/delete").status_code == 404


def test_bad_day_is_refused(app, admin):
    r = admin.post("/admin/calendar/days", data={"day": "2027-02-30", "kind": "holiday", "note": ""})
    assert r.status_code == 400 and "日期格式不正确" in r.get_data(as_text=True)
    assert _days(app) == {}


def test_import_a_years_schedule(app, admin):
    text = "2027-01-01 休 元旦\n\n2027-02-06 班 春节调休\n 2027-02-10  休\n"
    r = admin.post("/admin/calendar/import", data={"text": text})
    assert r.status_code == 302
    assert _days(app) == {date(2027, 1, 1): (False, "元旦"), date(2027, 2, 6): (True, "春节调休"),
                          date(2027, 2, 10): (False, "")}
    events = _audit(app, "calendar.import")
    assert len(events) == 1 and set(events[0].after) == {"2027-01-01", "2027-02-06", "2027-02-10"}
    with app.test_request_context():
        cal = rules.calendar()
        assert cal.is_workday(date(2027, 2, 6)) and not cal.is_workday(date(2027, 2, 10))
        assert cal.fallback_years(date(2027, 1, 1), date(2027, 12, 31)) == []


def test_malformed_schedule_lines_reported_by_number_and_nothing_saved(app, admin):
    text = "2027-01-01 休\n2027-13-01 休\n2027-02-06 上班\n\n2027-01-01 班\n随便写的"
    r = admin.post("/admin/calendar/import", data={"text": text})
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert "第2行：日期“2027-13-01”不正确" in html
    assert "第3行：格式应为" in html
    assert "第5行：日期 2027-01-01 与第1行重复" in html
    assert "第6行：格式应为" in html
    assert "第1行" not in html.replace("与第1行", "")
    assert _days(app) == {}
    assert _audit(app, "calendar.") == []


def test_year_status_shows_the_fallback_warning(app, admin):
    with app.test_request_context():
        this_year = rules.today().year
    known = {y: not WorkingCalendar({}).fallback_years(date(y, 1, 1), date(y, 1, 1))
             for y in (this_year, this_year + 1)}
    html = admin.get("/admin/calendar").get_data(as_text=True)
    assert str(this_year) in html and str(this_year + 1) in html
    unknown = [y for y, k in known.items() if not k]
    assert (FALLBACK_WARNING in html) == bool(unknown)
    for y in unknown:  # entering the year's schedule removes the warning
        admin.post("/admin/calendar/import", data={"text": f"{y}-01-01 休 元旦"})
    assert FALLBACK_WARNING not in admin.get("/admin/calendar").get_data(as_text=True)


def test_fallback_warning_for_an_unknown_year(app, admin, monkeypatch):
    """Whatever today is, a year chinese_calendar does not know and nobody entered shows the warning."""
    from review_app.settings_admin import views
    monkeypatch.setattr(views.rules, "today", lambda: date(2030, 6, 1))
    html = admin.get("/admin/calendar").get_data(as_text=True)
    assert "2030" in html and "2031" in html and html.count(FALLBACK_WARNING) == 2
    admin.post("/admin/calendar/import", data={"text": "2030-01-01 休 元旦"})
    assert admin.get("/admin/calendar").get_data(as_text=True).count(FALLBACK_WARNING) == 1


# --- materials ----------------------------------------------------------------------------------------------

def _kind(app, **where):
    with app.app_context():
        return db.session.scalar(sa.select(MaterialKind).filter_by(**where))


def test_materials_list_add_toggle_rename(app, admin):
    html = admin.get("/admin/materials").get_data(as_text=True)
    assert "重大行政决策" in html and "起草说明" in html
    r = admin.post("/admin/materials/new", data={"category": "agreement", "name": "履约保证金证明", "required": "y"})
    assert r.status_code == 302
    k = _kind(app, name="履约保证金证明")
    assert k.category == Category.agreement and k.required and k.active and not k.is_draft
    assert "履约保证金证明" in admin.get("/admin/materials").get_data(as_text=True)

    assert admin.post(f"/admin/materials/{k.id}/required", data={"value": "0"}).status_code == 302
    assert not _kind(app, id=k.id).required
    # A repeated click (the same intended value) changes nothing more.
    admin.post(f"/admin/materials/{k.id}/required", data={"value": "0"})
    assert admin.post(f"/admin/materials/{k.id}/active", data={"value": "0"}).status_code == 302
    assert not _kind(app, id=k.id).active
    assert admin.post(f"/admin/materials/{k.id}/rename", data={"name": "履约担保证明"}).status_code == 302
    assert _kind(app, id=k.id).name == "履约担保证明"
    actions = [e.action for e in _audit(app, "material_kind.")]
    assert actions == ["material_kind.create", "material_kind.optional", "material_kind.disable",
                       "material_kind.rename"]


def test_material_bad_input_refused(app, admin):
    draft = _kind(app, category=Category.agreement, is_draft=True)
    other = _kind(app, category=Category.agreement, code="counterparty_qualification")
    r = admin.post(f"/admin/materials/{draft.id}/active", data={"value": "0"})
    assert r.status_code == 409 and any("送审文稿本身" in a for a in alerts(r))
    assert _kind(app, id=draft.id).active
    r = admin.post(f"/admin/materials/{other.id}/rename", data={"name": draft.name})
    assert r.status_code == 409 and any("同名材料" in a for a in alerts(r))
    r = admin.post(f"/admin/materials/{other.id}/rename", data={"name": "  "})
    assert r.status_code == 400 and any("请填写材料名称" in a for a in alerts(r))
    r = admin.post("/admin/materials/new", data={"category": "agreement", "name": ""})
    assert r.status_code == 400 and "请填写材料名称" in r.get_data(as_text=True)
    assert _kind(app, id=other.id).name == "相对方主体资格及资信证明"
    assert admin.post("/admin/materials/999999/rename", data={"name": "x"}).status_code == 404
    assert _audit(app, "material_kind.") == []


# --- access -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.submitter, Role.bureau_reviewer])
def test_others_get_403(app, role):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        name = factories.user(role).username
    c = app.test_client()
    assert login(c, name).status_code == 302
    for path in ("/admin/settings", "/admin/calendar", "/admin/materials"):
        assert c.get(path).status_code == 403, path
    assert c.post("/admin/settings", data=_settings_data(**{"rating_days": 3})).status_code == 403
    assert c.post("/admin/calendar/import", data={"text": "2027-01-01 休"}).status_code == 403
    assert c.post("/admin/materials/new", data={"category": "agreement", "name": "x"}).status_code == 403
    assert _settings(app) == {} and _days(app) == {}
