"""Reminders about supervision letters (法治督察函, the demolition ledger): the working day before the reply is
due, to the body's people; once it is late, to them and to the bureau's issuer."""
from datetime import date

import sqlalchemy as sa

from ..demolition.letter import letter_number
from ..demolition.operations import letter_recipients, overdue_condition
from ..extensions import db
from ..models import SupervisionLetter
from ..notifications.operations import notify
from ..web import path_for
from . import reminder
from .people import next_working_day


def _tell(letter: SupervisionLetter, users, kind: str, title: str, body: str) -> int:
    link = path_for("demolition.letter", letter_id=letter.id)
    return sum(notify(u, f"reminder.{kind}", "supervision_letter", letter.id, link,
                      f"supervision.{kind}:{letter.id}:{letter.reply_due_on}:{u.id}", title, body) is not None
               for u in users)


@reminder("letter_reply_due")
def reply_due(today: date) -> int:
    due = next_working_day(today)
    if due is None:
        return 0
    letters = db.session.scalars(sa.select(SupervisionLetter).where(
        SupervisionLetter.answered_on.is_(None), SupervisionLetter.reply_due_on == due))
    return sum(_tell(letter, letter_recipients(letter), "reply_due", f"【明日回复期限】{letter_number(letter)}",
                     f"法治督察函要求于{letter.reply_due_on.isoformat()}前书面回复，请及时办理。")
               for letter in letters)


@reminder("letter_overdue")
def reply_overdue(today: date) -> int:
    letters = db.session.scalars(sa.select(SupervisionLetter).where(overdue_condition(today))
                                 .order_by(SupervisionLetter.id))
    return sum(_tell(letter, [*letter_recipients(letter), letter.issued_by], "overdue",
                     f"【逾期未回复】{letter_number(letter)}",
                     f"法治督察函的书面回复期限{letter.reply_due_on.isoformat()}已过，尚未回复。")
               for letter in letters)
