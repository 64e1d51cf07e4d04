#!/usr/bin/env python3
"""Check a recorded draw of legal advisers (法律顾问随机抽取记录) from the record alone.

    python verify_draw.py record.json      # prints 一致 (exit 0) or 不一致 with the differences (exit 1)

This file uses the standard library only and imports nothing from the project, so the bureau can hand it with an
exported record to anyone (a supervisor, a court, an adviser) to check on their own machine. Replaying a draw
means recomputing it, so this file is also the one home of every rule that decides a draw: name normalisation,
conflicts, the hard filters, the ranking, the canonical JSON and the hashes. The app's modules
(experts.names, .conflicts, .eligibility, .draw, .terms) import these rules from here and never restate them.

The scheme follows RFC 3797 (publicly verifiable selection): commit to every input, then derive the choice
deterministically from a random seed, so that anyone holding the inputs and the seed gets the same result.
1. The inputs are fixed in a `Snapshot`: the request (matter, draw date, number wanted, specialty wanted, who
   asks and why), the rules in force, every pool member with status, term, specialties, firm, open load, load
   cap and last assignment, every member's related parties, and the matter's parties. `snapshot_hash` is the
   SHA-256 of its canonical JSON; `seed_hash` the SHA-256 of the random seed. The app is to write both hashes
   to its hash-chained audit log when the draw is made: a record edited later and given fresh hashes is
   consistent in itself, and only that log shows it is not the record of the day.
2. Hard filters (`find_exclusions`): exited or suspended; outside the term on the draw date; a conflict; open
   assignments at the load cap. Every exclusion names its reason and the rows it rests on.
3. Ranking of the rest (`rank`): specialty match first, then the least open load, then the least recently
   assigned (never assigned first), then HMAC-SHA256(seed, "<record id>:<member id>") as the tie-break. HMAC and
   SHA-256 are fixed standards (RFC 2104, FIPS 180-4), unlike `random.shuffle`, whose algorithm a Python
   release may change.
4. The first `wanted` of the ranking are the picks, the rest are the ranked alternates, invited in order when a
   pick declines. A draw with fewer eligible members than `wanted + min_alternates` is still recorded, with a
   `shortfall` and no picks: the bureau then designates by hand, citing that record (see experts.draw).

`replay` recomputes steps 2-4 from the stored snapshot and seed and compares every stored field; a designation
(指定) is replayed too: its hashes, and that every designated member passes the hard filters.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache


def N_(text: str) -> str:
    """Marks Chinese text for the translation extractor, like workflows.text.N_, which this file may not
    import because it must run alone."""
    return text


# The draw's rule set. Bump RULES_VERSION whenever the meaning of any rule below changes: the verifier refuses
# to vouch for a record made under another version rather than silently apply different rules.
RULES_VERSION = "experts-draw/2026.1"


@dataclass(frozen=True)
class Rules:
    version: str = RULES_VERSION
    # Relations that ended within this many years before the draw date still conflict. Modelled on the
    # procurement-expert avoidance rules (政府采购法实施条例 Art. 9 "参加采购活动前3年内"; 政府采购评审专家管理办法
    # 财库〔2016〕198号 Art. 16 (verify)); DESIGN.md §3.
    conflict_lookback_years: int = 3
    # DESIGN.md §3: at least two ranked alternates.
    min_alternates: int = 2
    # A lawyer's client engagement (and drafting work) is its firm's: 律师法 Art. 25 (the firm accepts every
    # engagement, 由律师事务所统一接受委托), and 律师执业行为规范（试行） Art. 51(5) (verify the number) treats
    # different lawyers of one firm on opposite sides as the firm's conflict. So such a conflict of a lawyer
    # excludes its pool firm, and with it the firm's other lawyers. Personal ties (family, ownership, own
    # litigation) stay the lawyer's own.
    engagement_binds_firm: bool = True

    def to_json(self) -> dict:
        return {"version": self.version, "conflict_lookback_years": self.conflict_lookback_years,
                "min_alternates": self.min_alternates, "engagement_binds_firm": self.engagement_binds_firm}

    @classmethod
    def from_json(cls, d: Mapping) -> Rules:
        return cls(d["version"], d["conflict_lookback_years"], d["min_alternates"], d["engagement_binds_firm"])


DEFAULT_RULES = Rules()


class DrawInputError(ValueError):
    """Inputs that cannot make a valid record; the message is shown to the user."""


# ---------------------------------------------------------------------------------------------------------------
# Canonical JSON and hashes


def canonical_json(value) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8 (not \\u escapes), no NaN: one byte string per value."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tiebreak(seed: bytes, record_id: str, member_id: int) -> str:
    return hmac.new(seed, f"{record_id}:{member_id}".encode("utf-8"), hashlib.sha256).hexdigest()


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _day(s: str | None) -> date | None:
    return None if s is None else date.fromisoformat(s)


# ---------------------------------------------------------------------------------------------------------------
# Names

# Removed before comparing: whitespace and the punctuation people vary when typing a name (after NFKC, so
# full-width forms are already ASCII). "&", "+" and letters/digits are kept: they tell names apart.
_IGNORED = re.compile(r"[\s.·・•‧,、()\[\]【】〔〕「」《》<>\"'“”‘’\-–—_]+")
# Legal-form suffixes that name the same form (公司法 Art. 7, 2023 revision: a limited company's name contains
# "有限责任公司" or "有限公司", a joint-stock company's "股份有限公司" or "股份公司"), and a bare "公司", which is how
# people shorten them. Longest first. Not stripped: 集团 (a group and its member company are different legal
# persons), 分公司 (a branch is named as such), 律师事务所 (a firm is not a company), region names and industry words
# (stripping them makes "贵州青山" and "云南青山" collide).
LEGAL_FORM_SUFFIXES = ("有限责任公司", "股份有限公司", "股份公司", "有限公司", "公司")
# A suffix is stripped only when at least this many characters remain, so "有限公司" or "A公司" stay whole.
MIN_CORE_LENGTH = 2


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """The key two party names are compared by: NFKC (full-width to half-width), case-folded, without
    whitespace and common punctuation, and without one trailing legal-form suffix.

    "贵州青山农业发展有限公司", "贵州青山农业发展 有限责任公司" and "贵州青山农业发展公司" share the key
    "贵州青山农业发展"; "ＡＢＣ科技有限公司" and "abc科技有限责任公司" share "abc科技". Companies whose names
    differ only in legal form cannot both be registered with one registry under the same trade name, so the
    loss of the suffix does not merge distinct parties in practice; people are compared by name alone, so two
    people of one name match (a false conflict is the safe error here). Traditional characters are not mapped.
    """
    text = _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())
    for suffix in LEGAL_FORM_SUFFIXES:
        if text.endswith(suffix):
            # Only the longest suffix is considered: "有限公司" alone must not lose its "公司".
            return text[:-len(suffix)] if len(text) - len(suffix) >= MIN_CORE_LENGTH else text
    return text


# ---------------------------------------------------------------------------------------------------------------
# The snapshot: every input of a draw


class MemberKind(str, Enum):
    firm = "firm"
    lawyer = "lawyer"


class MemberStatus(str, Enum):
    active = "active"
    suspended = "suspended"
    exited = "exited"


class RelationKind(str, Enum):
    client = "client"        # the member represented or advised the party
    opponent = "opponent"    # the member was in litigation or arbitration against the party
    ownership = "ownership"  # shareholding or investment either way
    family = "family"        # a close relative is the party or heads it


# Relations a lawyer enters through its firm (律师法 Art. 25); see Rules.engagement_binds_firm.
ENGAGEMENT_RELATIONS = frozenset({RelationKind.client})


class PartyRole(str, Enum):
    counterparty = "counterparty"
    affected = "affected"


class RecordKind(str, Enum):
    draw = "draw"                # 随机抽取
    designation = "designation"  # 指定 (by hand, with a written reason)


@dataclass(frozen=True)
class Member:
    """One pool member as the draw sees it. `firm_id` is set for a lawyer whose firm is itself a pool member;
    `drafted_matter` says the member took part in drafting this matter."""

    id: int
    kind: MemberKind
    name: str
    status: MemberStatus
    term_start: date
    term_end: date
    open_load: int
    load_cap: int
    firm_id: int | None = None
    specialties: tuple[str, ...] = ()
    last_assigned: date | None = None
    drafted_matter: bool = False

    def __post_init__(self):
        object.__setattr__(self, "specialties", tuple(sorted(set(self.specialties))))  # one order, as hashed
        if self.term_end < self.term_start:
            raise DrawInputError(N_("聘期止日不能早于聘期起日"))
        if self.open_load < 0 or self.load_cap < 0:
            raise DrawInputError(N_("在办任务数和任务上限不能为负数"))
        if self.firm_id is not None and self.kind is not MemberKind.lawyer:
            raise DrawInputError(N_("只有律师可以隶属于律师事务所"))

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind.value, "name": self.name, "status": self.status.value,
                "term_start": _iso(self.term_start), "term_end": _iso(self.term_end),
                "open_load": self.open_load, "load_cap": self.load_cap, "firm_id": self.firm_id,
                "specialties": list(self.specialties), "last_assigned": _iso(self.last_assigned),
                "drafted_matter": self.drafted_matter}

    @classmethod
    def from_json(cls, d: Mapping) -> Member:
        return cls(d["id"], MemberKind(d["kind"]), d["name"], MemberStatus(d["status"]), _day(d["term_start"]),
                   _day(d["term_end"]), d["open_load"], d["load_cap"], d["firm_id"], tuple(d["specialties"]),
                   _day(d["last_assigned"]), d["drafted_matter"])


@dataclass(frozen=True)
class RelatedParty:
    """One row of a member's register of related parties; `end` None means the relation is ongoing."""

    id: int
    member_id: int
    kind: RelationKind
    party_name: str
    start: date | None
    end: date | None
    entered_by: str

    def __post_init__(self):
        if self.start and self.end and self.end < self.start:
            raise DrawInputError(N_("关联关系的结束日期不能早于开始日期"))

    def to_json(self) -> dict:
        return {"id": self.id, "member_id": self.member_id, "kind": self.kind.value,
                "party_name": self.party_name, "start": _iso(self.start), "end": _iso(self.end),
                "entered_by": self.entered_by}

    @classmethod
    def from_json(cls, d: Mapping) -> RelatedParty:
        return cls(d["id"], d["member_id"], RelationKind(d["kind"]), d["party_name"], _day(d["start"]),
                   _day(d["end"]), d["entered_by"])


@dataclass(frozen=True)
class MatterParty:
    id: int
    name: str
    role: PartyRole

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "role": self.role.value}

    @classmethod
    def from_json(cls, d: Mapping) -> MatterParty:
        return cls(d["id"], d["name"], PartyRole(d["role"]))


@dataclass(frozen=True)
class DrawRequest:
    """What is asked for. A re-draw names the record it replaces; it and a designation need a written reason."""

    record_id: str
    kind: RecordKind
    matter_id: int
    draw_date: date
    wanted: int
    requested_by: str
    specialty: str | None = None
    reason: str = ""
    previous_record_id: str | None = None
    designated: tuple[int, ...] = ()  # a designation's members, in the order given

    def __post_init__(self):
        if not self.record_id:
            raise DrawInputError(N_("抽取记录必须有编号"))
        if self.wanted < 1:
            raise DrawInputError(N_("抽取人数至少为 1"))
        if self.kind is RecordKind.designation:
            if not self.reason.strip():
                raise DrawInputError(N_("指定法律顾问必须书面说明理由"))
            if len(self.designated) != self.wanted or len(set(self.designated)) != self.wanted:
                raise DrawInputError(N_("指定人数与所需人数不一致，或有重复"))
        elif self.designated:
            raise DrawInputError(N_("随机抽取不能预先指定人选"))
        if self.previous_record_id is not None and not self.reason.strip():
            raise DrawInputError(N_("重新抽取必须书面说明理由"))

    def to_json(self) -> dict:
        return {"record_id": self.record_id, "kind": self.kind.value, "matter_id": self.matter_id,
                "draw_date": _iso(self.draw_date), "wanted": self.wanted, "requested_by": self.requested_by,
                "specialty": self.specialty, "reason": self.reason,
                "previous_record_id": self.previous_record_id, "designated": list(self.designated)}

    @classmethod
    def from_json(cls, d: Mapping) -> DrawRequest:
        return cls(d["record_id"], RecordKind(d["kind"]), d["matter_id"], _day(d["draw_date"]), d["wanted"],
                   d["requested_by"], d["specialty"], d["reason"], d["previous_record_id"],
                   tuple(d["designated"]))


def _unique_ids(rows: Iterable, what: str) -> None:
    ids = [r.id for r in rows]
    if len(ids) != len(set(ids)):
        raise DrawInputError(N_("编号重复：") + what)


@dataclass(frozen=True)
class Snapshot:
    request: DrawRequest
    members: tuple[Member, ...]
    related_parties: tuple[RelatedParty, ...]
    matter_parties: tuple[MatterParty, ...]
    rules: Rules = DEFAULT_RULES

    def __post_init__(self):
        _unique_ids(self.members, "members")
        _unique_ids(self.related_parties, "related_parties")
        _unique_ids(self.matter_parties, "matter_parties")
        kinds = {m.id: m.kind for m in self.members}
        if any(m.firm_id is not None and kinds.get(m.firm_id) is not MemberKind.firm for m in self.members):
            raise DrawInputError(N_("律师所属律师事务所不在专家库中"))
        if any(rp.member_id not in kinds for rp in self.related_parties):
            raise DrawInputError(N_("关联方登记所属成员不在专家库中"))
        if any(i not in kinds for i in self.request.designated):
            raise DrawInputError(N_("指定人选不在专家库中"))

    def to_json(self) -> dict:
        """Rows sorted by id, so the hash does not depend on the order the database returned them in."""
        return {"request": self.request.to_json(), "rules": self.rules.to_json(),
                "members": [m.to_json() for m in sorted(self.members, key=lambda m: m.id)],
                "related_parties": [r.to_json() for r in sorted(self.related_parties, key=lambda r: r.id)],
                "matter_parties": [p.to_json() for p in sorted(self.matter_parties, key=lambda p: p.id)]}

    @classmethod
    def from_json(cls, d: Mapping) -> Snapshot:
        return cls(DrawRequest.from_json(d["request"]), tuple(Member.from_json(m) for m in d["members"]),
                   tuple(RelatedParty.from_json(r) for r in d["related_parties"]),
                   tuple(MatterParty.from_json(p) for p in d["matter_parties"]), Rules.from_json(d["rules"]))


# ---------------------------------------------------------------------------------------------------------------
# Hard filters and conflicts


class Reason(str, Enum):
    """Why a member is excluded; the order is the order reasons are listed in."""

    exited = "exited"
    suspended = "suspended"
    term_not_started = "term_not_started"
    term_ended = "term_ended"
    related_party = "related_party"          # a related party matches a party of the matter
    drafted_matter = "drafted_matter"        # took part in drafting the matter
    lawyer_engagement = "lawyer_engagement"  # a firm: one of its lawyers' engagements conflicts
    firm_conflict = "firm_conflict"          # a lawyer: its firm is excluded for a conflict
    load_cap_reached = "load_cap_reached"


_REASON_ORDER = {r: i for i, r in enumerate(Reason)}


@dataclass(frozen=True)
class Exclusion:
    """`related_party_id` and `matter_party_id` are the matching rows of a conflict; `via_member_id` the member
    whose conflict was passed on (the lawyer for a firm, the firm for a lawyer). `detail` holds the values the
    message shows (names, dates, counts)."""

    member_id: int
    reason: Reason
    related_party_id: int | None = None
    matter_party_id: int | None = None
    via_member_id: int | None = None
    detail: Mapping[str, str | int] = field(default_factory=dict, compare=False)

    def sort_key(self) -> tuple:
        return (self.member_id, _REASON_ORDER[self.reason], self.related_party_id or 0,
                self.matter_party_id or 0, self.via_member_id or 0)

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "reason": self.reason.value,
                "related_party_id": self.related_party_id, "matter_party_id": self.matter_party_id,
                "via_member_id": self.via_member_id, "detail": dict(self.detail)}

    @classmethod
    def from_json(cls, d: Mapping) -> Exclusion:
        return cls(d["member_id"], Reason(d["reason"]), d["related_party_id"], d["matter_party_id"],
                   d["via_member_id"], dict(d["detail"]))


def add_years(d: date, years: int) -> date:
    """The same day `years` later (earlier when negative); 29 February becomes 28 February in a common year,
    the last day of that month (Civil Code Art. 202)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def conflict_window_start(day: date, rules: Rules = DEFAULT_RULES) -> date:
    """The earliest end date of a relation that still conflicts on `day`.

    "Within 3 years before the draw" counts back from the draw date to the same date three years earlier, and
    that day is inside: 以内 includes the number itself (Civil Code Art. 1259). For a draw on 2026-11-20 a
    relation that ended on 2023-11-20 conflicts, one that ended on 2023-11-19 does not. A draw on 29 February
    counts back to 28 February. This is a look-back, not a period someone must act within, so a rest day does
    not move it (no roll-over as in workflows.periods)."""
    return add_years(day, -rules.conflict_lookback_years)


def relation_in_window(rp: RelatedParty, day: date, rules: Rules = DEFAULT_RULES) -> bool:
    """Ongoing, or ended no earlier than the window start. A relation entered with a start after the draw
    date counts too: an agreed engagement is already an interest."""
    return rp.end is None or rp.end >= conflict_window_start(day, rules)


def find_conflicts(members: Iterable[Member], related_parties: Iterable[RelatedParty],
                   matter_parties: Iterable[MatterParty], day: date,
                   rules: Rules = DEFAULT_RULES) -> list[Exclusion]:
    """Conflict exclusions (回避), with the firm rules applied.

    Linear in the number of related parties: the matter's few parties are indexed by normalised name and each
    related party is looked up once, never compared pairwise. A firm's conflict excludes each of its lawyers
    (firm_conflict); a lawyer's client engagement or drafting excludes its firm when
    `rules.engagement_binds_firm`, and so the firm's other lawyers (lawyer_engagement, then firm_conflict)."""
    members = {m.id: m for m in members}
    parties_by_key: dict[str, list[MatterParty]] = defaultdict(list)
    for p in matter_parties:
        parties_by_key[normalise_name(p.name)].append(p)
    lawyers_of: dict[int, list[int]] = defaultdict(list)
    for m in members.values():
        if m.firm_id in members:
            lawyers_of[m.firm_id].append(m.id)

    roots: list[tuple[Exclusion, bool]] = []  # each conflict of a member itself, and whether it binds the firm
    for rp in related_parties:
        matches = parties_by_key.get(normalise_name(rp.party_name))
        if matches and rp.member_id in members and relation_in_window(rp, day, rules):
            for p in matches:
                detail = {"party": rp.party_name, "matter_party": p.name, "relation": rp.kind.value,
                          "end": _iso(rp.end) or ""}
                roots.append((Exclusion(rp.member_id, Reason.related_party, rp.id, p.id, detail=detail),
                              rp.kind in ENGAGEMENT_RELATIONS))
    for m in members.values():
        if m.drafted_matter:
            roots.append((Exclusion(m.id, Reason.drafted_matter), True))

    found = {}
    for root, is_engagement in roots:
        found[root.sort_key()] = root
        member = members[root.member_id]
        firm_id = member.id if member.kind is MemberKind.firm else None
        if member.firm_id in members and is_engagement and rules.engagement_binds_firm:
            firm_id = member.firm_id
            passed = Exclusion(firm_id, Reason.lawyer_engagement, root.related_party_id, root.matter_party_id,
                               member.id, {"via": member.name, "cause": root.reason.value})
            found[passed.sort_key()] = passed
        if firm_id is None:
            continue
        for lawyer_id in lawyers_of[firm_id]:
            if lawyer_id != member.id:
                passed = Exclusion(lawyer_id, Reason.firm_conflict, root.related_party_id, root.matter_party_id,
                                   firm_id, {"via": members[firm_id].name, "cause": root.reason.value})
                found[passed.sort_key()] = passed
    return list(found.values())


def find_exclusions(members: Iterable[Member], related_parties: Iterable[RelatedParty],
                    matter_parties: Iterable[MatterParty], day: date,
                    rules: Rules = DEFAULT_RULES) -> tuple[Exclusion, ...]:
    """Every hard-filter exclusion on `day`, all reasons of each member listed, in a fixed order."""
    members = tuple(members)
    found = []
    for m in members:
        if m.status is not MemberStatus.active:
            found.append(Exclusion(m.id, Reason(m.status.value)))
        if day < m.term_start:
            found.append(Exclusion(m.id, Reason.term_not_started, detail={"term_start": _iso(m.term_start)}))
        if day > m.term_end:
            found.append(Exclusion(m.id, Reason.term_ended, detail={"term_end": _iso(m.term_end)}))
        if m.open_load >= m.load_cap:
            found.append(Exclusion(m.id, Reason.load_cap_reached,
                                   detail={"open_load": m.open_load, "load_cap": m.load_cap}))
    found += find_conflicts(members, related_parties, matter_parties, day, rules)
    return tuple(sorted(found, key=Exclusion.sort_key))


# ---------------------------------------------------------------------------------------------------------------
# Ranking and the record


@dataclass(frozen=True)
class RankEntry:
    """One eligible member's place and the sort key that put it there, compared field by field in this order
    (a specialty match first, a smaller load, never assigned or assigned longer ago, a smaller tie-break)."""

    rank: int
    member_id: int
    specialty_match: bool
    open_load: int
    last_assigned: date | None
    tiebreak: str

    def to_json(self) -> dict:
        return {"rank": self.rank, "member_id": self.member_id, "specialty_match": self.specialty_match,
                "open_load": self.open_load, "last_assigned": _iso(self.last_assigned),
                "tiebreak": self.tiebreak}

    @classmethod
    def from_json(cls, d: Mapping) -> RankEntry:
        return cls(d["rank"], d["member_id"], d["specialty_match"], d["open_load"], _day(d["last_assigned"]),
                   d["tiebreak"])


def rank(eligible: Iterable[Member], request: DrawRequest, seed: bytes) -> tuple[RankEntry, ...]:
    """The eligible members in draw order (see RankEntry for the key).

    Bound: take members that stay eligible and equal in specialty match, with the same load cap or one none of
    them reaches, and sequential draws that each pick k of them while no assignment is completed. If their
    open loads differ by at most 1 before the draws, they differ by at most 1 after every draw.
    Proof: let the loads be m or m+1, c members at m. Load is compared before anything but the specialty match,
    so all c members at m rank before any at m+1. If k <= c, k members move from m to m+1 and the loads stay in
    {m, m+1}. If k > c, all c move to m+1 and k-c members move from m+1 to m+2; none is left at m, so the loads
    lie in {m+1, m+2}. A draw with a shortfall picks no one and changes nothing. By induction the spread
    (max - min) never exceeds 1; it can break only through completions, unequal caps or a specialty mismatch.
    """
    def key(m: Member) -> tuple:
        matches = request.specialty is None or request.specialty in m.specialties
        return (not matches, m.open_load, m.last_assigned is not None, m.last_assigned or date.min,
                tiebreak(seed, request.record_id, m.id), m.id)

    ordered = sorted(((key(m), m) for m in eligible), key=lambda km: km[0])
    return tuple(RankEntry(i, m.id, not k[0], m.open_load, m.last_assigned, k[4])
                 for i, (k, m) in enumerate(ordered, start=1))


class Shortfall(str, Enum):
    picks = "picks"            # fewer eligible members than wanted
    alternates = "alternates"  # enough for the picks, but fewer than `min_alternates` left as alternates


MIN_SEED_BYTES = 16  # 128 bits: the seed cannot be found from its published hash by trying them all


@dataclass(frozen=True)
class DrawRecord:
    snapshot: Snapshot
    seed: bytes | None  # None for a designation
    snapshot_hash: str
    seed_hash: str | None
    rules_version: str
    exclusions: tuple[Exclusion, ...]
    ranking: tuple[RankEntry, ...]
    picks: tuple[int, ...]
    alternates: tuple[int, ...]
    shortfall: Shortfall | None

    @property
    def kind(self) -> RecordKind:
        return self.snapshot.request.kind

    def to_json(self) -> dict:
        return {"snapshot": self.snapshot.to_json(), "snapshot_hash": self.snapshot_hash,
                "seed": None if self.seed is None else self.seed.hex(), "seed_hash": self.seed_hash,
                "rules_version": self.rules_version, "exclusions": [e.to_json() for e in self.exclusions],
                "ranking": [r.to_json() for r in self.ranking], "picks": list(self.picks),
                "alternates": list(self.alternates),
                "shortfall": None if self.shortfall is None else self.shortfall.value}

    def dumps(self) -> str:
        """The record as canonical JSON text, as exported and as the standalone verifier reads it."""
        return canonical_json(self.to_json()).decode("utf-8")

    @classmethod
    def from_json(cls, d: Mapping) -> DrawRecord:
        return cls(Snapshot.from_json(d["snapshot"]), None if d["seed"] is None else bytes.fromhex(d["seed"]),
                   d["snapshot_hash"], d["seed_hash"], d["rules_version"],
                   tuple(Exclusion.from_json(e) for e in d["exclusions"]),
                   tuple(RankEntry.from_json(r) for r in d["ranking"]), tuple(d["picks"]),
                   tuple(d["alternates"]), None if d["shortfall"] is None else Shortfall(d["shortfall"]))


def make_record(snapshot: Snapshot, seed: bytes | None) -> DrawRecord:
    """Everything a draw (or designation) decides, from its snapshot and seed alone."""
    request, rules = snapshot.request, snapshot.rules
    if request.kind is RecordKind.designation:
        if seed is not None:
            raise DrawInputError(N_("指定不使用随机种子"))
    elif seed is None or len(seed) < MIN_SEED_BYTES:
        raise DrawInputError(N_("随机种子至少 16 字节"))
    exclusions = find_exclusions(snapshot.members, snapshot.related_parties, snapshot.matter_parties,
                                 request.draw_date, rules)
    excluded = {e.member_id for e in exclusions}
    eligible = [m for m in snapshot.members if m.id not in excluded]
    ranking: tuple[RankEntry, ...] = ()
    shortfall = None
    if request.kind is RecordKind.designation:
        # Only designated members who pass every hard filter are picks; experts.draw refuses a designation
        # that would lose one, so in a genuine record picks == designated.
        picks, alternates = tuple(i for i in request.designated if i not in excluded), ()
    else:
        ranking = rank(eligible, request, seed)
        ids = tuple(r.member_id for r in ranking)
        if len(ids) < request.wanted:
            shortfall = Shortfall.picks
        elif len(ids) < request.wanted + rules.min_alternates:
            shortfall = Shortfall.alternates
        picks, alternates = ((), ()) if shortfall else (ids[:request.wanted], ids[request.wanted:])
    return DrawRecord(snapshot, seed, sha256_hex(canonical_json(snapshot.to_json())),
                      None if seed is None else sha256_hex(seed), rules.version, exclusions, ranking, picks,
                      alternates, shortfall)


# ---------------------------------------------------------------------------------------------------------------
# Replay


@dataclass(frozen=True)
class ReplayResult:
    matches: bool
    differences: tuple[str, ...]


_RECORD_FIELDS = ("snapshot", "snapshot_hash", "seed", "seed_hash", "rules_version", "exclusions", "ranking",
                  "picks", "alternates", "shortfall")
_OUTPUT_FIELDS = ("exclusions", "ranking", "picks", "alternates", "shortfall")


def _short(value) -> str:
    text = canonical_json(value).decode("utf-8")
    return text if len(text) <= 300 else text[:300] + "…"


def _difference(name: str, recorded, recomputed) -> str:
    if isinstance(recorded, list) and isinstance(recomputed, list):
        for i, (a, b) in enumerate(zip(recorded, recomputed)):
            if canonical_json(a) != canonical_json(b):
                return f"{name}[{i}]：记录为 {_short(a)}，重算为 {_short(b)}"
        return f"{name}：记录 {len(recorded)} 项，重算 {len(recomputed)} 项"
    return f"{name}：记录为 {_short(recorded)}，重算为 {_short(recomputed)}"


def replay(record: DrawRecord | Mapping | str | bytes) -> ReplayResult:
    """Recompute the draw from the record's own snapshot and seed and compare every stored field."""
    if isinstance(record, DrawRecord):
        data = record.to_json()
    elif isinstance(record, (str, bytes)):
        try:
            data = json.loads(record)
        except ValueError as e:
            return ReplayResult(False, (f"记录不是有效的 JSON：{e}",))
    else:
        data = record
    if not isinstance(data, Mapping):
        return ReplayResult(False, ("记录应为 JSON 对象",))
    diffs = [f"缺少字段：{k}" for k in _RECORD_FIELDS if k not in data]
    diffs += [f"多余字段：{k}" for k in sorted(set(data) - set(_RECORD_FIELDS))]
    if diffs:
        return ReplayResult(False, tuple(diffs))
    if data["rules_version"] != RULES_VERSION:
        diffs.append(f"rules_version：记录为 {data['rules_version']!r}，本校验程序实现 {RULES_VERSION!r}")

    stored = data["snapshot"]
    try:
        snapshot = Snapshot.from_json(stored)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        return ReplayResult(False, tuple(diffs) + (f"snapshot 无法解析：{type(e).__name__}: {e}",))
    stored_bytes = canonical_json(stored)
    if canonical_json(snapshot.to_json()) != stored_bytes:
        diffs.append("snapshot 不是规范形式（字段、类型或排序与规范不符）")
    if sha256_hex(stored_bytes) != data["snapshot_hash"]:
        diffs.append(_difference("snapshot_hash", data["snapshot_hash"], sha256_hex(stored_bytes)))
    if snapshot.rules.version != data["rules_version"]:
        diffs.append(_difference("rules_version", data["rules_version"], snapshot.rules.version))

    try:
        seed = None if data["seed"] is None else bytes.fromhex(data["seed"])
        if seed is not None and seed.hex() != data["seed"]:
            raise ValueError("not lower-case hex")
    except (TypeError, ValueError) as e:
        return ReplayResult(False, tuple(diffs) + (f"seed 无法解析：{e}",))
    expected_seed_hash = None if seed is None else sha256_hex(seed)
    if data["seed_hash"] != expected_seed_hash:
        diffs.append(_difference("seed_hash", data["seed_hash"], expected_seed_hash))

    try:
        again = make_record(snapshot, seed).to_json()
    except DrawInputError as e:
        return ReplayResult(False, tuple(diffs) + (f"无法重算：{e}",))
    for name in _OUTPUT_FIELDS:
        if canonical_json(data[name]) != canonical_json(again[name]):
            diffs.append(_difference(name, data[name], again[name]))
    return ReplayResult(not diffs, tuple(diffs))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("用法：python verify_draw.py 抽取记录.json", file=sys.stderr)
        return 2
    try:
        with open(args[0], "rb") as f:
            text = f.read()
    except OSError as e:
        print(f"无法读取文件：{e}", file=sys.stderr)
        return 2
    result = replay(text)
    if not result.matches:
        print("不一致")
        for d in result.differences:
            print(f"  - {d}")
        return 1
    data = json.loads(text)
    request = data["snapshot"]["request"]
    print("一致")
    print(f"  记录 {request['record_id']}（{request['kind']}），事项 {request['matter_id']}，"
          f"抽取日 {request['draw_date']}")
    print(f"  选中 {data['picks']}，候补 {data['alternates']}，排除 {len(data['exclusions'])} 项"
          + (f"，不足：{data['shortfall']}" if data["shortfall"] else ""))
    print(f"  snapshot_hash {data['snapshot_hash']}")
    print(f"  seed_hash {data['seed_hash']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
