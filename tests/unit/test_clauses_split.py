"""Splitting a draft into its clauses: articles under chapters and sections, items, preamble, appendices."""
from workflows.clauses import PREAMBLE_LABEL, ClauseKind, clause_label, items, split

DRAFT = [
    "某某区住宅小区物业管理办法",
    "（征求意见稿）",
    "",
    "第一章　总则",
    "第一条　为了规范本区住宅小区物业管理活动，制定本办法。",
    "第二条 本办法适用于本区行政区域内的住宅小区。",
    "第二章 业主与物业服务企业",
    "第一节 业主",
    "第３条 业主享有下列权利：",
    "（一）按照物业服务合同的约定，接受物业服务；",
    "（二）提议召开业主大会会议；",
    "（三）监督业主委员会的工作。",
    "业主委员会应当自选举产生之日起三十日内备案。",
    "第二节　物业服务企业",
    "第四条 物业服务企业应当履行下列义务：（一）按照合同提供服务；（二）及时答复业主的询问；（三）定期公布收支情况。",
    "第五条",
    "物业服务企业不得擅自提高收费标准。",
    "有前款第（一）项情形的，业主可以向区住房和城乡建设局投诉。",
    "第三章 附则",
    "第一百零五条 本办法自2026年1月1日起施行。",
]


def test_articles_carry_their_chapter_and_section():
    doc = split(DRAFT)
    by_label = {c.label: c for c in doc.clauses}
    assert by_label["第一条"].chapter == "第一章 总则" and by_label["第一条"].section == ""
    assert by_label["第三条"].chapter == "第二章 业主与物业服务企业"
    assert by_label["第三条"].section == "第一节 业主"
    assert by_label["第四条"].section == "第二节 物业服务企业"
    # A new chapter clears the section of the last one.
    assert (by_label["第一百零五条"].chapter, by_label["第一百零五条"].section) == ("第三章 附则", "")


def test_title_before_the_first_article_is_the_preamble_numbered_zero():
    preamble = split(DRAFT).clauses[0]
    assert (preamble.kind, preamble.number, preamble.label) == (ClauseKind.preamble, 0, PREAMBLE_LABEL)
    assert preamble.text == "某某区住宅小区物业管理办法\n（征求意见稿）"
    assert (preamble.first_paragraph, preamble.last_paragraph) == (0, 1)


def test_full_width_digits_and_chinese_numerals_up_to_the_hundreds():
    doc = split(DRAFT)
    assert [c.number for c in doc.articles()] == [1, 2, 3, 4, 5, 105]
    assert [c.label for c in doc.articles()][2] == "第三条"  # 第３条 as written
    assert doc.articles()[-1].label == "第一百零五条"


def test_a_clause_runs_over_several_paragraphs_until_the_next_heading():
    c3 = split(DRAFT).clauses[3]
    assert c3.label == "第三条"
    assert c3.text.split("\n") == [
        "业主享有下列权利：", "（一）按照物业服务合同的约定，接受物业服务；", "（二）提议召开业主大会会议；",
        "（三）监督业主委员会的工作。", "业主委员会应当自选举产生之日起三十日内备案。"]
    assert (c3.first_paragraph, c3.last_paragraph) == (8, 12)
    c5 = split(DRAFT).clauses[5]  # the heading alone on its line, the text below it
    assert c5.text == "物业服务企业不得擅自提高收费标准。\n有前款第（一）项情形的，业主可以向区住房和城乡建设局投诉。"


def test_items_on_their_own_paragraphs_end_with_their_paragraph():
    c3 = split(DRAFT).clauses[3]
    assert [(i.number, i.label, i.text) for i in c3.items] == [
        (1, "（一）", "按照物业服务合同的约定，接受物业服务；"),
        (2, "（二）", "提议召开业主大会会议；"),
        (3, "（三）", "监督业主委员会的工作。"),
    ]
    # The paragraph after the items (a new 款) belongs to no item.
    assert c3.item_at(c3.text.index("业主委员会应当")) is None
    assert c3.item_at(c3.text.index("提议召开")) == 1


def test_items_written_inline_in_one_paragraph():
    c4 = split(DRAFT).clauses[4]
    assert [i.text for i in c4.items] == ["按照合同提供服务；", "及时答复业主的询问；", "定期公布收支情况。"]
    first = c4.items[0]
    assert c4.text[first.start:first.end] == "（一）按照合同提供服务；"


def test_a_cross_reference_to_an_item_is_not_an_item():
    assert split(DRAFT).clauses[5].items == ()


def test_arabic_and_circled_items():
    text = "申请人应当提交下列材料：\n1.申请书；\n2、身份证明；\n3. 其他材料。"
    assert [(i.label, i.text) for i in items(text)] == [("1.", "申请书；"), ("2.", "身份证明；"), ("3.", "其他材料。")]
    assert [i.label for i in items("包括：①住宅；②商铺。")] == ["①", "②"]
    assert items("补助标准为每平方米1.5万元。") == ()  # a decimal is not an item


def test_the_first_kind_of_marker_is_the_item_level():
    text = "有下列情形之一的，不予补助：\n（一）虚报材料的，包括：\n1.虚报面积；\n2.虚报人数；\n（二）重复申报的。"
    assert [i.label for i in items(text)] == ["（一）", "（二）"]
    assert items(text)[0].text == "虚报材料的，包括："


def test_a_sentence_opening_with_a_reference_is_not_a_heading():
    doc = split(["第一条 本办法适用于本区。", "第五条规定的事项，由区住房和城乡建设局负责。", "第二条 本办法自公布之日起施行。"])
    assert [c.label for c in doc.clauses] == ["第一条", "第二条"]
    assert doc.clauses[0].text == "本办法适用于本区。\n第五条规定的事项，由区住房和城乡建设局负责。"


def test_heading_written_without_a_space_counts_when_it_is_the_next_number():
    doc = split(["第一条为了规范管理，制定本办法。", "第二条本办法适用于本区。"])
    assert [(c.label, c.text) for c in doc.clauses] == [("第一条", "为了规范管理，制定本办法。"), ("第二条", "本办法适用于本区。")]


def test_gaps_repeats_and_order_are_warnings_not_errors():
    doc = split(["第一条 甲。", "第二条 乙。", "第五条 丙。", "第五条 丁。", "第四条 戊。", "第六条 己。"])
    assert [c.number for c in doc.clauses] == [1, 2, 5, 5, 4, 6]
    assert [(w.kind, w.paragraph, w.message) for w in doc.warnings] == [
        ("gap", 2, "条文序号不连续：第二条之后缺少第三条至第四条。"),
        ("repeat", 3, "条文序号重复：第五条出现不止一次。"),
        ("order", 4, "条文序号倒序：第四条出现在第五条之后。"),
    ]


def test_numbering_that_does_not_start_at_one():
    doc = split(["第三条 甲。", "第四条 乙。"])
    assert [w.message for w in doc.warnings] == ["条文序号不从第一条开始，缺少第一条至第二条。"]


def test_a_bare_appendix_rules_heading_is_a_chapter_and_an_attachment_is_a_clause_of_its_own():
    doc = split(["第一条 甲。", "附则", "第二条 本办法由区司法局负责解释。", "附件1：申请表", "申请人姓名：", "第一条 填表说明。"])
    assert doc.clauses[1].chapter == "附则"
    attachment = doc.clauses[2]
    assert (attachment.kind, attachment.number, attachment.label, attachment.text) == (
        ClauseKind.appendix, 0, "附件1", "申请人姓名：")
    # An attachment numbers its own articles afresh: no repeat warning, and its articles carry its title.
    assert doc.clauses[3].chapter == "附件1 申请表" and doc.warnings == ()


def test_a_notice_without_articles_is_split_into_its_parts():
    doc = split([
        "关于进一步加强农贸市场管理的通知",
        "各镇（街道）、区直各部门：",
        "一、总体要求",
        "坚持问题导向。",
        "二、主要措施",
        "（一）规范经营秩序；（二）改善卫生环境。",
    ])
    assert [(c.kind, c.number, c.label) for c in doc.clauses] == [
        (ClauseKind.preamble, 0, "序言"), (ClauseKind.part, 1, "第一部分"), (ClauseKind.part, 2, "第二部分")]
    assert [i.text for i in doc.clauses[2].items] == ["规范经营秩序；", "改善卫生环境。"]


def test_empty_input_and_blank_paragraphs():
    assert split([]).clauses == ()
    doc = split(["", "  ", "第一条 甲。", "", "乙。"])
    assert [(c.label, c.text, c.first_paragraph, c.last_paragraph) for c in doc.clauses] == [
        ("第一条", "甲。\n乙。", 2, 4)]


def test_labels_are_normalised_whatever_the_written_digits():
    for written in ("第5条 甲。", "第５条 甲。", "第五条 甲。", "第 五 条 甲。"):
        assert split([written]).clauses[0].label == clause_label(5) == "第五条"


def test_a_sentence_opening_with_a_chapter_reference_is_not_a_heading():
    doc = split(["第一条 本办法适用于本区。", "第三章规定的事项，由区司法局负责。"])
    assert [(c.label, c.chapter) for c in doc.clauses] == [("第一条", "")]
    assert doc.clauses[0].text.endswith("第三章规定的事项，由区司法局负责。")
