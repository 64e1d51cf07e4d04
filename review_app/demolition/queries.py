"""Finding cases and letters through the policy: the ledger list with its filters, the letters lists and the
boards (per town/street or department, and for the district).

The gate is asked for every case a list shows (ledger.answer): its answer changes with the date alone, so it
is not stored. A district's ledger holds hundreds of houses, not millions; SQL narrows by district, body,
track, dates and text first, and the status and alerts are filtered on the answers.
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from workflows.demolition import Alert, Track
from workflows.roles import BUREAU

from ..extensions import db
from ..models import DemolitionCase, DemolitionParty, Organisation, SupervisionLetter, User
from . import policy
from .ledger import CaseAnswer, LedgerStatus, answer
from .operations import overdue_condition

UPCOMING_DAYS = 30  # the board's "planned in the next 30 days" (issue 9)
NOT_READY = (LedgerStatus.waiting, LedgerStatus.incomplete, LedgerStatus.challenged)


@dataclass
class LedgerFilter:
    organisation_id: int | None = None
    track: Track | None = None
    status: LedgerStatus | None = None
    q: str = ""
    planned_from: date | None = None
    planned_to: date | None = None
    alerts_only: bool = False


@dataclass(frozen=True)
class Row:
    case: DemolitionCase
    answer: CaseAnswer


def cases(user: User, f: LedgerFilter, today: date) -> list[Row]:
    q = sa.select(DemolitionCase).where(policy.visible(user))
    if f.organisation_id:
        q = q.where(DemolitionCase.organisation_id == f.organisation_id)
    if f.track:
        q = q.where(DemolitionCase.track == f.track)
    if f.planned_from:
        q = q.where(DemolitionCase.planned_on >= f.planned_from)
    if f.planned_to:
        q = q.where(DemolitionCase.planned_on <= f.planned_to)
    text = f.q.strip()
    if text:
        party = sa.select(DemolitionParty.case_id).where(DemolitionParty.name.contains(text))
        q = q.where(sa.or_(DemolitionCase.project.contains(text), DemolitionCase.address.contains(text),
                           DemolitionCase.id.in_(party)))
    rows = [Row(c, answer(c, today)) for c in db.session.scalars(
        q.order_by(DemolitionCase.organisation_id, DemolitionCase.id)).all()]
    if f.status:
        rows = [r for r in rows if r.answer.status is f.status]
    if f.alerts_only:
        rows = [r for r in rows if r.answer.alerts]
    return rows


def keepers(user: User) -> list[Organisation]:
    """The bodies whose cases the user may see: the district's towns and departments for the bureau, else its
    own."""
    if not user.has_role(*BUREAU):
        return [user.organisation]
    return db.session.scalars(sa.select(Organisation).where(
        Organisation.district_id == user.district_id, Organisation.kind.in_(policy.KEEPERS))
        .order_by(Organisation.kind.desc(), Organisation.name)).all()


def letters(user: User, today: date, outstanding: bool = False, overdue: bool = False,
            organisation_id: int | None = None) -> list[SupervisionLetter]:
    q = sa.select(SupervisionLetter).where(policy.letters_visible(user))
    if organisation_id:
        q = q.where(SupervisionLetter.organisation_id == organisation_id)
    if overdue:
        q = q.where(overdue_condition(today))
    elif outstanding:
        q = q.where(SupervisionLetter.answered_on.is_(None))
    q = q.order_by(SupervisionLetter.year.desc(), SupervisionLetter.number.desc())
    return db.session.scalars(q).all()


@dataclass(frozen=True)
class BodyLine:
    body: Organisation
    cases: int
    not_ready: int
    with_alerts: int
    letters_outstanding: int


@dataclass
class Board:
    """One body's board, or the district's: the figures issue 9 asks for."""
    rows: list[Row]
    outstanding: list[SupervisionLetter]
    overdue: list[SupervisionLetter]
    today: date
    counts: Counter = field(default_factory=Counter)  # (track, status) -> cases

    def __post_init__(self):
        self.counts = Counter((r.case.track, r.answer.status) for r in self.rows)

    def count(self, track: Track | None = None, status: LedgerStatus | None = None) -> int:
        return sum(n for (t, s), n in self.counts.items() if track in (None, t) and status in (None, s))

    @property
    def not_ready(self) -> int:
        return sum(self.count(status=s) for s in NOT_READY)

    @property
    def upcoming(self) -> list[Row]:
        """Not ready, not executed, planned within the next 30 days: the houses at risk now."""
        end = self.today + timedelta(days=UPCOMING_DAYS)
        at_risk = (r for r in self.rows if r.answer.status in NOT_READY and r.case.planned_on is not None
                   and self.today <= r.case.planned_on <= end)
        return sorted(at_risk, key=lambda r: (r.case.planned_on, r.case.id))

    @property
    def executed(self) -> list[Row]:
        return sorted((r for r in self.rows if r.case.executed_on is not None),
                      key=lambda r: (r.case.executed_on, r.case.id), reverse=True)

    @property
    def alerts(self) -> list[tuple[Row, Alert]]:
        return [(r, a) for r in self.rows for a in r.answer.alerts]

    def per_body(self, bodies: list[Organisation]) -> list[BodyLine]:
        """The district board's table: each body with cases or outstanding letters."""
        rows, letters_out = {}, Counter(letter.organisation_id for letter in self.outstanding)
        for r in self.rows:
            rows.setdefault(r.case.organisation_id, []).append(r)
        return [BodyLine(o, len(rows.get(o.id, [])),
                         sum(r.answer.status in NOT_READY for r in rows.get(o.id, [])),
                         sum(bool(r.answer.alerts) for r in rows.get(o.id, [])), letters_out[o.id])
                for o in bodies if o.id in rows or letters_out[o.id]]


def board(user: User, today: date, organisation_id: int | None = None) -> Board:
    rows = cases(user, LedgerFilter(organisation_id=organisation_id), today)
    return Board(rows, letters(user, today, outstanding=True, organisation_id=organisation_id),
                 letters(user, today, overdue=True, organisation_id=organisation_id), today)
