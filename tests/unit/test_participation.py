"""Public participation in a major decision (Decree 713 Art. 14, 15, 19): what the bureau should raise."""
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from workflows.participation import (COMMENT_DAYS, HEARING_NOTICE_DAYS, Participation, ParticipationError,
                                     check_dates, comment_days, findings)


def codes(p):
    return [f.code for f in findings(p)]


def test_nothing_recorded_is_raised_under_article_14():
    assert codes(None) == ["no_comment"]
    assert "第十四条" in findings(None)[0].article


def test_a_matter_not_made_public_by_law_needs_no_comment_period():
    assert codes(Participation(not_public_reason="涉及国家秘密")) == []


def test_thirty_days_counted_from_the_day_after_publication():
    # published 1 October, closing 31 October: 30 days, the day of publication not counted
    ok = Participation(comment_published_on=date(2026, 10, 1), comment_closes_on=date(2026, 10, 31))
    assert comment_days(ok) == COMMENT_DAYS and codes(ok) == []
    short = Participation(comment_published_on=date(2026, 10, 1), comment_closes_on=date(2026, 10, 30))
    [finding] = findings(short)
    assert finding.code == "comment_short" and finding.params == {"n": 29, "min": 30}
    assert "第十五条" in finding.article


def test_a_shorter_period_with_its_reason_stated_is_not_raised():
    p = Participation(comment_published_on=date(2026, 10, 1), comment_closes_on=date(2026, 10, 11),
                      shortened_reason="防汛抢险，情况紧急")
    assert codes(p) == []


def test_hearing_materials_seven_days_before_the_hearing():
    base = dict(comment_published_on=date(2026, 9, 1), comment_closes_on=date(2026, 10, 8))
    on_time = Participation(**base, hearing_on=date(2026, 10, 15), hearing_materials_on=date(2026, 10, 8))
    assert codes(on_time) == []
    late = Participation(**base, hearing_on=date(2026, 10, 15), hearing_materials_on=date(2026, 10, 9))
    assert codes(late) == ["hearing_notice_short"] and findings(late)[0].params == {"n": 6, "min": 7}
    unknown = Participation(**base, hearing_on=date(2026, 10, 15))
    assert codes(unknown) == ["hearing_no_materials"]


@pytest.mark.parametrize("p", [
    Participation(comment_published_on=date(2026, 10, 1)),
    Participation(comment_closes_on=date(2026, 10, 1)),
    Participation(comment_published_on=date(2026, 10, 1), comment_closes_on=date(2026, 10, 1)),
    Participation(hearing_materials_on=date(2026, 10, 1)),
    Participation(hearing_on=date(2026, 10, 1), hearing_materials_on=date(2026, 10, 2)),
])
def test_dates_that_cannot_be_true_are_refused(p):
    with pytest.raises(ParticipationError):
        check_dates(p)


days = st.integers(min_value=1, max_value=120)


@given(days, st.booleans(), days, st.integers(min_value=0, max_value=30))
def test_raised_exactly_when_a_period_falls_short(comment, with_hearing, gap_to_hearing, notice):
    start = date(2026, 1, 1)
    hearing = start + timedelta(days=gap_to_hearing + notice) if with_hearing else None
    p = Participation(comment_published_on=start, comment_closes_on=start + timedelta(days=comment),
                      hearing_on=hearing, hearing_materials_on=hearing - timedelta(days=notice) if hearing else None)
    check_dates(p)
    got = set(codes(p))
    assert ("comment_short" in got) == (comment < COMMENT_DAYS)
    assert ("hearing_notice_short" in got) == (with_hearing and notice < HEARING_NOTICE_DAYS)
