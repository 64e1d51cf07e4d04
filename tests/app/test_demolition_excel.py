"""The ledger in Excel (DESIGN.md §7): export, import into an empty database, identical rows; a malformed file
reports each bad cell by row and column and changes nothing."""
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
import sqlalchemy as sa

from review_app import create_app
from review_app.demolition import operations as ops
from review_app.demolition.spreadsheet import COLUMNS, COMPUTED_COLUMNS, read_rows
from review_app.extensions import db
from review_app.spreadsheets import SheetUnreadable
from review_app.models import AuditEvent, DemolitionCase, DemolitionParty
from tests import factories, ledger
from tests.conftest import test_config as make_config
from workflows.demolition import Track

TODAY = date(2026, 9, 10)
XLSX = "multipart/form-data"


def _cases(w):
    """Every kind of cell: several parties, decimals, no area, no planned date, notes, each track, a case the
    bureau entered for a department, and one with steps and a letter (its computed columns are the gate's)."""
    ops.create_case(w.town, ledger.fields(Track.planning_violation, planned=date(2026, 10, 12),
                                          parties=["张三", "李四", "王五"], building_area=Decimal("120.5"),
                                          note="一户多人共有"))
    ops.create_case(w.town, ledger.fields(Track.state_land_expropriation, project="青山片区棚户区改造",
                                          address="青山镇新街8号", parties=["贵州某某商贸有限公司"],
                                          building_area=Decimal("1086.33"), enforcing_body="示范区人民政府"))
    ops.create_case(w.reviewer, ledger.fields(Track.illegal_land_occupation, project="违法占用耕地建房",
                                              address="柳溪村二组", parties=["赵六"], enforcing_body="示范区自然资源局",
                                              organisation_id=w.department.organisation_id, planned=date(2026, 11, 2)))
    ops.create_case(w.neighbour, ledger.fields(Track.collective_land_expropriation, project="柳溪产业园征地",
                                               address="柳溪村一组5号", parties=["钱七"], enforcing_body=""))
    stepped = ledger.case(w.town, steps=3, project="有程序的案件", planned=date(2026, 9, 14))
    ops.issue_letter(w.reviewer, stepped, ops.LetterFields(date(2026, 9, 24), "一、程序未完备", "依法补正"))


def _sheet(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def _export(app, username) -> bytes:
    client = app.test_client()
    assert factories.login(client, username).status_code == 302
    r = client.get("/demolition/export.xlsx")
    assert r.status_code == 200
    return r.data


def _stored(app) -> list[tuple]:
    with app.app_context():
        return [(c.organisation.name, c.project, c.track, c.address, c.party_names, c.building_area,
                 c.enforcing_body, c.planned_on, c.note)
                for c in db.session.scalars(sa.select(DemolitionCase).order_by(DemolitionCase.organisation_id,
                                                                               DemolitionCase.id))]


@pytest.fixture
def empty_app(tmp_path, backend):
    """A second installation on an empty SQLite database: the same district and bodies, no ledger."""
    if backend != "sqlite":
        pytest.skip("the empty database of the round trip is a fresh SQLite file")
    fresh = create_app(make_config(f"sqlite:///{tmp_path}/empty.sqlite3", tmp_path))
    fresh.config["REQUIRE_TOTP"] = False
    with fresh.app_context():
        db.create_all()
    yield fresh
    with fresh.app_context():
        db.session.remove()
        db.engine.dispose()


def test_export_then_import_into_an_empty_database_gives_identical_rows(app, empty_app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        w = ledger.people()
        _cases(w)
        db.session.commit()
        bureau = w.reviewer.username
    exported = _export(app, bureau)

    with empty_app.test_request_context():
        fresh = ledger.people()  # the same district and bodies; no cases
        fresh.reviewer.username = bureau
        db.session.commit()
    client = empty_app.test_client()
    assert factories.login(client, bureau).status_code == 302
    r = client.post("/demolition/import", data={"file": (io.BytesIO(exported), "台账.xlsx")}, content_type=XLSX)
    assert r.status_code == 302, r.get_data(as_text=True)
    again = _export(empty_app, bureau)

    assert _stored(empty_app) == _stored(app)
    before, after = _sheet(exported), _sheet(again)
    assert before[:2] == after[:2]  # the title (district, ledger, date) and the header
    assert len(before) == len(after) == 2 + 5
    read = [COLUMNS.index(c) for c in COLUMNS if c not in COMPUTED_COLUMNS]
    assert [[row[i] for i in read] for row in before[2:]] == [[row[i] for i in read] for row in after[2:]]
    # Rows without steps or letters are identical cell for cell; steps and letters are not in a spreadsheet
    # (a cell is no evidence), so the stepped case comes back with what its steps would show: none yet.
    plain = [i for i, row in enumerate(before[2:]) if row[2] != "有程序的案件"]
    assert [before[2 + i] for i in plain] == [after[2 + i] for i in plain]
    (stepped,) = [row for row in after[2:] if row[2] == "有程序的案件"]
    assert stepped[9] is None and stepped[12] is None and "责令限期拆除决定送达：未记录" in stepped[10]


def _workbook(*rows, header=True) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["示范区拟强制拆除房屋摸底台账"])
    if header:
        ws.append(COLUMNS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(**cells):
    base = {"序号": 1, "镇(街道)": "测试青山镇", "项目名称": "青山大道拓宽工程", "拆除类型": "违法建设", "房屋坐落": "青山村三组12号",
            "当事人": "张三、李四", "建筑面积(㎡)": 120.5, "执法主体": "测试青山镇人民政府", "拟拆除时间": date(2026, 10, 12),
            "已完成程序": "催告书送达", "尚缺程序": "", "最早合法拆除日期": "", "督察函编号": "示司督〔2026〕9号", "备注": ""}
    base.update(cells)
    return [base[c] for c in COLUMNS]


@pytest.fixture
def w(app, monkeypatch):
    yield from ledger.world(app, monkeypatch, TODAY)


def _counts():
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(m))
                 for m in (DemolitionCase, DemolitionParty, AuditEvent))


def test_a_malformed_ledger_reports_each_bad_cell_and_changes_nothing(w):
    data = _workbook(
        _row(),
        _row(**{"镇(街道)": "", "拆除类型": "违章建筑", "建筑面积(㎡)": "很大", "拟拆除时间": "2026-02-30"}),
        _row(**{"镇(街道)": "测试柳溪镇", "项目名称": "", "当事人": ""}),
        _row(**{"镇(街道)": "没有这个镇", "房屋坐落": "坐" * 201, "建筑面积(㎡)": -5}),
        _row(**{"拆除类型": "", "拟拆除时间": "明年"}),
    )
    before = _counts()
    with pytest.raises(ops.ImportRejected) as e:
        ops.import_cases(w.town, read_rows(w.town, data))
    assert e.value.status == 400 and e.value.message == "导入失败，未保存任何记录，请修改后重新上传"
    assert e.value.problems == [
        "第4行“镇(街道)”：不能为空",
        "第4行“拆除类型”：“违章建筑”不正确，应为：国有土地征收、集体土地征收、违法建设、违法占用耕地",
        "第4行“建筑面积(㎡)”：“很大”不是数字",
        "第4行“拟拆除时间”：“2026-02-30”格式不正确，应如 2026-11-25",
        "第5行“镇(街道)”：只能为本单位（司法局可为本区各镇、街道和部门）录入台账案件",
        "第5行“项目名称”：请填写项目名称",
        "第5行“当事人”：请填写当事人",
        "第6行“镇(街道)”：“没有这个镇”不是本区的镇（街道）或部门（请填写全称或简称）",
        "第7行“拆除类型”：不能为空",
        "第7行“拟拆除时间”：“明年”格式不正确，应如 2026-11-25",
    ]
    assert _counts() == before


def test_a_good_ledger_imports_every_row_with_its_parties(w):
    data = _workbook(_row(), _row(**{"项目名称": "第二户", "当事人": "王五；赵六", "建筑面积(㎡)": None, "拟拆除时间": "2026年11月2日"}))
    saved = ops.import_cases(w.town, read_rows(w.town, data))
    assert [(c.project, c.party_names, c.building_area, c.planned_on) for c in saved] == [
        ("青山大道拓宽工程", ["张三", "李四"], Decimal("120.50"), date(2026, 10, 12)),
        ("第二户", ["王五", "赵六"], None, date(2026, 11, 2))]
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(3)).all()
    assert actions == ["demolition.import", "demolition.create", "demolition.create"]


def test_every_bad_row_is_reported_not_only_the_first(w):
    rows = [_row(**{"项目名称": ""}) for _ in range(8)]
    with pytest.raises(ops.ImportRejected) as e:
        ops.import_cases(w.town, read_rows(w.town, _workbook(*rows)))
    assert e.value.problems == [f"第{n}行“项目名称”：请填写项目名称" for n in range(3, 11)]


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04 not really a workbook", "无法读取该 Excel 文件，请确认是 .xlsx 格式"),
    (_workbook(header=False), "未找到表头行"),
])
def test_an_unreadable_sheet_is_refused_whole(w, data, message):
    with pytest.raises(SheetUnreadable) as e:
        read_rows(w.town, data)
    assert message in e.value.message


def test_a_header_missing_a_column_names_it(w):
    wb = openpyxl.Workbook()
    wb.active.append([c for c in COLUMNS if c not in ("当事人", "执法主体")])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(SheetUnreadable) as e:
        read_rows(w.town, out.getvalue())
    assert e.value.message == "第1行表头缺少列：当事人、执法主体"


def test_an_empty_ledger_is_refused(w):
    with pytest.raises(ops.ImportRejected) as e:
        ops.import_cases(w.town, read_rows(w.town, _workbook()))
    assert e.value.problems == ["文件中没有台账案件"]
