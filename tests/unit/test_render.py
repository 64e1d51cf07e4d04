import io
import struct
import zlib

import docx
import pytest

from review_app.documents.render import diff_html, docx_to_html, docx_to_text, sanitise_html


def png_bytes() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(
        b"IEND", b""
    )


def draft_docx() -> bytes:
    d = docx.Document()
    d.add_heading("示范区某某管理办法（草案）", level=1)
    p = d.add_paragraph("第一条 为了规范管理，")
    p.add_run("根据有关法律").bold = True
    p.add_run("，制定本办法。")
    d.add_paragraph("第三条 申请人应当提交材料。")
    d.add_paragraph("<script>alert('xss')</script><img src=x onerror=alert(1)>")
    d.add_picture(io.BytesIO(png_bytes()))
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "收费项目"
    table.cell(1, 0).text = "工本费"
    table.cell(1, 1).text = "不收费"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# --- docx to HTML ---------------------------------------------------------------------------------


def test_docx_to_html_keeps_structure_and_chinese_text():
    html = docx_to_html(draft_docx())
    assert "<h1>示范区某某管理办法（草案）</h1>" in html
    assert "<p>第一条 为了规范管理，<strong>根据有关法律</strong>，制定本办法。</p>" in html
    assert '<td colspan="2"><p>收费项目</p></td>' in html
    assert "<td><p>工本费</p></td>" in html


def test_docx_images_are_dropped():
    html = docx_to_html(draft_docx())
    assert "<img" not in html
    assert "data:" not in html


def test_markup_typed_into_a_docx_stays_text():
    html = docx_to_html(draft_docx())
    assert "<script" not in html
    assert "&lt;script&gt;alert('xss')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize(
    "hostile, safe",
    [
        ("<p>正文<script>alert(1)</script></p>", "<p>正文</p>"),
        ('<p onclick="alert(1)" style="color:red" class="x" id="y">正文</p>', "<p>正文</p>"),
        ('<p>图<img src="data:image/png;base64,AAAA" onerror="alert(1)"></p>', "<p>图</p>"),
        ('<p><a href="javascript:alert(1)">链接</a></p>', "<p>链接</p>"),
        ('<iframe src="https://example.com"></iframe><p>正文</p>', "<p>正文</p>"),
        ("<style>p{display:none}</style><p>正文</p><!-- 注释 -->", "<p>正文</p>"),
        ('<span title="x" onmouseover="alert(1)">字</span>', "<span>字</span>"),
        (
            '<table><tbody><tr><td colspan="2" rowspan="3" width="9" onclick="x">格</td></tr></tbody></table>',
            '<table><tbody><tr><td colspan="2" rowspan="3">格</td></tr></tbody></table>',
        ),
    ],
)
def test_sanitiser_drops_scripts_handlers_images_and_attributes(hostile, safe):
    assert sanitise_html(hostile) == safe


def test_sanitiser_keeps_allowed_tags():
    markup = (
        "<h2>标题</h2><p><strong>粗</strong><em>斜</em><u>下</u><br></p><ol><li>一</li></ol><ul><li>二</li></ul>"
    )
    assert sanitise_html(markup) == markup


# --- docx to text ---------------------------------------------------------------------------------


def test_docx_to_text_joins_paragraphs_with_newlines():
    lines = docx_to_text(draft_docx()).split("\n")
    assert lines[:3] == ["示范区某某管理办法（草案）", "第一条 为了规范管理，根据有关法律，制定本办法。", "第三条 申请人应当提交材料。"]
    assert lines[-3:] == ["收费项目", "工本费", "不收费"]
    assert "" not in lines


# --- diffs ----------------------------------------------------------------------------------------


def test_insertion_in_a_chinese_clause_is_marked_exactly():
    left, right = diff_html("第三条 申请人应当提交材料", "第三条 申请人应当在五日内提交材料")
    assert left == "第三条 申请人应当提交材料"
    assert right == '第三条 申请人应当<ins class="diff-ins">在五日内</ins>提交材料'


def test_deletion_is_marked_on_the_left_only():
    left, right = diff_html("第五条 对违反本办法的，处以罚款。", "第五条 对违反本办法的，依法处理。")
    assert '<del class="diff-del">' in left and "<ins" not in left
    assert '<ins class="diff-ins">' in right and "<del" not in right
    assert left.startswith("第五条 对违反本办法的，") and right.startswith("第五条 对违反本办法的，")


def test_diff_keeps_character_granularity():
    left, right = diff_html("甲方应当于五日内答复乙方", "甲方应当于十日内答复乙方")
    assert left == '甲方应当于<del class="diff-del">五</del>日内答复乙方'
    assert right == '甲方应当于<ins class="diff-ins">十</ins>日内答复乙方'


def test_diff_escapes_html_and_keeps_line_breaks():
    left, right = diff_html("第一条 <b>甲</b>\n第二条 乙", "第一条 <b>甲</b>\n第二条 丙 & 丁")
    assert left == '第一条 &lt;b&gt;甲&lt;/b&gt;<br>第二条 <del class="diff-del">乙</del>'
    assert right == '第一条 &lt;b&gt;甲&lt;/b&gt;<br>第二条 <ins class="diff-ins">丙 &amp; 丁</ins>'


def test_diff_of_identical_texts_has_no_marks():
    assert diff_html("第一条\n第二条", "第一条\n第二条") == ("第一条<br>第二条", "第一条<br>第二条")


def test_diff_of_two_docx_versions():
    old = docx_to_text(draft_docx())
    new = old.replace("申请人应当提交材料", "申请人应当在五日内提交材料")
    _, right = diff_html(old, new)
    assert '应当<ins class="diff-ins">在五日内</ins>提交材料' in right


def test_versions_are_aligned_paragraph_by_paragraph_with_edits_inside_the_running_text():
    from review_app.documents.render import aligned_diff
    old = "第一条 为规范管理，制定本办法。\n第二条 申请人应当提交材料。\n第三条 本办法自发布之日起施行。"
    new = "第一条 为规范管理，制定本办法。\n第二条 申请人应当在五日内提交材料。\n第二条之一 新增条款。\n第三条 本办法自发布之日起施行。"
    rows = aligned_diff(old, new)
    assert [r.changed for r in rows] == [False, True, True, False]
    assert rows[0].left == rows[0].right == "第一条 为规范管理，制定本办法。"
    assert rows[1].left == "第二条 申请人应当提交材料。"
    assert rows[1].right == '第二条 申请人应当<ins class="diff-ins">在五日内</ins>提交材料。'
    assert rows[2].left == "" and rows[2].right == '<ins class="diff-ins">第二条之一 新增条款。</ins>'
    assert rows[3].left == rows[3].right


def test_identical_versions_have_no_changed_row():
    from review_app.documents.render import aligned_diff
    text = "第一条 甲\n第二条 乙"
    assert not any(r.changed for r in aligned_diff(text, text))


def test_an_edited_paragraph_is_paired_with_its_old_self_not_its_neighbour():
    from review_app.documents.render import aligned_diff
    rows = aligned_diff("第一条 为规范管理，制定本办法。\n第二条 申请人应当提交材料。", "第二条 申请人应当在五日内提交材料。")
    assert rows[0].left == '<del class="diff-del">第一条 为规范管理，制定本办法。</del>' and rows[0].right == ""
    assert rows[1].right == '第二条 申请人应当<ins class="diff-ins">在五日内</ins>提交材料。'


def _plain(fragment: str) -> str:
    import html as html_module
    import re as re_module
    return html_module.unescape(re_module.sub(r"</?(del|ins)[^>]*>", "", fragment))


from hypothesis import given, settings, strategies as st  # noqa: E402

_PARAS = st.lists(st.text(alphabet="甲乙丙丁条款<&", min_size=1, max_size=8), min_size=0, max_size=8)


@settings(max_examples=200, deadline=None)
@given(_PARAS, _PARAS)
def test_the_aligned_view_loses_no_text_of_either_version(old, new):
    from review_app.documents.render import aligned_diff
    rows = aligned_diff("\n".join(old), "\n".join(new))
    left = [_plain(r.left) for r in rows if r.left]
    right = [_plain(r.right) for r in rows if r.right]
    assert left == [p for p in "\n".join(old).split("\n") if p]
    assert right == [p for p in "\n".join(new).split("\n") if p]
