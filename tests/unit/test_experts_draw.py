"""The draw (DESIGN.md §3): random draw as the rule, designation with a reason as the exception, at least two
ranked alternates, specialty then least loaded then least recently assigned then a keyed hash (RFC 3797's idea),
replayable from the record."""
import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from experts.draw import (DesignationRefused, acceptance_due, acceptance_lapsed, designate, draw, next_alternate,
                          redraw_request, shortfall_message)
from experts.names import normalise_name
from experts.verify_draw import (DrawInputError, DrawRecord, MemberKind, MemberStatus, RecordKind, RelationKind,
                                 Shortfall, make_record, replay)
from tests.unit.experts_factories import DAY, SEED, firm, member, party, related, request
from workflows.calendar import WorkingCalendar

COUNTERPARTY = party(11, "贵州青山农业发展有限公司")


def vector_pool():
    return [firm(1, specialties=("行政协议",), load=1, last=date(2026, 10, 1)),
            member(2, specialties=("行政协议",)), member(3, specialties=("行政协议", "征收拆迁")),
            member(4), member(5, status=MemberStatus.suspended, specialties=("行政协议",)),
            member(6, specialties=("行政协议",)), member(7, specialties=("行政协议",), last=date(2026, 3, 2))]


def vector_record():
    return draw(request(specialty="行政协议"), vector_pool(), [related(101, 6, "贵州青山农业发展 有限责任公司")],
                [COUNTERPARTY], seed=SEED)


def test_fixed_vector_gives_exact_picks_hashes_and_tiebreaks():
    # A fixed snapshot and seed (bytes 0..31): any change of the canonical JSON, the hashes or the ranking, e.g.
    # by a new Python version, fails here. The tie-break of member 2 was checked with OpenSSL:
    # printf 'D-2026-0001:2' | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f
    record = vector_record()
    assert record.picks == (2,)
    assert record.alternates == (3, 7, 1, 4)
    assert [(e.member_id, e.reason.value) for e in record.exclusions] == [(5, "suspended"), (6, "related_party")]
    assert record.seed_hash == "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd"
    assert record.snapshot_hash == "7c6a5ada3a6130a2ab50b7e3ef9bc6a4cc1f640eeab7df9d36180d25c11463af"
    assert record.ranking[0].tiebreak == "0442f018d74cc072e0acea57ab38b95532fc1575b9d1acbf89718b177022e653"
    assert record.ranking[1].tiebreak == "0a227e99c779190e3f5856edfb75e4b67d1f9093c282fe1c0485171479a5b639"


def test_ranking_prefers_specialty_then_load_then_least_recently_assigned():
    # 2 and 3 tie on everything but the keyed hash; 7 was assigned before; 1 carries a load; 4 lacks the
    # specialty and comes last although it is free and never assigned.
    keys = [(r.member_id, r.specialty_match, r.open_load, r.last_assigned) for r in vector_record().ranking]
    assert keys == [(2, True, 0, None), (3, True, 0, None), (7, True, 0, date(2026, 3, 2)),
                    (1, True, 1, date(2026, 10, 1)), (4, False, 0, None)]


def test_without_a_specialty_wanted_everyone_matches():
    record = draw(request(), vector_pool(), [], [], seed=SEED)
    assert all(r.specialty_match for r in record.ranking)


def test_fewer_eligible_than_picks_plus_two_alternates_picks_no_one():
    pool = [member(1), member(2), member(3, status=MemberStatus.exited)]
    short = draw(request(wanted=1), pool, [], [], seed=SEED)
    assert (short.shortfall, short.picks, short.alternates) == (Shortfall.alternates, (), ())
    assert len(short.ranking) == 2  # the ranking stays on record as evidence
    assert shortfall_message(short) == ("符合条件的法律顾问不足以另产生 2 名候补，本次抽取不产生人选，"
                                        "请指定并书面说明理由")
    none = draw(request(wanted=3), pool, [], [], seed=SEED)
    assert none.shortfall is Shortfall.picks
    assert shortfall_message(none) == "符合条件的法律顾问少于所需的 3 名，本次抽取不产生人选，请指定并书面说明理由"
    enough = draw(request(wanted=1), pool + [member(4)], [], [], seed=SEED)
    assert enough.shortfall is None and len(enough.picks) == 1 and len(enough.alternates) == 2
    assert shortfall_message(enough) is None


def test_a_seed_shorter_than_16_bytes_is_refused():
    with pytest.raises(DrawInputError):
        draw(request(), vector_pool(), [], [], seed=b"short")


def test_designation_needs_a_written_reason():
    with pytest.raises(DrawInputError, match="指定法律顾问必须书面说明理由"):
        request(kind=RecordKind.designation, designated=(2,), reason="  ")


def test_designation_is_its_own_record_kind_and_replays():
    record = designate(request(kind=RecordKind.designation, designated=(3,), reason="涉及征收拆迁专门问题",
                               previous="D-2026-0001"), vector_pool(), [], [COUNTERPARTY])
    assert record.kind is RecordKind.designation
    assert (record.picks, record.alternates, record.ranking) == ((3,), (), ())
    assert record.seed is None and record.seed_hash is None
    assert record.snapshot.request.reason == "涉及征收拆迁专门问题"
    assert replay(record).matches


def test_designation_of_a_conflicted_member_is_refused():
    with pytest.raises(DesignationRefused) as refused:
        designate(request(kind=RecordKind.designation, designated=(6,), reason="熟悉该企业"), vector_pool(),
                  [related(101, 6, "贵州青山农业发展有限公司")], [COUNTERPARTY])
    assert refused.value.messages == [
        "与本事项当事人“贵州青山农业发展有限公司”存在委托代理/法律顾问关系（登记为“贵州青山农业发展有限公司”，持续中）"]


def test_a_redraw_is_a_new_record_naming_the_previous_one_and_its_reason():
    first = vector_record()
    with pytest.raises(DrawInputError, match="重新抽取必须书面说明理由"):
        redraw_request(first, "D-2026-0002", "", "王审核", DAY)
    again = draw(redraw_request(first, "D-2026-0002", "事项当事人补充了利害关系人", "王审核", DAY),
                 vector_pool(), [], [COUNTERPARTY, party(12, "成员2")], seed=SEED)
    asked = again.snapshot.request
    assert (asked.previous_record_id, asked.reason, asked.matter_id, asked.specialty) == (
        "D-2026-0001", "事项当事人补充了利害关系人", 7, "行政协议")
    assert replay(again).matches


def test_next_alternate_follows_the_ranking():
    record = vector_record()  # picks (2,), alternates (3, 7, 1, 4)
    assert next_alternate(record, {2}) == 3
    assert next_alternate(record, {2, 3}) == 7
    assert next_alternate(record, {2, 3, 7, 1}) == 4
    assert next_alternate(record, {2, 3, 7, 1, 4}) is None


def test_an_invitation_lapses_after_two_working_days_across_national_day_2026():
    cal = WorkingCalendar()
    # Invited on Wednesday 2026-09-30; 1-7 October is the holiday, so the days are 10-08 and 10-09.
    assert acceptance_due(cal, date(2026, 9, 30)) == date(2026, 10, 9)
    assert not acceptance_lapsed(cal, date(2026, 9, 30), date(2026, 10, 9))
    assert acceptance_lapsed(cal, date(2026, 9, 30), date(2026, 10, 10))


# --- properties ----------------------------------------------------------------------------------------------

_NAMES = ["贵州青山农业发展", "云南青山农业发展", "ABC科技", "张三"]
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "ABCabc"})


@st.composite
def written_names(draw_):
    base = draw_(st.sampled_from(_NAMES))
    name = base + ("" if base == "张三" else draw_(st.sampled_from(["", "有限公司", " 有限责任公司", "公司"])))
    return name.translate(_FULL_WIDTH) if draw_(st.booleans()) else name


@st.composite
def draws(draw_):
    """A random pool, register, matter and seed; returns (request, members, related, parties, seed)."""
    members = []
    for i in range(1, draw_(st.integers(1, 10)) + 1):
        firms = [m.id for m in members if m.kind is MemberKind.firm]
        is_firm = draw_(st.booleans())
        start = DAY + timedelta(days=draw_(st.integers(-800, 3)))
        members.append(member(
            i, kind=MemberKind.firm if is_firm else MemberKind.lawyer,
            status=draw_(st.sampled_from([MemberStatus.active] * 4 + [MemberStatus.suspended,
                                                                      MemberStatus.exited])),
            term=(start, start + timedelta(days=draw_(st.integers(0, 1100)))),
            load=draw_(st.integers(0, 4)), cap=draw_(st.integers(1, 4)),
            firm_id=None if is_firm or not firms else draw_(st.sampled_from([None, *firms])),
            specialties=draw_(st.sets(st.sampled_from(["行政协议", "征收拆迁"]))),
            last=draw_(st.none() | st.dates(DAY - timedelta(days=400), DAY)),
            drafted=draw_(st.sampled_from([False] * 6 + [True]))))
    register = [related(100 + j, draw_(st.integers(1, len(members))), draw_(written_names()),
                        end=draw_(st.none() | st.dates(DAY - timedelta(days=1500), DAY)),
                        kind=draw_(st.sampled_from(RelationKind)))
                for j in range(draw_(st.integers(0, 12)))]
    parties = [party(10 + j, draw_(written_names())) for j in range(draw_(st.integers(1, 3)))]
    asked = request(wanted=draw_(st.integers(1, 3)), specialty=draw_(st.sampled_from([None, "行政协议"])))
    return asked, members, register, parties, draw_(st.binary(min_size=16, max_size=32))


def conflicted_oracle(member_id, members, register, parties):
    """Pairwise, the slow obvious way: compare every related party with every matter party."""
    edge = date(DAY.year - 3, DAY.month, DAY.day)
    keys = {normalise_name(p.name) for p in parties}
    by_id = {m.id: m for m in members}

    def own(mid, engagement_only=False):
        m = by_id[mid]
        hits = [rp for rp in register if rp.member_id == mid and normalise_name(rp.party_name) in keys
                and (rp.end is None or rp.end >= edge)
                and (not engagement_only or rp.kind is RelationKind.client)]
        return m.drafted_matter or bool(hits)

    def firm_conflicted(fid):
        return own(fid) or any(own(m.id, engagement_only=True) for m in members if m.firm_id == fid)

    m = by_id[member_id]
    if m.kind is MemberKind.firm:
        return firm_conflicted(m.id)
    return own(m.id) or (m.firm_id is not None and firm_conflicted(m.firm_id))


@settings(max_examples=200, deadline=None)
@given(draws())
def test_a_draw_never_picks_an_ineligible_or_conflicted_member(case):
    asked, members, register, parties, seed = case
    record = draw(asked, members, register, parties, seed=seed)
    by_id = {m.id: m for m in members}
    excluded = {e.member_id for e in record.exclusions}
    for member_id in record.picks + record.alternates:
        m = by_id[member_id]
        assert member_id not in excluded
        assert m.status is MemberStatus.active and m.term_start <= DAY <= m.term_end
        assert m.open_load < m.load_cap
        assert not conflicted_oracle(member_id, members, register, parties)
    # and nobody eligible is left out of the ranking
    assert {r.member_id for r in record.ranking} == {
        m.id for m in members if m.status is MemberStatus.active and m.term_start <= DAY <= m.term_end
        and m.open_load < m.load_cap and not conflicted_oracle(m.id, members, register, parties)}


@settings(max_examples=150, deadline=None)
@given(draws())
def test_replay_matches_every_untouched_record_and_every_run_gives_the_same_picks(case):
    asked, members, register, parties, seed = case
    record = draw(asked, members, register, parties, seed=seed)
    assert replay(record) == replay(record.dumps()) and replay(record).matches
    assert make_record(record.snapshot, seed) == record
    assert DrawRecord.from_json(json.loads(record.dumps())) == record


@settings(max_examples=150, deadline=None)
@given(n=st.integers(3, 12), ahead=st.integers(0, 12),
       wanted=st.lists(st.integers(1, 12), min_size=1, max_size=15), seed=st.binary(min_size=16, max_size=32))
def test_sequential_draws_keep_the_spread_of_open_assignments_within_one(n, ahead, wanted, seed):
    """The bound proved in verify_draw.rank: equally eligible members, each pick adding one open assignment,
    no completions; the loads start within one of each other (the first `ahead` members one higher)."""
    loads = {i: 5 + (i <= ahead) for i in range(1, n + 1)}
    last: dict[int, date] = {}
    for j, k in enumerate(wanted):
        pool = [member(i, load=loads[i], cap=100, specialties=("行政协议",), last=last.get(i))
                for i in range(1, n + 1)]
        record = draw(request(record_id=f"D-{j}", wanted=k, specialty="行政协议"), pool, [], [], seed=seed)
        for i in record.picks:
            loads[i] += 1
            last[i] = date(2026, 1, 1) + timedelta(days=j)
        assert max(loads.values()) - min(loads.values()) <= 1
