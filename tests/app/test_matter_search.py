"""Title search finds the same matters on SQLite and PostgreSQL (letters in either case, `%` and `_` as
typed), and at a million matters it is served by the trigram index (EXPLAIN on PostgreSQL)."""
from datetime import date

import pytest
import sqlalchemy as sa

from review_app.extensions import db
from review_app.matters import operations as mops
from review_app.matters.queries import MatterFilter, search
from review_app.models import Matter, User
from tests import pipeline
from workflows.review import Category

TITLES = ["西湾PPP项目投资合作协议", "城南片区ppp项目补充协议", "绿化覆盖率100%的实施方案", "覆盖率1000的测算",
          "a_b字段说明", "axb字段说明", "关于规范城区临时占道经营管理的通知"]


@pytest.fixture
def titled(app, cast):
    """The cast's submitter's matters with TITLES; returns the submitter's username."""
    with app.test_request_context():
        clerk = db.session.scalar(sa.select(User).where(User.username == cast["submitter"]))
        for title in TITLES:
            mops.create_matter(clerk, Category.agreement, pipeline.fields(title=title, counterparties="某公司"))
        db.session.commit()
    return cast["submitter"]


def _found(app, username: str, text: str) -> set[str]:
    with app.test_request_context():
        user = db.session.scalar(sa.select(User).where(User.username == username))
        rows, _next = search(user, MatterFilter(q=text, limit=100), date(2026, 11, 25))
        return {m.title for m in rows}


@pytest.mark.parametrize("text, expected", [
    ("ppp项目", {"西湾PPP项目投资合作协议", "城南片区ppp项目补充协议"}),
    ("PPP", {"西湾PPP项目投资合作协议", "城南片区ppp项目补充协议"}),
    ("100%", {"绿化覆盖率100%的实施方案"}),
    ("a_b", {"a_b字段说明"}),
    ("  临时占道  ", {"关于规范城区临时占道经营管理的通知"}),
    ("占道经营管理的通知书", set()),
])
def test_title_search_is_the_same_on_both_databases(app, titled, text, expected):
    assert _found(app, titled, text) == expected


def test_title_search_in_the_list_page_and_the_api_agree(app, titled):
    from tests.factories import as_user
    client = as_user(app, titled)
    page = client.get("/matters/?q=ppp").get_data(as_text=True)
    assert "西湾PPP项目投资合作协议" in page and "城南片区ppp项目补充协议" in page and "a_b字段说明" not in page


def test_title_search_uses_the_trigram_index_at_scale(app, backend, titled):
    if backend != "postgresql":
        pytest.skip("query plans are PostgreSQL's")
    with app.test_request_context():
        user = db.session.scalar(sa.select(User).where(User.username == titled))
        matter = db.session.scalar(sa.select(Matter).where(Matter.created_by_id == user.id).limit(1))
        # 60,000 titles of the same district: the planner's statistics see a table worth an index.
        db.session.execute(sa.text("""
            INSERT INTO matters (district_id, category, title, summary, legal_basis, counterparties,
                                 contact_name, contact_phone, department_id, created_by_id, status, signed_off, too_close,
                                 created_at, updated_at, version)
            SELECT :district, 'agreement', '第' || g || '号片区改造项目协议', '', '', '', '', '', :department,
                   :user, 'draft', false, false, now(), now(), 1
            FROM generate_series(1, 60000) AS g"""),
            {"district": matter.district_id, "department": matter.department_id, "user": user.id})
        db.session.execute(sa.text("ANALYZE matters"))
        from review_app.matters.policy import visible
        from review_app.matters.queries import title_matches
        q = sa.select(Matter.id).where(visible(user), title_matches("西湾PPP")).order_by(
            Matter.id.desc()).limit(31)
        sql = str(q.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(db.session.scalars(sa.text("EXPLAIN " + sql)))
    assert "ix_matters_title_trgm" in plan, plan
