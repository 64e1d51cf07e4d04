"""The bureau's board in Chromium against the known data set (tests/board_data.py): the annual sentence of the
seeded year with 117 agreements, 12 decision documents, 7 normative documents and 70 opinion requests; the
figures and charts; a figure drilled down to its list; nothing fetched from anywhere but the app; the board
printed on A4 (print stylesheet, PDF); at 390 px wide; in English; and a department's own board.
Screenshots: test-artifacts/board-*.png."""
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests import board_data, ledger
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_journey import Person

pytestmark = pytest.mark.browser
TODAY = date(2026, 9, 10)


def shot(person, name):
    ARTIFACTS.mkdir(exist_ok=True)
    person.page.screenshot(path=str(ARTIFACTS / f"board-{name}-{person.backend}.png"), full_page=True)


def test_the_board_of_the_seeded_year(app, live_server, browser, backend, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        s = board_data.seed(TODAY)
        bureau_name, finance_name = s.reviewer.username, s.finance.username

    bureau = Person(browser, live_server, backend, bureau_name)
    pg = bureau.page
    outside = []
    pg.on("request", lambda r: None if r.url.startswith(live_server) else outside.append(r.url))
    bureau.submit(pg.get_by_role("link", name="工作看板"))
    pg.get_by_label("年度", exact=True).select_option(label="2023年")
    bureau.submit(pg.get_by_role("button", name="筛选", exact=True))
    expect(pg.locator(".annual-sentence")).to_have_text(board_data.SENTENCE)
    expect(pg.locator("[data-figure=coverage] .figure-value")).to_have_text("80%")
    expect(pg.locator("[data-figure=on_time] .figure-value")).to_have_text("94.2%")
    expect(pg.locator("[data-figure=overdue] .figure-value")).to_have_text("2")
    expect(pg.locator("svg.board-chart")).to_have_count(7)
    # The charts' bars are hatched and labelled with their values (readable in black and white).
    assert pg.locator("svg.board-chart pattern").count() >= 1
    expect(pg.locator("#volumes svg.board-chart text").filter(has_text="117")).to_have_count(1)
    shot(bureau, "district")

    # A figure drills down to the list behind it.
    bureau.submit(pg.locator("[data-figure=unreviewed]"))
    expect(pg.locator("h1")).to_have_text("未经合法性审核的决策事项")
    expect(pg.locator(".board-list tbody tr")).to_have_count(3)
    expect(pg.locator(".board-list")).to_contain_text("议题临时增加")
    shot(bureau, "drill-down")
    pg.go_back()

    # Printed on A4: the navigation and filters go, the filters in words stay; the PDF has A4 pages.
    pg.emulate_media(media="print")
    expect(pg.locator("nav.navbar")).to_be_hidden()
    expect(pg.locator(".board-filters")).to_be_hidden()
    expect(pg.locator(".print-only")).to_contain_text("2023年")
    shot(bureau, "print")
    pdf = pg.pdf(prefer_css_page_size=True)
    (ARTIFACTS / f"board-print-{backend}.pdf").write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.9) < 2 and abs(float(h) - 842.9) < 2 for w, h in boxes)
    pg.emulate_media(media="screen")

    # In English.
    bureau.submit(pg.get_by_role("link", name="English"))
    expect(pg.locator(".annual-sentence")).to_have_text(
        "In 2023, the bureau reviewed 117 key-project agreements, 12 administrative decision documents, "
        "7 normative documents, handled 70 legal-opinion requests.")
    expect(pg.locator("h1")).to_contain_text("Board")
    shot(bureau, "english")
    assert outside == []

    # At 390 px: nothing wider than the screen but the tables, which scroll in their own box.
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844},
                                storage_state=bureau.context.storage_state())
    small = phone.new_page()
    small.goto(live_server + "/board/?year=2023")
    expect(small.locator(".annual-sentence")).to_contain_text("117")
    assert small.evaluate("document.documentElement.scrollWidth") <= 390
    small.screenshot(path=str(ARTIFACTS / f"board-390px-{backend}.png"), full_page=True)
    phone.close()

    # A department sees the same board for its own rows.
    finance = Person(browser, live_server, backend, finance_name)
    finance.open("/board/?year=2023")
    expect(finance.page.locator(".annual-sentence")).to_have_text("2023年来,共计审核规范性文件7件。")
    expect(finance.page.locator("#department_id")).to_have_count(0)
    shot(finance, "department")
