"""The audit page's filters, each a condition an index serves at a million events.

- An action is matched exactly, or as a group by its prefix ("matter."), as a range `prefix <= action < next`
  compared character by character: on PostgreSQL with the ~>=~ / ~<~ operators of the text_pattern_ops index
  (ix_audit_events_action_id), whatever the database's collation (LIKE 'prefix%' needs a C collation or a
  constant pattern to use an index, and a prepared statement gives neither); SQLite compares bytes anyway.
  Named sets ("logins") are a list of exact actions.
- The actor is chosen by id from the people of the reader's district (ix_audit_events_actor_id_id), not
  found by a substring of names, which no index serves.
Both indexes end in `id`, so one action or one actor reads its newest rows in the page's order and stops.
"""
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import rules
from ..extensions import db
from ..models import AuditEvent, Organisation, User
from ..web import row_id
from .describe import ACTION_SETS
from .policy import not_others_drafting

SYSTEM = "system"  # the actor of scheduled jobs and commands (actor_id NULL)
_ACTION = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]*)*$")


class FilterError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""        # an action, a "prefix." or a named set
    actor: str = ""         # SYSTEM or a user id
    object_type: str = ""
    object_id: str = ""
    start: date | None = None
    end: date | None = None
    before: int | None = None


def _day(text: str):
    try:
        return datetime.strptime(text, "%Y-%m-%d").date() if text else None
    except ValueError:
        raise FilterError(_("日期格式不正确，应为 2026-11-25 的形式")) from None


def parse(args, reader: User) -> AuditFilter:
    """The filter the query string asks for; FilterError with the reason when it cannot be applied."""
    text = {k: (args.get(k) or "").strip() for k in ("action", "actor", "object_type", "object_id", "from", "to")}
    action = text["action"]
    if action and (len(action) > 64 or not (action in ACTION_SETS or _ACTION.match(action))):
        raise FilterError(_("请从列表中选择操作"))
    actor = text["actor"]
    if actor and actor != SYSTEM and _district_user(actor, reader) is None:
        raise FilterError(_("请从列表中选择操作人"))
    start, end = _day(text["from"]), _day(text["to"])
    if start and end and start > end:
        raise FilterError(_("起始日期（%(start)s）晚于结束日期（%(end)s），请调换或修改",
                            start=start.isoformat(), end=end.isoformat()))
    return AuditFilter(action, actor, text["object_type"][:40], text["object_id"][:40], start, end,
                       args.get("before", type=row_id))


def _district_user(text: str, reader: User) -> int | None:
    try:
        user_id = row_id(text)
    except ValueError:
        return None
    return db.session.scalar(sa.select(User.id).join(Organisation).where(
        User.id == user_id, Organisation.district_id == reader.district_id))


def actors(reader: User) -> list[tuple[int, str]]:
    """The people of the reader's district, former ones included (their events stay), by name."""
    rows = db.session.execute(
        sa.select(User.id, User.display_name, User.username, Organisation.short_name).join(Organisation)
        .where(Organisation.district_id == reader.district_id).order_by(User.display_name, User.id)).all()
    shape = _("%(name)s（%(org)s，%(username)s）")  # translated once, filled in for each of a district's people
    return [(uid, shape % {"name": name, "org": org, "username": username}) for uid, name, username, org in rows]


def _action_condition(action: str):
    if action in ACTION_SETS:
        return AuditEvent.action.in_(ACTION_SETS[action])
    if not action.endswith("."):
        return AuditEvent.action == action
    upper = action[:-1] + chr(ord(action[-1]) + 1)  # "matter." .. "matter/"
    if db.session.get_bind().dialect.name == "postgresql":
        return sa.and_(AuditEvent.action.op("~>=~", is_comparison=True)(action),
                       AuditEvent.action.op("~<~", is_comparison=True)(upper))
    return sa.and_(AuditEvent.action >= action, AuditEvent.action < upper)


def query(reader: User, f: AuditFilter, limit: int):
    """The reader's events matching `f`, newest first, at most `limit`, older than `f.before` (keyset).

    The reader's trail has two shares, the district's events and those that carry no district; each is read
    newest first on its own (ix_audit_events_district_id_id, or a filter's index) and the page is the newest
    `limit` of both. As one condition (district = X OR no district) the shares would make PostgreSQL walk the
    whole province's trail in id order, a hundred districts' events for each one of the reader's."""
    conditions = []
    if f.action:
        conditions.append(_action_condition(f.action))
    if f.actor == SYSTEM:
        conditions.append(AuditEvent.actor_id.is_(None))
    elif f.actor:
        conditions.append(AuditEvent.actor_id == int(f.actor))
    if f.object_type:
        conditions.append(AuditEvent.object_type == f.object_type)
    if f.object_id:
        conditions.append(AuditEvent.object_id == f.object_id)
    if f.start:
        conditions.append(AuditEvent.at >= rules.day_start(f.start))
    if f.end:
        conditions.append(AuditEvent.at < rules.day_start(f.end + timedelta(days=1)))
    if f.before:
        conditions.append(AuditEvent.id < f.before)
    # The two shares are `visible`'s district part, one each; the rest of it applies to both.
    shares = [sa.select(AuditEvent.id).where(share, not_others_drafting(reader), *conditions)
              .order_by(AuditEvent.id.desc()).limit(limit).subquery()
              for share in (AuditEvent.district_id == reader.district_id, AuditEvent.district_id.is_(None))]
    newest = sa.union_all(*(sa.select(s.c.id) for s in shares))
    return sa.select(AuditEvent).where(AuditEvent.id.in_(newest)).order_by(AuditEvent.id.desc()).limit(limit)
