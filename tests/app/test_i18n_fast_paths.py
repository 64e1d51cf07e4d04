"""The shortcuts taken for speed in review_app/i18n.py give what Flask-Babel gives."""
from datetime import datetime, timedelta, timezone

import flask_babel
import pytest

from review_app.i18n import datetimeformat, translations

MOMENTS = [datetime(2026, 11, 25, 23, 59, 58), datetime(2026, 12, 31, 16, 0, 1, tzinfo=timezone.utc),
           datetime(2027, 1, 1, 7, 5, tzinfo=timezone(timedelta(hours=-5)))]
PATTERNS = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "MM-dd HH:mm", "yyyy-MM-dd", "yyyy年M月d日", "MMMM d"]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_numeric_time_pattern_is_written_as_babel_writes_it_in_the_service_time_zone(app, lang):
    with app.test_request_context("/"):
        from flask import session
        session["lang"] = lang
        for moment in MOMENTS:
            for pattern in PATTERNS:
                assert datetimeformat(moment, pattern) == flask_babel.format_datetime(moment, pattern), pattern
        # Shanghai is UTC+8: 2026-12-31 16:00:01 UTC is past midnight there.
        assert datetimeformat(MOMENTS[1], "yyyy-MM-dd HH:mm") == "2027-01-01 00:00"


def test_each_request_reads_its_own_language_through_the_remembered_catalogue(app, client):
    """One client, Chinese, then English, then Chinese: the catalogue is remembered per request, not longer."""
    assert "Log in" not in client.get("/login").text
    client.get("/lang/en")
    assert "Log in" in client.get("/login").text
    client.get("/lang/zh_CN")
    assert "Log in" not in client.get("/login").text
    with app.test_request_context("/"):
        assert translations().ugettext("登录") == "登录"
