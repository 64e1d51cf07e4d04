"""The roster's operations: members with specialties from the district's list, a lawyer in a pool firm, status
changes and renewals with reason and date in the member's history, and the register of related parties."""
from datetime import date

import pytest
import sqlalchemy as sa

from experts.verify_draw import RelationKind
from review_app.experts_admin import operations as roster
from review_app.extensions import db
from review_app.models import (AuditEvent, ChangeKind, EnteredBy, Expert, ExpertKind, ExpertStatus,
                               RelatedPartyRow)
from review_app.operations import OperationError
from tests import pool


@pytest.fixture
def w(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    pool.freeze(monkeypatch)
    with app.test_request_context():
        yield pool.build()


def fields(**kw):
    base = dict(kind=ExpertKind.lawyer, name="新律师", licence_no="NEW-0001", specialties=["行政法"],
                term_start=date(2026, 1, 1), term_end=date(2027, 12, 31))
    return roster.MemberFields(**{**base, **kw})


def test_the_bureau_adds_a_lawyer_of_a_pool_firm_with_listed_specialties(w):
    e = roster.create_member(w.reviewer, w.reviewer.district_id, fields(firm_id=w.firm.id, load_cap=2))
    assert e.firm_id == w.firm.id and e.specialty_names == ["行政法"] and e.load_cap == 2
    assert [(h.kind, h.status) for h in e.history] == [(ChangeKind.added, ExpertStatus.active)]
    assert db.session.scalar(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc())) == "expert.create"


def test_a_specialty_not_on_the_list_is_refused_and_nothing_is_stored(w):
    before = pool.count(Expert)
    with pytest.raises(OperationError) as e:
        roster.create_member(w.reviewer, w.reviewer.district_id, fields(specialties=["星际法"]))
    assert "专业领域不在名录中：星际法" in e.value.message
    assert pool.count(Expert) == before


def test_a_term_longer_than_three_years_is_refused(w):
    with pytest.raises(OperationError) as e:
        roster.create_member(w.reviewer, w.reviewer.district_id, fields(term_end=date(2029, 12, 31)))
    assert e.value.message == "聘期应为 1 至 3 年"


def test_an_adviser_may_not_keep_the_roster(w):
    adviser = w.adviser(w.lawyers[0])
    with pytest.raises(OperationError) as e:
        roster.create_member(adviser, adviser.district_id, fields())
    assert e.value.status == 403


def test_suspend_and_exit_need_a_reason_and_are_kept_in_the_history(w):
    e = w.lawyers[2]
    with pytest.raises(OperationError) as refused:
        roster.change_status(w.reviewer, e, e.version, ChangeKind.suspended, "  ")
    assert refused.value.message == "请写明理由" and e.status is ExpertStatus.active
    roster.change_status(w.reviewer, e, e.version, ChangeKind.suspended, "正在接受律协调查", date(2026, 11, 20))
    roster.change_status(w.reviewer, e, e.version, ChangeKind.exited, "调查结论：违反执业纪律")
    assert e.status is ExpertStatus.exited
    assert [(h.kind, h.reason, h.effective_on) for h in e.history][1:] == [
        (ChangeKind.suspended, "正在接受律协调查", date(2026, 11, 20)),
        (ChangeKind.exited, "调查结论：违反执业纪律", pool.TODAY)]
    with pytest.raises(OperationError) as again:
        roster.change_status(w.reviewer, e, e.version, ChangeKind.reinstated, "误会")
    assert again.value.status == 409


def test_renewal_sets_a_new_term_of_one_to_three_years(w):
    e = w.lawyers[3]
    roster.renew(w.reviewer, e, e.version, date(2030, 12, 31), "年度考核称职，续聘")
    assert (e.term_start, e.term_end) == (date(2028, 1, 1), date(2030, 12, 31))
    assert e.history[-1].kind is ChangeKind.renewed and e.history[-1].term_end == date(2030, 12, 31)


def test_the_member_declares_its_own_related_party_and_the_bureau_enters_one(w):
    e = w.lawyers[0]
    mine = roster.add_related_party(w.adviser(e), e, RelationKind.client, "贵州青山农业发展有限公司",
                                    date(2024, 1, 1), None)
    theirs = roster.add_related_party(w.reviewer, e, RelationKind.opponent, "某某建设公司", None, date(2025, 3, 1))
    assert (mine.entered_by, theirs.entered_by) == (EnteredBy.member, EnteredBy.bureau)
    other = w.lawyers[1]
    with pytest.raises(OperationError) as refused:
        roster.add_related_party(w.adviser(e), other, RelationKind.client, "某公司", None, None)
    assert refused.value.status == 404
    assert pool.count(RelatedPartyRow) == 2
