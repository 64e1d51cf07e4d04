"""Tampering by someone with write access to the database (NIST SP 800-53 AU-9; Crosby and Wallach): the MAC on
each event and on the head, under a key outside the database, and checkpoints of the head kept outside it,
make `flask audit verify` fail for each of the three attacks the hash chain alone cannot see. Through the CLI,
with its exit codes: 0 whole, 1 a problem, 2 no key to check with."""
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from review_app.audit import checkpoints
from review_app.audit.trail import GENESIS, AuditTampered, event_hash, record, verify
from review_app.extensions import db
from review_app.jobs import PERIODIC
from review_app.models import AuditEvent, AuditHead

OTHER_KEY = "another-key-" + "9" * 40


def _chain(app, n=6, start=0):
    with app.app_context():
        ids = []
        for i in range(start, start + n):
            ids.append(record(None, "test.event", "thing", i, before={"n": i}, after={"n": i + 1}).id)
            db.session.commit()
        return ids


def _verify(runner, *args):
    result = runner.invoke(args=["audit", "verify", *args])
    return result.exit_code, result.output


def _checkpoint(runner):
    result = runner.invoke(args=["audit", "checkpoint"])
    assert result.exit_code == 0, result.output
    return result.output


def _rewrite_and_recompute(app, victim_id, after, drop_macs=False):
    """The attack the hash chain alone misses: change one row, then recompute every later hash and the head.
    With `drop_macs`, every MAC is erased too and the head claims the whole chain predates the key."""
    with app.app_context():
        prev = GENESIS
        for e in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)):
            if e.id == victim_id:
                e.after = after
            e.prev_hash, e.hash = prev, event_hash(prev, e)
            prev = e.hash
            if drop_macs:
                e.mac = None
        head = db.session.get(AuditHead, 1)
        head.last_hash = prev
        if drop_macs:
            head.mac, head.legacy = None, head.count
        db.session.commit()


def _head(app) -> dict:
    with app.app_context():
        h = db.session.get(AuditHead, 1)
        return {"last_id": h.last_id, "last_hash": h.last_hash, "count": h.count, "legacy": h.legacy, "mac": h.mac}


def _delete_tail(app, from_id, head: dict | None = None):
    """Delete the newest rows from `from_id` on, then make the head agree: rewritten by hand (its MAC left as
    it was), or `head`, a copy of an earlier genuine head row the attacker kept."""
    with app.app_context():
        db.session.execute(sa.delete(AuditEvent).where(AuditEvent.id >= from_id))
        last = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).first()
        count = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
        values = head or {"last_id": last.id, "last_hash": last.hash, "count": count}
        db.session.execute(sa.update(AuditHead).where(AuditHead.id == 1).values(**values))
        db.session.commit()


def _checkpoints(app):
    with app.app_context():
        return checkpoints.read()[0], checkpoints.path()


def _delete_everything(app):
    with app.app_context():
        db.session.execute(sa.delete(AuditEvent))
        db.session.execute(sa.delete(AuditHead))
        db.session.commit()


# --- what is written ----------------------------------------------------------------------------------------

def test_every_event_and_the_head_carry_a_mac_and_verify_says_whole(app, runner):
    ids = _chain(app)
    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [e.id for e in rows] == ids
        assert all(len(e.mac) == 64 for e in rows) and len({e.mac for e in rows}) == len(rows)
        head = db.session.get(AuditHead, 1)
        assert head.mac is not None and head.legacy == 0
    code, output = _verify(runner)
    assert code == 0, output
    assert "操作日志哈希链完整：共 6 条记录，校验码全部相符，核对检查点 0 个" in output


def test_without_audit_key_setting_a_private_key_file_is_made_on_first_use(app, tmp_path, runner):
    key_file = tmp_path / "instance" / "audit.key"
    app.config.update(AUDIT_KEY=None, AUDIT_KEY_FILE=str(key_file))
    _chain(app, 2)
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    key = key_file.read_text()
    _chain(app, 2, start=2)
    assert key_file.read_text() == key  # made once, then read
    assert _verify(runner)[0] == 0


# --- attack 1: rewrite a row and recompute every later hash and the head -------------------------------------

def test_rewritten_row_with_every_later_hash_and_the_head_recomputed_is_caught_by_its_mac(app, runner):
    ids = _chain(app)
    assert _verify(runner)[0] == 0
    _rewrite_and_recompute(app, ids[2], {"n": 999})
    with app.app_context():
        assert db.session.get(AuditEvent, ids[2]).after == {"n": 999}  # the chain itself links up again
    code, output = _verify(runner)
    assert code == 1
    assert f"id={ids[2]}" in output and "校验码不符" in output


def test_rewrite_that_also_erases_every_mac_is_caught_by_the_checkpoint(app, runner):
    ids = _chain(app)
    _checkpoint(runner)
    _chain(app, 2, start=10)
    _rewrite_and_recompute(app, ids[1], {"n": -5}, drop_macs=True)
    code, output = _verify(runner)
    assert code == 1
    assert f"id={ids[5]}" in output and "检查点不符" in output  # the checkpointed head's hash changed


def test_erasing_the_macs_after_the_last_checkpoint_is_caught_by_its_legacy_count(app, runner):
    _chain(app, 3)
    _checkpoint(runner)
    ids = _chain(app, 3, start=3)
    _rewrite_and_recompute(app, ids[1], {"n": -5}, drop_macs=True)  # rows after the checkpoint only
    code, output = _verify(runner)
    assert code == 1
    assert "无校验码的早期记录数与" in output and "检查点记载 0 条，现有 6 条" in output


def test_an_erased_mac_after_signed_events_is_a_break(app, runner):
    ids = _chain(app)
    with app.app_context():
        db.session.execute(sa.update(AuditEvent).where(AuditEvent.id == ids[4]).values(mac=None))
        db.session.commit()
    code, output = _verify(runner)
    assert code == 1 and f"id={ids[4]}" in output and "缺少校验码" in output


# --- attack 2: delete the tail and fix the head ---------------------------------------------------------------

def test_deleted_tail_with_the_head_rewritten_is_caught_by_the_head_mac(app, runner):
    ids = _chain(app)
    _delete_tail(app, ids[3])
    code, output = _verify(runner)
    assert code == 1
    assert f"id={ids[2]}" in output and "链头登记的校验码不符" in output


def test_a_rewritten_head_is_not_signed_over_by_the_next_append(app):
    ids = _chain(app)
    _delete_tail(app, ids[3])
    with app.app_context(), pytest.raises(AuditTampered, match="链头"):
        record(None, "test.event", "thing", 99)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 3


def test_deleted_tail_with_an_earlier_genuine_head_restored_is_caught_by_the_checkpoint(app, runner):
    ids = _chain(app, 3)
    kept = _head(app)  # the attacker keeps a copy of the head row as it was
    ids += _chain(app, 3, start=3)
    _checkpoint(runner)
    _delete_tail(app, ids[3], head=kept)
    code, output = _verify(runner)
    assert code == 1
    assert "操作日志比" in output and "检查点时共 6 条，现在只有 3 条" in output


def test_after_a_hidden_truncation_the_next_checkpoint_is_refused(app, runner):
    ids = _chain(app, 3)
    kept = _head(app)
    ids += _chain(app, 3, start=3)
    _checkpoint(runner)
    _delete_tail(app, ids[3], head=kept)
    _chain(app, 4, start=20)  # the app goes on appending to the genuine, truncated chain
    result = runner.invoke(args=["audit", "checkpoint"])
    assert result.exit_code == 1
    assert "未写入检查点" in result.output and "上一个检查点" in result.output
    assert len(_checkpoints(app)[0]) == 1


# --- attack 3: delete everything ---------------------------------------------------------------------------

def test_deleting_everything_is_caught_by_the_checkpoint(app, runner):
    _chain(app, 5)
    _checkpoint(runner)
    _delete_everything(app)
    code, output = _verify(runner)
    assert code == 1
    assert "检查点时共 5 条，现在只有 0 条" in output


def test_deleting_everything_and_starting_again_is_caught_by_the_checkpoint(app, runner):
    _chain(app, 5)
    _checkpoint(runner)
    _delete_everything(app)
    _chain(app, 7, start=50)
    code, output = _verify(runner)
    assert code == 1 and "检查点" in output


# --- the key: missing, wrong -------------------------------------------------------------------------------

def test_missing_key_exits_2_and_makes_no_key(app, tmp_path, runner):
    _chain(app, 2)
    key_file = tmp_path / "nowhere" / "audit.key"
    app.config.update(AUDIT_KEY=None, AUDIT_KEY_FILE=str(key_file))
    code, output = _verify(runner)
    assert code == 2
    assert "无法校验操作日志" in output and "找不到操作日志密钥" in output and "AUDIT_KEY" in output
    assert not key_file.exists()  # verify never makes up a key: every MAC would look forged


def test_wrong_key_exits_1_at_the_first_signed_event(app, runner):
    ids = _chain(app, 3)
    _checkpoint(runner)
    app.config["AUDIT_KEY"] = OTHER_KEY
    code, output = _verify(runner)
    assert code == 1
    assert f"id={ids[0]}" in output and "密钥不是写入时的密钥" in output
    assert "检查点校验码不符" in output
    result = runner.invoke(args=["audit", "checkpoint"])
    assert result.exit_code == 1 and "未写入检查点" in result.output


def test_empty_key_file_is_a_missing_key(app, tmp_path, runner):
    _chain(app, 1)
    (tmp_path / "empty.key").write_text("\n")
    app.config.update(AUDIT_KEY=None, AUDIT_KEY_FILE=str(tmp_path / "empty.key"))
    code, output = _verify(runner)
    assert code == 2 and "密钥文件为空" in output


# --- legacy events (written before the MAC existed) ---------------------------------------------------------

def _as_before_the_key(app):
    """The state migration 0011 leaves: every event without a MAC, the head counting them all as legacy."""
    with app.app_context():
        db.session.execute(sa.update(AuditEvent).values(mac=None))
        db.session.execute(sa.update(AuditHead).values(mac=None, legacy=AuditHead.count))
        db.session.commit()


def test_legacy_events_are_reported_not_broken_and_need_no_key(app, tmp_path, runner):
    _chain(app, 4)
    _as_before_the_key(app)
    app.config.update(AUDIT_KEY=None, AUDIT_KEY_FILE=str(tmp_path / "none.key"))
    code, output = _verify(runner)
    assert code == 0, output
    assert "其中最早的 4 条写于启用校验码之前" in output


def test_new_events_after_legacy_ones_are_signed_and_the_whole_verifies(app, runner):
    _chain(app, 4)
    _as_before_the_key(app)
    _checkpoint(runner)
    ids = _chain(app, 3, start=4)
    code, output = _verify(runner)
    assert code == 0, output
    assert "共 7 条记录" in output and "其中最早的 4 条" in output and "核对检查点 1 个" in output
    with app.app_context():
        db.session.execute(sa.update(AuditEvent).where(AuditEvent.id == ids[1]).values(mac=None))
        db.session.commit()
    code, output = _verify(runner)
    assert code == 1 and f"id={ids[1]}" in output and "缺少校验码" in output


# --- checkpoints ---------------------------------------------------------------------------------------------

def test_checkpoint_is_appended_to_a_private_file_and_printed_for_a_report(app, runner):
    ids = _chain(app, 3)
    output = _checkpoint(runner)
    line = output.strip().splitlines()[-1]
    assert line.startswith("AUDIT-CHECKPOINT v1 ") and f"id={ids[-1]} count=3 legacy=0" in line
    assert "抄入当日工作摘要或年度报告" in output
    path = _checkpoints(app)[1]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    _chain(app, 2, start=3)
    _checkpoint(runner)
    with open(path) as f:
        lines = f.read().splitlines()
    assert len(lines) == 2 and lines[0] == line and "count=5" in lines[1]
    code, output = _verify(runner)
    assert code == 0 and "核对检查点 2 个" in output


def test_checkpoints_copied_into_a_report_are_checked_too(app, runner, tmp_path):
    _chain(app, 3)
    line = _checkpoint(runner).strip().splitlines()[-1]
    os.remove(_checkpoints(app)[1])  # the file is gone; the annual report kept the line
    report = tmp_path / "年度报告.txt"
    report.write_text(f"二〇二六年度操作日志情况：\n  {line}  \n以上。\n", encoding="utf-8")
    code, output = _verify(runner, "--checkpoints", str(report))
    assert code == 0 and "核对检查点 1 个" in output
    _delete_everything(app)
    code, output = _verify(runner, "--checkpoints", str(report))
    assert code == 1 and "现在只有 0 条" in output


def test_a_forged_or_damaged_checkpoint_line_is_reported(app, runner, tmp_path):
    _chain(app, 3)
    line = _checkpoint(runner).strip().splitlines()[-1]
    forged = tmp_path / "forged.txt"
    forged.write_text(line.replace("count=3", "count=2") + "\n" + line[:60] + "\n", encoding="utf-8")
    code, output = _verify(runner, "--checkpoints", str(forged))
    assert code == 1
    assert "检查点校验码不符" in output and "无法识别的检查点行" in output and "第 2 行" in output


def test_checkpoint_of_an_empty_trail_and_then_growth_verifies(app, runner):
    _checkpoint(runner)
    _chain(app, 2)
    code, output = _verify(runner)
    assert code == 0 and "核对检查点 1 个" in output


def test_the_periodic_job_writes_a_checkpoint(app):
    from review_app import cron_config  # noqa: F401  (what `rq cron` loads registers the job)
    func, every = PERIODIC["audit_checkpoint"]
    assert every == 3600 and func.spec.queue == "default"
    _chain(app, 2)
    with app.app_context():
        line = func()
    found = _checkpoints(app)[0]
    assert [cp.line() for cp in found] == [line] and found[0].count == 2


def test_the_periodic_job_runs_on_a_real_worker_with_the_key_from_its_environment(app, redis_url):
    from review_app.audit.jobs import checkpoint_audit_head
    from review_app.jobs import enqueue, tick
    _chain(app, 3)
    app.config["REDIS_URL"] = redis_url
    with app.app_context():
        assert tick("audit_checkpoint") is True  # what `rq cron` calls: the job under its periodic id
        assert enqueue(app, checkpoint_audit_head, job_id="periodic-audit_checkpoint") is False  # still queued
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": redis_url,
           "SECRET_KEY": "test", "AUDIT_KEY": app.config["AUDIT_KEY"],
           "AUDIT_CHECKPOINT_DIR": app.config["AUDIT_CHECKPOINT_DIR"]}
    done = subprocess.run([str(Path(sys.executable).parent / "rq"), "worker", "--burst", "--url", redis_url,
                           "default"], env=env, cwd=Path(__file__).parents[2], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    found = _checkpoints(app)[0]
    assert len(found) == 1 and found[0].count == 3
    with app.app_context():
        assert verify() is None
