"""The decision registry (决策事项登记): recording decisions against reviews or as coverage gaps, the spreadsheet
import (all or nothing) and export, access, and the API."""
import io
from datetime import date, datetime

import openpyxl
import pytest
import sqlalchemy as sa

from review_app.auth.operations import create_api_token
from review_app.decisions import operations as dops
from review_app.decisions.importer import COLUMNS
from review_app.extensions import db
from review_app.models import AuditEvent, Decision, Matter
from review_app.operations import OperationError
from review_app.review.operations import opinion_number_text
from tests import factories, pipeline
from workflows.review import Category, Conclusion, Status

PREFIX = "示司审"


@pytest.fixture
def ctx(app):
    app.config["REQUIRE_TOTP"] = False
    with app.test_request_context():
        yield pipeline.cast()


def _fields(**kw):
    base = dict(meeting_name="区人民政府第12次常务会议", meeting_date=date(2026, 11, 20),
                title="关于规范城区临时占道经营管理的通知", category=Category.normative_document)
    base.update(kw)
    return dops.DecisionFields(**base)


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# --- the operation ------------------------------------------------------------------------------------------

def test_linked_decision_closes_the_matter(ctx):
    m = pipeline.drive(ctx, Status.answered)
    d = dops.record_decision(ctx.officer, _fields(matter_id=m.id))
    db.session.commit()
    assert m.status == Status.closed
    assert d.matter_id == m.id and d.unreviewed_reason == ""
    assert d.department_id == m.department_id  # taken from the matter when not given
    assert dops.opinion_number(d) == opinion_number_text(m.opinion)
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(2)).all()
    assert actions == ["decision.record", "matter.record_decision"]


def test_linked_from_issued_without_points(ctx):
    m = pipeline.drive(ctx, Status.issued, conclusion=Conclusion.lawful, points=0)
    dops.record_decision(ctx.officer, _fields(matter_id=m.id))
    assert m.status == Status.closed


def test_unlawful_major_decision_cannot_be_linked(ctx):
    """Decree 713 Art. 25: a draft found unlawful may not go to the decision body's discussion."""
    m = pipeline.drive(ctx, Status.issued, category=Category.major_decision, conclusion=Conclusion.unlawful,
                       points=0)
    with pytest.raises(OperationError, match="认定不合法的重大行政决策，不得提交决策机关讨论"):
        dops.record_decision(ctx.officer, _fields(matter_id=m.id, category=Category.major_decision))
    db.session.rollback()
    assert db.session.get(Matter, m.id).status == Status.issued
    assert _count(Decision) == 0


def test_gap_needs_a_written_reason(ctx):
    with pytest.raises(OperationError, match="未经合法性审核的决策事项须写明未经审核的原因"):
        dops.record_decision(ctx.officer, _fields(unreviewed_reason="   "))
    d = dops.record_decision(ctx.officer, _fields(unreviewed_reason="紧急情况，会后补审"))
    assert d.matter_id is None and d.unreviewed_reason == "紧急情况，会后补审"


def test_same_matter_twice_is_refused(ctx):
    m = pipeline.drive(ctx, Status.answered)
    dops.record_decision(ctx.officer, _fields(matter_id=m.id))
    db.session.commit()
    with pytest.raises(OperationError, match="已登记过决策") as e:
        dops.record_decision(ctx.officer, _fields(matter_id=m.id, title="另一议题"))
    assert e.value.status == 409
    db.session.rollback()
    assert _count(Decision) == 1


def test_unissued_matter_and_wrong_category_are_refused(ctx):
    m = pipeline.drive(ctx, Status.signed)
    with pytest.raises(OperationError, match="尚未出具审核意见书"):
        dops.record_decision(ctx.officer, _fields(matter_id=m.id))
    m2 = pipeline.drive(ctx, Status.answered)
    with pytest.raises(OperationError, match="类别"):
        dops.record_decision(ctx.officer, _fields(matter_id=m2.id, category=Category.agreement))
    assert m2.status == Status.answered


def test_only_the_decision_body_records(ctx):
    with pytest.raises(OperationError) as e:
        dops.record_decision(ctx.reviewer, _fields(unreviewed_reason="原因"))
    assert e.value.status == 403


# --- pages (data is built in its own context, then the client speaks) --------------------------------------

@pytest.fixture
def web(app):
    app.config["REQUIRE_TOTP"] = False
    return app


def _setup(app, build=None):
    """Build the cast (and whatever `build` adds) in a request context of its own; return plain values."""
    with app.test_request_context():
        c = pipeline.cast()
        out = {role: getattr(c, role).username for role in ("submitter", "officer", "reviewer", "director")}
        if build:
            out.update(build(c))
        db.session.commit()
        return out


def _answered(c):
    m = pipeline.drive(c, Status.answered)
    return {"matter_id": m.id, "number": opinion_number_text(m.opinion), "title": m.title}


def _status(app, matter_id):
    with app.app_context():
        return db.session.get(Matter, matter_id).status


def _decisions(app):
    with app.app_context():
        return [(d.title, d.matter_id, d.department.name if d.department else None, d.meeting_date)
                for d in db.session.scalars(sa.select(Decision).order_by(Decision.id))]


def _as(client, username):
    r = factories.login(client, username)
    assert r.status_code == 302 and "/login" not in r.headers["Location"]


def test_new_form_lists_linkable_matters_and_records(web, client):
    s = _setup(web, _answered)
    _as(client, s["officer"])
    page = client.get("/decisions/new").get_data(as_text=True)
    assert s["number"] in page and s["title"] in page
    r = client.post("/decisions/new", data={"outcome": "passed", 
        "meeting_name": "区政府第3次常务会议", "meeting_date": "2026-11-25", "title": s["title"],
        "category": "normative_document", "department_id": "", "matter_id": str(s["matter_id"]),
        "unreviewed_reason": ""})
    assert r.status_code == 302
    assert _status(web, s["matter_id"]) == Status.closed
    # A linked matter is offered no more.
    assert s["number"] not in client.get("/decisions/new").get_data(as_text=True)
    listing = client.get("/decisions/").get_data(as_text=True)
    assert s["number"] in listing and "区政府第3次常务会议" in listing


def test_gap_without_reason_refused_in_chinese_on_the_page(web, client):
    s = _setup(web)
    _as(client, s["officer"])
    r = client.post("/decisions/new", data={"outcome": "passed", 
        "meeting_name": "区政府第3次常务会议", "meeting_date": "2026-11-25", "title": "某议题",
        "category": "agreement", "department_id": "", "matter_id": "", "unreviewed_reason": ""})
    assert r.status_code == 400
    assert "未经合法性审核的决策事项须写明未经审核的原因" in factories.alerts(r)
    r = client.post("/decisions/new", data={"outcome": "passed", 
        "meeting_name": "区政府第3次常务会议", "meeting_date": "25/11/2026", "title": "某议题",
        "category": "agreement", "matter_id": "", "unreviewed_reason": "x"})
    assert r.status_code == 400 and "会议日期格式不正确" in r.get_data(as_text=True)
    assert _decisions(web) == []


def test_list_newest_first_filters_and_marks_gaps(web, client):
    def build(c):
        m = pipeline.drive(c, Status.answered)
        dops.record_decision(c.officer, _fields(meeting_date=date(2025, 3, 1), title="旧议题",
                                                unreviewed_reason="急"))
        dops.record_decision(c.officer, _fields(meeting_date=date(2026, 5, 1), title="中议题", matter_id=m.id))
        dops.record_decision(c.officer, _fields(meeting_date=date(2026, 9, 1), title="新议题",
                                                unreviewed_reason="急"))
        return {}
    s = _setup(web, build)
    _as(client, s["reviewer"])
    html = client.get("/decisions/").get_data(as_text=True)
    assert html.index("新议题") < html.index("中议题") < html.index("旧议题")
    assert html.count("decision-gap") == 2 and "未经合法性审核" in html
    html = client.get("/decisions/?year=2026").get_data(as_text=True)
    assert "新议题" in html and "中议题" in html and "旧议题" not in html
    html = client.get("/decisions/?year=2026&gaps=1").get_data(as_text=True)
    assert "新议题" in html and "中议题" not in html
    # The bureau reads but does not record.
    assert client.get("/decisions/new").status_code == 403
    assert client.get("/decisions/import").status_code == 403


# --- import -------------------------------------------------------------------------------------------------

def _xlsx(rows, title=True) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append(["示范区2026年度决策事项目录（2026-11-25）"])
    ws.append(COLUMNS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client, data, name="决策事项目录.xlsx"):
    return client.post("/decisions/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_import_good_file_saves_every_row(web, client):
    s = _setup(web, _answered)
    assert s["number"].startswith(PREFIX)
    data = _xlsx([
        [1, "区政府第5次常务会议", "2026-11-25", s["title"], "行政规范性文件", "测试住建局", "是", s["number"], ""],
        [2, "区政府第5次常务会议", datetime(2026, 11, 25), "关于某项目协议", "重点项目协议/行政协议", "住建局", "否",
         "", "会议临时动议"],
        [None, None, None, None, None, None, None, None, None],  # an empty row is skipped
        [3, "区政府第6次常务会议", date(2026, 12, 2), "年度重大事项", "重大行政决策", "", "否", "", "年度目录预先公布"],
    ])
    _as(client, s["officer"])
    r = _upload(client, data)
    assert r.status_code == 302, r.get_data(as_text=True)
    rows = _decisions(web)
    assert [t for t, *_ in rows] == [s["title"], "关于某项目协议", "年度重大事项"]
    assert rows[0][1] == s["matter_id"] and rows[1][2] == "测试住建局" and rows[2][2] is None
    assert rows[1][3] == date(2026, 11, 25) and rows[2][3] == date(2026, 12, 2)
    assert _status(web, s["matter_id"]) == Status.closed


def test_import_with_a_bad_row_saves_nothing_and_lists_each_problem(web, client):
    s = _setup(web, _answered)
    data = _xlsx([
        [1, "区政府第5次常务会议", "2026-11-25", s["title"], "行政规范性文件", "", "是", s["number"], ""],
        [2, "区政府第5次常务会议", "2026-11-25", "缺原因的议题", "重大行政决策", "", "否", "", ""],
        [3, "区政府第5次常务会议", "2026/13/40", "坏日期", "乱写的类别", "不存在的局", "是", f"{PREFIX}〔2026〕99号", ""],
        [4, "区政府第5次常务会议", "2026-11-25", "重复关联", "行政规范性文件", "", "是", s["number"], ""],
    ])
    _as(client, s["officer"])
    r = _upload(client, data)
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    # Sheet row numbers: title row 1, header row 2, data from row 3.
    assert "第4行：未经合法性审核的，须填写未经审核的原因" in html
    assert "第5行：会议日期“2026/13/40”格式不正确" in html
    assert "第5行：类别“乱写的类别”不正确" in html
    assert "第5行：承办单位“不存在的局”不存在" in html
    assert "第6行：与第3行关联同一审核意见书" in html
    assert "<li>第3行" not in html
    assert _decisions(web) == []
    assert _status(web, s["matter_id"]) == Status.answered


def test_import_unknown_opinion_number(web, client):
    s = _setup(web)
    data = _xlsx([[1, "会", "2026-11-25", "题", "重大行政决策", "", "是", f"{PREFIX}〔2026〕99号", ""]], title=False)
    _as(client, s["officer"])
    r = _upload(client, data)
    assert r.status_code == 400
    assert "第2行：未找到已出具的审核意见书" in r.get_data(as_text=True)


def test_import_refuses_wrong_file_type(web, client):
    s = _setup(web)
    _as(client, s["officer"])
    r = _upload(client, pipeline.PDF, "目录.pdf")
    assert r.status_code == 400
    assert "请上传 Excel（.xlsx）格式的决策事项目录" in factories.alerts(r)
    r = _upload(client, b"MZ\x90\x00", "目录.exe")
    assert r.status_code == 400 and any("不支持的文件类型" in a for a in factories.alerts(r))
    r = _upload(client, b"plain text", "目录.xlsx")
    assert r.status_code == 400 and "文件内容与扩展名不符" in factories.alerts(r)
    wb = openpyxl.Workbook()
    wb.active.append(["随便", "什么"])
    out = io.BytesIO()
    wb.save(out)
    r = _upload(client, out.getvalue())
    assert r.status_code == 400 and any("未找到表头行" in a for a in factories.alerts(r))
    assert _decisions(web) == []


def test_export_has_title_row_and_columns(web, client):
    def build(c):
        m = pipeline.drive(c, Status.answered)
        dops.record_decision(c.officer, _fields(matter_id=m.id))
        dops.record_decision(c.officer, _fields(title="缺口议题", unreviewed_reason="紧急"))
        return {"number": opinion_number_text(m.opinion)}
    s = _setup(web, build)
    _as(client, s["director"])
    r = client.get("/decisions/export.xlsx?year=2026")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    ws = openpyxl.load_workbook(io.BytesIO(r.data)).active
    title = ws.cell(1, 1).value
    assert "示范区" in title and "决策事项登记目录" in title and "导出日期" in title
    assert [c.value for c in ws[2]] == COLUMNS
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert body[0][6] == "是" and body[0][7] == s["number"]
    assert body[1][3] == "缺口议题" and body[1][6] == "否" and body[1][8] == "紧急"
    assert ws.cell(3, 3).number_format == "yyyy-mm-dd"


def test_submitter_gets_403(web, client):
    s = _setup(web)
    _as(client, s["submitter"])
    for path in ("/decisions/", "/decisions/new", "/decisions/import", "/decisions/export.xlsx"):
        assert client.get(path).status_code == 403, path
    assert client.post("/decisions/new", data={"outcome": "passed", }).status_code == 403


# --- API ----------------------------------------------------------------------------------------------------

def test_api_create_and_list(web):
    def build(c):
        out = _answered(c)
        out["token"] = create_api_token(c.officer, "会议系统")[1]
        out["reader"] = create_api_token(c.reviewer, "读")[1]
        out["other"] = create_api_token(c.submitter, "承办")[1]
        return out
    s = _setup(web, build)
    api = web.test_client()
    h = {"Authorization": f"Bearer {s['token']}"}
    r = api.post("/api/v1/decisions", headers=h, json={
        "meeting_name": "区政府第7次常务会议", "meeting_date": "2026-11-25", "title": s["title"],
        "category": "normative_document", "opinion_number": s["number"]})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["reviewed"] and body["matter_id"] == s["matter_id"] and body["opinion_number"] == s["number"]
    assert _status(web, s["matter_id"]) == Status.closed
    r = api.post("/api/v1/decisions", headers=h, json={
        "meeting_name": "区政府第7次常务会议", "meeting_date": "2026-11-26", "title": "缺口", "category": "agreement"})
    assert r.status_code == 400 and "须写明未经审核的原因" in r.get_json()["error"]["message"]
    r = api.post("/api/v1/decisions", headers=h, json={
        "meeting_name": "区政府第7次常务会议", "meeting_date": "2026-11-26", "title": "缺口", "category": "agreement",
        "unreviewed_reason": "临时动议"})
    assert r.status_code == 201 and r.get_json()["reviewed"] is False
    r = api.post("/api/v1/decisions", headers=h, json={
        "meeting_name": "会", "meeting_date": "2026-11-26", "title": "题", "category": "normative_document",
        "matter_id": s["matter_id"]})
    assert r.status_code == 409 and "已登记过决策" in r.get_json()["error"]["message"]
    r = api.post("/api/v1/decisions", headers=h, json={
        "meeting_name": "会", "meeting_date": "11/26/2026", "title": "题", "category": "agreement",
        "unreviewed_reason": "x"})
    assert r.status_code == 400 and "会议日期格式不正确" in r.get_json()["error"]["message"]

    reader = {"Authorization": f"Bearer {s['reader']}"}
    r = api.get("/api/v1/decisions", headers=reader)
    assert r.status_code == 200
    listing = r.get_json()
    assert listing["total"] == 2 and [d["title"] for d in listing["items"]] == ["缺口", s["title"]]
    r = api.get("/api/v1/decisions?gaps_only=true&year=2026", headers=reader)
    assert [d["title"] for d in r.get_json()["items"]] == ["缺口"]
    assert api.get("/api/v1/decisions?limit=0", headers=reader).status_code == 400
    assert api.post("/api/v1/decisions", headers=reader, json={}).status_code == 403
    assert api.get("/api/v1/decisions", headers={"Authorization": f"Bearer {s['other']}"}).status_code == 403
    assert "/api/v1/decisions" in api.get("/api/v1/openapi.json").get_json()["paths"]


def test_form_with_unknown_ids_is_refused_in_chinese(web, client):
    s = _setup(web)
    _as(client, s["officer"])
    base = {"meeting_name": "会", "meeting_date": "2026-11-25", "title": "题", "category": "agreement",
            "unreviewed_reason": ""}
    r = client.post("/decisions/new", data={"outcome": "passed", **base, "matter_id": "99999999999"})
    assert r.status_code == 404 and "所关联的审核事项不存在" in factories.alerts(r)
    r = client.post("/decisions/new", data={"outcome": "passed", **base, "matter_id": "", "department_id": "abc",
                                            "unreviewed_reason": "急"})
    assert r.status_code == 400 and "承办单位不存在" in factories.alerts(r)
    assert _decisions(web) == []


def test_an_export_is_a_template_the_import_reads(web, client):
    """The import page offers the export as a template: its layout must be what the import understands."""
    s = _setup(web)
    _as(client, s["officer"])
    template = client.get("/decisions/export.xlsx").data
    wb = openpyxl.load_workbook(io.BytesIO(template))
    wb.active.append([1, "区政府第7次常务会议", "2026-12-09", "关于某街道改造的决定", "重大行政决策", "", "否", "",
                      "年度目录预先公布"])
    buf = io.BytesIO()
    wb.save(buf)
    r = _upload(client, buf.getvalue())
    assert r.status_code == 302, r.get_data(as_text=True)
    assert [t for t, *_ in _decisions(web)] == ["关于某街道改造的决定"]
