"""The ledger's pages: the list and its filters, the case page (the gate's answer at the top, the steps as a
timeline), the step entry form refusing under each field, letters and replies, the boards, Excel in and out,
and what another body or another district sees (nothing)."""
import io
import re
from datetime import date

import docx
import openpyxl
import pytest
import sqlalchemy as sa

from review_app.demolition import operations as ops
from review_app.extensions import db
from review_app.models import DemolitionCase, ProcedureStep, SupervisionLetter
from tests import factories, ledger

TODAY = date(2026, 9, 10)


@pytest.fixture
def site(app, monkeypatch):
    """The people, a ready case and an incomplete one planned too early (with a letter) of 青山镇; plain ids."""
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        w = ledger.people()
        ready = ledger.case(w.town, steps=None, project="青山大道拓宽工程", address="青山村三组12号",
                            planned=date(2026, 9, 15))
        early = ledger.case(w.town, recorded=ledger.RECENT, project="青山农贸市场改造", address="青山村五组3号",
                            parties=["王五"], planned=date(2026, 9, 14))
        letter = ops.issue_letter(w.reviewer, early, ops.LetterFields(date(2026, 9, 24), "一、程序未完备", "依法补正"))
        db.session.commit()
        return dict(w=w, ready=ready.id, early=early.id, letter=letter.id,
                    users={k: getattr(w, k).username for k in ("town", "neighbour", "reviewer", "other_bureau",
                                                               "officer")})


def client_for(app, site, who):
    c = app.test_client()
    assert factories.login(c, site["users"][who]).status_code == 302
    return c


text = factories.squeezed


# --- the ledger and the case page ---------------------------------------------------------------------------

def test_the_ledger_lists_what_the_body_may_see_with_filters(app, site):
    town = client_for(app, site, "town")
    page = text(town.get("/demolition/"))
    assert "青山大道拓宽工程" in page and "青山农贸市场改造" in page and "共 2 户" in page
    assert "共 1 户" in text(town.get("/demolition/?status=ready"))
    assert "青山农贸市场改造" in text(town.get("/demolition/?alerts=1")) and "共 1 户" in text(town.get("/demolition/?alerts=1"))
    assert "共 1 户" in text(town.get("/demolition/?q=王五"))
    assert "共 0 户" in text(town.get("/demolition/?track=illegal_land_occupation"))
    assert "共 0 户" in text(client_for(app, site, "neighbour").get("/demolition/"))
    assert "共 0 户" in text(client_for(app, site, "other_bureau").get("/demolition/"))
    assert "共 2 户" in text(client_for(app, site, "reviewer").get("/demolition/"))
    assert client_for(app, site, "officer").get("/demolition/").status_code == 403


def test_the_case_page_puts_the_gate_first_and_the_steps_as_a_timeline(app, site):
    town = client_for(app, site, "town")
    page = text(town.get(f"/demolition/{site['early']}"))
    gate, timeline = page.index("程序审查结论"), page.index("执法程序")
    assert gate < timeline
    assert "拟拆除时间早于最早合法日期" in page[gate:timeline] and "尚缺程序" in page[gate:timeline]
    assert "听取陈述申辩并复核" in page[timeline:] and "送达回证.pdf" in page[timeline:]
    ready = text(town.get(f"/demolition/{site['ready']}"))
    assert "程序已完备，自 2026-09-03 起可依法实施强制拆除" in ready


def test_another_body_or_district_gets_a_404_that_names_nothing(app, site):
    for who in ("neighbour", "other_bureau"):
        c = client_for(app, site, who)
        for path in (f"/demolition/{site['early']}", f"/demolition/letters/{site['letter']}",
                     f"/demolition/letters/{site['letter']}/letter.docx"):
            r = c.get(path)
            assert r.status_code == 404 and "青山" not in r.get_data(as_text=True), (who, path)


def test_a_town_enters_a_case_through_the_form(app, site):
    town = client_for(app, site, "town")
    r = town.post("/demolition/new", data={"project": "柳溪路改造", "track": "planning_violation",
                                          "address": "青山村一组1号", "parties": "赵六\n钱七", "building_area": "86.5",
                                          "enforcing_body": "青山镇人民政府", "planned_on": "2026-12-01"})
    assert r.status_code == 302
    with app.app_context():
        c = db.session.scalar(sa.select(DemolitionCase).where(DemolitionCase.project == "柳溪路改造"))
        assert c.party_names == ["赵六", "钱七"] and str(c.building_area) == "86.50"
    r = town.post("/demolition/new", data={"project": "", "track": "", "address": "x", "parties": "",
                                          "planned_on": "2026-13-01"})
    assert r.status_code == 400
    page = text(r)
    assert "日期格式不正确，应如 2026-11-25" in page
    r = town.post("/demolition/new", data={"project": "", "track": "", "address": "x", "parties": ""})
    assert r.status_code == 400 and "请填写项目名称" in text(r) and "请选择拆除类型" in text(r)


# --- the step entry form ------------------------------------------------------------------------------------

def _field_errors(response) -> dict[str, list[str]]:
    """The message shown under each field of the form (the macro's invalid-feedback under its input)."""
    html = response.get_data(as_text=True)
    out = {}
    for name, block in re.findall(r'name="(\w+)"[^>]*>(.*?)</div>\s*</div>', html, re.S):
        messages = re.findall(r'invalid-feedback d-block">(.*?)</div>', block + "</div>", re.S)
        if messages:
            out[name] = [m.strip() for m in messages]
    return out


def test_the_step_form_refuses_what_check_step_refuses_under_the_field(app, site):
    town = client_for(app, site, "town")
    before = _steps(app)
    r = town.post(f"/demolition/{site['early']}/steps/new", data={
        "kind": "enforcement_decision", "done_on": "2026-06-05", "document_no": "青执决〔2026〕1号",
        "files": (io.BytesIO(ledger.PDF), "决定书.pdf")}, content_type="multipart/form-data")
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    field = html[html.index('name="done_on"'):]
    assert "强制执行决定日期2026-06-05早于2026-06-11（须在催告书送达载明的期限届满之后）" in field[:600]
    assert 'value="青执决〔2026〕1号"' in html  # what was typed is kept
    assert "须先记录听取陈述申辩并复核，再记录强制执行决定" in html  # a problem of no single field, above the form
    assert _steps(app) == before


def test_the_step_form_refuses_a_missing_deadline_and_a_missing_file(app, site):
    town = client_for(app, site, "town")
    r = town.post(f"/demolition/{site['early']}/steps/new", data={"kind": "demolition_order", "done_on": "2026-09-01"})
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "请填写责令限期拆除决定送达载明的履行期限" in html[html.index('name="deadline"'):][:600]
    assert "请上传该程序的证明材料（文书及送达凭证）" in html[html.index('name="files"'):][:600]


def test_the_step_form_records_a_step_with_its_documents(app, site):
    town = client_for(app, site, "town")
    r = town.post(f"/demolition/{site['early']}/steps/new", data={
        "kind": "statement_heard", "done_on": "2026-06-05", "document_no": "陈述申辩笔录",
        "files": [(io.BytesIO(ledger.PDF), "笔录.pdf"), (io.BytesIO(ledger.PDF), "复核意见.pdf")]},
        content_type="multipart/form-data")
    assert r.status_code == 302
    page = text(town.get(f"/demolition/{site['early']}"))
    assert "已录入：听取陈述申辩并复核" in page and "笔录.pdf" in page and "复核意见.pdf" in page
    doc_id = re.search(r'href="/demolition/documents/(\d+)"', town.get(f"/demolition/{site['early']}")
                       .get_data(as_text=True)).group(1)
    assert town.get(f"/demolition/documents/{doc_id}").data == ledger.PDF
    assert client_for(app, site, "neighbour").get(f"/demolition/documents/{doc_id}").status_code == 404
    assert client_for(app, site, "reviewer").get(f"/demolition/documents/{doc_id}").status_code == 200


def _steps(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(ProcedureStep))


def test_the_bureau_cannot_record_steps(app, site):
    r = client_for(app, site, "reviewer").post(f"/demolition/{site['early']}/steps/new",
                                               data={"kind": "statement_heard", "done_on": "2026-03-25"})
    assert r.status_code == 403


def test_execution_on_a_holiday_is_refused_on_the_page(app, site, monkeypatch):
    ledger.freeze(monkeypatch, date(2026, 10, 9))
    town = client_for(app, site, "town")
    with app.app_context():
        version = db.session.get(DemolitionCase, site["ready"]).version
    r = town.post(f"/demolition/{site['ready']}/execution", data={"executed_on": "2026-10-03", "version": version})
    assert r.status_code == 400 and "2026-10-03为休息日或法定节假日，不得实施强制执行" in text(r)
    r = town.post(f"/demolition/{site['ready']}/execution", data={"executed_on": "2026-10-09", "executed_time": "09:00",
                                                               "version": version})
    assert r.status_code == 302
    assert "实施时程序完备" in text(town.get(f"/demolition/{site['ready']}"))


def test_challenges_are_recorded_and_ended_on_the_case_page(app, site):
    town = client_for(app, site, "town")
    r = town.post(f"/demolition/{site['ready']}/challenges", data={
        "kind": "lawsuit", "against": "demolition_order", "filed_on": "2026-09-08", "case_no": "（2026）黔0111行初9号"})
    assert r.status_code == 302
    page = text(town.get(f"/demolition/{site['ready']}"))
    assert "复议或诉讼未终结" in page and "（2026）黔0111行初9号" in page
    r = town.post(f"/demolition/{site['ready']}/challenges", data={"kind": "", "against": "", "filed_on": "2026-13-01"})
    assert r.status_code == 400 and "日期格式不正确" in text(r)


# --- letters, replies, boards -------------------------------------------------------------------------------

def test_the_bureau_issues_a_letter_from_a_prefilled_form(app, site):
    bureau = client_for(app, site, "reviewer")
    form = text(bureau.get(f"/demolition/{site['early']}/letters/new"))
    # Ten working days: Sunday 09-20 is a swapped workday (调休), so the reply is due on 09-23.
    assert "拟拆除时间2026-09-14早于" in form and 'value="2026-09-23"' in form
    r = bureau.post(f"/demolition/{site['early']}/letters/new", data={
        "reply_due_on": "2026-09-30", "findings": "一、未听取陈述申辩", "requirements": "依法补正", "copies_to": "区政府办"})
    assert r.status_code == 302
    page = text(bureau.get(r.headers["Location"]))
    assert "示司督〔2026〕2号" in page and "青山镇" in page
    r = bureau.post(f"/demolition/{site['early']}/letters/new", data={"reply_due_on": "2026-09-10", "findings": "",
                                                                       "requirements": "x"})
    assert r.status_code == 400 and "回复期限应晚于今日" in text(r) and "请填写发现的问题" in text(r)
    assert client_for(app, site, "town").get(f"/demolition/{site['early']}/letters/new").status_code == 403


def test_the_letter_docx_is_the_stored_official_letter(app, site):
    r = client_for(app, site, "town").get(f"/demolition/letters/{site['letter']}/letter.docx")
    assert r.status_code == 200
    d = docx.Document(io.BytesIO(r.data))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts[:4] == ["示范区司法局", "示司督〔2026〕1号",
                         "关于青山农贸市场改造（青山村五组3号）房屋强制拆除程序的法治督察函", "测试青山镇："]
    assert "一、程序未完备" in texts and "依法补正" in texts and texts[-2:] == ["示范区司法局", "2026年9月10日"]
    assert any("请于2026年9月24日前将整改情况书面回复我局" in t for t in texts)
    assert d.sections[0].footer.paragraphs[0].text == "— 1 —"
    assert [c.text for c in d.tables[0].rows[-1].cells] == ["示范区司法局", "2026年9月10日印发"]
    with app.app_context():
        import hashlib
        assert hashlib.sha256(r.data).hexdigest() == db.session.get(SupervisionLetter, site["letter"]).docx_sha256


def test_the_town_replies_to_the_letter_reporting_its_steps(app, site):
    town = client_for(app, site, "town")
    r = town.post(f"/demolition/{site['early']}/steps/new", data={
        "kind": "statement_heard", "done_on": "2026-06-05", "files": (io.BytesIO(ledger.PDF), "笔录.pdf")},
        content_type="multipart/form-data")
    assert r.status_code == 302
    page = text(town.get(f"/demolition/letters/{site['letter']}"))
    assert "待回复" in page and "听取陈述申辩并复核（2026-06-05" in page
    html = town.get(f"/demolition/letters/{site['letter']}").get_data(as_text=True)
    checked = re.findall(r'<input (checked )?class="form-check-input" id="step_ids-\d+" name="step_ids" '
                         r'type="checkbox" value="(\d+)"> <label[^>]*>([^<]*)</label>', html)
    # Only the step recorded since the letter was issued is offered as reported.
    assert [(bool(c), label) for c, _, label in checked] == [
        (False, "责令限期拆除决定送达（2026-05-11，青违拆字〔2026〕5号）"), (False, "催告书送达（2026-06-01，青催字〔2026〕5号）"),
        (True, "听取陈述申辩并复核（2026-06-05）")]
    sid = checked[-1][1]
    r = town.post(f"/demolition/letters/{site['letter']}/replies", data={"text": "", "step_ids": sid})
    assert r.status_code == 400 and "请填写回复内容" in text(r)
    r = town.post(f"/demolition/letters/{site['letter']}/replies", data={"text": "已补正陈述申辩程序", "step_ids": sid})
    assert r.status_code == 302
    page = text(client_for(app, site, "reviewer").get(f"/demolition/letters/{site['letter']}"))
    assert "已回复 2026-09-10" in page and "已补正陈述申辩程序" in page and "笔录.pdf" in page
    assert client_for(app, site, "reviewer").post(f"/demolition/letters/{site['letter']}/replies",
                                                  data={"text": "x"}).status_code == 403


def test_the_letters_list_shows_outstanding_and_overdue(app, site, monkeypatch):
    bureau = client_for(app, site, "reviewer")
    assert "示司督〔2026〕1号" in text(bureau.get("/demolition/letters?view=outstanding"))
    assert "示司督〔2026〕1号" not in text(bureau.get("/demolition/letters?view=overdue"))
    ledger.freeze(monkeypatch, date(2026, 9, 25))
    page = text(bureau.get("/demolition/letters?view=overdue"))
    assert "示司督〔2026〕1号" in page and "逾期未回复" in page


def test_the_boards_for_a_town_and_for_the_district(app, site):
    town = text(client_for(app, site, "town").get("/demolition/board"))
    assert "拆除台账看板 · 测试青山镇" in town
    assert "拟拆除时间早于最早合法日期" in town and "青山农贸市场改造" in town
    assert "制发督察函" not in town  # the town sees its alerts, the bureau issues
    district = text(client_for(app, site, "reviewer").get("/demolition/board"))
    assert "拆除台账看板 · 示范区" in district and "制发督察函" in district and "各镇（街道）和部门" in district
    one = text(client_for(app, site, "reviewer").get(f"/demolition/board?org={site['w'].town.organisation_id}"))
    assert "拆除台账看板 · 测试青山镇" in one
    assert client_for(app, site, "reviewer").get("/demolition/board?org=999999").status_code == 404
    assert client_for(app, site, "other_bureau").get(
        f"/demolition/board?org={site['w'].town.organisation_id}").status_code == 404


def test_the_board_lists_not_ready_cases_planned_in_the_next_30_days(app, site):
    page = client_for(app, site, "reviewer").get("/demolition/board").get_data(as_text=True)
    upcoming = page[page.index('class="list-unstyled mb-0 upcoming"'):]
    upcoming = upcoming[:upcoming.index("</ul>")]
    assert "青山农贸市场改造" in upcoming and "青山大道拓宽工程" not in upcoming  # the ready one is not at risk


# --- Excel in and out ---------------------------------------------------------------------------------------

def test_the_export_is_the_ledger_layout(app, site):
    r = client_for(app, site, "reviewer").get("/demolition/export.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(r.data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "示范区拟强制拆除房屋摸底台账（导出日期：2026-09-10）"
    assert list(rows[1]) == ["序号", "镇(街道)", "项目名称", "拆除类型", "房屋坐落", "当事人", "建筑面积(㎡)", "执法主体",
                             "拟拆除时间", "已完成程序", "尚缺程序", "最早合法拆除日期", "督察函编号", "备注"]
    ready, early = rows[2], rows[3]
    assert ready[1:6] == ("测试青山镇", "青山大道拓宽工程", "违法建设", "青山村三组12号", "张三、李四")
    assert ready[11].date() == date(2026, 9, 3) and not ready[10]
    assert early[9] == "责令限期拆除决定送达（2026-05-11）、催告书送达（2026-06-01）、行政复议期限届满未申请复议"
    assert "听取陈述申辩并复核" in early[10] and early[12] == "示司督〔2026〕1号"
    assert early[11].startswith("尚不能确定（不早于")


def test_a_bad_import_on_the_page_lists_each_cell_and_saves_nothing(app, site):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "镇(街道)", "项目名称", "拆除类型", "房屋坐落", "当事人", "建筑面积(㎡)", "执法主体", "拟拆除时间", "备注"])
    ws.append([1, "测试青山镇", "甲项目", "违章建筑", "某地", "张三", "很大", "", "2026-02-30", ""])
    out = io.BytesIO()
    wb.save(out)
    r = client_for(app, site, "town").post("/demolition/import", data={"file": (io.BytesIO(out.getvalue()), "台账.xlsx")},
                                           content_type="multipart/form-data")
    assert r.status_code == 400
    page = text(r)
    assert "第2行“拆除类型”：“违章建筑”不正确" in page and "第2行“建筑面积(㎡)”：“很大”不是数字" in page
    assert "第2行“拟拆除时间”：“2026-02-30”格式不正确" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DemolitionCase)) == 2


def test_the_case_page_in_english_translates_templates_and_their_labels(app, site):
    town = client_for(app, site, "town")
    town.get("/lang/en")
    page = text(town.get(f"/demolition/{site['early']}"))
    assert "Procedure check" in page and "Planned date before the earliest lawful date" in page
    # A rule module's message: the template translated, then filled with its (translated) labels.
    assert "Statement and defence heard and reviewed: not recorded" in page
    assert "Litigation period expired without a suit: Period for bringing an administrative lawsuit expires on " \
        "2026-11-11" in page


def test_the_audit_log_tells_the_ledger_in_words(app, site):
    page = client_for(app, site, "reviewer").get("/audit/", query_string={"object_type": "demolition_case"})
    assert page.status_code == 200
    html = re.search(r"<tbody>(.*)</tbody>", page.get_data(as_text=True), re.S).group(1)  # the results
    assert "录入执法程序节点" in html and "制发法治督察函" in html and "demolition.record_step" not in html
    assert f'<a href="/demolition/{site["early"]}">拆除台账案件《青山农贸市场改造》</a>' in html
    assert "责令限期拆除决定送达" in html  # a step's kind by its label
