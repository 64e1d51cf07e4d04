"""Roster pages as the bureau and the members use them: add, suspend with a reason, the member's page with its
history, the register of related parties entered by the member itself, and Excel out and in (all or nothing,
bad cells reported by row and column)."""
import io

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from review_app.extensions import db
from review_app.models import EnteredBy, Expert, ExpertChange, RelatedPartyRow
from tests import factories, pool

HEADER = ["序号", "类别", "名称或姓名", "所属律所", "执业证号或统一社会信用代码", "专业领域", "聘期起", "聘期止", "状态",
          "联系人", "联系电话", "备注"]


@pytest.fixture
def site(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    pool.freeze(monkeypatch)
    with app.test_request_context():
        w = pool.build(lawyers=3)
        db.session.commit()
        return dict(reviewer=w.reviewer.username, firm=w.firm.id, lawyer=w.lawyers[0].id,
                    other=w.lawyers[1].id, adviser=w.adviser(w.lawyers[0]).username)


def client_for(app, username):
    c = app.test_client()
    assert factories.login(c, username).status_code == 302
    return c


text = factories.squeezed


def count(app, model) -> int:
    with app.app_context():
        return pool.count(model)


def test_the_bureau_adds_a_member_and_suspends_it_with_a_reason(app, site):
    bureau = client_for(app, site["reviewer"])
    assert "贵州明法律师事务所" in text(bureau.get("/experts/"))
    r = bureau.post("/experts/new", data={"kind": "lawyer", "name": "钱新", "firm_id": str(site["firm"]),
                                          "licence_no": "15201202611000001", "specialties": ["行政法"],
                                          "term_start": "2026-01-01", "term_end": "2027-12-31",
                                          "load_cap": "2"})
    assert r.status_code == 302
    with app.app_context():
        e = db.session.scalar(sa.select(Expert).where(Expert.name == "钱新"))
        e_id, version = e.id, e.version
        assert e.firm_id == site["firm"] and e.specialty_names == ["行政法"]
    before = count(app, ExpertChange)
    refused = bureau.post(f"/experts/{e_id}/status",
                          data={"version": version, "change": "suspended", "reason": ""})
    assert refused.status_code == 400 and "请写明理由" in text(refused)
    assert count(app, ExpertChange) == before
    r = bureau.post(f"/experts/{e_id}/status", data={"version": version, "change": "suspended",
                                                     "reason": "律协立案调查", "effective_on": "2026-11-20"})
    assert r.status_code == 302
    page = text(bureau.get(f"/experts/{e_id}"))
    assert "暂停：律协立案调查" in page and "2026-11-20" in page


def test_a_member_sees_only_its_own_page_and_declares_its_related_parties(app, site):
    adviser = client_for(app, site["adviser"])
    assert adviser.get(f"/experts/{site['other']}").status_code == 404
    assert adviser.get("/experts/").status_code == 403
    r = adviser.post(f"/experts/{site['lawyer']}/related", data={
        "kind": "client", "party_name": "贵州青山农业发展有限公司", "start": "2024-03-01", "end": ""})
    assert r.status_code == 302
    with app.app_context():
        row = db.session.scalar(sa.select(RelatedPartyRow))
        assert (row.expert_id, row.entered_by, row.end) == (site["lawyer"], EnteredBy.member, None)
    assert "成员申报" in text(adviser.get(f"/experts/{site['lawyer']}"))


def _sheet(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["示范区法律顾问专家库名册"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_export_has_the_roster_layout(app, site):
    data = client_for(app, site["reviewer"]).get("/experts/export.xlsx").data
    ws = load_workbook(io.BytesIO(data)).active
    assert "法律顾问专家库名册" in ws.cell(1, 1).value
    assert [c.value for c in ws[2]] == HEADER
    firm_row = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[2] == "贵州明法律师事务所")
    assert firm_row[1] == "律师事务所" and firm_row[8] == "在聘"


def test_an_import_with_bad_cells_saves_nothing_and_names_row_and_column(app, site):
    bureau = client_for(app, site["reviewer"])
    bad = _sheet([
        [1, "律师事务所", "贵州新桥律师事务所", "", "91520100NEW00001", "行政法", "2026-01-01", "2027-12-31", "在聘"],
        [2, "顾问", "王五", "", "L-2", "行政法", "2026-01-01", "2027-12-31", ""],
        [3, "律师", "赵六", "贵州新桥律师事务所", "L-3", "星际法", "2026-13-01", "2027-12-31", ""],
        [4, "律师", "孙七", "", "91520100NEW00001", "行政法", "2026-01-01", "2030-12-31", ""],
        [5, "律师", "周八", "", "L-8", "行政法", "2026-01-01", "2027-12-31", "暂停"],
    ])
    before = count(app, Expert)
    r = bureau.post("/experts/import", data={"file": (io.BytesIO(bad), "名册.xlsx")},
                    content_type="multipart/form-data")
    page = text(r)
    assert r.status_code == 400 and "本次未保存任何记录" in page
    for expected in ("第4行“类别”：“顾问”不正确", "第5行“聘期起”：“2026-13-01”格式不正确", "第7行“状态”",
                     "第6行“执业证号或统一社会信用代码”：与第3行重复", "第6行“聘期止”：聘期应为 1 至 3 年"):
        assert expected in page, expected
    assert count(app, Expert) == before
    good = _sheet([
        [1, "律师事务所", "贵州新桥律师事务所", "", "91520100NEW00001", "行政法、政府合同", "2026-01-01", "2027-12-31", "在聘"],
        [2, "律师", "赵六", "贵州新桥律师事务所", "L-3", "行政法", "2026-01-01", "2027-12-31", "", "", "13800000000"],
    ])
    r = bureau.post("/experts/import", data={"file": (io.BytesIO(good), "名册.xlsx")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    with app.app_context():
        firm = db.session.scalar(sa.select(Expert).where(Expert.name == "贵州新桥律师事务所"))
        lawyer = db.session.scalar(sa.select(Expert).where(Expert.name == "赵六"))
        assert lawyer.firm_id == firm.id and lawyer.phone == "13800000000"
        assert set(firm.specialty_names) == {"行政法", "政府合同"}
