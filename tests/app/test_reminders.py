"""Reminders: who is told what and when, each exactly once however often the job runs."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from review_app.demolition import operations as dops
from review_app.extensions import db
from review_app.models import Delivery, Matter, Notification
from review_app.reminders import REGISTRY, load, reminder
from review_app.reminders.jobs import send_reminders
from tests import factories, ledger, pipeline
from workflows.review import Status
from workflows.roles import Role

THURSDAY = date(2026, 9, 10)
FRIDAY, MONDAY = date(2026, 9, 11), date(2026, 9, 14)


@pytest.fixture
def w(app, monkeypatch):
    app.config["DIGEST_HOUR"] = 0
    yield from ledger.world(app, monkeypatch, THURSDAY)


def told(kind: str) -> list[tuple[int, int]]:
    """(user, subject) of the notifications of a kind."""
    return sorted(db.session.execute(sa.select(Notification.user_id, Notification.subject_id)
                                     .where(Notification.kind == kind)).all())


def matter_due(c, due_on: date) -> Matter:
    m = pipeline.drive(c, Status.bureau_review)
    m.due_on = due_on
    db.session.commit()
    return m


def test_the_holder_is_reminded_the_working_day_before_the_stage_is_due_once(w, monkeypatch):
    c = pipeline.cast()
    due_friday, due_monday = matter_due(c, FRIDAY), matter_due(c, MONDAY)
    assert send_reminders()["stage_due"] == 1
    assert told("reminder.stage_due") == [(c.reviewer.id, due_friday.id)]
    n = db.session.scalar(sa.select(Notification).where(Notification.kind == "reminder.stage_due"))
    assert "明日到期" in n.title and due_friday.title in n.title and n.link == f"/matters/{due_friday.id}"
    assert send_reminders()["stage_due"] == 0  # the next run (or a second scheduler) stores nothing
    ledger.freeze(monkeypatch, FRIDAY)
    send_reminders()  # Friday is the working day before Monday
    assert told("reminder.stage_due") == sorted([(c.reviewer.id, due_friday.id),
                                                 (c.reviewer.id, due_monday.id)])


def test_nothing_is_sent_on_a_weekend(w, monkeypatch):
    c = pipeline.cast()
    matter_due(c, MONDAY)
    ledger.freeze(monkeypatch, date(2026, 9, 12))  # Saturday
    assert send_reminders()["stage_due"] == 0


def test_overdue_work_is_escalated_to_the_director_once_per_due_date(w):
    c = pipeline.cast()
    late = matter_due(c, THURSDAY - timedelta(days=3))
    matter_due(c, MONDAY)
    assert send_reminders()["overdue"] == 2  # the district's two directors (the cast's and the ledger's)
    assert told("reminder.overdue") == sorted([(c.director.id, late.id), (w.director.id, late.id)])
    assert send_reminders()["overdue"] == 0
    late.due_on = THURSDAY - timedelta(days=1)  # extended, and late again: a new escalation
    db.session.commit()
    assert send_reminders()["overdue"] == 2


def test_supervision_letter_reply_due_and_overdue(w, monkeypatch):
    c = ledger.case(w.town, steps=2)
    letter = dops.issue_letter(w.reviewer, c, dops.LetterFields(FRIDAY, "一、程序缺失", "依法补正"))
    db.session.commit()
    assert send_reminders()["letter_reply_due"] == 2
    assert told("reminder.reply_due") == sorted([(w.town.id, letter.id), (w.town_head.id, letter.id)])
    ledger.freeze(monkeypatch, MONDAY)
    assert send_reminders()["letter_overdue"] == 3  # the body's two people and the bureau's issuer
    assert {u for u, _ in told("reminder.overdue")} == {w.town.id, w.town_head.id, w.reviewer.id}
    assert send_reminders()["letter_overdue"] == 0


def test_the_daily_digest_goes_once_a_day_to_those_who_want_it(w, monkeypatch):
    c = pipeline.cast()
    matter_due(c, MONDAY)  # a task of the reviewer's
    c.reviewer.daily_digest = True
    w.neighbour.daily_digest = True  # who has no task and no unread notification: nothing to send
    db.session.commit()
    assert send_reminders()["digest"] == 1
    (digest,) = db.session.scalars(sa.select(Notification).where(Notification.kind == "digest")).all()
    assert digest.user_id == c.reviewer.id and "待办1件" in digest.title and "1件" in digest.body
    assert send_reminders()["digest"] == 0
    ledger.freeze(monkeypatch, FRIDAY)
    assert send_reminders()["digest"] == 1


def test_a_person_who_switched_a_channel_off_is_not_sent_on_it(w):
    c = pipeline.cast()
    c.reviewer.notify_email = False
    db.session.commit()
    m = matter_due(c, FRIDAY)
    send_reminders()
    n = db.session.scalar(sa.select(Notification).where(Notification.kind == "reminder.stage_due",
                                                        Notification.subject_id == m.id))
    assert n is not None and db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(
        Delivery.notification_id == n.id)) == 0  # in the app only


def test_a_feature_registers_its_reminder_with_one_function(w, monkeypatch):
    load()  # every feature's reminders registered before the copy, whichever tests ran before this one
    monkeypatch.setattr("review_app.reminders.REGISTRY", dict(REGISTRY))
    from review_app import reminders
    head = factories.user(Role.department_head)

    @reminder("hearing_eve_example")
    def hearing_eve(today):
        from review_app.notifications.operations import notify
        return notify(head, "reminder.hearing", "lawsuit", 1, "/", f"reminder.hearing:1:{today}:{head.id}",
                      "明日开庭") is not None

    assert "hearing_eve_example" in reminders.REGISTRY and set(load()) >= {"stage_due", "overdue", "digest"}
    assert send_reminders()["hearing_eve_example"] == 1 and send_reminders()["hearing_eve_example"] == 0
    with pytest.raises(ValueError):
        reminder("hearing_eve_example")(lambda today: 0)


def test_one_failing_reminder_does_not_stop_the_others(w, monkeypatch):
    monkeypatch.setattr("review_app.reminders.REGISTRY", dict(REGISTRY))
    reminder("broken_example")(lambda today: 1 / 0)
    c = pipeline.cast()
    matter_due(c, FRIDAY)
    counts = send_reminders()
    assert "broken_example" not in counts and counts["stage_due"] == 1
