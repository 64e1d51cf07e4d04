"""Writing notifications into the outbox, as part of the change that causes them.

`notify` is the one way to tell somebody something: a kind, the record it is about (subject type and id), a
link to where they act, and a deduplication key unique in the database, so a reminder computed twice is
stored once. Deliveries on each channel are enqueued only after the commit (review_app.jobs.after_commit).
"""
import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext

from workflows.review import ACTION_LABELS, Action
from workflows.text import N_

from .. import labels
from ..audit.trail import record
from ..extensions import db
from ..jobs import after_commit
from ..matters.policy import holders
from ..models import Channel, Delivery, DeliveryStatus, Matter, Notification, User
from ..models.base import insert_if_missing, insert_missing, utcnow
from ..web import path_for
from .jobs import deliver, job_id


def notify(user: User, kind: str, subject_type: str, subject_id: int | None, link: str, dedup_key: str,
           title: str, body: str = "", channels=(Channel.email,)) -> Notification | None:
    """Store one notification (and its deliveries) unless one with `dedup_key` exists; returns the new row, or
    None when it was a duplicate. It always shows in the app; of `channels`, it leaves by those the user has
    not switched off on their profile (SMS also needs a mobile number)."""
    key = dedup_key[:160]
    if not insert_if_missing(db.session, Notification, "dedup_key", dedup_key=key, user_id=user.id, kind=kind,
                             subject_type=subject_type, subject_id=subject_id, link=link[:255],
                             title=title[:200], body=body, created_at=utcnow()):
        return None
    n = db.session.scalar(sa.select(Notification).where(Notification.dedup_key == key))
    for channel in channels:
        if not wanted(user, channel):
            continue
        d = Delivery(notification=n, channel=channel)
        db.session.add(d)
        db.session.flush()
        after_commit(deliver, d.id, job_id=job_id(d.id, 0))
    return n


@dataclass(frozen=True)
class Message:
    """One notification of a sweep (`notify_many`): `notify`'s arguments."""
    user: User
    kind: str
    subject_type: str
    subject_id: int | None
    link: str
    dedup_key: str
    title: str
    body: str = ""
    channels: tuple = (Channel.email,)


CHUNK = 10_000  # notifications written per statement


def notify_many(messages: list[Message]) -> int:
    """`notify` for a sweep over many subjects (the reminders): many notifications and their deliveries per
    statement, those already stored skipped; returns how many were stored. One delivery job is enqueued
    per OUTBOX_BATCH deliveries (a job claims and sends a batch of waiting deliveries, oldest first; what no
    job takes, the outbox sweep enqueues), not one per delivery: a sweep may store a hundred thousand."""
    stored, now, batch = 0, utcnow(), current_app.config["OUTBOX_BATCH"]
    for start in range(0, len(messages), CHUNK):
        chunk = messages[start:start + CHUNK]
        new = {m.dedup_key[:160]: m for m in chunk}
        rows = insert_missing(db.session, Notification, ["dedup_key"], [
            dict(dedup_key=key, user_id=m.user.id, kind=m.kind, subject_type=m.subject_type,
                 subject_id=m.subject_id, link=m.link[:255], title=m.title[:200], body=m.body, created_at=now)
            for key, m in new.items()], Notification.id, Notification.dedup_key)
        deliveries = [dict(notification_id=n_id, channel=channel, status=DeliveryStatus.pending, attempts=0,
                           created_at=now)
                      for n_id, key in rows for channel in new[key].channels if wanted(new[key].user, channel)]
        if deliveries:
            ids = sorted(d_id for d_id, in insert_missing(db.session, Delivery, ["notification_id", "channel"],
                                                             deliveries, Delivery.id))
            for d in ids[::batch]:
                after_commit(deliver, d, job_id=job_id(d, 0))
        stored += len(rows)
    return stored


def wanted(user: User, channel: Channel) -> bool:
    if channel is Channel.sms:
        return bool(user.phone) and user.notify_sms
    return user.notify_email


def notify_transition(actor: User, matter: Matter, action: Action, event_id: int, reason: str = "") -> None:
    """Tell the people the matter now waits for (matters.policy.holders) what just happened."""
    for user in holders(matter):
        if user.id == actor.id:
            continue
        notify(user, f"matter.{action.value}", "matter", matter.id,
               path_for("matters.detail", matter_id=matter.id), f"matter.{action.value}:{event_id}:{user.id}",
               f"【{ACTION_LABELS[action]}】{matter.title}",
               f"{actor.display_name}（{actor.organisation.short_name}）：{ACTION_LABELS[action]}"
               + (f"。理由：{reason}" if reason else ""))


# Notifications whose title is a tag and data (a matter's title, a letter's number and case): written in
# Chinese when stored (reminders are stored by a job, with no reader), shown with the tag in the reader's
# language. (The daily digest, the hearing reminder and the backlog alert carry sentences after their tag and
# stay as written.)
TAGGED = {
    "明日到期": N_("【明日到期】%(title)s"),
    "已逾期": N_("【已逾期】%(title)s"),
    "法律顾问意见": N_("【法律顾问意见】%(title)s"),
    "法律顾问邀请": N_("【法律顾问邀请】%(title)s"),
    "候补已用尽": N_("【候补已用尽】%(title)s"),
    "明日回复期限": N_("【明日回复期限】%(title)s"),
    "逾期未回复": N_("【逾期未回复】%(title)s"),
    "法治督察函": N_("【法治督察函】%(title)s"),
    "督察函回复": N_("【督察函回复】%(title)s"),
}
_TAGGED_TITLE = re.compile(r"【([^】]+)】(.*)", re.S)


def display_title(n: Notification, matter_titles: dict[int, str]) -> str:
    """The notification's title in the reader's language: a matter's step is its action's label and the
    matter's title; a tagged title (TAGGED) its tag translated; others as they were written."""
    kind, _sep, action = n.kind.partition(".")
    title = matter_titles.get(n.subject_id) if n.subject_type == "matter" else None
    if kind == "matter" and action in Action.__members__ and title is not None:
        return gettext("【%(action)s】%(title)s", action=labels.ACTION[Action(action)], title=title)
    tagged = _TAGGED_TITLE.fullmatch(n.title)
    if tagged and tagged.group(1) in TAGGED:
        return gettext(TAGGED[tagged.group(1)], title=tagged.group(2))
    return n.title


def titles(notifications: list[Notification]) -> dict[int, str]:
    """Display titles of some notifications, their matters' titles read at once."""
    ids = {n.subject_id for n in notifications if n.subject_type == "matter" and n.subject_id}
    matter_titles = dict(db.session.execute(sa.select(Matter.id, Matter.title).where(Matter.id.in_(ids))).all()
                         ) if ids else {}
    return {n.id: display_title(n, matter_titles) for n in notifications}


def mark_read(actor: User, ids: list[int] | None = None) -> int:
    """The user read their notifications (those of `ids`, or all); returns how many were unread. Only the
    user's own are touched."""
    where = [Notification.user_id == actor.id, Notification.read_at.is_(None)]
    if ids is not None:
        where.append(Notification.id.in_(ids))
    result = db.session.execute(sa.update(Notification).where(*where).values(read_at=utcnow()))
    return result.rowcount


def unread_count(user: User) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)))


def set_preferences(actor: User, email: bool, sms: bool, digest: bool) -> None:
    """The channels the user receives notifications on besides the app, and the daily digest."""
    before = {"notify_email": actor.notify_email, "notify_sms": actor.notify_sms,
              "daily_digest": actor.daily_digest}
    actor.notify_email, actor.notify_sms, actor.daily_digest = email, sms, digest
    db.session.flush()
    record(actor, "user.notification_preferences", "user", actor.id, before,
           {"notify_email": email, "notify_sms": sms, "daily_digest": digest})
