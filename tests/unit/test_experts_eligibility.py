"""Hard filters on the draw date (DESIGN.md §3): active, within term (both ends included), no conflict, open
assignments below the load cap; every exclusion with its reason, Chinese message and source."""
from datetime import date, timedelta

from experts.eligibility import REASONS, assess
from experts.verify_draw import MemberStatus, Reason
from tests.unit.experts_factories import DAY, firm, member, party, related

ONE_DAY = timedelta(days=1)


def reasons(result, member_id):
    return [(e.reason, e.message) for e in result.reasons_for(member_id)]


def test_suspended_and_exited_members_are_excluded():
    result = assess([member(1, status=MemberStatus.suspended), member(2, status=MemberStatus.exited), member(3)],
                    [], [], DAY)
    assert [m.id for m in result.eligible] == [3]
    assert reasons(result, 1) == [(Reason.suspended, "暂停履职期间不参与抽取")]
    assert reasons(result, 2) == [(Reason.exited, "已退出专家库")]


def test_term_not_started_or_ended_on_the_draw_date_both_ends_included():
    pool = [member(1, term=(DAY + ONE_DAY, date(2028, 1, 1))),
            member(2, term=(date(2024, 1, 1), DAY - ONE_DAY)),
            member(3, term=(DAY, date(2028, 1, 1))),
            member(4, term=(date(2024, 1, 1), DAY))]
    result = assess(pool, [], [], DAY)
    assert [m.id for m in result.eligible] == [3, 4]
    assert reasons(result, 1) == [(Reason.term_not_started, "聘期自 2026-11-21 起，抽取日尚未开始")]
    assert reasons(result, 2) == [(Reason.term_ended, "聘期已于 2026-11-19 届满")]


def test_load_cap_reached_excludes_one_below_does_not():
    result = assess([member(1, load=3, cap=3), member(2, load=2, cap=3), member(3, load=0, cap=0)], [], [], DAY)
    assert [m.id for m in result.eligible] == [2]
    assert reasons(result, 1) == [(Reason.load_cap_reached, "在办任务 3 件，已达上限 3 件")]


def test_every_reason_of_a_member_is_listed_in_order():
    pool = [member(1, status=MemberStatus.suspended, term=(date(2022, 1, 1), date(2024, 12, 31)), load=3)]
    result = assess(pool, [related(101, 1, "贵州青山农业发展有限公司", end=date(2024, 6, 30))],
                    [party(11, "贵州青山农业发展 有限责任公司")], DAY)
    assert [r for r, _ in reasons(result, 1)] == [Reason.suspended, Reason.term_ended, Reason.related_party,
                                                  Reason.load_cap_reached]
    assert reasons(result, 1)[2][1] == ("与本事项当事人“贵州青山农业发展 有限责任公司”存在委托代理/法律顾问关系"
                                        "（登记为“贵州青山农业发展有限公司”，至 2024-06-30）")


def test_conflict_messages_name_the_firm_and_the_lawyer():
    pool = [firm(1, name="贵州黔正律师事务所"), member(2, firm_id=1, name="李律师"), member(3, firm_id=1)]
    result = assess(pool, [related(101, 2, "贵州青山农业发展有限公司")], [party(11, "贵州青山农业发展有限公司")], DAY)
    assert result.eligible == ()
    assert reasons(result, 1) == [(Reason.lawyer_engagement, "本所律师李律师因与当事人存在委托关系需回避，律师事务所一并回避")]
    assert reasons(result, 3) == [(Reason.firm_conflict, "所属律师事务所贵州黔正律师事务所需回避")]
    assert reasons(result, 2)[0][1].endswith("（登记为“贵州青山农业发展有限公司”，持续中）")


def test_every_reason_has_a_message_and_a_source():
    assert set(REASONS) == set(Reason)
    assert all(info.label and info.message and info.source for info in REASONS.values())
