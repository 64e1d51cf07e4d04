"""One builder for every official letter (公文) the service issues, after GB/T 9704-2012 (党政机关公文格式).

What each letter gets, with the standard's clause:
- the page: A4, margins 37/35/28/26 mm (5.2);
- the issuing-body mark in red 小标宋 at the top, the document number centred under it above a red rule
  (7.2.1, 7.2.4, 7.2.6);
- the title centred in 小标宋 size 2 (22 pt), the addressee flush left, the body in 仿宋 size 3 (16 pt) on a
  fixed 28 pt line with a two-character first-line indent (7.3.1-7.3.3);
- room for the seal: three blank lines above the signing body, which is centred over the date, the date four
  characters in from the right margin (7.3.5.1: the red seal presses down on both, its top within one line of
  the body);
- page numbers "— 1 —" in 宋体 size 4 (14 pt), about 7 mm below the type area, odd pages right and even pages
  left, one character in from the edge (7.5), through odd and even page footers;
- the 版记 at the foot of the last page (7.4): 抄送 and 印发机关/印发日期 in 仿宋 size 4 between a thick rule
  (0.35 mm) above and below and a thin one (0.25 mm) between them. It is a floating table positioned at the
  bottom of the type area, so in Word and WPS its last rule lies on the type area's lower edge wherever the
  body ends; it follows the signature in the document, where older LibreOffice shows it.

Fonts are named, not embedded: the reader's Word or WPS supplies them, and both pick CJK text's font from
w:rFonts/@w:eastAsia. The bytes are deterministic for the same letter: the app records their SHA-256 when the
letter is issued.
"""
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
SONGTI = "宋体"
RED = RGBColor(0xC0, 0x00, 0x00)

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
MARK_SIZE = Pt(26)
SMALL_SIZE = Pt(14)  # 四号: page numbers and the 版记
LINE = Pt(28)
INDENT = Pt(32)  # two characters of the body size
SEAL_ROOM = LINE * 3  # a 42 mm seal over the signing body and date reaches within a line of the body
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
LEFT_MARGIN, RIGHT_MARGIN = Cm(2.8), Cm(2.6)
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN  # 156 mm, the width of the type area (版心)
# The footer's line sits about 7 mm below the type area (35 mm bottom margin, a 14 pt line above this).
FOOTER_DISTANCE = Mm(23)
THICK_RULE, THIN_RULE = 8, 6  # eighths of a point: about 0.35 mm and 0.25 mm

# Characters XML 1.0 cannot carry; a stray one pasted into a form would otherwise make python-docx fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class OfficialLetter:
    issuer: str  # 发文机关标志, e.g. "示范区司法局"
    number: str  # 发文字号, e.g. "示司审〔2026〕12号"
    title: str
    addressee: str  # 主送机关
    body: tuple[str, ...]  # the paragraphs; a paragraph's own line breaks make further paragraphs
    signer: str  # 发文机关署名
    date: datetime.date  # 成文日期
    copies_to: tuple[str, ...] = ()  # 抄送机关
    printed_by: str = ""  # 印发机关; the issuer when empty
    printed_on: datetime.date | None = None  # 印发日期; the date of the letter when None


def chinese_date(d: datetime.date) -> str:
    """GB/T 9704 7.3.5.1: Arabic numerals, the year in full, no leading zero in month or day."""
    return f"{d.year}年{d.month}月{d.day}日"


def build_official_docx(letter: OfficialLetter) -> bytes:
    doc = Document()
    _set_page(doc)
    _set_default_font(doc)
    _page_numbers(doc)

    mark = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    # The 26 pt mark would be clipped on the fixed 28 pt line.
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _run(mark, letter.issuer, XIAOBIAOSONG, MARK_SIZE, color=RED)

    number = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    number.paragraph_format.space_before = LINE
    _run(number, letter.number, FANGSONG, BODY_SIZE)
    _red_rule_below(number)

    title = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_before = LINE * 2
    title.paragraph_format.space_after = LINE
    title.paragraph_format.line_spacing = Pt(36)  # a 22 pt title would be clipped on the 28 pt body line
    _run(title, letter.title, XIAOBIAOSONG, TITLE_SIZE)

    _run(_paragraph(doc), f"{letter.addressee}：", FANGSONG, BODY_SIZE)
    for paragraph in letter.body:
        _body(doc, paragraph)

    _signature(doc, letter.signer, chinese_date(letter.date))
    _imprint(doc, letter)
    return _save_deterministic(doc, letter)


# --- the page ---------------------------------------------------------------------------------------------

def _set_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = LEFT_MARGIN, RIGHT_MARGIN
    section.footer_distance = FOOTER_DISTANCE


def _set_default_font(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FANGSONG
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)


def _page_numbers(doc) -> None:
    """GB/T 9704 7.5: odd pages' numbers one character in from the right, even pages' from the left."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = alignment
        fmt = p.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = SMALL_SIZE
        else:
            fmt.left_indent = SMALL_SIZE
        _run(p, "— ", SONGTI, SMALL_SIZE)
        _page_field(p)
        _run(p, " —", SONGTI, SMALL_SIZE)


def _page_field(paragraph) -> None:
    """A PAGE field (begin, instruction, separate, the number shown until updated, end), each part a run in
    the page number's font."""
    for part in ("begin", " PAGE ", "separate", "1", "end"):
        run = _run(paragraph, "", SONGTI, SMALL_SIZE)
        if part in ("begin", "separate", "end"):
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), part)
        elif part == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = part
        else:
            element = OxmlElement("w:t")
            element.text = part
        run._r.append(element)


# --- paragraphs ---------------------------------------------------------------------------------------------

def _paragraph(container, alignment=WD_ALIGN_PARAGRAPH.LEFT, line=LINE):
    p = container.add_paragraph()
    p.alignment = alignment
    fmt = p.paragraph_format
    fmt.line_spacing = line
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


def _width_in_characters(text: str) -> float:
    """Digits and Latin letters are half-width in 仿宋; everything else a full character."""
    return sum(0.5 if ord(c) < 0x2E80 else 1 for c in text)


def _signature(doc, signer: str, date_text: str) -> None:
    """GB/T 9704 7.3.5.1: the date four characters in from the right; the signing body centred over it;
    room for the seal above them."""
    char = BODY_SIZE
    date_indent = char * 4
    offset = (_width_in_characters(date_text) - _width_in_characters(signer)) / 2
    signer_indent = max(0, int(date_indent + char * offset))
    for text, indent in ((signer, signer_indent), (date_text, date_indent)):
        p = _paragraph(doc, WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = indent
        p.paragraph_format.keep_with_next = True  # the signature never splits across pages
        _run(p, text, FANGSONG, BODY_SIZE)
    doc.paragraphs[-2].paragraph_format.space_before = SEAL_ROOM
    doc.paragraphs[-1].paragraph_format.keep_with_next = False


def _run(paragraph, text: str, font: str, size, color=None):
    run = paragraph.add_run(_NOT_XML.sub("", text))
    run.font.name = font  # sets w:ascii and w:hAnsi only
    run.font.size = size
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color is not None:
        run.font.color.rgb = color
    return run


# CT_PPr is a sequence: pBdr must come before these.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
               "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc")


def _red_rule_below(paragraph) -> None:
    border = _border("w:bottom", 12, RED)  # 1.5 pt
    border.set(qn("w:space"), "8")  # points between the text and the rule
    bdr = OxmlElement("w:pBdr")
    bdr.append(border)
    paragraph._p.get_or_add_pPr().insert_element_before(bdr, *_AFTER_PBDR)


def _border(tag: str, eighths: int, color=None):
    element = OxmlElement(tag)
    element.set(qn("w:val"), "single" if eighths else "nil")
    if eighths:
        element.set(qn("w:sz"), str(eighths))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), str(color) if color is not None else "000000")
    return element


# --- the 版记 -------------------------------------------------------------------------------------------------

def _imprint(doc, letter: OfficialLetter) -> None:
    """GB/T 9704 7.4 as a two-column table: 抄送 across both columns (wrapped lines aligned after the
    colon), then the printing body one character in from the left and the printing date one in from the
    right; anchored to the bottom of the type area of the page it falls on (the last)."""
    rows = 2 if letter.copies_to else 1
    table = doc.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column in table.columns:
        column.width = TEXT_WIDTH // 2
    for row in table.rows:
        for cell in row.cells:
            cell.width = TEXT_WIDTH // 2
    tbl_pr = table._tbl.tblPr
    _set_table_properties(tbl_pr)
    if letter.copies_to:
        cell = table.rows[0].cells[0].merge(table.rows[0].cells[1])
        p = cell.paragraphs[0]
        _imprint_paragraph(p, WD_ALIGN_PARAGRAPH.LEFT)
        p.paragraph_format.left_indent = SMALL_SIZE * 4  # one character, then 抄送：
        p.paragraph_format.first_line_indent = -SMALL_SIZE * 3
        p.paragraph_format.right_indent = SMALL_SIZE
        _run(p, "抄送：" + "，".join(letter.copies_to) + "。", FANGSONG, SMALL_SIZE)
    printed = table.rows[-1].cells
    left, right = printed[0].paragraphs[0], printed[1].paragraphs[0]
    _imprint_paragraph(left, WD_ALIGN_PARAGRAPH.LEFT)
    left.paragraph_format.left_indent = SMALL_SIZE
    _run(left, letter.printed_by or letter.issuer, FANGSONG, SMALL_SIZE)
    _imprint_paragraph(right, WD_ALIGN_PARAGRAPH.RIGHT)
    right.paragraph_format.right_indent = SMALL_SIZE
    _run(right, chinese_date(letter.printed_on or letter.date) + "印发", FANGSONG, SMALL_SIZE)
    # A floating table is anchored to the paragraph after it; this one takes no room. (LibreOffice 7.4 lays a
    # full-width floating table out in the text flow, here after the signature, and drops one with no
    # paragraph after it.)
    _paragraph(doc, line=Pt(1))


def _imprint_paragraph(p, alignment) -> None:
    p.alignment = alignment
    fmt = p.paragraph_format
    fmt.line_spacing = LINE
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = fmt.space_after = Pt(0)


# CT_TblPr is a sequence too.
_TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def _set_table_properties(tbl_pr) -> None:
    for child in list(tbl_pr):
        if child.tag == qn("w:tblStyle"):  # python-docx's default "Table Grid" would draw every border
            tbl_pr.remove(child)
    position = OxmlElement("w:tblpPr")
    for name, value in (("leftFromText", "0"), ("rightFromText", "0"), ("topFromText", "0"),
                        ("bottomFromText", "0"), ("vertAnchor", "margin"), ("horzAnchor", "margin"),
                        ("tblpXSpec", "center"), ("tblpYSpec", "bottom")):
        position.set(qn(f"w:{name}"), value)
    overlap = OxmlElement("w:tblOverlap")
    overlap.set(qn("w:val"), "never")
    borders = OxmlElement("w:tblBorders")
    for tag, eighths in (("w:top", THICK_RULE), ("w:left", 0), ("w:bottom", THICK_RULE), ("w:right", 0),
                         ("w:insideH", THIN_RULE), ("w:insideV", 0)):
        borders.append(_border(tag, eighths))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "0")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    for element in (position, overlap, borders, layout, margins):
        _insert_in_order(tbl_pr, element)


def _insert_in_order(parent, element) -> None:
    tag = element.tag
    existing = parent.find(tag)
    if existing is not None:
        parent.remove(existing)
    names = [qn(n) for n in _TBLPR_ORDER]
    position = names.index(tag)
    for child in parent:
        if child.tag in names and names.index(child.tag) > position:
            child.addprevious(element)
            return
    parent.append(element)


# --- the file -----------------------------------------------------------------------------------------------

def _save_deterministic(doc, letter: OfficialLetter) -> bytes:
    # python-docx stamps core properties and zip entries with the current time; pin both to the letter's date.
    d = letter.date
    when = datetime.datetime(d.year, d.month, d.day, tzinfo=datetime.timezone.utc)
    props = doc.core_properties
    props.created = props.modified = when
    props.author = props.last_modified_by = letter.issuer
    props.comments = ""
    props.title = letter.title
    props.identifier = letter.number
    props.revision = 1

    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6]), src.read(info),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
