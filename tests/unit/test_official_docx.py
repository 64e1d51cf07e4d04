"""The shared official-letter builder (GB/T 9704-2012), read back with python-docx element by element: the
page numbers "— 1 —" outside-centre on odd and even pages (7.5), the 版记 with 抄送 and 印发机关/印发日期 between
its rules at the foot of the last page (7.4), and the room for the seal above the signing date (7.3.5.1)."""
import datetime
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from review_app.letters.official_docx import OfficialLetter, build_official_docx, chinese_date

LETTER = OfficialLetter(
    issuer="示范区司法局", number="示司督〔2026〕3号", title="关于青山大道拓宽工程房屋强制拆除程序的法治督察函",
    addressee="青山镇人民政府", body=("经审查，存在以下问题：", "一、未送达催告书；\n二、未听取陈述申辩。", "特此函告。"),
    signer="示范区司法局", date=datetime.date(2026, 9, 10),
    copies_to=("示范区人民政府办公室", "示范区住房和城乡建设局"), printed_by="示范区司法局办公室",
    printed_on=datetime.date(2026, 9, 11))


@pytest.fixture(scope="module")
def document():
    return docx.Document(io.BytesIO(build_official_docx(LETTER)))


def _fonts(run):
    rfonts = run._element.rPr.rFonts
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


def test_chinese_date_has_no_leading_zeros():
    assert chinese_date(datetime.date(2026, 1, 5)) == "2026年1月5日"


def test_the_letter_reads_in_order(document):
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == ["示范区司法局", "示司督〔2026〕3号", LETTER.title, "青山镇人民政府：", "经审查，存在以下问题：",
                     "一、未送达催告书；", "二、未听取陈述申辩。", "特此函告。", "示范区司法局", "2026年9月10日"]


# --- 7.5 page numbers ---------------------------------------------------------------------------------------

def test_odd_and_even_pages_have_their_own_footers(document):
    assert document.settings.odd_and_even_pages_header_footer
    assert document.settings.element.find(qn("w:evenAndOddHeaders")) is not None


@pytest.mark.parametrize("which, alignment", [("footer", WD_ALIGN_PARAGRAPH.RIGHT),
                                              ("even_page_footer", WD_ALIGN_PARAGRAPH.LEFT)])
def test_page_numbers_are_dashes_round_a_page_field_outside_centre(document, which, alignment):
    footer = getattr(document.sections[0], which)
    assert not footer.is_linked_to_previous
    (p,) = footer.paragraphs
    assert p.text == "— 1 —"  # the field's shown value until Word or WPS updates it
    assert p.alignment == alignment
    indent = p.paragraph_format.right_indent if alignment == WD_ALIGN_PARAGRAPH.RIGHT else p.paragraph_format.left_indent
    assert indent == Pt(14)  # one character of the size-4 number
    kinds = [e.get(qn("w:fldCharType")) for e in p._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert [e.text.strip() for e in p._p.iter(qn("w:instrText"))] == ["PAGE"]
    assert all(_fonts(r)["eastAsia"] == "宋体" and r.font.size == Pt(14) for r in p.runs)


def test_the_footer_sits_about_seven_millimetres_below_the_type_area(document):
    section = document.sections[0]
    below_type_area = section.bottom_margin.mm - section.footer_distance.mm  # the number's line is above this
    assert 11 <= below_type_area <= 13  # about 7 mm of gap plus the 14 pt line (about 5 mm)


# --- 7.3.5.1 the seal ---------------------------------------------------------------------------------------

def test_there_is_room_for_the_seal_above_the_signing_body(document):
    signer, dated = [p for p in document.paragraphs if p.text][-2:]
    assert signer.paragraph_format.space_before == Pt(28) * 3  # a 42 mm seal, its top within a line of the body
    assert signer.alignment == dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert dated.paragraph_format.right_indent == Pt(16) * 4  # the date four characters in from the right
    # The signing body is centred over the date: "示范区司法局" is 6 characters, "2026年9月10日" 6.5.
    assert signer.paragraph_format.right_indent == Pt(16) * 4 + Pt(16) * 0.25
    assert signer.paragraph_format.keep_with_next


# --- 7.4 the 版记 ---------------------------------------------------------------------------------------------

def test_the_imprint_holds_copies_and_the_printing_body_and_date(document):
    (table,) = document.tables
    copies, printed = table.rows
    assert copies.cells[0].text == "抄送：示范区人民政府办公室，示范区住房和城乡建设局。"
    assert copies.cells[0]._tc is copies.cells[1]._tc  # across the whole width
    assert [c.text for c in printed.cells] == ["示范区司法局办公室", "2026年9月11日印发"]
    left, right = printed.cells[0].paragraphs[0], printed.cells[1].paragraphs[0]
    assert left.alignment == WD_ALIGN_PARAGRAPH.LEFT and left.paragraph_format.left_indent == Pt(14)
    assert right.alignment == WD_ALIGN_PARAGRAPH.RIGHT and right.paragraph_format.right_indent == Pt(14)
    # Wrapped 抄送 lines align after the colon: one character in, then three for 抄送：.
    fmt = copies.cells[0].paragraphs[0].paragraph_format
    assert (fmt.left_indent, fmt.first_line_indent) == (Pt(14) * 4, -Pt(14) * 3)
    for cell in (copies.cells[0], *printed.cells):
        run = cell.paragraphs[0].runs[0]
        assert _fonts(run)["eastAsia"] == "仿宋_GB2312" and run.font.size == Pt(14)
        assert cell.paragraphs[0].paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY


def test_the_imprint_rules_are_thick_outside_and_thin_between(document):
    borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    size = {side: borders.find(qn(f"w:{side}")) for side in ("top", "bottom", "insideH", "left", "right", "insideV")}
    assert (size["top"].get(qn("w:sz")), size["bottom"].get(qn("w:sz")), size["insideH"].get(qn("w:sz"))) == \
        ("8", "8", "6")  # eighths of a point: about 0.35 mm, 0.35 mm and 0.25 mm
    assert all(size[s].get(qn("w:val")) == "nil" for s in ("left", "right", "insideV"))
    assert document.tables[0]._tbl.tblPr.find(qn("w:tblStyle")) is None  # no grid of the default style


def test_the_imprint_sits_at_the_foot_of_the_last_page(document):
    tbl = document.tables[0]._tbl
    position = tbl.tblPr.find(qn("w:tblpPr"))
    assert position.get(qn("w:vertAnchor")) == "margin" and position.get(qn("w:tblpYSpec")) == "bottom"
    assert tbl.tblPr.find(qn("w:tblOverlap")).get(qn("w:val")) == "never"
    body = [e.tag for e in document.element.body if e.tag != qn("w:sectPr")]
    assert body[-2:] == [qn("w:tbl"), qn("w:p")]  # after the signature, then the empty paragraph it hangs on
    assert document.paragraphs[-1].text == ""
    widths = sum(c.width for c in document.tables[0].rows[-1].cells)
    assert abs(widths - (document.sections[0].page_width - document.sections[0].left_margin
                         - document.sections[0].right_margin)) < Pt(1)  # as wide as the type area


def test_without_copies_the_imprint_has_the_printing_line_only():
    letter = OfficialLetter(**{**LETTER.__dict__, "copies_to": (), "printed_by": "", "printed_on": None})
    (row,) = docx.Document(io.BytesIO(build_official_docx(letter))).tables[0].rows
    assert [c.text for c in row.cells] == ["示范区司法局", "2026年9月10日印发"]  # the issuer, the letter's date
