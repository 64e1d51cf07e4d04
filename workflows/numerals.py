"""Numbers as Chinese drafts write them: 第一百零五条, 第５条, （十二）, 二〇二六.

Only the formal written forms are read, so that a number is never guessed: 一百一十 and 一百零五, not the spoken
一百一 or 一百五 (which could mean 110 or 101, 150 or 105). 两 is not used in article or item numbers and is
refused; 〇 and 零 are both accepted. Arabic digits may be half-width (5) or full-width (５).
"""

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
_WRITE = "零一二三四五六七八九"
MAX_NUMBER = 9999


def chinese_numeral(text: str) -> int:
    """The value of `text`: Arabic digits, digit-by-digit Chinese (一〇五) or Chinese with units (一百零五)."""
    text = text.strip()
    if text.isdecimal():  # int() reads full-width digits as well
        return int(text)
    if not text or any(c not in NUMERAL_CHARS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(c in UNITS for c in text):
        if len(text) > 1 and text[0] in "零〇":
            raise ValueError(f"leading zero: {text!r}")
        return int("".join(str(DIGITS[c]) for c in text))
    return _with_units(text)


def _with_units(text: str) -> int:
    total, digit, last_unit, zero = 0, None, MAX_NUMBER + 1, False
    for c in text:
        if c in "零〇":
            # A zero stands for skipped units between two non-zero ones: 一百零五, 一千零一十.
            if total == 0 or digit is not None or zero:
                raise ValueError(f"misplaced zero: {text!r}")
            zero = True
        elif c in UNITS:
            unit = UNITS[c]
            if digit is None:
                if unit != 10 or total:  # only a leading 十 stands alone (十, 十五)
                    raise ValueError(f"unit without a digit: {text!r}")
                digit = 1
            skipped = unit < last_unit // 10 and last_unit <= MAX_NUMBER
            if unit >= last_unit or skipped != zero:
                raise ValueError(f"units out of order: {text!r}")
            total += digit * unit
            digit, last_unit, zero = None, unit, False
        else:
            if digit is not None:
                raise ValueError(f"two digits in a row: {text!r}")
            digit = DIGITS[c]
            if digit == 0:
                raise ValueError(f"misplaced zero: {text!r}")
    if digit is not None:
        if last_unit > 10 and not zero:  # 一百五 is spoken, not written
            raise ValueError(f"ambiguous spoken form: {text!r}")
        total += digit
    elif zero:
        raise ValueError(f"trailing zero: {text!r}")
    return total


def chinese_number(n: int) -> str:
    """The formal written form of 1..9999: 十, 十五, 二十, 一百零五, 一百一十, 一千零一十."""
    if not 1 <= n <= MAX_NUMBER:
        raise ValueError(f"out of range 1-{MAX_NUMBER}: {n}")
    out, pending_zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_WRITE[d] + name)
    text = "".join(out)
    return text[1:] if 10 <= n <= 19 else text  # 十五, not 一十五; but 一百一十五
