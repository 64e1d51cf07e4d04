"""A draft split into its clauses: articles (第X条) under their chapter (章) and section (节), with their items.

The input is the draft's paragraphs as plain strings, in order (python-docx `Document.paragraphs`, or
`docx_to_text(...).split("\\n")`), so the online view, the opinion form's clause picker and the clause flags
all read the same split. How a paragraph is read:

- a paragraph opening with 第X条 starts an article; X may be Arabic digits (half- or full-width) or a Chinese
  numeral (see `workflows.numerals`). An opening 第X条 followed directly by more text (第五条规定的……) counts only
  when X is the next number expected, so a sentence that happens to begin with a reference is not taken for a
  heading;
- 第X章 and 第X节 headings, and a bare 附则, set the chapter and section carried on every following clause;
- 附件 (附件1：…) starts an appendix: its text is a clause of its own, and article numbers start afresh inside it;
- any other paragraph continues the current clause: a clause may run over several paragraphs (款);
- text before the first article (title, issuing words, an agreement's parties) is the preamble, number 0;
- a draft with no article at all (a 通知 or 意见 written in 一、二、三、 parts) is split into those parts instead.

Items inside a clause — （一）(二), （1）, 1. 1、, ① — are found at the start of a paragraph or after ：；。 (so 第（一）项
in a cross-reference is not an item), each running to the next item or the end of its paragraph; the first
kind of marker in the clause is its item level. Gaps, repeats and out-of-order article numbers are reported as
warnings for the drafter to fix; they never stop the split.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from workflows.numerals import NUMERAL_CHARS, chinese_number, chinese_numeral
from workflows.text import N_

_NUM = rf"[0-9０-９]+|[{NUMERAL_CHARS}]+"
_ARTICLE = re.compile(rf"\s*第\s*({_NUM})\s*条")
_CHAPTER = re.compile(rf"\s*第\s*({_NUM})\s*(章|节)[\s:：]*(.*)")
_APPENDIX_RULES = re.compile(r"\s*附\s*则\s*")
_APPENDIX = re.compile(r"\s*(附\s*件\s*[0-9０-９一二三四五六七八九十]*)(?:\s*[:：]\s*|\s+|$)(.*)")
_POINT = re.compile(r"\s*([一二三四五六七八九十百]+)\s*[、．.]")
_HEADING_MAX_CHARS = 40
_AFTER_LABEL = set("【〔（(：:")

PREAMBLE_LABEL = N_("序言")


class ClauseKind(str, Enum):
    preamble = "preamble"
    article = "article"
    part = "part"  # 一、二、 in a draft written without articles
    appendix = "appendix"


@dataclass(frozen=True)
class Item:
    """One numbered item of a clause; `start`, `end`: the item, marker included, in the clause text."""

    number: int
    label: str  # normalised: （一）, （1）, 1., ①
    text: str  # without its marker
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    kind: ClauseKind
    number: int  # the article or part number; 0 for the preamble and appendices
    label: str  # normalised: 第五条, 第三部分, 附件1, 序言
    text: str  # without the label; paragraphs joined by "\n"
    chapter: str = ""  # 第一章 总则
    section: str = ""  # 第二节 审批
    first_paragraph: int = 0  # indices into the paragraphs given to `split`, both inclusive
    last_paragraph: int = 0
    items: tuple[Item, ...] = ()

    def item_at(self, offset: int) -> int | None:
        """The index of the item holding `offset` in the text, None when it lies outside every item."""
        for i, item in enumerate(self.items):
            if item.start <= offset < item.end:
                return i
        return None


@dataclass(frozen=True)
class SplitWarning:
    kind: str  # gap, repeat, order
    paragraph: int
    template: str  # Chinese, marked with N_; the app translates it, then fills in `args` (%(name)s)
    args: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template % self.args


@dataclass(frozen=True)
class Document:
    clauses: tuple[Clause, ...]
    warnings: tuple[SplitWarning, ...] = ()

    def articles(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind in (ClauseKind.article, ClauseKind.part))


GAP_AT_START = N_("条文序号不从第一条开始，缺少%(missing)s。")
GAP = N_("条文序号不连续：%(after)s之后缺少%(missing)s。")
REPEAT = N_("条文序号重复：%(label)s出现不止一次。")
ORDER = N_("条文序号倒序：%(label)s出现在%(after)s之后。")


def clause_label(n: int) -> str:
    return f"第{chinese_number(n)}条"


def part_label(n: int) -> str:
    return f"第{chinese_number(n)}部分"


def split(paragraphs: list[str]) -> Document:
    doc = _Splitter(paragraphs, parts=False).run()
    if not any(c.kind is ClauseKind.article for c in doc.clauses):
        return _Splitter(paragraphs, parts=True).run()
    return doc


class _Splitter:
    def __init__(self, paragraphs: list[str], parts: bool):
        self.paragraphs = [p.strip() for p in paragraphs]
        self.parts = parts
        self.clauses: list[Clause] = []
        self.warnings: list[SplitWarning] = []
        self.chapter = self.section = ""
        self.last_number: int | None = None  # highest article or part number so far (restarts in an appendix)
        self.open: dict | None = None

    def run(self) -> Document:
        for i, p in enumerate(self.paragraphs):
            if p:
                self._read(i, p)
        self._close()
        return Document(tuple(self.clauses), tuple(self.warnings))

    def _read(self, i: int, p: str) -> None:
        heading = self._heading(p)
        if heading is not None:
            self._start_article(i, *heading)
        elif (m := _CHAPTER.fullmatch(p)) and _is_heading(p) and _numeral(m.group(1)):
            self._close()
            title = " ".join(f"第{chinese_number(_numeral(m.group(1)))}{m.group(2)} {m.group(3)}".split())
            if m.group(2) == "章":
                self.chapter, self.section = title, ""
            else:
                self.section = title
        elif _APPENDIX_RULES.fullmatch(p):
            self._close()
            self.chapter, self.section = "附则", ""
        elif (m := _APPENDIX.fullmatch(p)) and _is_heading(p):
            self._close()
            label = "".join(m.group(1).split())
            self.chapter, self.section, self.last_number = " ".join(f"{label} {m.group(2)}".split()), "", None
            self.open = _opened(ClauseKind.appendix, 0, label, i)
        else:
            if self.open is None and not self.clauses:
                self.open = _opened(ClauseKind.preamble, 0, PREAMBLE_LABEL, i)
            elif self.open is None:  # text between a heading and the next article continues the last clause
                self.open = self._reopen()
            self._append(i, p)

    def _heading(self, p: str) -> tuple[ClauseKind, int, str, str] | None:
        if self.parts:
            m = _POINT.match(p)
            n = _numeral(m.group(1)) if m else None
            if n is None or n != (self.last_number or 0) + 1:
                return None
            return ClauseKind.part, n, part_label(n), p[m.end():].strip()
        m = _ARTICLE.match(p)
        n = _numeral(m.group(1)) if m else None
        if n is None or n == 0:
            return None
        rest = p[m.end():]
        expected = (self.last_number or 0) + 1
        if rest and not rest[0].isspace() and rest[0] not in _AFTER_LABEL and n != expected:
            return None
        return ClauseKind.article, n, clause_label(n), rest.lstrip(" \u3000\t:：").rstrip()

    def _start_article(self, i: int, kind: ClauseKind, n: int, label: str, rest: str) -> None:
        self._close()
        self._check_number(i, kind, n, label)
        self.open = _opened(kind, n, label, i)
        if rest:
            self.open["lines"].append(rest)

    def _check_number(self, i: int, kind: ClauseKind, n: int, label: str) -> None:
        last = self.last_number
        name = clause_label if kind is ClauseKind.article else part_label
        if last is None and n > 1:
            self._warn("gap", i, GAP_AT_START, missing=_span(name, 1, n - 1))
        elif last is not None and n == last:
            self._warn("repeat", i, REPEAT, label=label)
        elif last is not None and n < last:
            self._warn("order", i, ORDER, label=label, after=name(last))
        elif last is not None and n > last + 1:
            self._warn("gap", i, GAP, after=name(last), missing=_span(name, last + 1, n - 1))
        self.last_number = n if last is None else max(last, n)

    def _warn(self, kind: str, i: int, template: str, **args) -> None:
        self.warnings.append(SplitWarning(kind, i, template, args))

    def _append(self, i: int, p: str) -> None:
        self.open["lines"].append(p)
        self.open["last"] = i

    def _reopen(self) -> dict:
        c = self.clauses.pop()
        return dict(kind=c.kind, number=c.number, label=c.label, first=c.first_paragraph,
                    last=c.last_paragraph,
                    lines=c.text.split("\n") if c.text else [], chapter=c.chapter, section=c.section)

    def _close(self) -> None:
        if self.open is None:
            return
        o, self.open = self.open, None
        text = "\n".join(o["lines"])
        self.clauses.append(Clause(
            kind=o["kind"], number=o["number"], label=o["label"], text=text,
            chapter=o.get("chapter", self.chapter), section=o.get("section", self.section),
            first_paragraph=o["first"], last_paragraph=o["last"], items=items(text)))


def _opened(kind: ClauseKind, number: int, label: str, paragraph: int) -> dict:
    """A clause being read: its heading so far, its lines still to come."""
    return dict(kind=kind, number=number, label=label, first=paragraph, last=paragraph, lines=[])


def _is_heading(p: str) -> bool:
    """A heading is a short line, not a sentence: 第三章规定的事项，由……负责。 is text."""
    return len(p) <= _HEADING_MAX_CHARS and not any(c in p for c in "，。；,;")


def _numeral(text: str) -> int | None:
    try:
        return chinese_numeral(text)
    except ValueError:
        return None


def _span(name, first: int, last: int) -> str:
    return name(first) if first == last else f"{name(first)}至{name(last)}"


# --- items -------------------------------------------------------------------------------------------------

_ITEM_CONTEXT = r"(?:^|(?<=[：:；;。\n]))[ \t\u3000]*"
_ITEM_MARKERS = (
    ("paren_cn", re.compile(_ITEM_CONTEXT + r"([（(]\s*([一二三四五六七八九十]+)\s*[）)])", re.M)),
    ("paren_num", re.compile(_ITEM_CONTEXT + r"([（(]\s*([0-9０-９]{1,2})\s*[）)])", re.M)),
    ("dotted", re.compile(r"^[ \t\u3000]*(([0-9０-９]{1,2})\s*[.．、](?![0-9０-９]))", re.M)),
    ("circled", re.compile(_ITEM_CONTEXT + r"(([\u2460-\u2473]))", re.M)),
)


def items(text: str) -> tuple[Item, ...]:
    """The items of a clause's text, at the level of the first item marker in it."""
    found = []
    for kind, pattern in _ITEM_MARKERS:
        for m in pattern.finditer(text):
            found.append((m.start(1), m.end(1), kind, _item_number(kind, m.group(2))))
    if not found:
        return ()
    found.sort()
    level = found[0][2]
    accepted, expected = [], 1
    for start, end, kind, n in found:
        if kind == level and n in (expected, 1):
            accepted.append((start, end, n))
            expected = n + 1
    result = []
    for k, (start, marker_end, n) in enumerate(accepted):
        paragraph_end = text.find("\n", start)
        end = len(text) if paragraph_end < 0 else paragraph_end
        if k + 1 < len(accepted):
            end = min(end, accepted[k + 1][0])
        label = _item_label(level, n, text[start:marker_end])
        result.append(Item(n, label, text[marker_end:end].strip(), start, end))
    return tuple(result)


def _item_number(kind: str, raw: str) -> int:
    if kind == "circled":
        return ord(raw) - 0x2460 + 1
    return chinese_numeral(raw)


def _item_label(kind: str, n: int, marker: str) -> str:
    return {
        "paren_cn": f"（{chinese_number(n)}）",
        "paren_num": f"（{n}）",
        "dotted": f"{n}.",
        "circled": marker.strip(),
    }[kind]
