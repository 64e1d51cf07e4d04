"""Chinese numerals as article and item numbers are written (第一百零五条, 第５条, （十二）)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflows.clauses import clause_label
from workflows.numerals import chinese_number, chinese_numeral


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("二十三", 23), ("一百", 100), ("一百零五", 105),
    ("一百一十", 110), ("一百一十五", 115), ("一百二十三", 123), ("九百九十九", 999), ("一千零一十", 1010),
    ("一千零五十", 1050), ("二千零六", 2006), ("〇", 0), ("一〇五", 105), ("二〇二六", 2026),
    ("5", 5), ("５", 5), ("１２", 12), ("105", 105),
])
def test_reads_formal_numerals_and_both_digit_widths(text, value):
    assert chinese_numeral(text) == value


@pytest.mark.parametrize("text", [
    "", "两", "两百", "百", "十十", "一二十", "一百五", "一百零", "一百零十", "一百零一十", "一千五十", "十百", "〇五", "第五",
])
def test_refuses_spoken_ambiguous_and_malformed_forms(text):
    # 一百五 is spoken for 150 but could be read 105; 两 is not written in article numbers.
    with pytest.raises(ValueError):
        chinese_numeral(text)


@pytest.mark.parametrize("n, text", [
    (1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (105, "一百零五"), (110, "一百一十"), (115, "一百一十五"),
    (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"),
])
def test_writes_the_formal_form(n, text):
    assert chinese_number(n) == text


@pytest.mark.parametrize("n", [0, -3, 10000])
def test_writes_only_one_to_9999(n):
    with pytest.raises(ValueError):
        chinese_number(n)


def test_clause_label():
    assert clause_label(5) == "第五条"
    assert clause_label(123) == "第一百二十三条"


@settings(max_examples=300)
@given(st.integers(min_value=1, max_value=9999))
def test_writing_then_reading_gives_the_number_back(n):
    assert chinese_numeral(chinese_number(n)) == n
