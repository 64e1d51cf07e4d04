"""Show drafts in the browser and compare their versions.

A .docx comes from outside the bureau, so the HTML mammoth makes from it is sanitised down to structural tags
before any page shows it. Comparisons work on plain text at character level: Chinese has no spaces between
words, and a reviewer needs to see that exactly "在五日内" was inserted, not that the whole clause changed.
"""
import html
import io
from dataclasses import dataclass
from difflib import SequenceMatcher

import mammoth
import nh3
from diff_match_patch import diff_match_patch

_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "u", "ol", "ul", "li",
    "table", "thead", "tbody", "tr", "td", "th", "br", "span",
}
_CELL_ATTRIBUTES = {"colspan", "rowspan"}
# "*" replaces nh3's default attributes allowed on every tag (title, lang).
_ATTRIBUTES = {"*": set(), "td": _CELL_ATTRIBUTES, "th": _CELL_ATTRIBUTES}


def sanitise_html(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    )


def docx_to_html(data: bytes) -> str:
    # Images are dropped at the source so mammoth does not inline them as base64 data: URLs.
    result = mammoth.convert_to_html(io.BytesIO(data), convert_image=lambda image: [])
    return sanitise_html(result.value)


def docx_to_text(data: bytes) -> str:
    """The document's non-empty paragraphs (table cells included), one per line."""
    raw = mammoth.extract_raw_text(io.BytesIO(data)).value
    # mammoth ends every paragraph with a blank line.
    return "\n".join(p for p in raw.split("\n\n") if p.strip())


def diff_html(old: str, new: str) -> tuple[str, str]:
    """Running text: the old with deletions marked, the new with insertions marked (line breaks kept)."""
    dmp = diff_match_patch()
    diffs = dmp.diff_main(old, new)
    # Not cleanupSemantic: it widens edits to whole runs of characters, which in Chinese means whole clauses.
    dmp.diff_cleanupEfficiency(diffs)
    left, right = [], []
    for op, text in diffs:
        shown = html.escape(text).replace("\n", "<br>")
        if op == dmp.DIFF_EQUAL:
            left.append(shown)
            right.append(shown)
        elif op == dmp.DIFF_DELETE:
            left.append(f'<del class="diff-del">{shown}</del>')
        else:
            right.append(f'<ins class="diff-ins">{shown}</ins>')
    return "".join(left), "".join(right)


@dataclass(frozen=True)
class DiffRow:
    """One row of the side-by-side view: a paragraph of each version (empty where one side has none)."""
    left: str
    right: str
    changed: bool


SIMILAR = 0.4   # two paragraphs this alike are one paragraph edited, not one deleted and another inserted
MAX_BLOCK = 80  # beyond this many paragraphs changed at once, pair them in order (the alignment is quadratic)


def _pair(olds: list[str], news: list[str]) -> list[tuple[str | None, str | None]]:
    """Pair the paragraphs of a changed block: edited ones side by side, the rest alone, order kept
    (an alignment maximising the similarity of the pairs)."""
    if len(olds) * len(news) > MAX_BLOCK * MAX_BLOCK:
        return [(olds[k] if k < len(olds) else None, news[k] if k < len(news) else None)
                for k in range(max(len(olds), len(news)))]
    n, m = len(olds), len(news)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            ratio = SequenceMatcher(None, olds[i], news[j], autojunk=False).ratio()
            paired = score[i + 1][j + 1] + ratio if ratio >= SIMILAR else -1.0
            score[i][j] = max(paired, score[i + 1][j], score[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n or j < m:
        if i < n and j < m and score[i][j] != score[i + 1][j] and score[i][j] != score[i][j + 1]:
            pairs.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif i < n and (j == m or score[i][j] == score[i + 1][j]):
            pairs.append((olds[i], None))
            i += 1
        else:
            pairs.append((None, news[j]))
            j += 1
    return pairs


def aligned_diff(old: str, new: str) -> list[DiffRow]:
    """The two texts paragraph by paragraph, unchanged paragraphs beside each other and each edited paragraph
    with its edits marked inside the running text, so sentences stay whole."""
    a, b = old.split("\n"), new.split("\n")
    rows = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [DiffRow(html.escape(p), html.escape(p), False) for p in a[i1:i2]]
            continue
        for left, right in _pair(a[i1:i2], b[j1:j2]):
            rows.append(DiffRow(*diff_html(left or "", right or ""), True))
    return rows
