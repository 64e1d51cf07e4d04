"""Small builders for the expert-pool tests (experts.verify_draw's dataclasses with sensible defaults)."""
from datetime import date

from experts.verify_draw import (DrawRequest, MatterParty, Member, MemberKind, MemberStatus, PartyRole,
                                 RecordKind, RelatedParty, RelationKind)

DAY = date(2026, 11, 20)  # a Friday, the draw date unless a test says otherwise
TERM = (date(2025, 1, 1), date(2027, 12, 31))
SEED = bytes(range(32))


def member(id, kind=MemberKind.lawyer, status=MemberStatus.active, term=TERM, load=0, cap=3, firm_id=None,
           specialties=(), last=None, drafted=False, name=None):
    return Member(id, kind, name or f"成员{id}", status, term[0], term[1], load, cap, firm_id, tuple(specialties),
                  last, drafted)


def firm(id, **kw):
    return member(id, kind=MemberKind.firm, **kw)


def related(id, member_id, party_name, end=None, kind=RelationKind.client, start=date(2019, 1, 1),
            entered_by="司法局"):
    return RelatedParty(id, member_id, kind, party_name, start, end, entered_by)


def party(id, name, role=PartyRole.counterparty):
    return MatterParty(id, name, role)


def request(record_id="D-2026-0001", wanted=1, specialty=None, day=DAY, kind=RecordKind.draw, reason="",
            previous=None, designated=(), matter_id=7, requested_by="王审核"):
    return DrawRequest(record_id, kind, matter_id, day, wanted, requested_by, specialty, reason, previous,
                       tuple(designated))
