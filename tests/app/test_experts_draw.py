"""The draw as the app makes it: advisers drawn for a matter at the bureau (the pipeline's request_advisers),
conflicts from the stored registers, the record kept field by field and replayed by
`flask experts replay-draw` and by the standalone verifier, tampering found, invitations passed down the
alternates."""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from experts.load import AssignmentState
from experts.verify_draw import PartyRole, RelationKind
from review_app.experts_admin import operations as roster
from review_app.experts_pool import operations as ops
from review_app.extensions import db
from review_app.models import AuditEvent, Assignment, ChangeKind, DrawRecord
from review_app.operations import OperationError
from tests import pool
from workflows.review import Status

VERIFIER = Path(__file__).resolve().parents[2] / "experts" / "verify_draw.py"
SEED = bytes(range(32))


@pytest.fixture
def w(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    pool.freeze(monkeypatch)
    with app.test_request_context():
        yield pool.build(lawyers=6)


@pytest.fixture
def matter(w):
    m = pool.matter_at_bureau(w)
    ops.set_matter_parties(w.reviewer, m, [("贵州青山农业发展有限公司", PartyRole.counterparty),
                                           ("青山镇村民委员会", PartyRole.affected)])
    return m


def invited(row) -> list[int]:
    return db.session.scalars(sa.select(Assignment.expert_id).where(
        Assignment.draw_id == row.id, Assignment.state == AssignmentState.invited)
        .order_by(Assignment.id)).all()


def test_drawing_advisers_at_the_bureau_invites_the_picks_and_starts_consulting(w, matter):
    row = ops.draw_advisers(w.reviewer, matter, 2, seed=SEED)
    assert matter.status is Status.consulting
    assert len(row.picks) == 2 and len(row.alternates) >= 2 and row.shortfall is None
    assert invited(row) == row.picks
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "draw.random"))
    assert event.after["snapshot_hash"] == row.snapshot_hash and event.after["seed_hash"] == row.seed_hash
    assert ops.replay_row(row).matches


def test_a_related_party_written_differently_excludes_the_member_and_its_firms_lawyers(w, matter):
    # The firm represented the counterparty (a client engagement) until the day three years before the draw.
    roster.add_related_party(w.reviewer, w.firm, RelationKind.client, "贵州青山农业发展 有限责任公司",
                             date(2020, 1, 1), date(2023, 11, 25))
    # A lawyer's opponent in litigation, full-width and spaced, ended one day too early to count.
    roster.add_related_party(w.reviewer, w.lawyers[3], RelationKind.opponent, "ＡＢＣ科技 有限公司", None,
                             date(2023, 11, 24))
    ops.set_matter_parties(w.reviewer, matter, [("贵州青山农业发展有限公司", PartyRole.counterparty),
                                                ("abc科技有限责任公司", PartyRole.affected)])
    row = ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    reasons = {(e["member_id"], e["reason"]) for e in row.exclusions}
    assert reasons == {(w.firm.id, "related_party"), (w.lawyers[0].id, "firm_conflict"),
                       (w.lawyers[1].id, "firm_conflict")}
    firm_row = next(e for e in row.exclusions if e["member_id"] == w.firm.id)
    assert firm_row["related_party_id"] == w.firm.related_parties[0].id and firm_row["matter_party_id"]
    assert not {w.firm.id, w.lawyers[0].id, w.lawyers[1].id} & set(row.picks + row.alternates)
    assert w.lawyers[3].id in {r["member_id"] for r in row.ranking}


def test_a_member_that_drafted_the_matter_is_excluded(w, matter):
    ops.set_matter_parties(w.reviewer, matter, [], drafter_ids=[w.lawyers[4].id])
    row = ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    assert [e["reason"] for e in row.exclusions if e["member_id"] == w.lawyers[4].id] == ["drafted_matter"]
    assert w.lawyers[4].id not in row.picks + row.alternates


def test_too_small_a_pool_keeps_the_record_and_invites_nobody(w, matter):
    for e in [w.firm, *w.lawyers[:5]]:
        roster.change_status(w.reviewer, e, e.version, ChangeKind.suspended, "暂停")
    row = ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    assert row.shortfall == "alternates" and row.picks == [] and invited(row) == []
    assert matter.status is Status.bureau_review
    assert "请指定并书面说明理由" in ops.shortfall_message(row)


def test_designation_needs_a_reason_and_refuses_a_conflicted_member(w, matter):
    before = pool.count(DrawRecord)
    with pytest.raises(OperationError) as e:
        ops.designate(w.reviewer, matter, [w.lawyers[2].id], "  ")
    assert e.value.message == "指定法律顾问必须书面说明理由"
    roster.add_related_party(w.reviewer, w.lawyers[2], RelationKind.family, "青山镇村民委员会", None, None)
    with pytest.raises(OperationError) as e:
        ops.designate(w.reviewer, matter, [w.lawyers[2].id], "熟悉农贸市场项目")
    assert "所指定的法律顾问不符合条件" in e.value.message and "青山镇村民委员会" in e.value.message
    assert pool.count(DrawRecord) == before
    row = ops.designate(w.reviewer, matter, [w.lawyers[3].id], "熟悉农贸市场项目")
    assert row.kind.value == "designation" and row.seed is None and invited(row) == [w.lawyers[3].id]
    assert ops.replay_row(row).matches


def test_a_redraw_is_a_new_record_and_withdraws_unanswered_invitations(w, matter):
    first = ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    with pytest.raises(OperationError) as e:
        ops.redraw(w.reviewer, matter, first, "")
    assert e.value.message == "重新抽取必须书面说明理由"
    second = ops.redraw(w.reviewer, matter, first, "首次抽取时当事人登记不全")
    assert second.id != first.id and second.previous_id == first.id
    assert second.snapshot["request"]["previous_record_id"] == first.record_no
    assert invited(first) == [] and len(invited(second)) == 1
    assert ops.replay_row(first).matches and ops.replay_row(second).matches


def test_decline_conflict_and_lapse_each_invite_the_next_alternate(w, matter, monkeypatch):
    row = ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    order = row.picks + row.alternates
    first = db.session.scalar(sa.select(Assignment).where(Assignment.draw_id == row.id))
    with pytest.raises(OperationError) as e:
        ops.refuse(w.adviser(first.expert), first, first.version, "", conflict=True)
    assert e.value.message == "请写明回避事由"
    second = ops.refuse(w.adviser(first.expert), first, first.version, "曾代理相对方", conflict=True)
    assert first.state is AssignmentState.conflict_declared and second.expert_id == order[1]
    third = ops.refuse(w.adviser(second.expert), second, second.version, "近期出差", conflict=False)
    assert second.state is AssignmentState.declined and third.expert_id == order[2]
    assert third.accept_due == date(2026, 11, 27)  # two working days after Wednesday 25 November
    pool.freeze(monkeypatch, date(2026, 11, 27))
    assert ops.lapse_overdue() == 0
    pool.freeze(monkeypatch, date(2026, 11, 30))
    assert ops.lapse_overdue() == 1 and third.state is AssignmentState.lapsed
    assert invited(row) == [order[3]]
    assert ops.lapse_overdue() == 0  # a second run finds nothing more


def test_an_adviser_cannot_accept_without_declaring_no_conflict(w, matter):
    row = ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    a = db.session.scalar(sa.select(Assignment).where(Assignment.draw_id == row.id))
    with pytest.raises(OperationError) as e:
        ops.accept(w.adviser(a.expert), a, a.version, no_conflict=False)
    assert "须声明与本事项无利害关系" in e.value.message and a.state is AssignmentState.invited
    other = next(e for e in w.lawyers if e.id != a.expert_id)
    with pytest.raises(OperationError) as e:
        ops.accept(w.adviser(other), a, a.version, no_conflict=True)
    assert e.value.status == 404
    ops.accept(w.adviser(a.expert), a, a.version, no_conflict=True)
    assert a.state is AssignmentState.accepted and a.no_conflict_declared_at and a.opinion_due


# --- tampering --------------------------------------------------------------------------------------------

def _tamper_pick(row):
    row.picks = [row.alternates[0]]


def _tamper_exclusion(row):
    row.exclusions = [dict(e, reason="suspended") for e in row.exclusions]


def _tamper_snapshot(row):
    snapshot = json.loads(json.dumps(row.snapshot))
    snapshot["members"][0]["open_load"] += 1
    row.snapshot = snapshot


def _tamper_seed(row):
    row.seed = "ff" + row.seed[2:]


@pytest.mark.parametrize("tamper", [_tamper_pick, _tamper_exclusion, _tamper_snapshot, _tamper_seed])
def test_changing_a_stored_field_is_a_mismatch_for_replay_the_command_and_the_verifier(
        w, matter, app, tmp_path, tamper):
    roster.add_related_party(w.reviewer, w.lawyers[5], RelationKind.client, "青山镇村民委员会", None, None)
    row = ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    assert row.exclusions
    exported = tmp_path / "record.json"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["experts", "replay-draw", str(row.id), "--export", str(exported)])
    assert result.exit_code == 0 and "一致" in result.output
    assert _verify(exported).returncode == 0
    tamper(row)
    db.session.flush()
    assert not ops.replay_row(row).matches
    result = runner.invoke(args=["experts", "replay-draw", str(row.id), "--export", str(exported)])
    assert result.exit_code == 1 and "不一致" in result.output
    verdict = _verify(exported)
    assert verdict.returncode == 1 and "不一致" in verdict.stdout


def test_a_forger_who_recomputes_the_hashes_is_caught_by_the_audit_trail(w, matter):
    from experts.verify_draw import canonical_json, sha256_hex
    row = ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    snapshot = json.loads(json.dumps(row.snapshot))
    snapshot["request"]["requested_by"] = "someone-else"
    row.snapshot, row.snapshot_hash = snapshot, sha256_hex(canonical_json(snapshot))
    db.session.flush()
    result = ops.replay_row(row)
    assert not result.matches and any("操作日志" in d for d in result.differences)


def _verify(path: Path):
    """The verifier run alone, by the system's Python, from a directory outside the project."""
    return subprocess.run([sys.executable, "-I", str(VERIFIER), str(path)], capture_output=True, text=True,
                          cwd=path.parent, timeout=60)
