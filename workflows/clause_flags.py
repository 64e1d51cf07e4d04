"""Reading a draft's clauses against the rules: which clause does what the law forbids, and by which words.

`flag` reads each clause one sentence at a time (a sentence ends at 。！？ or a paragraph end). A rule fires on a
sentence when one of its triggers matches, its context (if any) is present and none of its `unless` patterns
is. An item's sentence is read together with its clause's lead-in (……应当具备下列条件：), which it completes. The
sentence also decides whether the measure is created or only referred to (see `clause_rules`): a referred
measure gives a 低 note with `refers` set, never a flag above it. One flag per rule and clause — per item when
the words lie in an item — carries every triggering span; flags of one category resting on the same provisions
in the same place are merged into the first, so a clause that sets a fine and a confiscation gets one point.

`resolved` compares the flags of two versions of the draft. A flag of the old version still applies when the
new version has a flag of the same rule, created or referred alike, on
  1. a clause with the same text (ignoring whitespace and the numbers of cross-referenced articles), or else
  2. the same triggering words, or else
  3. the same clause label (第五条),
each new flag answering for at most one old flag, tried in that order. So a clause moved from 第五条 to 第六条
unchanged still carries its flag (1), an offending clause reworded around the same words does too (2), and a
clause whose fine is deleted or replaced by a reference to the law has its flag resolved, unless the same rule
still fires on a clause now numbered like it (3: the reviewer sees it again, which is the safe side).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from workflows import clause_rules_agreement, clause_rules_normative
from workflows.clause_rules import (
    COUNTERPARTY, GENERAL_REFERENCE, GOVERNMENT, LEVEL_ORDER, NAMED_REFERENCE, OWN_AMOUNT, REFERENCE_POINT,
    FlagCategory, Level, Rule,
)
from workflows.clauses import Clause
from workflows.review import Category

RULES: tuple[Rule, ...] = clause_rules_normative.RULES + clause_rules_agreement.RULES
RULES_BY_ID = {r.id: r for r in RULES}  # a stored flag's rule_id back to its title, level and provisions
MAX_WORDS = 3  # quoted in a point; more would make it unreadable

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_PART_BREAK = re.compile(r"[，,；;：:。！？!?\n]")
_PARTY = re.compile(f"(?P<gov>{GOVERNMENT})|(?P<counterparty>{COUNTERPARTY})")
_ACTOR = re.compile(f"由[^，。；由]{{0,4}}?(?:(?P<gov>{GOVERNMENT})|(?P<counterparty>{COUNTERPARTY}))")
_ARTICLE_REF = re.compile(r"第[0-9０-９零〇一二三四五六七八九十百千]+条")


@dataclass(frozen=True)
class Flag:
    rule_id: str
    category: FlagCategory
    level: Level
    article: str  # the provisions the rule rests on, as cited
    clause_number: int
    clause_label: str  # 第五条
    item: int | None  # index into the clause's items, None when the words are outside every item
    where: str  # 第五条, or 第五条第（二）项
    spans: tuple[tuple[int, int], ...]  # offsets into the clause text, to highlight
    words: tuple[str, ...]  # the text of each span
    refers: bool  # only points to a higher law's measure: a 低 note, not a flag
    point: str  # the suggested modification point, in the bureau's words
    fingerprint: str  # of the clause text, see `fingerprint`


def flag(clauses: Iterable[Clause], category: Category, rules: Sequence[Rule] = RULES) -> list[Flag]:
    """The flags of a draft of `category`, in clause order, then item, then position, then rule order."""
    applicable = [r for r in rules if category in r.matters]
    flags: list[tuple[tuple, Flag]] = []
    for ci, clause in enumerate(clauses):
        for rank, f in enumerate(_clause_flags(clause, applicable)):
            flags.append(((ci, _item_order(f.item), f.spans[0][0], rank), f))
    return [f for _, f in sorted(flags, key=lambda keyed: keyed[0])]


def _clause_flags(clause: Clause, rules: list[Rule]) -> list[Flag]:
    text = clause.text
    lead_in = text[:clause.items[0].start] if clause.items else ""
    hits: dict[tuple[int, int | None], list[tuple[tuple[int, int], bool]]] = {}
    for m in _SENTENCE.finditer(text):
        start, end = m.span()
        sentence = m.group()
        context = sentence + lead_in if clause.item_at(start) is not None else sentence
        for ri, rule in enumerate(rules):
            spans = [s for p in rule.triggers for s in _finditer(p, text, start, end)]
            if not spans or not _holds(rule, context):
                continue
            if rule.government_only:
                spans = [s for s in spans if not _counterparty_speaks(text, s[0], start, end)]
            refers = rule.referable and _refers(context)
            for span in spans:
                hits.setdefault((ri, clause.item_at(span[0])), []).append((span, refers))
    # Flags of one category resting on the same provisions in one place merge into the first rule's.
    merged: dict[tuple, tuple[int, list[tuple[int, int]], Level]] = {}
    for (ri, item), found in sorted(hits.items(), key=lambda kv: (kv[0][0], _item_order(kv[0][1]))):
        created = [span for span, refers in found if not refers]
        rule, refers = rules[ri], not created
        key = (rule.category, rule.bases, item, refers)
        first, spans, level = merged.get(key, (ri, [], rule.level))
        merged[key] = (first, spans + (created or [span for span, _ in found]),
                       min(level, rule.level, key=LEVEL_ORDER.__getitem__))
    return [_make(rules[ri], clause, key[2], _union(spans), key[3], level)
            for key, (ri, spans, level) in merged.items()]


def _item_order(item: int | None) -> int:
    return -1 if item is None else item  # the lead-in before its items


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _finditer(pattern: str, text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _compiled(pattern).finditer(text, start, end) if m.end() > m.start()]


def _holds(rule: Rule, context: str) -> bool:
    if rule.context and not any(_compiled(p).search(context) for p in rule.context):
        return False
    return not any(_compiled(p).search(context) for p in rule.unless)


def _refers(sentence: str) -> bool:
    if NAMED_REFERENCE.search(sentence):
        return True
    return bool(GENERAL_REFERENCE.search(sentence)) and not OWN_AMOUNT.search(sentence)


def _counterparty_speaks(text: str, at: int, start: int, end: int) -> bool:
    """Whether the party speaking in the clause part holding `at` (else its sentence) is the counterparty."""
    part_start = max((m.end() for m in _PART_BREAK.finditer(text, start, at)), default=start)
    part_end = next((m.start() for m in _PART_BREAK.finditer(text, at, end)), end)
    for lo, hi in ((part_start, part_end), (start, end)):
        # The actor introduced by 由 (由区财政予以补足) speaks, else the first party named.
        m = _ACTOR.search(text, lo, hi) or _PARTY.search(text, lo, hi)
        if m:
            return m.lastgroup == "counterparty"
    return False


def _union(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def _make(rule: Rule, clause: Clause, item: int | None, spans, refers: bool, level: Level) -> Flag:
    where = clause.label
    if item is not None:
        label = clause.items[item].label
        where += f"第{label.rstrip('.')}项"
    words = tuple(clause.text[s:e] for s, e in spans)
    quoted = "”、“".join(dict.fromkeys(words[:MAX_WORDS]))
    template = REFERENCE_POINT if refers else rule.point
    return Flag(
        rule_id=rule.id, category=rule.category, level=Level.low if refers else level, article=rule.article,
        clause_number=clause.number, clause_label=clause.label, item=item, where=where, spans=spans,
        words=words, refers=refers, point=template % {"where": where, "words": quoted},
        fingerprint=fingerprint(clause.text))


def fingerprint(text: str) -> str:
    """The clause text without whitespace and with cross-referenced article numbers blanked, hashed."""
    normal = unicodedata.normalize("NFKC", text)
    normal = _ARTICLE_REF.sub("第#条", "".join(normal.split()))
    return hashlib.sha256(normal.encode()).hexdigest()[:16]


def pair(old: Sequence[Flag], new: Sequence[Flag]) -> list[tuple[Flag, Flag | None]]:
    """Each old flag with the new flag that continues it, or None when it no longer applies (see above)."""
    taken: set[int] = set()
    match: dict[int, int] = {}
    keys = (
        lambda f: (f.rule_id, f.refers, f.fingerprint, f.item),
        lambda f: (f.rule_id, f.refers, tuple(sorted(_normal_words(f.words)))),
        lambda f: (f.rule_id, f.refers, f.clause_label),
    )
    for key in keys:
        index: dict[tuple, list[int]] = {}
        for j, f in enumerate(new):
            if j not in taken:
                index.setdefault(key(f), []).append(j)
        for i, f in enumerate(old):
            if i in match:
                continue
            candidates = index.get(key(f))
            while candidates and candidates[0] in taken:
                candidates.pop(0)
            if candidates:
                j = candidates.pop(0)
                match[i] = j
                taken.add(j)
    return [(f, new[match[i]] if i in match else None) for i, f in enumerate(old)]


def resolved(old: Sequence[Flag], new: Sequence[Flag]) -> list[Flag]:
    """The flags of the previous version that no longer apply to the new one, in their order."""
    return [f for f, continued in pair(old, new) if continued is None]


def _normal_words(words: Iterable[str]) -> list[str]:
    return ["".join(unicodedata.normalize("NFKC", w).split()) for w in words]
