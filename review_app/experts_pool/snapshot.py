"""The rows a draw reads, turned into experts.verify_draw's plain values: the district's whole pool (suspended
and exited members too, so their exclusion is on record), each member's open load and last assignment
computed in SQL with experts.load's state sets, every member's related parties and the matter's parties."""
from datetime import date

import sqlalchemy as sa

from experts.load import OPEN_STATES, TAKEN_STATES
from experts.verify_draw import MatterParty, Member, MemberKind, MemberStatus, RelatedParty

from ..extensions import db
from ..models import (Assignment, Expert, MatterDrafter, MatterParty as MatterPartyRow, RelatedPartyRow,
                      Specialty, expert_specialties)


def open_loads(district_id: int) -> dict[int, int]:
    return dict(db.session.execute(
        sa.select(Assignment.expert_id, sa.func.count())
        .where(Assignment.district_id == district_id, Assignment.state.in_(OPEN_STATES))
        .group_by(Assignment.expert_id)).all())


def last_assigned(district_id: int) -> dict[int, date]:
    return dict(db.session.execute(
        sa.select(Assignment.expert_id, sa.func.max(Assignment.invited_on))
        .where(Assignment.district_id == district_id, Assignment.state.in_(TAKEN_STATES))
        .group_by(Assignment.expert_id)).all())


def members(district_id: int, matter_id: int | None) -> tuple[Member, ...]:
    experts = db.session.execute(
        sa.select(Expert.id, Expert.kind, Expert.name, Expert.status, Expert.term_start, Expert.term_end,
                  Expert.load_cap, Expert.firm_id).where(Expert.district_id == district_id)).all()
    loads = open_loads(district_id)
    last = last_assigned(district_id)
    specialties: dict[int, list[str]] = {}
    for expert_id, name in db.session.execute(
            sa.select(expert_specialties.c.expert_id, Specialty.name)
            .join(Specialty, Specialty.id == expert_specialties.c.specialty_id)
            .where(Specialty.district_id == district_id)):
        specialties.setdefault(expert_id, []).append(name)
    drafted = set(db.session.scalars(sa.select(MatterDrafter.expert_id)
                                     .where(MatterDrafter.matter_id == matter_id))) if matter_id else set()
    return tuple(Member(e.id, MemberKind(e.kind.value), e.name, MemberStatus(e.status.value), e.term_start,
                        e.term_end, loads.get(e.id, 0), e.load_cap, e.firm_id,
                        tuple(specialties.get(e.id, ())), last.get(e.id), e.id in drafted) for e in experts)


def related_parties(district_id: int) -> tuple[RelatedParty, ...]:
    rows = db.session.execute(
        sa.select(RelatedPartyRow.id, RelatedPartyRow.expert_id, RelatedPartyRow.kind,
                  RelatedPartyRow.party_name, RelatedPartyRow.start, RelatedPartyRow.end,
                  RelatedPartyRow.entered_by)
        .join(Expert, Expert.id == RelatedPartyRow.expert_id).where(Expert.district_id == district_id)).all()
    return tuple(RelatedParty(r.id, r.expert_id, r.kind, r.party_name, r.start, r.end, r.entered_by.value)
                 for r in rows)


def matter_parties(matter_id: int) -> tuple[MatterParty, ...]:
    rows = db.session.scalars(sa.select(MatterPartyRow).where(MatterPartyRow.matter_id == matter_id))
    return tuple(MatterParty(p.id, p.name, p.role) for p in rows)
