import dataclasses
import datetime
import hashlib
import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from review_app.review.opinion_docx import LetterPoint, OpinionLetter, build_opinion_docx
from workflows.numerals import chinese_number

LETTER = OpinionLetter(
    issuer="示范区司法局",
    number="示司审〔2026〕12号",
    title="关于《示范区城市道路占用管理办法（草案）》的合法性审核意见",
    addressee="示范区住房和城乡建设局",
    conclusion_text="经审核，该文件草案在修改后可提交区政府常务会议审议。",
    reasons="该草案制定主体适格，程序基本完备。\n但部分条款增设了无上位法依据的义务。",
    points=(
        LetterPoint(1, "第三条", "删除“须提交无违法记录证明”的要求。"),
        LetterPoint(2, "第十一条", "罚款数额超出上位法规定的幅度，应予调整。"),
        LetterPoint(3, "", "请补充起草说明中的公众参与情况。"),
    ),
    signer="示范区司法局",
    date=datetime.date(2026, 11, 25),
)


@pytest.fixture(scope="module")
def letter_bytes():
    return build_opinion_docx(LETTER)


@pytest.fixture(scope="module")
def document(letter_bytes):
    return docx.Document(io.BytesIO(letter_bytes))


def paragraph(document, text):
    (found,) = [p for p in document.paragraphs if p.text == text]
    return found


def fonts(run):
    rfonts = run._element.rPr.rFonts
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


@pytest.mark.parametrize(
    "n, numeral",
    [(1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (23, "二十三"), (99, "九十九")],
)
def test_points_are_numbered_with_the_formal_chinese_numbers(n, numeral):
    assert chinese_number(n) == numeral


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_point_numbers_out_of_range(n):
    with pytest.raises(ValueError):
        chinese_number(n)


def test_page_is_a4_with_official_margins(document):
    section = document.sections[0]
    assert section.page_width.cm == pytest.approx(21.0, abs=0.01)
    assert section.page_height.cm == pytest.approx(29.7, abs=0.01)
    assert section.top_margin.cm == pytest.approx(3.7, abs=0.01)
    assert section.bottom_margin.cm == pytest.approx(3.5, abs=0.01)
    assert section.left_margin.cm == pytest.approx(2.8, abs=0.01)
    assert section.right_margin.cm == pytest.approx(2.6, abs=0.01)


def test_header_order(document):
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == [LETTER.issuer, LETTER.number, LETTER.title, "示范区住房和城乡建设局："]


def test_issuing_body_mark_is_red_xiaobiaosong_centred(document):
    mark = document.paragraphs[0]
    (run,) = mark.runs
    assert mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert fonts(run) == dict.fromkeys(("ascii", "hAnsi", "eastAsia"), "方正小标宋简体")
    assert str(run.font.color.rgb) == "C00000"
    assert run.font.size == Pt(26)


def test_number_is_centred_fangsong_above_a_red_rule(document):
    number = paragraph(document, "示司审〔2026〕12号")
    (run,) = number.runs
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert fonts(run)["eastAsia"] == "仿宋_GB2312"
    assert run.font.size == Pt(16)
    bottom = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single"
    assert bottom.get(qn("w:color")) == "C00000"


def test_title_is_centred_xiaobiaosong_22pt(document):
    title = paragraph(document, LETTER.title)
    (run,) = title.runs
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert fonts(run) == dict.fromkeys(("ascii", "hAnsi", "eastAsia"), "方正小标宋简体")
    assert run.font.size == Pt(22)


def test_addressee_is_flush_left(document):
    addressee = paragraph(document, "示范区住房和城乡建设局：")
    assert addressee.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert addressee.paragraph_format.first_line_indent is None
    assert fonts(addressee.runs[0])["eastAsia"] == "仿宋_GB2312"


@pytest.mark.parametrize(
    "text",
    [
        LETTER.conclusion_text,
        "该草案制定主体适格，程序基本完备。",
        "但部分条款增设了无上位法依据的义务。",
        "修改意见：",
        "一、（第三条）删除“须提交无违法记录证明”的要求。",
    ],
)
def test_body_paragraphs_are_indented_fangsong_on_a_fixed_28pt_line(document, text):
    body = paragraph(document, text)
    (run,) = body.runs
    assert fonts(run) == dict.fromkeys(("ascii", "hAnsi", "eastAsia"), "仿宋_GB2312")
    assert run.font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body.paragraph_format.line_spacing == Pt(28)
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY


def test_body_order_with_numbered_points(document):
    texts = [p.text for p in document.paragraphs]
    start = texts.index(LETTER.conclusion_text)
    assert texts[start:start + 7] == [
        LETTER.conclusion_text,
        "该草案制定主体适格，程序基本完备。",
        "但部分条款增设了无上位法依据的义务。",
        "修改意见：",
        "一、（第三条）删除“须提交无违法记录证明”的要求。",
        "二、（第十一条）罚款数额超出上位法规定的幅度，应予调整。",
        "三、请补充起草说明中的公众参与情况。",
    ]


def test_signature_and_date_close_the_letter_right_aligned(document):
    # Only the 版记 follows them (a table, and the empty paragraph it is anchored to).
    signer, dated = [p for p in document.paragraphs if p.text][-2:]
    assert (signer.text, dated.text) == ("示范区司法局", "2026年11月25日")
    assert signer.alignment == dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert fonts(dated.runs[0])["eastAsia"] == "仿宋_GB2312"


def test_default_style_is_fangsong_for_east_asian_text(document):
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)


def test_letter_without_points_has_no_revision_heading():
    plain = docx.Document(io.BytesIO(build_opinion_docx(dataclasses.replace(LETTER, points=()))))
    assert "修改意见：" not in [p.text for p in plain.paragraphs]


def test_characters_xml_cannot_carry_are_dropped():
    letter = dataclasses.replace(LETTER, reasons="依据\x00充分\x08。")
    texts = [p.text for p in docx.Document(io.BytesIO(build_opinion_docx(letter))).paragraphs]
    assert "依据充分。" in texts


def test_core_properties_are_pinned_to_the_letter(document):
    props = document.core_properties
    expected = datetime.datetime(2026, 11, 25, tzinfo=datetime.timezone.utc)
    assert props.created == props.modified == expected
    assert props.title == LETTER.title
    assert props.identifier == LETTER.number
    assert props.author == "示范区司法局"


def test_building_twice_gives_identical_bytes(letter_bytes):
    assert build_opinion_docx(LETTER) == letter_bytes
    assert hashlib.sha256(build_opinion_docx(LETTER)).hexdigest() == hashlib.sha256(letter_bytes).hexdigest()


def test_zip_entries_carry_the_letter_date_not_the_clock(letter_bytes):
    # Identical bytes within one second prove little; no entry may depend on when the letter was built.
    with zipfile.ZipFile(io.BytesIO(letter_bytes)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2026, 11, 25, 0, 0, 0)}


def test_different_letters_give_different_bytes(letter_bytes):
    assert build_opinion_docx(dataclasses.replace(LETTER, number="示司审〔2026〕13号")) != letter_bytes


# --- what the shared official-letter builder adds (GB/T 9704-2012; tests/unit/test_official_docx.py) -----------

def test_the_opinion_has_page_numbers_on_odd_and_even_pages(document):
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    assert section.footer.paragraphs[0].text == "— 1 —"
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_the_opinion_ends_with_its_imprint_and_room_for_the_seal(document):
    (table,) = document.tables
    assert [c.text for c in table.rows[-1].cells] == ["示范区司法局", "2026年11月25日印发"]
    signer = [p for p in document.paragraphs if p.text][-2]
    assert signer.text == "示范区司法局" and signer.paragraph_format.space_before == Pt(28) * 3


def test_the_opinion_lists_its_copies_in_the_imprint():
    letter = dataclasses.replace(LETTER, copies_to=("示范区人民政府办公室",))
    table = docx.Document(io.BytesIO(build_opinion_docx(letter))).tables[0]
    assert table.rows[0].cells[0].text == "抄送：示范区人民政府办公室。"
