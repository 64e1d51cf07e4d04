"""Writing and checking the hash-chained, MAC'd audit trail.

Each event's hash covers its content and the previous event's hash, so altering or removing any row
breaks the chain from that point on; the head row catches removal of the newest rows. Someone who can write
to the database could still rewrite a row and recompute every later hash and the head, so each event and the
head also carry an HMAC under a key kept outside the database (audit.keys), and checkpoints of the head are
kept outside it too (audit.checkpoints): `verify` checks the chain, every MAC and every checkpoint.
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum

import sqlalchemy as sa
from flask import has_request_context, request

from ..extensions import db
from ..models import AuditEvent, AuditHead
from ..models.base import insert_if_missing, utcnow
from . import checkpoints
from .checkpoints import Checkpoint
from .keys import audit_key, mac, same

GENESIS = "0" * 64


def jsonable(value):
    """Plain JSON values only, so what is hashed now is exactly what the database gives back later."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _utc_text(at: datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def event_hash(prev_hash: str, e: AuditEvent) -> str:
    body = {
        "prev": prev_hash, "at": _utc_text(e.at), "actor_id": e.actor_id, "actor_name": e.actor_name,
        "ip": e.ip, "action": e.action, "object_type": e.object_type, "object_id": e.object_id,
        "before": e.before, "after": e.after,
    }
    if e.district_id is not None:  # events written before districts existed were hashed without one
        body["district_id"] = e.district_id
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


SYSTEM_NAME = "系统"  # the actor of scheduled jobs and commands run without a user


class AuditTampered(RuntimeError):
    """The head does not carry its MAC: appending would sign whatever someone wrote into it."""


def event_mac(key: bytes, event_hash_text: str) -> str:
    # The hash covers the event and its predecessor's hash, so this MAC vouches for the whole chain before it.
    return mac(key, "event", event_hash_text)


def head_mac(key: bytes, head: AuditHead) -> str:
    return mac(key, "head", head.last_id, head.last_hash, head.count, head.legacy)


def _head_signed(key: bytes, head: AuditHead) -> bool:
    """The head as the app last wrote it; a head with no MAC is one no event has moved since the key came."""
    if head.mac is None:
        return head.count == head.legacy
    return same(head_mac(key, head), head.mac)


def _locked_head() -> AuditHead | None:
    return db.session.execute(
        sa.select(AuditHead).where(AuditHead.id == 1).with_for_update().execution_options(populate_existing=True)
    ).scalar()


def record(actor, action: str, object_type: str, object_id=None, before=None, after=None,
           district_id: int | None = None) -> AuditEvent:
    """Append one event in the caller's transaction; the head row lock serialises concurrent appends.

    `actor` is the user who made the change, or None for the system (a scheduled job); the event belongs to
    the actor's district unless `district_id` names another (a job's, or a new district's)."""
    key = audit_key(create=True)
    head = _locked_head()
    if head is None:
        # The very first append: several transactions may find no head at once. Each inserts it with
        # ON CONFLICT DO NOTHING (a loser waits for the winner's commit), then all lock the one row.
        insert_if_missing(db.session, AuditHead, "id", id=1, last_id=0, last_hash=GENESIS, count=0, legacy=0)
        head = _locked_head()
    if not _head_signed(key, head):
        # Appending would put a valid MAC on a head someone rewrote (say, to hide removed last rows).
        raise AuditTampered("操作日志链头的校验码不符，已停止写入；请管理员运行 flask audit verify")
    if district_id is None and actor is not None:
        district_id = actor.district_id
    event = AuditEvent(
        at=utcnow(), actor_id=actor.id if actor is not None else None,
        actor_name=actor.display_name if actor is not None else SYSTEM_NAME, district_id=district_id,
        ip=request.remote_addr if has_request_context() else None, action=action,
        object_type=object_type, object_id=None if object_id is None else str(object_id),
        before=jsonable(before), after=jsonable(after), prev_hash=head.last_hash,
    )
    event.hash = event_hash(head.last_hash, event)
    event.mac = event_mac(key, event.hash)
    db.session.add(event)
    db.session.flush()
    head.last_id, head.last_hash, head.count = event.id, event.hash, head.count + 1
    head.mac = head_mac(key, head)
    db.session.flush()
    return event


@dataclass(frozen=True)
class Break:
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class Report:
    count: int        # events in the chain
    legacy: int       # of which written before the MAC key existed (they come first)
    checkpoints: int  # checkpoints checked
    problems: tuple[Break, ...]


class _Key:
    """The key, read only when something MAC'd needs it: a legacy chain verifies without one."""

    def __init__(self):
        self._key = None

    def __call__(self) -> bytes:
        if self._key is None:
            self._key = audit_key(create=False)
        return self._key


def _walk(key: _Key, at_id: dict[int, list[Checkpoint]], batch: int):
    """Walk the chain in order. Returns (count, legacy, last hash, the first break or None, the checkpoints
    whose head was met with the same hash and count)."""
    prev, count, legacy, last_id, signed, met = GENESIS, 0, 0, 0, False, set()
    while True:
        rows = db.session.execute(
            sa.select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).scalars().all()
        if not rows:
            break
        for e in rows:
            if e.prev_hash != prev:
                return count, legacy, prev, Break(e.id, "前一条记录缺失或被改动（链接不符）"), met
            if event_hash(prev, e) != e.hash:
                return count, legacy, prev, Break(e.id, "本条记录内容被改动（哈希不符）"), met
            if e.mac is None and signed:
                return count, legacy, prev, Break(e.id, "本条记录缺少校验码（其前已有带校验码的记录：校验码被抹去）"), met
            if e.mac is not None and not same(event_mac(key(), e.hash), e.mac):
                return count, legacy, prev, Break(
                    e.id, "本条记录的校验码不符（记录被改写后重算了哈希，或所用密钥不是写入时的密钥）"), met
            signed = signed or e.mac is not None
            legacy += e.mac is None
            prev, count, last_id = e.hash, count + 1, e.id
            for cp in at_id.get(e.id, ()):
                if cp.last_hash != e.hash or cp.count != count:
                    return count, legacy, prev, Break(
                        e.id, f"与 {cp.at} 的检查点不符（检查点记载第 {cp.count} 条、哈希 {cp.last_hash[:12]}…）"), met
                met.add(cp)
        db.session.expunge_all()
    return count, legacy, prev, None, met


def _head_problem(key: _Key, count: int, legacy: int, last_hash: str) -> Break | None:
    head = db.session.get(AuditHead, 1)
    if head is None:
        return Break(None, "链头登记缺失（操作日志的链头行被删除）") if count else None
    if head.last_hash != last_hash or head.count != count:
        return Break(head.last_id, "链尾记录被删除（与链头登记不符）")
    if head.legacy != legacy:
        return Break(head.last_id, f"无校验码的早期记录数与链头登记不符（登记 {head.legacy} 条，实有 {legacy} 条）")
    if head.mac is None and count != legacy:
        return Break(head.last_id, "链头登记缺少校验码（链头被改写）")
    if head.mac is not None and not same(head_mac(key(), head), head.mac):
        return Break(head.last_id, "链头登记的校验码不符（链头被改写，或所用密钥不是写入时的密钥）")
    return None


def _checkpoint_problems(key: _Key, found: list[Checkpoint], met: set, count: int, legacy: int,
                         walked: bool) -> list[Break]:
    problems = []
    for cp in found:
        if not cp.authentic(key()):
            problems.append(Break(None, f"{cp.at} 的检查点校验码不符（检查点被改动，或所用密钥不是写入时的密钥）"))
        elif not walked:
            continue  # the chain is already broken before this checkpoint could be met
        elif cp.count and cp not in met and count < cp.count:
            problems.append(Break(cp.last_id, f"操作日志比 {cp.at} 的检查点短：检查点时共 {cp.count} 条，"
                                              f"现在只有 {count} 条（记录被删除）"))
        elif cp.count and cp not in met:
            problems.append(Break(cp.last_id, f"{cp.at} 的检查点记载的链尾（id={cp.last_id}，第 {cp.count} 条）"
                                              "已不在链中（记录被删除或改写）"))
        elif cp.legacy != legacy:
            problems.append(Break(None, f"无校验码的早期记录数与 {cp.at} 的检查点不符（检查点记载 {cp.legacy} 条，"
                                        f"现有 {legacy} 条：校验码被抹去或记录被删除）"))
    return problems


def check(extra_checkpoints: tuple[str, ...] = (), batch: int = 5000) -> Report:
    """Verify the chain, every event's and the head's MAC, and every checkpoint (the file's, and those in the
    files named). Raises AuditKeyMissing when something MAC'd needs a key there is none of."""
    found, unreadable = checkpoints.read(extra_checkpoints)
    problems = [Break(None, f"无法识别的检查点行（{u.source} 第 {u.number} 行）：{u.text}") for u in unreadable]
    at_id: dict[int, list[Checkpoint]] = {}
    for cp in found:
        at_id.setdefault(cp.last_id, []).append(cp)
    key = _Key()
    count, legacy, last_hash, broken, met = _walk(key, at_id, batch)
    if broken is None:
        broken = _head_problem(key, count, legacy, last_hash)
    chain_problems = [broken] if broken is not None else []
    problems = chain_problems + _checkpoint_problems(key, found, met, count, legacy, broken is None) + problems
    return Report(count, legacy, len(found), tuple(problems))


def verify(batch: int = 5000) -> Break | None:
    """The first problem `check` finds, or None when the chain, its MACs and its checkpoints are whole."""
    problems = check(batch=batch).problems
    return problems[0] if problems else None


class CheckpointRefused(RuntimeError):
    pass


def take_checkpoint(at: datetime | None = None) -> Checkpoint:
    """Append a checkpoint of the head as it stands to the checkpoint file and return it. Refused (with the
    reason) when the head or its last event does not carry its MAC, or the last checkpoint's head is no longer
    in the chain: a checkpoint vouches only for a chain that still extends the previous one."""
    key = audit_key(create=True)
    head = db.session.get(AuditHead, 1)
    if head is None:
        last_id, count, legacy, last_hash = 0, 0, 0, GENESIS
    else:
        last = db.session.get(AuditEvent, head.last_id)
        if not _head_signed(key, head) or (head.count and (last is None or last.hash != head.last_hash)):
            raise CheckpointRefused("链头登记与其校验码或末条记录不符，未写入检查点；请运行 flask audit verify")
        if last is not None and last.mac is not None and not same(event_mac(key, last.hash), last.mac):
            raise CheckpointRefused("末条记录的校验码不符，未写入检查点；请运行 flask audit verify")
        last_id, count, legacy, last_hash = head.last_id, head.count, head.legacy, head.last_hash
    previous = checkpoints.last()
    if previous is not None:
        still = db.session.get(AuditEvent, previous.last_id) if previous.count else None
        if not previous.authentic(key) or count < previous.count or (
                previous.count and (still is None or still.hash != previous.last_hash)):
            raise CheckpointRefused(f"上一个检查点（{previous.at}）记载的链尾已不在链中，未写入检查点；"
                                    "请运行 flask audit verify")
    checkpoint = Checkpoint.signed(key, last_id, count, legacy, last_hash, at)
    checkpoints.append(checkpoint)
    return checkpoint
