"""The demolition ledger's operations: every change and every refusal (status and message), what is stored and
what is not, the audit trail, the numbering of supervision letters and the notifications they send."""
import hashlib
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from review_app.demolition import operations as ops
from review_app.demolition import queries
from review_app.demolition.ledger import LedgerStatus, answer
from review_app.demolition.letter import letter_number
from review_app.documents.service import blob_store
from review_app.extensions import db
from review_app.models import (AuditEvent, DemolitionCase, DemolitionChallenge, DemolitionDocument, DemolitionParty,
                               Notification, ProcedureStep, SupervisionLetter, SupervisionReply)
from review_app.operations import OperationError
from tests import ledger
from tests.ledger import PLANNING_READY_ON
from workflows.demolition import AlertKind, ChallengeKind, ChallengeOutcome, Track
from workflows.demolition.tracks import StepKind as K

TODAY = date(2026, 9, 10)  # a Thursday: the planning case's periods have all run (ready from 09-03)


@pytest.fixture
def w(app, monkeypatch):
    yield from ledger.world(app, monkeypatch, TODAY)


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def refused(call, *args, **kw) -> OperationError:
    with pytest.raises(OperationError) as e:
        call(*args, **kw)
    return e.value


def last_actions(n: int) -> list[str]:
    return db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(n)).all()


# --- cases --------------------------------------------------------------------------------------------------

def test_a_town_enters_its_own_case_with_parties_as_rows(w):
    c = ops.create_case(w.town, ledger.fields(building_area=Decimal("120.456"), parties=["张三", " 李四 ", ""]))
    assert c.organisation_id == w.town.organisation_id and c.district_id == w.town.district_id
    assert [(p.position, p.name) for p in c.parties] == [(1, "张三"), (2, "李四")]
    assert c.building_area == Decimal("120.46") and c.last_progress_on == TODAY
    assert last_actions(1) == ["demolition.create"]
    event = db.session.scalar(sa.select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert event.after["parties"] == ["张三", "李四"] and event.object_id == str(c.id)


def test_the_bureau_enters_a_case_for_a_town_of_its_district(w):
    c = ops.create_case(w.reviewer, ledger.fields(organisation_id=w.town.organisation_id))
    assert c.organisation_id == w.town.organisation_id


@pytest.mark.parametrize("change, status, message", [
    (dict(project=" "), 400, "请填写项目名称"),
    (dict(address=""), 400, "请填写房屋坐落"),
    (dict(track=None), 400, "请选择拆除类型"),
    (dict(parties=["", " "]), 400, "请填写当事人"),
    (dict(project="长" * 201), 400, "项目名称不能超过 200 个字"),
    (dict(building_area=Decimal("0")), 400, "建筑面积应大于 0"),
    (dict(parties=["张" * 81]), 400, "每个当事人的名称不能超过 80 个字"),
])
def test_a_case_with_bad_fields_is_refused_and_nothing_stored(w, change, status, message):
    e = refused(ops.create_case, w.town, ledger.fields(**change))
    assert e.status == status and message in e.message
    assert count(DemolitionCase) == 0 and count(DemolitionParty) == 0


def test_a_town_cannot_enter_a_case_for_another_body(w):
    e = refused(ops.create_case, w.town, ledger.fields(organisation_id=w.neighbour.organisation_id))
    assert e.status == 403 and "只能为本单位" in e.message
    e = refused(ops.create_case, w.reviewer, ledger.fields(organisation_id=w.other_town.organisation_id))
    assert e.status == 403  # another district's town
    e = refused(ops.create_case, w.reviewer, ledger.fields())
    assert e.status == 400 and "请选择镇（街道）或部门" in e.message
    e = refused(ops.create_case, w.officer, ledger.fields())
    assert e.status == 400 and "只能为本单位" in e.message
    assert count(DemolitionCase) == 0


def test_editing_needs_the_current_version_and_the_owning_body(w):
    c = ledger.case(w.town)
    ops.update_case(w.town_head, c, c.version, ledger.fields(planned=date(2026, 10, 12), parties=["张三"]))
    assert c.planned_on == date(2026, 10, 12) and c.party_names == ["张三"]
    assert last_actions(1) == ["demolition.update"]
    e = refused(ops.update_case, w.town, c, c.version - 1, ledger.fields())
    assert e.status == 409
    e = refused(ops.update_case, w.neighbour, c, c.version, ledger.fields())
    assert e.status == 404 and e.message == "台账案件不存在"
    e = refused(ops.update_case, w.reviewer, c, c.version, ledger.fields())
    assert e.status == 403 and "只有负责该案件的镇（街道）或部门" in e.message
    e = refused(ops.update_case, w.other_bureau, c, c.version, ledger.fields())
    assert e.status == 404


def test_the_track_cannot_change_once_steps_are_recorded(w):
    c = ledger.case(w.town, steps=1)
    e = refused(ops.update_case, w.town, c, c.version, ledger.fields(Track.illegal_land_occupation))
    assert e.status == 400 and "不能更改拆除类型" in e.message
    assert c.track is Track.planning_violation


# --- steps --------------------------------------------------------------------------------------------------

def test_a_step_is_recorded_with_its_evidence_in_the_file_store(w, app):
    c = ledger.case(w.town)
    step = ops.record_step(w.town, c, ops.StepFields(K.demolition_order, date(2026, 3, 2), "青违拆字〔2026〕1号",
                                                      date(2026, 3, 16), True), ledger.evidence("决定书.pdf"))
    (doc,) = step.documents
    assert doc.display_name == "决定书.pdf" and doc.kind == "pdf" and doc.step_id == step.id
    assert blob_store().read(doc.sha256) == ledger.PDF and doc.sha256 == hashlib.sha256(ledger.PDF).hexdigest()
    event = db.session.scalar(sa.select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert event.action == "demolition.record_step" and event.after["documents"][0]["sha256"] == doc.sha256
    assert event.after["kind"] == "demolition_order" and event.after["document_no"] == "青违拆字〔2026〕1号"


def _step_refusal(w, c, s: ops.StepFields, files=None) -> ops.FieldsRefused:
    before = (count(ProcedureStep), count(DemolitionDocument))
    with pytest.raises(ops.FieldsRefused) as e:
        ops.record_step(w.town, c, s, ledger.evidence() if files is None else files)
    assert (count(ProcedureStep), count(DemolitionDocument)) == before
    assert e.value.status == 400
    return e.value


def test_check_step_refusals_come_back_under_their_fields(w):
    c = ledger.case(w.town)
    e = _step_refusal(w, c, ops.StepFields(K.court_ruling, date(2026, 3, 2)))
    assert e.problems == [("kind", "违法建设案件没有“人民法院准予执行裁定送达”程序")]
    e = _step_refusal(w, c, ops.StepFields(K.reconsideration_lapsed, date(2026, 3, 2)))
    assert e.problems[0][0] == "kind" and "由系统根据送达日期和复议、诉讼记录计算" in e.problems[0][1]
    e = _step_refusal(w, c, ops.StepFields(K.demolition_order, TODAY + timedelta(days=1), deadline=date(2026, 9, 30)))
    assert ("done_on", "责令限期拆除决定送达日期2026-09-11晚于今日，不能记录尚未发生的程序") in e.problems
    e = _step_refusal(w, c, ops.StepFields(K.demolition_order, date(2026, 3, 2)))
    assert e.problems == [("deadline", "请填写责令限期拆除决定送达载明的履行期限")]
    e = _step_refusal(w, c, ops.StepFields(K.demand, date(2026, 3, 17), deadline=date(2026, 3, 27)))
    assert e.problems == [(None, "须先记录责令限期拆除决定送达，再记录催告书送达")]


def test_a_step_dated_before_the_one_it_depends_on_is_refused_on_its_date(w):
    c = ledger.case(w.town, steps=1)  # the order, served 03-02, with a deadline of 03-16
    e = _step_refusal(w, c, ops.StepFields(K.demand, date(2026, 3, 10), deadline=date(2026, 3, 20)))
    assert e.problems == [("done_on", "催告书送达日期2026-03-10早于2026-03-17（须在责令限期拆除决定送达载明的期限届满之后）")]


def test_a_step_needs_evidence_and_a_disguised_file_is_refused(w):
    c = ledger.case(w.town)
    s = ops.StepFields(K.demolition_order, date(2026, 3, 2), deadline=date(2026, 3, 16))
    e = _step_refusal(w, c, s, files=[])
    assert e.problems == [("files", "请上传该程序的证明材料（文书及送达凭证）")]
    with pytest.raises(OperationError) as e:
        ops.record_step(w.town, c, s, [("回证.pdf", b"not a pdf at all")])
    assert e.value.status == 400 and "文件内容与扩展名不符" in e.value.message
    db.session.rollback()
    assert count(ProcedureStep) == 0


def test_only_the_owning_body_records_steps(w):
    c = ledger.case(w.town)
    s = ops.StepFields(K.demolition_order, date(2026, 3, 2), deadline=date(2026, 3, 16))
    assert refused(ops.record_step, w.neighbour, c, s, ledger.evidence()).status == 404
    assert refused(ops.record_step, w.reviewer, c, s, ledger.evidence()).status == 403
    assert refused(ops.record_step, w.other_bureau, c, s, ledger.evidence()).status == 404
    assert count(ProcedureStep) == 0


def test_the_whole_procedure_makes_the_case_ready_on_the_right_day(w, monkeypatch):
    c = ledger.case(w.town, steps=None, planned=date(2026, 9, 14))
    assert answer(c, date(2026, 9, 2)).status is LedgerStatus.waiting
    assert answer(c, date(2026, 9, 2)).gate.earliest_lawful_date == PLANNING_READY_ON
    ready = answer(c)
    assert ready.status is LedgerStatus.ready and ready.gate.ready and not ready.alerts


# --- challenges ---------------------------------------------------------------------------------------------

def test_a_pending_lawsuit_closes_the_gate_until_it_ends(w):
    c = ledger.case(w.town, steps=None)
    ch = ops.record_challenge(w.town, c, ChallengeKind.lawsuit, K.demolition_order, date(2026, 8, 20), "（2026）黔0111行初1号")
    assert answer(c).status is LedgerStatus.challenged and answer(c).gate.closed_by is not None
    assert last_actions(1) == ["demolition.record_challenge"]
    ops.end_challenge(w.town, ch, ch.version, date(2026, 9, 8), ChallengeOutcome.upheld)
    assert ch.ended_on == date(2026, 9, 8)
    after = answer(c)
    assert after.gate.closed_by is None and after.status in (LedgerStatus.ready, LedgerStatus.waiting)
    assert last_actions(1) == ["demolition.end_challenge"]


def test_challenge_refusals(w):
    c = ledger.case(w.town, steps=1)
    e = refused(ops.record_challenge, w.town, c, ChallengeKind.lawsuit, K.court_ruling, date(2026, 8, 1))
    assert e.status == 400 and e.problems == [("against", "请选择被申请复议或被起诉的决定")]
    e = refused(ops.record_challenge, w.town, c, None, K.demolition_order, TODAY + timedelta(days=1))
    assert ("kind", "请选择行政复议或行政诉讼") in e.problems and ("filed_on", "申请或起诉日期不能晚于今日") in e.problems
    assert count(DemolitionChallenge) == 0
    ch = ops.record_challenge(w.town, c, ChallengeKind.reconsideration, K.demolition_order, date(2026, 4, 1))
    e = refused(ops.end_challenge, w.town, ch, ch.version, date(2026, 3, 31), ChallengeOutcome.upheld)
    assert e.problems == [("ended_on", "结案日期不能早于申请或起诉日期2026-04-01")]
    e = refused(ops.end_challenge, w.town, ch, ch.version, date(2026, 5, 1), None)
    assert e.problems == [("outcome", "请选择结果")]
    assert refused(ops.end_challenge, w.reviewer, ch, ch.version, date(2026, 5, 1),
                   ChallengeOutcome.upheld).status == 403
    ops.end_challenge(w.town, ch, ch.version, date(2026, 5, 6), ChallengeOutcome.upheld)
    e = refused(ops.end_challenge, w.town, ch, ch.version, date(2026, 5, 7), ChallengeOutcome.withdrawn)
    assert e.status == 409 and e.message == "该复议或诉讼已登记结果"


# --- execution ----------------------------------------------------------------------------------------------

def test_a_lawful_execution_is_recorded_and_closes_the_record(w):
    c = ledger.case(w.town, steps=None)
    ops.record_execution(w.town, c, c.version, date(2026, 9, 9), time(9, 30))
    assert c.executed_lawfully is True and c.execution_problems == ""
    assert answer(c).status is LedgerStatus.executed_lawfully
    e = refused(ops.record_step, w.town, c, ops.StepFields(K.demand, date(2026, 9, 9), deadline=date(2026, 9, 9)),
                ledger.evidence())
    assert e.status == 409 and "台账已封存" in e.message
    e = refused(ops.record_execution, w.town, c, c.version, date(2026, 9, 10), None)
    assert e.status == 409


@pytest.mark.parametrize("day, at, field, message", [
    (date(2026, 10, 5), None, "executed_on", "2026-10-05为休息日或法定节假日，不得实施强制执行"),
    (date(2026, 9, 6), time(10, 0), "executed_on", "2026-09-06为休息日或法定节假日，不得实施强制执行"),
    (date(2026, 9, 9), time(22, 30), "executed_time", "2026-09-09 22:30属夜间（22:00至次日06:00），不得实施强制执行"),
])
def test_execution_on_a_holiday_or_at_night_is_refused(w, monkeypatch, day, at, field, message):
    """Coercion Law Art. 43."""
    ledger.freeze(monkeypatch, date(2026, 10, 9))
    c = ledger.case(w.town, steps=None)
    e = refused(ops.record_execution, w.town, c, c.version, day, at)
    assert e.status == 400 and e.problems == [(field, message)]
    assert c.executed_on is None


def test_an_execution_while_the_gate_was_closed_is_marked_and_stays_on_the_board(w, monkeypatch):
    c = ledger.case(w.town, steps=3, planned=date(2026, 9, 14))
    ops.record_execution(w.town, c, c.version, date(2026, 9, 9), None)
    assert c.executed_lawfully is False and "2026-09-09实施强制拆除时程序未完备" in c.execution_problems
    assert last_actions(1) == ["demolition.record_execution"]
    ledger.freeze(monkeypatch, date(2027, 3, 1))  # much later: still there
    board = queries.board(w.reviewer, date(2027, 3, 1))
    (row,) = board.executed
    assert row.case.id == c.id and row.answer.status is LedgerStatus.executed_unlawfully
    assert [a.kind for _, a in board.alerts] == [AlertKind.executed_unlawfully]


# --- supervision letters ------------------------------------------------------------------------------------

def _letter(w, c, **kw):
    f = ops.LetterFields(reply_due_on=kw.get("due", date(2026, 9, 24)), findings=kw.get("findings", "一、拟拆除时间早于最早合法拆除日期"),
                         requirements=kw.get("requirements", "依法补正程序"), copies_to=kw.get("copies_to", ""))
    return ops.issue_letter(kw.get("actor", w.reviewer), c, f)


def test_letters_are_numbered_gap_free_per_district_and_year_and_fixed_as_docx(w):
    c = ledger.case(w.town, steps=2, planned=date(2026, 9, 14))
    first, second = _letter(w, c), _letter(w, c, copies_to="区人民政府办公室，区住建局")
    assert (first.year, first.number, second.number) == (2026, 1, 2)
    assert letter_number(first) == "示司督〔2026〕1号" and letter_number(second) == "示司督〔2026〕2号"
    assert second.copies_to == "区人民政府办公室、区住建局"
    assert blob_store().read(first.docx_sha256)[:2] == b"PK"
    other = ops.create_case(w.other_town, ledger.fields())
    assert letter_number(_letter(w, other, actor=w.other_bureau)) == "邻司督〔2026〕1号"
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "supervision.issue")
                              .order_by(AuditEvent.id))
    assert event.after["number"] == "示司督〔2026〕1号" and event.after["sha256"] == first.docx_sha256


def test_a_rolled_back_issue_gives_its_number_back(w):
    c = ledger.case(w.town, steps=2)
    db.session.commit()
    _letter(w, c)
    db.session.rollback()
    assert letter_number(_letter(w, c)) == "示司督〔2026〕1号"


def test_issuing_tells_the_body_s_people_once(w):
    c = ledger.case(w.town, steps=2)
    letter = _letter(w, c)
    told = db.session.scalars(sa.select(Notification).where(Notification.kind == "supervision.issue")).all()
    assert {n.user_id for n in told} == {w.town.id, w.town_head.id}
    assert all(n.link == f"/demolition/letters/{letter.id}" and "示司督〔2026〕1号" in n.title for n in told)
    assert {u.id for u in ops.letter_recipients(letter)} == {w.town.id, w.town_head.id}


@pytest.mark.parametrize("actor, kw, status, message", [
    ("town", {}, 403, "只有司法局可以制发法治督察函"),
    ("other_bureau", {}, 404, "台账案件不存在"),
    ("reviewer", {"due": TODAY}, 400, "回复期限应晚于今日"),
    ("reviewer", {"findings": " "}, 400, "请填写发现的问题"),
    ("reviewer", {"requirements": ""}, 400, "请填写整改要求"),
    ("reviewer", {"copies_to": "甲" * 201}, 400, "抄送不能超过 200 个字"),
])
def test_letter_refusals(w, actor, kw, status, message):
    c = ledger.case(w.town, steps=2)
    e = refused(_letter, w, c, actor=getattr(w, actor), **kw)
    assert e.status == status and message in e.message
    assert count(SupervisionLetter) == 0 and count(Notification) == 0


def test_the_body_replies_with_the_steps_it_recorded_and_the_issuer_is_told(w):
    c = ledger.case(w.town, steps=2, planned=date(2026, 9, 14))
    letter = _letter(w, c)
    ledger.record(w.town, c, ledger.FACTS[Track.planning_violation])  # the missing steps, with evidence
    new_steps = [s.id for s in c.steps if s.kind in (K.statement_heard, K.enforcement_decision)]
    reply = ops.reply_to_letter(w.town, letter, "已补正陈述申辩和强制执行决定程序。", new_steps,
                                [("回复函.pdf", ledger.PDF)])
    assert letter.answered_on == TODAY and [s.id for s in reply.steps] == new_steps
    assert [d.display_name for d in reply.documents] == ["回复函.pdf"]
    told = db.session.scalar(sa.select(Notification).where(Notification.kind == "supervision.reply"))
    assert told.user_id == w.reviewer.id
    e = refused(ops.reply_to_letter, w.town, letter, "补充", [new_steps[0]], [])
    assert e.problems == [("step_ids", "程序节点“听取陈述申辩并复核”已在此前的回复中报告")]
    other = ledger.case(w.town, steps=1)
    e = refused(ops.reply_to_letter, w.town, letter, "补充", [other.steps[0].id], [])
    assert e.problems == [("step_ids", "所报告的程序节点不属于该案件")]
    e = refused(ops.reply_to_letter, w.town, letter, "  ", [], [])
    assert e.problems == [("text", "请填写回复内容")]
    assert refused(ops.reply_to_letter, w.neighbour, letter, "回复", [], []).status == 404
    assert refused(ops.reply_to_letter, w.reviewer, letter, "回复", [], []).status == 403
    assert count(SupervisionReply) == 1


def test_overdue_letters_are_listed_until_answered(w, monkeypatch):
    c = ledger.case(w.town, steps=2)
    letter = _letter(w, c, due=date(2026, 9, 24))
    assert queries.letters(w.reviewer, date(2026, 9, 24), overdue=True) == []
    assert queries.letters(w.reviewer, date(2026, 9, 25), overdue=True) == [letter]
    assert queries.letters(w.town, date(2026, 9, 25), overdue=True) == [letter]
    assert queries.letters(w.neighbour, date(2026, 9, 25), overdue=True) == []
    assert ops.is_overdue(letter, date(2026, 9, 25))
    ledger.freeze(monkeypatch, date(2026, 9, 28))
    ops.reply_to_letter(w.town, letter, "已整改", [], [])
    assert queries.letters(w.reviewer, date(2026, 9, 28), overdue=True) == []
    assert queries.letters(w.reviewer, date(2026, 9, 28), outstanding=True) == []
