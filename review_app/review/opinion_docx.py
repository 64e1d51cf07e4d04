"""The written legality-review opinion (合法性审核意见书) as a .docx in the official-document layout.

GB/T 9704-2012 (党政机关公文格式) fixes the page and the type: A4, margins 37/35/28/26 mm, the issuing-body
mark in red at the top, the document number under it above a red rule, the title in 小标宋 size 2 (22 pt), the
body in 仿宋 size 3 (16 pt) on a fixed 28 pt line, the signing body and date bottom right. Fonts are named, not
embedded: the reader's Word or WPS supplies them, and both pick CJK text's font from w:rFonts/@w:eastAsia.

The bytes are deterministic for the same letter: the app records their SHA-256 when the opinion is issued.
"""
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from workflows.numerals import chinese_number

XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
RED = RGBColor(0xC0, 0x00, 0x00)

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
MARK_SIZE = Pt(26)
LINE = Pt(28)
INDENT = Pt(32)  # two characters of the body size

# Characters XML 1.0 cannot carry; a stray one pasted into a form would otherwise make python-docx fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class LetterPoint:
    number: int
    clause: str  # e.g. "第三条"; empty for a point about the draft as a whole
    text: str


@dataclass(frozen=True)
class OpinionLetter:
    issuer: str  # e.g. "示范区司法局"
    number: str  # e.g. "示司审〔2026〕12号"
    title: str
    addressee: str  # 主送机关
    conclusion_text: str
    reasons: str
    points: tuple[LetterPoint, ...]
    signer: str
    date: datetime.date
    contents: tuple[str, ...] = ()  # one line per review content (Decree 713 Art. 27), as the letter states it


def chinese_date(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def build_opinion_docx(o: OpinionLetter) -> bytes:
    doc = Document()
    _set_page(doc)
    _set_default_font(doc)

    mark = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    # The 26 pt mark would be clipped on the fixed 28 pt line.
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _run(mark, o.issuer, XIAOBIAOSONG, MARK_SIZE, color=RED)

    number = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    number.paragraph_format.space_before = LINE
    _run(number, o.number, FANGSONG, BODY_SIZE)
    _red_rule_below(number)

    title = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_before = LINE * 2
    title.paragraph_format.space_after = LINE
    title.paragraph_format.line_spacing = Pt(36)  # a 22 pt title would be clipped on the 28 pt body line
    _run(title, o.title, XIAOBIAOSONG, TITLE_SIZE)

    _run(_paragraph(doc), f"{o.addressee}：", FANGSONG, BODY_SIZE)

    for line in o.contents:
        _body(doc, line)
    _body(doc, o.conclusion_text)
    _body(doc, o.reasons)
    if o.points:
        _body(doc, "修改意见：")
        for point in o.points:
            clause = f"（{point.clause}）" if point.clause else ""
            _body(doc, f"{chinese_number(point.number)}、{clause}{point.text}")

    # GB/T 9704 sets the date four characters in from the right margin, the signing body above it.
    for text in (o.signer, chinese_date(o.date)):
        p = _paragraph(doc, WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = INDENT * 2
        _run(p, text, FANGSONG, BODY_SIZE)
    doc.paragraphs[-2].paragraph_format.space_before = LINE * 2

    return _save_deterministic(doc, o)


def _set_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)


def _set_default_font(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FANGSONG
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)


def _paragraph(doc, alignment=WD_ALIGN_PARAGRAPH.LEFT):
    p = doc.add_paragraph()
    p.alignment = alignment
    fmt = p.paragraph_format
    fmt.line_spacing = LINE
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = fmt.space_after = Pt(0)
    return p


def _body(doc, text: str) -> None:
    """One indented body paragraph per line of text; the indent is ours, so typed leading spaces go."""
    for line in text.splitlines():
        if line.strip():
            p = _paragraph(doc, WD_ALIGN_PARAGRAPH.JUSTIFY)
            p.paragraph_format.first_line_indent = INDENT
            _run(p, line.strip(), FANGSONG, BODY_SIZE)


def _run(paragraph, text: str, font: str, size, color=None):
    run = paragraph.add_run(_NOT_XML.sub("", text))
    run.font.name = font  # sets w:ascii and w:hAnsi only
    run.font.size = size
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color is not None:
        run.font.color.rgb = color
    return run


def _red_rule_below(paragraph) -> None:
    border = OxmlElement("w:bottom")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), "12")  # eighths of a point
    border.set(qn("w:space"), "8")  # points between the text and the rule
    border.set(qn("w:color"), str(RED))
    bdr = OxmlElement("w:pBdr")
    bdr.append(border)
    # CT_PPr is a sequence: pBdr must come before spacing, indentation and alignment.
    paragraph._p.get_or_add_pPr().insert_element_before(
        bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    )


def _save_deterministic(doc, o: OpinionLetter) -> bytes:
    # python-docx stamps core properties and zip entries with the current time; pin both to the letter's date.
    when = datetime.datetime(o.date.year, o.date.month, o.date.day, tzinfo=datetime.timezone.utc)
    props = doc.core_properties
    props.created = props.modified = when
    props.author = props.last_modified_by = o.issuer
    props.comments = ""
    props.title = o.title
    props.identifier = o.number
    props.revision = 1

    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6]), src.read(info),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
