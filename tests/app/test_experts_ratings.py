"""Ratings and the annual assessment: an unrated opinion past 2 working days is on the reviewer's home page;
grades, flags and the one-vote veto on the assessment page and its Excel export; renewal follows the grade;
the fairness page compares assignments with an even share."""
import io
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from experts.ratings import Veto
from review_app.experts_admin import operations as roster
from review_app.experts_pool import operations as ops
from review_app.experts_pool import opinions
from review_app.extensions import db
from review_app.models import Assignment, DrawRecord, User
from review_app.operations import OperationError
from tests import factories, pool

SEED = bytes(range(32))


def _consult(w, matter, expert, overall="总体合法。"):
    """A designated adviser accepts and submits an opinion with one comment."""
    row = ops.designate(w.reviewer, matter, [expert.id], "熟悉该领域")
    a = db.session.scalar(sa.select(Assignment).where(Assignment.draw_id == row.id))
    ops.accept(w.adviser(expert), a, a.version, no_conflict=True)
    opinions.save(w.adviser(expert), a, None, overall, "", "", [opinions.CommentInput("第一条", "建议删除")], True)
    return a


@pytest.fixture
def w(app, monkeypatch):
    """The pool, built inside a request context; a test leaves it (w.ctx.pop()) before using a client."""
    app.config["REQUIRE_TOTP"] = False
    pool.freeze(monkeypatch)
    ctx = app.test_request_context()
    ctx.push()
    world = pool.build(lawyers=4)
    world.ctx = ctx
    yield world
    if ctx in _pushed():
        ctx.pop()


def _pushed():
    from flask.globals import _cv_request
    current = _cv_request.get(None)
    return [current] if current is not None else []


def client_for(app, w, username):
    """A logged-in client, after the test's request context is left (its data committed)."""
    db.session.commit()
    w.ctx.pop()
    client = app.test_client()
    assert factories.login(client, username).status_code == 302
    return client


text = factories.squeezed


def test_an_opinion_unrated_after_two_working_days_is_on_the_reviewers_home(app, w, monkeypatch):
    matter = pool.matter_at_bureau(w)
    a = _consult(w, matter, w.lawyers[2])  # submitted Wednesday 25 November: rate by Friday 27
    assert opinions.due_for_rating(a) == date(2026, 11, 27)
    pool.freeze(monkeypatch, date(2026, 11, 27))
    assert opinions.overdue_ratings(w.reviewer) == []
    pool.freeze(monkeypatch, date(2026, 11, 30))
    assert opinions.overdue_ratings(w.reviewer) == [a]
    a_id, reviewer_id, name = a.id, w.reviewer.id, w.lawyers[2].name
    page = text(client_for(app, w, w.reviewer.username).get("/"))
    assert "法律顾问意见逾期未评价" in page and name in page
    with app.test_request_context():
        a, reviewer = db.session.get(Assignment, a_id), db.session.get(User, reviewer_id)
        opinions.rate(reviewer, a, 90, 85, 80)
        assert opinions.overdue_ratings(reviewer) == []
        with pytest.raises(OperationError) as e:
            opinions.rate(reviewer, a, 90, 85, 80)
        assert e.value.status == 409


def test_grades_flags_and_the_one_vote_veto(app, w):
    good, poor = w.lawyers[2], w.lawyers[3]
    for expert, score in ((good, 95), (poor, 50)):
        a = _consult(w, pool.matter_at_bureau(w), expert)
        opinions.rate(w.reviewer, a, score, score, score)
    vetoed = w.lawyers[1]
    roster.record_finding(w.reviewer, vetoed, 2026, Veto.undeclared_conflict, "曾代理相对方而未申报回避")
    with pytest.raises(OperationError) as e:
        roster.renew(w.reviewer, vetoed, vetoed.version, date(2030, 12, 31), "续聘")
    assert e.value.message == "2026年度考核为“不称职”，不予续聘"
    good, poor = (good.id, good.name), (poor.id, poor.name)
    client = client_for(app, w, w.reviewer.username)
    page = text(client.get("/advisers/assessment"))
    assert "优秀" in page and "建议复核是否解聘" in page and "不称职" in page
    data = client.get("/advisers/assessment.xlsx").data
    ws = load_workbook(io.BytesIO(data)).active
    rows = {r[2]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows[good[1]][8] == "优秀" and rows[poor[1]][7] == "建议复核是否解聘" and rows[poor[1]][10] == "否"
    r = client.post("/advisers/assessment/findings",
                    data={"expert_id": good[0], "veto": "undeclared_conflict", "year": "2026", "note": ""})
    assert r.status_code == 400 and "请写明认定的事实" in text(r)
    r = client.post("/advisers/assessment/findings", data={
        "expert_id": good[0], "veto": "confidentiality_breach", "year": "2026", "note": "泄露送审稿内容"})
    assert r.status_code == 302
    assert "泄露审核事项秘密" in text(client.get("/advisers/assessment"))


def test_the_fairness_page_shows_each_members_share(app, w):
    matter, firm = pool.matter_at_bureau(w), w.firm.name
    ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    # Drawn at 00:30 on the (frozen) 25 November in Shanghai, which is still the 24th in UTC.
    record = db.session.scalar(sa.select(DrawRecord).where(DrawRecord.matter_id == matter.id))
    record.drawn_at = datetime(2026, 11, 24, 16, 30, tzinfo=timezone.utc)
    db.session.commit()
    client = client_for(app, w, w.reviewer.username)
    page = text(client.get("/advisers/fairness"))
    assert "期内随机抽取 1 次" in page and firm in page and "均分应得" in page


def test_the_fairness_period_is_counted_in_local_days(app, w):
    matter = pool.matter_at_bureau(w)
    ops.draw_advisers(w.reviewer, matter, 1, seed=SEED)
    record = db.session.scalar(sa.select(DrawRecord).where(DrawRecord.matter_id == matter.id))
    record.drawn_at = datetime(2026, 11, 24, 16, 30, tzinfo=timezone.utc)  # 2026-11-25 00:30 in Shanghai
    db.session.commit()
    client = client_for(app, w, w.reviewer.username)
    assert "期内随机抽取 1 次" in text(client.get("/advisers/fairness?from=2026-11-25&to=2026-11-25"))
    assert "期内随机抽取 0 次" in text(client.get("/advisers/fairness?from=2026-11-24&to=2026-11-24"))
