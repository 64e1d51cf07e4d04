"""The bureau's board (issue 11) on a known data set (tests/board_data.py): each figure as the bureau's 2023
report states it, the filters, the drill-down lists behind the figures agreeing with them, what a department
sees (its own rows only), the Excel exports, the annual summary .docx and the charts."""
import io
import re
from datetime import date

import docx
import openpyxl
import pytest

from tests import board_data, factories, ledger

TODAY = date(2026, 9, 10)


@pytest.fixture
def seeded(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        s = board_data.seed(TODAY)
        return {k: v.username for k, v in vars(s).items() if hasattr(v, "username")} | {
            "housing_org": s.housing_org.id, "finance_org": s.finance_org.id}


def client_for(app, seeded, who):
    c = app.test_client()
    assert factories.login(c, seeded[who]).status_code == 302
    return c


text = factories.squeezed


def figure(page: str, key: str) -> str:
    m = re.search(r'data-figure="%s"[^>]*>.*?class="fs-4 figure-value">([^<]*)<' % key, page)
    assert m, key
    return m.group(1).strip()


def table(page: str, key: str) -> list[list[str]]:
    """A board table's body rows as the reader sees them (cell texts)."""
    m = re.search(r'data-table="%s".*?<tbody>(.*?)</tbody>' % key, page)
    assert m, key
    rows = re.findall(r"<tr>(.*?)</tr>", m.group(1))
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in rows]


def test_the_seeded_year_on_the_bureaus_board(app, seeded):
    page = text(client_for(app, seeded, "reviewer").get("/board/?year=2023"))
    assert board_data.SENTENCE in page
    assert figure(page, "coverage") == "80%"
    assert figure(page, "unreviewed") == "3"
    assert figure(page, "on_time") == "94.2%"
    assert figure(page, "adoption") == "76.9%"
    assert figure(page, "open") == "4" and figure(page, "overdue") == "2"
    assert figure(page, "demolition_not_ready") == "1"
    assert table(page, "volumes") == [["2023", "117", "12", "7", "70", "206"]] or \
        table(page, "volumes") == [["2023", "12", "7", "117", "70", "206"]]
    timing = table(page, "timing")
    assert timing[0][:3] == ["承办部门审查", "206", "2.0"] and timing[0][3] == "—"
    assert timing[1][:3] == ["决策机关受理", "206", "1.0"]
    assert timing[2] == ["司法局合法性审核", "206", "4.3", "94.2%（194/206）", "12"]
    unreviewed = table(page, "unreviewed")
    assert {r[-1] for r in unreviewed} == {"紧急情况下作出决定", "会前未报送审核", "议题临时增加"}
    assert "<svg" in page and "https://" not in page
    # The page's CSP allows no inline style or script: the charts carry none.
    assert " style=" not in page and "<style" not in page and "<script>" not in page


def test_every_year_and_a_quarter(app, seeded):
    c = client_for(app, seeded, "reviewer")
    page = text(c.get("/board/"))
    assert [r[0] for r in table(page, "volumes")] == ["2022", "2023"]
    q3 = text(c.get("/board/?year=2023&quarter=3"))
    assert [r[-1] for r in table(q3, "volumes")] == ["70"]
    assert figure(q3, "on_time") == "100%"
    # The annual sentence is the year's whatever quarter is shown.
    assert board_data.SENTENCE in q3


def test_drill_downs_list_the_rows_behind_each_figure(app, seeded):
    c = client_for(app, seeded, "reviewer")
    page = c.get("/board/?year=2023").get_data(as_text=True)
    hrefs = dict(re.findall(r'data-figure="(\w+)" href="([^"]+)"', page))
    lists = {k: text(c.get(v.replace("&amp;", "&"))) for k, v in hrefs.items() if v.startswith("/board/list")}
    assert "共 15 项" in lists["coverage"]
    assert "共 3 项" in lists["unreviewed"] and "议题临时增加" in lists["unreviewed"]
    assert "共 206 项" in lists["on_time"]
    assert "共 13 项" in lists["adoption"]
    assert "共 4 项" in lists["open"] and "共 2 项" in lists["overdue"]
    late = text(c.get("/board/list/stage?stage=bureau&late=1&year=2023"))
    assert "共 12 项" in late and "重大行政决策1" in late and "超期" in late
    refused = text(c.get("/board/list/points?answer=refused&year=2023"))
    assert "共 3 项" in refused and "上位法另有规定" in refused


def test_a_department_sees_the_same_board_for_its_own_rows_only(app, seeded):
    c = client_for(app, seeded, "finance")
    # Whatever department it asks for, its own.
    page = text(c.get(f"/board/?year=2023&department_id={seeded['housing_org']}"))
    assert "2023年来,共计审核规范性文件7件。" in page
    assert figure(page, "unreviewed") == "1"
    assert figure(page, "adoption") == "76.9%"
    assert figure(page, "open") == "1" and figure(page, "overdue") == "0"
    assert "测试住建局" not in page and "重点项目协议" not in text(c.get("/board/list/reviewed?year=2023"))
    assert figure(page, "demolition_not_ready") == "0"


def test_the_bureau_filters_by_department_and_category(app, seeded):
    c = client_for(app, seeded, "reviewer")
    page = text(c.get(f"/board/?year=2023&department_id={seeded['housing_org']}&category=agreement"))
    assert "2023年来,共计审核重点项目协议117份。" in page
    assert table(page, "volumes") == [["2023", "117", "117"]]


def test_every_table_exports_to_excel(app, seeded):
    c = client_for(app, seeded, "reviewer")
    r = c.get("/board/export/coverage.xlsx?year=2023")
    assert r.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(r.data)).active
    assert "审核覆盖率" in ws["A1"].value and "2023年" in ws["A1"].value
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows[0] == ["类别", "登记决策事项", "经合法性审核", "未经审核", "覆盖率"]
    assert rows[-1] == ["合计", 15, 12, 3, "80%（12/15）"]
    for key in ("unreviewed", "volumes", "timing", "workload_departments", "workload_reviewers", "adoption",
                "demolition"):
        assert c.get(f"/board/export/{key}.xlsx?year=2023").status_code == 200, key
    assert c.get("/board/export/nothing.xlsx").status_code == 404
    listed = c.get("/board/list/open/export.xlsx?overdue=1")
    assert listed.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(listed.data)).active
    assert ws.max_row == 2 + 2


def test_the_annual_summary_as_docx(app, seeded):
    c = client_for(app, seeded, "reviewer")
    r = c.get("/board/summary.docx?year=2023")
    assert r.status_code == 200
    body = [p.text for p in docx.Document(io.BytesIO(r.data)).paragraphs]
    assert board_data.SENTENCE in body
    assert "2023年登记决策事项15件，经合法性审核12件，审核覆盖率为80%。" in body
    assert "司法局合法性审核平均用时4.3个工作日，按期办结率为94.2%。" in body
    assert "示范区2023年合法性审核工作情况" in body and "测试司法局" in body


def test_who_may_open_the_board(app, seeded):
    c = client_for(app, seeded, "town")
    assert c.get("/board/").status_code == 200
    assert c.get("/board/list/nothing").status_code == 404


def test_charts_read_in_black_and_white_and_pass_the_pages_csp():
    from review_app.board.charts import bars
    svg = bars("各类审核事项", ["2022", "2023"], [("协议", [3, 117]), ("决策", [0, 12])])
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-label="各类审核事项"' in svg
    assert "<pattern" in svg and "hatch" not in svg  # a hatched series, drawn as an SVG pattern
    assert ">117<" in svg and ">12<" in svg and ">2023<" in svg  # values and labels as text
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg
    assert not re.findall(r'(?:href|src)="https?:', svg)


def test_a_chart_is_drawn_again_only_for_other_figures():
    """Charts are remembered by their figures: the same figures give the same SVG without drawing it again,
    other figures (or another language's labels) a chart of their own."""
    from review_app.board.charts import _drawn, bars
    first = bars("各类审核事项（记忆）", ["2022", "2023"], [("协议", [3, 117])])
    misses = _drawn.cache_info().misses
    assert bars("各类审核事项（记忆）", ["2022", "2023"], [("协议", [3, 117])]) == first
    assert _drawn.cache_info().misses == misses
    other = bars("各类审核事项（记忆）", ["2022", "2023"], [("协议", [3, 118])])
    assert ">118<" in other and ">117<" not in other
    english = bars("Matters reviewed (memo)", ["2022", "2023"], [("Agreements", [3, 117])])
    assert ">Matters reviewed (memo)<" in english and "各类" not in english


def test_the_board_in_english(app, seeded):
    c = client_for(app, seeded, "reviewer")
    c.get("/lang/en")
    page = text(c.get("/board/?year=2023"))
    assert ("In 2023, the bureau reviewed 117 key-project agreements, 12 administrative decision documents, "
            "7 normative documents, handled 70 legal-opinion requests.") in page
    assert ("Review coverage = registered decisions reviewed for legality / registered decisions × 100%"
            in page)
    assert "Adoption rate = points adopted / points answered × 100%" in page
    assert "审核覆盖率" not in page and "按期办结率" not in page


def test_the_bureaus_time_is_counted_by_the_review_clock(app, monkeypatch):
    """Pauses for supplements do not count and extensions lengthen the period (workflows.clock): started Mon
    2021-03-08 with 5 working days, paused 03-09 to 03-11 (03-10 and 03-11 frozen), issued Thu 03-18: six
    counted days (03-09, 03-12, 03-15 to 03-18); due Wed 03-17, or Fri 03-19 with an extension of two days."""
    from datetime import datetime, timezone

    from review_app.extensions import db
    from review_app.models import ClockExtension, ClockPause, OrgKind
    from workflows.review import Category
    from workflows.roles import Role
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        reviewer = factories.user(Role.bureau_reviewer)
        clerk = factories.user(Role.submitter, factories.org(OrgKind.department))
        numbers = board_data._Numbers()
        dates = (date(2021, 3, 1), date(2021, 3, 3), date(2021, 3, 8), date(2021, 3, 18))
        extended = board_data._matter(clerk, Category.agreement, "延期的协议", dates, numbers)
        late = board_data._matter(clerk, Category.agreement, "未延期的协议", dates, numbers)
        db.session.flush()
        for m in (extended, late):
            db.session.add(ClockPause(matter_id=m.id, start=date(2021, 3, 9), end=date(2021, 3, 11),
                                      reason="补正"))
        db.session.add(ClockExtension(matter_id=extended.id, days=2, reason="案情复杂", granted_by_id=reviewer.id,
                                      granted_at=datetime(2021, 3, 12, tzinfo=timezone.utc)))
        db.session.commit()
        name = reviewer.username
    c = app.test_client()
    assert factories.login(c, name).status_code == 302
    page = text(c.get("/board/list/stage?stage=bureau&year=2021"))
    assert "共 2 项" in page
    rows = [[re.sub(r"<[^>]+>", "", x).strip() for x in re.findall(r"<td[^>]*>(.*?)</td>", r)]
            for r in re.findall(r"<tr>(.*?)</tr>", page)]
    by_title = {v[0]: v[-3:] for v in rows if v}
    assert by_title == {"延期的协议": ["2021-03-18", "6", "按期"], "未延期的协议": ["2021-03-18", "6", "超期"]}


def test_advisers_workload_and_ratings_for_the_bureau_only(app, seeded):
    c = client_for(app, seeded, "reviewer")
    page = text(c.get("/board/?year=2023"))
    assert table(page, "advisers") == [
        ["张律师", "律师", "0", "2", "2", "70.5", ""],
        ["李律师", "律师", "1", "1", "1", "49.0", "平均分低于60分，建议复核"]]
    listed = text(c.get("/board/list/assignments?view=open&year=2023"))
    assert "共 1 项" in listed and "在审协议甲" in listed and "李律师" in listed
    rated = text(c.get("/board/list/assignments?view=submitted&year=2023"))
    assert "共 3 项" in rated and "91.0" in rated and "50.0" in rated and "49.0" in rated
    assert "共 0 项" in text(c.get("/board/list/assignments?view=submitted&year=2022"))
    # A department sees neither the section nor its lists: the pool's ratings are the bureau's.
    d = client_for(app, seeded, "housing")
    assert 'id="advisers"' not in d.get("/board/?year=2023").get_data(as_text=True)
    assert d.get("/board/list/assignments?view=open").status_code == 404
    assert d.get("/board/export/advisers.xlsx").status_code == 404


def test_risk_levels_and_litigation_figures(app, seeded):
    c = client_for(app, seeded, "reviewer")
    page = text(c.get("/board/?year=2023"))
    assert table(page, "risk") == [["高", "2", "2"], ["中", "3", "1"], ["低", "7", "—"], ["未评估", "194", "—"],
                                   ["合计", "206", "3"]]
    assert table(page, "litigation") == [
        ["测试住建局", "10", "20%（2/10）", "90%（9/10）", "—", "—", "0"],
        ["测试财政局", "0", "—", "—", "20%（1/5）", "40%（2/5）", "0"],
        ["合计", "10", "20%（2/10）", "90%（9/10）", "20%（1/5）", "40%（2/5）", "0"]]
    high = text(c.get("/board/list/risk?level=high&year=2023"))
    assert "共 2 项" in high and "重大行政决策1" in high
    assert "共 0 项" in text(c.get("/board/list/risk?level=high&year=2022"))
    body = [p.text for p in docx.Document(io.BytesIO(c.get("/board/summary.docx?year=2023").data)).paragraphs]
    assert "2023年行政诉讼案件审结10件,败诉率为20%,行政机关负责人出庭应诉率为90%。" in body
    assert "2023年行政复议案件审结5件,通过和解、调解方式实质性化解行政争议2件,化解率为40%。" in body
    # A department: its own cases only.
    d = text(client_for(app, seeded, "finance").get("/board/?year=2023"))
    assert table(d, "litigation") == [["测试财政局", "0", "—", "—", "20%（1/5）", "40%（2/5）", "0"],
                                      ["合计", "0", "—", "—", "20%（1/5）", "40%（2/5）", "0"]]
    assert table(d, "risk")[3] == ["未评估", "7", "—"]
