"""Show drafts in the browser and compare their versions.

A .docx comes from outside the bureau, so the HTML mammoth makes from it is sanitised down to structural tags
before any page shows it. Comparisons work on plain text at character level: Chinese has no spaces between
words, and a reviewer needs to see that exactly "在五日内" was inserted, not that the whole clause changed.
"""
import html
import io

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
    """Side-by-side HTML: the old text with deletions marked, the new text with insertions marked."""
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
