"""Selecting legal advisers for a matter: the random draw as the rule, designation as the exception.

DESIGN.md §3: random draw as the rule, designation by hand with a recorded reason as the exception, at least two
ranked alternates, a record anyone can replay. How a draw is computed and verified is in experts.verify_draw;
this module is what the app calls:

- `draw` makes a random draw's record. A re-draw is a new record whose request names the previous record and
  gives a written reason (`redraw_request`); a record is never re-rolled in place.
- When fewer members are eligible than `wanted + Rules.min_alternates`, the record has a `shortfall` and no
  picks: the draw is kept as evidence but invites nobody (`shortfall_message` says why), and the bureau
  designates instead, citing that record. Chosen over a draw with fewer alternates, because DESIGN.md §3 makes
  two alternates part of a proper draw and designation already exists for a pool that cannot give them.
- `designate` makes a designation record (kind "designation"): a written reason is required, and every
  designated member must pass the same hard filters as a draw (a conflict is never waived by hand).
- `next_alternate` gives whom to invite when an invited adviser declines, declares a conflict or lets the
  acceptance deadline pass (`acceptance_lapsed`).
"""
from __future__ import annotations

import secrets
from collections.abc import Collection, Iterable
from datetime import date

from experts.eligibility import describe
from experts.verify_draw import (DEFAULT_RULES, DrawInputError, DrawRecord, DrawRequest, MatterParty, Member,
                                 RecordKind, RelatedParty, Rules, Shortfall, Snapshot, make_record)
from workflows.calendar import WorkingCalendar
from workflows.periods import Period, Unit, has_run, period_end
from workflows.text import N_

# Local practice (verify): an invited adviser accepts or declines within this many working days after the day
# of the invitation; afterwards the invitation lapses and the next alternate is invited. A setting in the app.
ACCEPTANCE_PERIOD = Period(2, Unit.working_days, "本地规则：邀请后 2 个工作日内确认（verify）")

SHORTFALL_MESSAGES = {
    Shortfall.picks: N_("符合条件的法律顾问少于所需的 %(wanted)s 名，本次抽取不产生人选，请指定并书面说明理由"),
    Shortfall.alternates: N_("符合条件的法律顾问不足以另产生 %(alternates)s 名候补，本次抽取不产生人选，"
                             "请指定并书面说明理由"),
}


class DesignationRefused(DrawInputError):
    """A designated member fails a hard filter; `messages` says which and why."""

    def __init__(self, messages: list[str]):
        super().__init__(N_("所指定的法律顾问不符合条件：") + "；".join(messages))
        self.messages = messages


def new_seed() -> bytes:
    """32 bytes from the operating system's cryptographic source."""
    return secrets.token_bytes(32)


def _snapshot(request: DrawRequest, members: Iterable[Member], related_parties: Iterable[RelatedParty],
              matter_parties: Iterable[MatterParty], rules: Rules) -> Snapshot:
    return Snapshot(request, tuple(members), tuple(related_parties), tuple(matter_parties), rules)


def draw(request: DrawRequest, members: Iterable[Member], related_parties: Iterable[RelatedParty],
         matter_parties: Iterable[MatterParty], rules: Rules = DEFAULT_RULES,
         seed: bytes | None = None) -> DrawRecord:
    """The record of a random draw; `seed` defaults to a fresh one (pass one only to reproduce a draw).

    `members` is the whole pool (suspended and exited members too, so their exclusion is on record),
    `related_parties` every member's register rows, `matter_parties` the matter's counterparties and affected
    parties. Raises DrawInputError for inputs that cannot make a record (e.g. a re-draw without a reason).

    Cost is linear in members plus related parties: each related party is looked up once by normalised name
    in an index of the matter's few parties, never compared pairwise. At 2,000 members and 20,000 related
    parties most of the time goes to the canonical JSON and hash of the snapshot, which the record must
    commit to; the adapter computes open loads and last assignments in SQL (experts.load's state sets)."""
    if request.kind is not RecordKind.draw:
        raise DrawInputError(N_("指定请使用指定功能"))
    return make_record(_snapshot(request, members, related_parties, matter_parties, rules),
                       new_seed() if seed is None else seed)


def designate(request: DrawRequest, members: Iterable[Member], related_parties: Iterable[RelatedParty],
              matter_parties: Iterable[MatterParty], rules: Rules = DEFAULT_RULES) -> DrawRecord:
    """The record of a designation; raises DesignationRefused when a designated member is excluded."""
    if request.kind is not RecordKind.designation:
        raise DrawInputError(N_("随机抽取请使用抽取功能"))
    record = make_record(_snapshot(request, members, related_parties, matter_parties, rules), None)
    if record.picks != request.designated:
        chosen = set(request.designated)
        raise DesignationRefused([describe(e) for e in record.exclusions if e.member_id in chosen])
    return record


def redraw_request(previous: DrawRecord, record_id: str, reason: str, requested_by: str,
                   draw_date: date) -> DrawRequest:
    """A request to draw again for the same matter, specialty and number, naming the record it replaces."""
    was = previous.snapshot.request
    return DrawRequest(record_id, RecordKind.draw, was.matter_id, draw_date, was.wanted, requested_by,
                       was.specialty, reason, previous_record_id=was.record_id)


def shortfall_message(record: DrawRecord) -> str | None:
    if record.shortfall is None:
        return None
    return SHORTFALL_MESSAGES[record.shortfall] % {"wanted": record.snapshot.request.wanted,
                                                   "alternates": record.snapshot.rules.min_alternates}


def next_alternate(record: DrawRecord, already_invited_or_declined: Collection[int]) -> int | None:
    """The first member in ranking order (picks, then alternates) not yet asked; None when the list is spent.

    Pass every member already invited, declined, conflicted or lapsed on this matter, plus any the app finds
    no longer eligible today (e.g. suspended since the draw): the ranking is fixed at the draw, eligibility
    at invitation time is the app's check."""
    for member_id in record.picks + record.alternates:
        if member_id not in already_invited_or_declined:
            return member_id
    return None


def acceptance_due(cal: WorkingCalendar, invited_on: date, period: Period = ACCEPTANCE_PERIOD) -> date:
    """The last day to accept or decline; the day of the invitation is not counted."""
    return period_end(cal, invited_on, period)


def acceptance_lapsed(cal: WorkingCalendar, invited_on: date, today: date,
                      period: Period = ACCEPTANCE_PERIOD) -> bool:
    """True from the day after `acceptance_due`: the invitation lapses and the next alternate is invited."""
    return has_run(cal, invited_on, period, today)
