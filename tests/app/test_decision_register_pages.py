"""The decision register's pages by keyset: following "下一页" from the first page shows every decision once, in
the register's order (meeting date, then entry, newest first), "上一页" shows the page before again, an old link
with only a page number still works, and the year filter offers exactly the years with decisions."""
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from review_app.decisions.views import PAGE_SIZE
from review_app.extensions import db
from review_app.models import Decision, User
from tests.factories import as_user
from workflows.review import Category


@pytest.fixture
def register(app, cast):
    """130 gaps on 40 meeting days (several a day) in 2024 and 2026; returns their ids in register order."""
    with app.app_context():
        officer = db.session.scalar(sa.select(User).where(User.username == cast["officer"]))
        for i in range(130):
            day = date(2024, 3, 1) + timedelta(days=i // 4 * 7) if i < 60 else date(2026, 1, 5) + timedelta(
                days=i // 5)
            db.session.add(Decision(district_id=officer.district_id, meeting_name=f"第{i}次常务会议",
                                    meeting_date=day, title=f"议题{i:03d}", category=Category.major_decision,
                                    unreviewed_reason="临时动议", recorded_by_id=officer.id))
        db.session.commit()
        rows = db.session.execute(sa.select(Decision.id).where(Decision.district_id == officer.district_id)
                                  .order_by(Decision.meeting_date.desc(), Decision.id.desc())).scalars().all()
    return rows


def _ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'id="decision-(\d+)"', html)]


def _link(html: str, label: str) -> str | None:
    m = re.search(r'<a class="page-link" href="([^"]+)">' + label, html)
    return m.group(1).replace("&amp;", "&") if m else None


def test_next_links_walk_the_register_once_in_order_and_previous_goes_back(app, cast, register):
    client = as_user(app, cast["officer"])
    html = client.get("/decisions/").get_data(as_text=True)
    assert "共 130 项，其中未经合法性审核 130 项" in html
    seen, pages = _ids(html), [_ids(html)]
    while (nxt := _link(html, "下一页")) is not None:
        assert "after=" in nxt  # a keyset boundary, not an offset
        html = client.get(nxt).get_data(as_text=True)
        pages.append(_ids(html))
        seen += pages[-1]
    assert seen == register and len(pages) == (130 + PAGE_SIZE - 1) // PAGE_SIZE
    assert "第 3 / 3 页" in html
    back = client.get(_link(html, "上一页")).get_data(as_text=True)
    assert _ids(back) == pages[-2] and "第 2 / 3 页" in back


def test_a_bare_page_number_still_opens_that_page(app, cast, register):
    html = as_user(app, cast["officer"]).get("/decisions/?page=2").get_data(as_text=True)
    assert _ids(html) == register[PAGE_SIZE:2 * PAGE_SIZE]


def test_year_filter_offers_the_years_with_decisions_and_a_malformed_boundary_is_ignored(app, cast, register):
    client = as_user(app, cast["officer"])
    html = client.get("/decisions/").get_data(as_text=True)
    assert re.findall(r'<option value="(\d{4})"', html) == ["2026", "2024"]
    html = client.get("/decisions/?after=yesterday.x").get_data(as_text=True)
    assert _ids(html) == register[:PAGE_SIZE]
