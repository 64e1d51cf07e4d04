"""Conflicts (回避), DESIGN.md §3 modelled on 政府采购法实施条例 Art. 9 ("前3年内"): a related party matching a matter
party within 3 years before the draw (the edge day inside: 民法典 Art. 1259), drafting, and the firm rules
(a firm's conflict excludes its lawyers; a lawyer's engagement is its firm's, 律师法 Art. 25)."""
from datetime import date

from experts.conflicts import Exclusion, Reason, RelationKind, conflict_window_start, find_conflicts
from experts.verify_draw import PartyRole, Rules
from tests.unit.experts_factories import DAY, firm, member, party, related

COUNTERPARTY = party(11, "贵州青山农业发展有限公司")


def conflicts(members, related_parties, parties=(COUNTERPARTY,), day=DAY, rules=Rules()):
    return sorted(find_conflicts(members, related_parties, parties, day, rules), key=Exclusion.sort_key)


def excluded_ids(*args, **kw):
    return {e.member_id for e in conflicts(*args, **kw)}


def test_names_written_differently_still_conflict_and_the_rows_are_named():
    pool = [member(1), member(2), member(3)]
    register = [related(101, 1, "贵州青山农业发展 有限责任公司"),
                related(102, 2, "ＡＢＣ科技有限公司"),
                related(103, 3, "云南青山农业发展有限公司")]
    found = conflicts(pool, register, (COUNTERPARTY, party(12, "ABC科技有限责任公司", PartyRole.affected)))
    assert [(e.member_id, e.reason, e.related_party_id, e.matter_party_id) for e in found] == [
        (1, Reason.related_party, 101, 11), (2, Reason.related_party, 102, 12)]
    assert found[0].detail == {"party": "贵州青山农业发展 有限责任公司", "matter_party": "贵州青山农业发展有限公司",
                               "relation": "client", "end": ""}


def test_three_year_edge_the_day_itself_is_inside():
    # Draw on 2026-11-20: relations ending on or after 2023-11-20 conflict.
    assert conflict_window_start(DAY) == date(2023, 11, 20)
    pool = [member(1), member(2), member(3), member(4)]
    register = [related(101, 1, "贵州青山农业发展有限公司", end=date(2023, 11, 21)),  # one day inside
                related(102, 2, "贵州青山农业发展有限公司", end=date(2023, 11, 20)),  # the edge day
                related(103, 3, "贵州青山农业发展有限公司", end=date(2023, 11, 19)),  # one day outside
                related(104, 4, "贵州青山农业发展有限公司", end=None)]                # ongoing
    assert excluded_ids(pool, register) == {1, 2, 4}


def test_three_year_edge_around_29_february():
    pool = [member(1), member(2)]
    # A draw on 2028-02-29 counts back to 2025-02-28 (no 29 February in 2025; 民法典 Art. 202).
    assert conflict_window_start(date(2028, 2, 29)) == date(2025, 2, 28)
    register = [related(101, 1, "贵州青山农业发展有限公司", end=date(2025, 2, 28)),
                related(102, 2, "贵州青山农业发展有限公司", end=date(2025, 2, 27))]
    assert excluded_ids(pool, register, day=date(2028, 2, 29)) == {1}
    # A relation that ended on 2024-02-29 conflicts on 2027-02-28 (edge 2024-02-28), not on 2027-03-01.
    ended_leap_day = [related(101, 1, "贵州青山农业发展有限公司", end=date(2024, 2, 29))]
    assert excluded_ids(pool, ended_leap_day, day=date(2027, 2, 28)) == {1}
    assert excluded_ids(pool, ended_leap_day, day=date(2027, 3, 1)) == set()


def test_a_relation_starting_after_the_draw_still_conflicts():
    register = [related(101, 1, "贵州青山农业发展有限公司", start=date(2027, 1, 1))]
    assert excluded_ids([member(1)], register) == {1}


def test_every_relation_kind_conflicts():
    pool = [member(i) for i in range(1, 5)]
    register = [related(100 + i, i, "贵州青山农业发展有限公司", kind=k)
                for i, k in enumerate(RelationKind, start=1)]
    assert excluded_ids(pool, register) == {1, 2, 3, 4}


def test_a_firms_conflict_excludes_its_lawyers_only():
    pool = [firm(1), member(2, firm_id=1), member(3, firm_id=1), firm(4), member(5, firm_id=4), member(6)]
    found = conflicts(pool, [related(101, 1, "贵州青山农业发展有限公司", kind=RelationKind.ownership)])
    assert [(e.member_id, e.reason, e.related_party_id, e.matter_party_id, e.via_member_id) for e in found] == [
        (1, Reason.related_party, 101, 11, None),
        (2, Reason.firm_conflict, 101, 11, 1),
        (3, Reason.firm_conflict, 101, 11, 1)]


def test_a_lawyers_client_engagement_is_its_firms_lawyers_law_art_25():
    pool = [firm(1), member(2, firm_id=1), member(3, firm_id=1), member(4)]
    found = conflicts(pool, [related(101, 2, "贵州青山农业发展有限公司", kind=RelationKind.client)])
    assert [(e.member_id, e.reason, e.via_member_id) for e in found] == [
        (1, Reason.lawyer_engagement, 2), (2, Reason.related_party, None), (3, Reason.firm_conflict, 1)]
    assert all((e.related_party_id, e.matter_party_id) == (101, 11) for e in found)


def test_a_lawyers_personal_tie_does_not_exclude_its_firm():
    pool = [firm(1), member(2, firm_id=1), member(3, firm_id=1)]
    for kind in (RelationKind.family, RelationKind.ownership, RelationKind.opponent):
        assert excluded_ids(pool, [related(101, 2, "贵州青山农业发展有限公司", kind=kind)]) == {2}


def test_the_firm_rule_for_engagements_can_be_switched_off():
    pool = [firm(1), member(2, firm_id=1), member(3, firm_id=1)]
    register = [related(101, 2, "贵州青山农业发展有限公司")]
    assert excluded_ids(pool, register, rules=Rules(engagement_binds_firm=False)) == {2}


def test_drafting_the_matter_excludes_and_binds_the_firm():
    pool = [firm(1), member(2, firm_id=1, drafted=True), member(3, firm_id=1), member(4, drafted=True)]
    found = conflicts(pool, [])
    assert [(e.member_id, e.reason, e.via_member_id) for e in found] == [
        (1, Reason.lawyer_engagement, 2), (2, Reason.drafted_matter, None), (3, Reason.firm_conflict, 1),
        (4, Reason.drafted_matter, None)]
    assert all(e.related_party_id is None and e.matter_party_id is None for e in found)


def test_unrelated_names_do_not_conflict():
    register = [related(101, 1, "贵州青山农业"), related(102, 1, "青山农业发展有限公司")]
    assert excluded_ids([member(1)], register) == set()
