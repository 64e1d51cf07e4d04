"""Recall and precision of the clause flags per category over the labelled set in tests/data/clauses (#12).

A clause counts as flagged in a category when it gets a flag that is not a mere reference note (`refers`).
Labels: `expect` lists what must be flagged; anything else flagged is a false positive, including a
created-form flag on a clause labelled as only referring. The figures are printed (pytest -s) and put in the
failure message. They are in-sample for the sets the matcher was written against; `late_*.json` was written
after the matcher, and its first measurement is recorded in the README of the data set.
"""
import json
from collections import Counter
from pathlib import Path

from workflows.clause_flags import flag
from workflows.clause_rules import FlagCategory
from workflows.clauses import split
from workflows.review import Category

DATA = Path(__file__).parent.parent / "data" / "clauses"
MIN_RECALL = 0.90
MIN_PRECISION = 0.80


def _records():
    for path in sorted(DATA.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        group = "late" if path.name.startswith("late_") else "main"
        for record in data["clauses"]:
            yield Category(data["matter"]), ("holdout" if record.get("holdout") else group), record


def _flagged(category: Category, text: str) -> set[str]:
    first, *rest = text.split("\n")
    doc = split(["第一条 " + first, *rest])
    return {f.category.value for f in flag(doc.clauses, category) if not f.refers}


def _measure():
    counts = {}  # group -> (tp, fp, fn) counters
    for category, group, record in _records():
        got, expected = _flagged(category, record["text"]), set(record.get("expect", ()))
        for g in (group, "all"):
            tp, fp, fn = counts.setdefault(g, (Counter(), Counter(), Counter()))
            tp.update(got & expected)
            fp.update(got - expected)
            fn.update(expected - got)
    return counts


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _table(counts) -> str:
    lines = [f"{'category':20} {'group':8} {'tp':>4} {'fp':>4} {'fn':>4} {'recall':>7} {'precision':>9}"]
    for c in FlagCategory:
        for g in ("all", "main", "holdout", "late"):
            tp, fp, fn = (counter[c.value] for counter in counts.get(g, (Counter(),) * 3))
            if tp + fp + fn:
                recall, precision = _ratio(tp, tp + fn), _ratio(tp, tp + fp)
                lines.append(f"{c.value:20} {g:8} {tp:4} {fp:4} {fn:4} {recall:7.2f} {precision:9.2f}")
    return "\n".join(lines)


def test_the_set_is_large_varied_and_well_formed():
    records = list(_records())
    assert len(records) >= 200
    assert len({r["id"] for _, _, r in records}) == len(records)
    labels = Counter(c for _, _, r in records for c in r.get("expect", ()))
    assert set(labels) == {c.value for c in FlagCategory}
    assert all(set(r.get("refers", ())) <= set(labels) for _, _, r in records)
    assert sum(1 for _, _, r in records if not r.get("expect")) >= 100  # referring and innocent clauses


def test_recall_and_precision_per_category_meet_the_floor():
    counts = _measure()
    table = _table(counts)
    print("\n" + table)
    tp, fp, fn = counts["all"]
    failing = [c.value for c in FlagCategory
               if _ratio(tp[c.value], tp[c.value] + fn[c.value]) < MIN_RECALL
               or _ratio(tp[c.value], tp[c.value] + fp[c.value]) < MIN_PRECISION]
    assert not failing, f"below {MIN_RECALL:.0%} recall or {MIN_PRECISION:.0%} precision: {failing}\n{table}"
