"""Writing and checking the hash-chained audit trail.

Each event's hash covers its content and the previous event's hash, so altering or removing any row
breaks the chain from that point on; the head row catches removal of the newest rows.
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

def _locked_head() -> AuditHead | None:
    return db.session.execute(
        sa.select(AuditHead).where(AuditHead.id == 1).with_for_update().execution_options(populate_existing=True)
    ).scalar()


def record(actor, action: str, object_type: str, object_id=None, before=None, after=None,
           district_id: int | None = None) -> AuditEvent:
    """Append one event in the caller's transaction; the head row lock serialises concurrent appends.

    `actor` is the user who made the change, or None for the system (a scheduled job); the event belongs to
    the actor's district unless `district_id` names another (a job's, or a new district's)."""
    head = _locked_head()
    if head is None:
        # The very first append: several transactions may find no head at once. Each inserts it with
        # ON CONFLICT DO NOTHING (a loser waits for the winner's commit), then all lock the one row.
        insert_if_missing(db.session, AuditHead, "id", id=1, last_id=0, last_hash=GENESIS, count=0)
        head = _locked_head()
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
    db.session.add(event)
    db.session.flush()
    head.last_id, head.last_hash, head.count = event.id, event.hash, head.count + 1
    db.session.flush()
    return event


@dataclass(frozen=True)
class Break:
    event_id: int | None
    reason: str


def verify(batch: int = 5000) -> Break | None:
    """Walk the chain in order; return the first broken link, or None when the chain is whole."""
    prev, count, last_id = GENESIS, 0, 0
    while True:
        rows = db.session.execute(
            sa.select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).scalars().all()
        if not rows:
            break
        for e in rows:
            if e.prev_hash != prev:
                return Break(e.id, "前一条记录缺失或被改动（链接不符）")
            if event_hash(prev, e) != e.hash:
                return Break(e.id, "本条记录内容被改动（哈希不符）")
            prev, count, last_id = e.hash, count + 1, e.id
        db.session.expunge_all()
    head = db.session.get(AuditHead, 1)
    if head is not None and (head.last_hash != prev or head.count != count):
        return Break(head.last_id, "链尾记录被删除（与链头登记不符）")
    return None
