"""The English catalogue is complete, keeps every placeholder, and is what the app serves after /lang/en.

A new UI string that is extracted (`make messages`) but left untranslated fails here.
"""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")

# %(name)s, %(n)d, %(x).2f … and a literal %%.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%%")


def _catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="en")


def _messages():
    return [m for m in _catalog() if m.id]


def _as_tuple(value):
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


def test_catalogue_is_not_empty():
    assert len(_messages()) > 100


@pytest.mark.parametrize("message", _messages(), ids=lambda m: _as_tuple(m.id)[0][:40])
def test_every_message_is_translated_with_the_same_placeholders(message):
    ids = _as_tuple(message.id)
    strings = _as_tuple(message.string)
    assert "fuzzy" not in message.flags, f"fuzzy entry: {ids[0]!r}"
    assert len(strings) >= len(ids), f"missing plural forms: {ids[0]!r}"
    # msgid_plural carries the same placeholders as msgid; compare every form against the singular's set
    # plus the plural's (a singular form may legitimately omit the count).
    expected = set().union(*(_placeholders(i) for i in ids))
    for s in strings:
        assert s and s.strip(), f"untranslated: {ids[0]!r}"
        if len(ids) == 1:
            assert _placeholders(s) == expected, f"placeholders differ in {ids[0]!r}: {s!r}"
        else:
            assert _placeholders(s) <= expected, f"unknown placeholder in {ids[0]!r}: {s!r}"


def test_login_page_in_english(client):
    assert MO.exists(), "compile the catalogues first: make translations"
    resp = client.get("/lang/en")
    assert resp.status_code in (301, 302, 303)
    resp = client.get("/login")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert 'lang="en"' in html
    assert "Log in" in html
    assert "Username" in html and "Password" in html
    assert "登录" not in html
