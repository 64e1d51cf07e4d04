"""A .docx draft's paragraphs as the reader sees them, automatic numbering included.

Word and WPS often number articles and items with list numbering (a paragraph's w:numPr, or its style's,
pointing to a numbering definition whose level text is 第%1条 or （%1）): the label is drawn by the word
processor and is not in the paragraph's text, so python-docx and mammoth both lose it. `docx_paragraphs`
rebuilds each label from numbering.xml — the level's start, format and text, counted per list as Word counts
— and puts it in front of the paragraph's text, so `workflows.clauses.split` finds 第五条 where the reader
sees it.

Text is read from every w:t of the paragraph (inserted text of tracked changes included, deleted text not),
w:tab as a tab and w:br as a line break; paragraphs in tables are read in document order, text boxes not
(Word stores each twice, once for older readers).
"""
import io

from docx import Document as open_docx
from docx.oxml.ns import qn

from workflows.numerals import chinese_number

W_P, W_T, W_R = qn("w:p"), qn("w:t"), qn("w:r")
W_TAB, W_BR, W_CR = qn("w:tab"), qn("w:br"), qn("w:cr")
W_TXBX = qn("w:txbxContent")
VAL = qn("w:val")
MAX_LEVELS = 9

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_DIGIT_BY_DIGIT = str.maketrans("0123456789", "〇一二三四五六七八九")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    """a … z, aa … zz, aaa …: Word repeats the letter."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _chinese(n: int) -> str:
    return chinese_number(n) if n >= 1 else "〇"


def format_number(n: int, fmt: str) -> str:
    """`n` in a numbering format of ECMA-376 (w:numFmt); unknown formats fall back to Arabic digits."""
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "chineseLegalSimplified",
               "ideographLegalTraditional"):
        return _chinese(n)  # 十一, 一百零五 (legal 壹贰叁 is written lower-case: the splitter reads it)
    if fmt in ("chineseCounting", "taiwaneseCounting", "ideographDigital", "taiwaneseDigital"):
        return str(n).translate(_DIGIT_BY_DIGIT)  # 一〇, 一一: each digit in turn
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)  # ①
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)  # ⑴
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt in ("lowerRoman", "upperRoman") and n >= 1:
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


def _val(el, tag: str, default=None):
    child = el.find(qn(tag)) if el is not None else None
    return child.get(VAL, default) if child is not None else default


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class _Level:
    def __init__(self, lvl):
        self.start = _int(_val(lvl, "w:start"), 1)
        self.fmt = _val(lvl, "w:numFmt", "decimal")
        self.text = _val(lvl, "w:lvlText", "")
        self.legal = lvl.find(qn("w:isLgl")) is not None  # references to higher levels in Arabic digits
        self.suffix = {"nothing": "", "space": " "}.get(_val(lvl, "w:suff", "tab"), " ")


class _Numbering:
    """The numbering definitions of one document, and the counters of its lists as the paragraphs go by."""

    def __init__(self, numbering, styles):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        if numbering is not None:
            for a in numbering.iterchildren(qn("w:abstractNum")):
                self.abstract[a.get(qn("w:abstractNumId"))] = {
                    _int(lvl.get(qn("w:ilvl")), 0): _Level(lvl) for lvl in a.iterchildren(qn("w:lvl"))}
            for num in numbering.iterchildren(qn("w:num")):
                starts, levels = {}, {}
                for o in num.iterchildren(qn("w:lvlOverride")):
                    ilvl = _int(o.get(qn("w:ilvl")), 0)
                    if (s := _val(o, "w:startOverride")) is not None:
                        starts[ilvl] = _int(s, 1)
                    if (lvl := o.find(qn("w:lvl"))) is not None:
                        levels[ilvl] = _Level(lvl)
                self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId"), starts, levels)
        self.styles = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
        self.counters: dict[tuple, list[int | None]] = {}

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            num_pr = style.find(qn("w:pPr") + "/" + qn("w:numPr"))
            if num_pr is not None:
                return _val(num_pr, "w:numId"), _val(num_pr, "w:ilvl")
            style_id = _val(style, "w:basedOn")
        return None, None

    def label(self, p) -> str:
        """The list label Word draws before paragraph `p`, with its suffix; "" for an unnumbered paragraph."""
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = (_val(num_pr, "w:numId"), _val(num_pr, "w:ilvl")) if num_pr is not None else (None, None)
        if num_id is None or ilvl is None:
            style_num, style_lvl = self._style_numbering(_val(ppr, "w:pStyle"))
            num_id, ilvl = num_id or style_num, ilvl if ilvl is not None else style_lvl
        if num_id in (None, "0") or num_id not in self.nums:
            return ""
        abstract_id, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        level = min(max(_int(ilvl, 0), 0), MAX_LEVELS - 1)
        if level not in levels:
            return ""
        # Lists sharing an abstract definition continue one another, unless a list restarts its numbering.
        key = ("num", num_id) if starts or overrides else ("abstract", abstract_id)
        counters = self.counters.setdefault(key, [None] * MAX_LEVELS)

        def start(i):
            return starts.get(i, levels[i].start if i in levels else 1)
        counters[level] = start(level) if counters[level] is None else counters[level] + 1
        for i in range(level + 1, MAX_LEVELS):
            counters[i] = None
        lvl = levels[level]
        if lvl.fmt == "bullet":
            return ""
        text = lvl.text
        for i in range(MAX_LEVELS - 1, -1, -1):  # %1 … %9, the longest first
            if f"%{i + 1}" in text:
                value = counters[i] if counters[i] is not None else start(i)
                fmt = "decimal" if lvl.legal and i < level else (levels[i].fmt if i in levels else "decimal")
                text = text.replace(f"%{i + 1}", format_number(value, fmt))
        return text + lvl.suffix if text else ""


def _owner(el):
    return next(el.iterancestors(W_P), None)


def _text(p) -> str:
    parts = []
    for el in p.iter(W_T, W_TAB, W_BR, W_CR):
        if _owner(el) is not p:  # a text box anchored in this paragraph has paragraphs of its own
            continue
        if el.tag == W_T:
            parts.append(el.text or "")
        elif el.getparent().tag == W_R:  # w:tab in w:tabs is a tab stop, not text
            parts.append("\t" if el.tag == W_TAB else "\n")
    return "".join(parts)


def docx_paragraphs(data: bytes) -> list[str]:
    """The draft's paragraphs in document order, each with its automatic list label; a line break inside a
    paragraph starts a new one."""
    document = open_docx(io.BytesIO(data))
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):  # no numbering part: nothing is numbered automatically
        numbering = None
    reader = _Numbering(numbering, document.styles.element)
    out = []
    for p in document.element.body.iter(W_P):
        if next(p.iterancestors(W_TXBX), None) is not None:
            continue
        out.extend((reader.label(p) + _text(p)).split("\n"))
    return out
