"""A clause's text cut into pieces at the flags' spans, so a template can wrap the triggering words.

The text is the drafter's: the template escapes every piece and adds markup only around the pieces a flag
covers (never `|safe`). Spans may overlap (two rules on the same words): each piece lists every flag that
covers it.
"""
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def segments(text: str, marks: Iterable[tuple[int, int, T]]) -> list[tuple[str, tuple[T, ...]]]:
    """`text` as consecutive (piece, covering marks) pairs; marks are (start, end, key), clamped to the text."""
    spans = [(max(0, s), min(len(text), e), key) for s, e, key in marks]
    spans = [(s, e, key) for s, e, key in spans if s < e]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[tuple[str, tuple[T, ...]]] = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = tuple(key for s, e, key in spans if s <= lo and hi <= e)
        if out and not covering and not out[-1][1]:
            out[-1] = (out[-1][0] + text[lo:hi], ())
        else:
            out.append((text[lo:hi], covering))
    return out

