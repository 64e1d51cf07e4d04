"""A .docx draft's paragraphs with Word's automatic numbering rebuilt (review_app.documents.paragraphs), so
the clause split finds 第五条 where the reader sees it; and the highlighter's pieces."""
import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from review_app.clauses.highlight import segments
from review_app.documents.paragraphs import docx_paragraphs, format_number
from review_app.documents.render import docx_to_text
from tests.drafts import FINE_DRAFT, add_list, number, numbered_docx
from workflows.clauses import split


def _save(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_python_docx_and_mammoth_lose_the_automatic_labels():
    data = numbered_docx((0, "为规范管理，制定本办法。"))
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "为规范管理，制定本办法。"
    assert "第一条" not in docx_to_text(data)


def test_automatic_article_and_item_numbers_are_rebuilt_and_split():
    paragraphs = docx_paragraphs(numbered_docx(*FINE_DRAFT))
    assert paragraphs[0] == "关于加强城区餐厨垃圾管理的办法"
    assert paragraphs[4] == "第四条 餐厨垃圾产生单位应当履行下列义务："
    assert paragraphs[5:7] == ["（一）设置符合标准的餐厨垃圾收集容器；", "（二）将餐厨垃圾交由有资质的单位收运。"]
    doc = split(paragraphs)
    assert [c.label for c in doc.articles()] == [f"第{n}条" for n in "一二三四五六七"]
    fourth = doc.articles()[3]
    assert [i.label for i in fourth.items] == ["（一）", "（二）"]
    assert doc.articles()[4].text.startswith("违反本办法第四条规定")
    assert not doc.warnings


def test_items_restart_under_each_article_and_counting_passes_ten():
    paragraphs = [(0, f"第{n}条正文。") for n in range(1, 12)]
    paragraphs.insert(1, (1, "甲项；"))
    paragraphs.insert(2, (1, "乙项。"))
    paragraphs.insert(4, (1, "丙项。"))
    out = docx_paragraphs(numbered_docx(*paragraphs))
    assert out[1:5] == ["（一）甲项；", "（二）乙项。", "第二条 第2条正文。", "（一）丙项。"]
    assert out[-1].startswith("第十一条 ")
    assert [c.number for c in split(out).articles()] == list(range(1, 12))


@pytest.mark.parametrize("fmt, tenth", [("chineseCountingThousand", "第十条"), ("chineseCounting", "第一〇条"),
                                        ("decimal", "第10条"), ("decimalFullWidth", "第１０条")])
def test_every_article_number_format_splits_alike(fmt, tenth):
    out = docx_paragraphs(numbered_docx(*[(0, "正文。")] * 10, article_format=fmt))
    assert out[9].startswith(tenth)
    assert [c.label for c in split(out).articles()][-1] == "第十条"


def test_a_list_restarted_with_a_start_override_counts_afresh():
    d = docx.Document()
    add_list(d)
    for _ in range(2):
        number(d.add_paragraph("正文。"), 0)
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    d.add_paragraph("附件1")
    number(d.add_paragraph("附件正文。"), 0, "91")
    assert docx_paragraphs(_save(d)) == ["第一条 正文。", "第二条 正文。", "附件1", "第一条 附件正文。"]


def test_numbering_from_the_paragraph_style_counts_too():
    d = docx.Document()
    for text in ("甲", "乙"):
        d.add_paragraph(text, style="List Number")  # the default template's style carries a numPr
    assert docx_paragraphs(_save(d)) == ["1. 甲", "2. 乙"]


def test_tracked_insertions_are_read_deletions_and_tab_stops_are_not():
    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>第一条 罚款</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="x"><w:r><w:t>五千元</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="x"><w:r><w:delText>一万元</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:br/><w:t>第二条</w:t><w:tab/><w:t>施行。</w:t></w:r>'))
    assert docx_paragraphs(_save(d)) == ["第一条 罚款五千元", "第二条\t施行。"]


@pytest.mark.parametrize("n, fmt, text", [
    (5, "chineseCountingThousand", "五"), (105, "chineseCountingThousand", "一百零五"), (12, "chineseCounting", "一二"),
    (3, "decimalEnclosedCircle", "③"), (4, "lowerRoman", "iv"), (28, "upperLetter", "BB"), (7, "decimalZero", "07"),
    (9, "someFutureFormat", "9"),
])
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


def test_segments_cut_at_overlapping_spans_and_keep_the_rest_whole():
    text = "由部门处五千元罚款。"
    pieces = segments(text, [(3, 9, "a"), (7, 9, "b"), (-2, 0, "c")])
    assert "".join(p for p, _ in pieces) == text
    assert pieces == [("由部门", ()), ("处五千元", ("a",)), ("罚款", ("a", "b")), ("。", ())]
    assert segments(text, []) == [(text, ())]
