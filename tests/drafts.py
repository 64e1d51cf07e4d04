"""Drafts as Word writes them when the drafter uses automatic list numbering: 第X条 and （X） are numbering
levels (w:numPr → numbering.xml), not text, as in Word's "定义新的多级列表" with 第%1条."""
import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

LIST_ID = "90"


def _levels(article_format: str, start: int) -> str:
    return (f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{article_format}"/>'
            '<w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>'
            '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>')


def add_list(document, article_format="chineseCountingThousand", start=1, list_id=LIST_ID) -> str:
    """A two-level list (第%1条, （%2）) in the document's numbering part; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{_levels(article_format, start)}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # every w:abstractNum comes before the first w:num
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{list_id}"><w:abstractNumId w:val="{list_id}"/></w:num>'))
    return list_id


def number(paragraph, level: int, num_id: str = LIST_ID) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def numbered_docx(*paragraphs, article_format="chineseCountingThousand") -> bytes:
    """Each paragraph is a plain string, or (level, text): level 0 is numbered 第X条, level 1 （X）."""
    d = docx.Document()
    num_id = add_list(d, article_format)
    for p in paragraphs:
        level, text = (None, p) if isinstance(p, str) else p
        para = d.add_paragraph(text)
        if level is not None:
            number(para, level, num_id)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# A district's draft, numbered automatically by Word, whose 第五条 creates a fine (行政处罚法 Art. 16) and 第六条
# a licence (行政许可法 Art. 17); the revision replaces the fine with a reference to the law and keeps 第六条.
FINE_DRAFT = (
    "关于加强城区餐厨垃圾管理的办法",
    (0, "为加强城区餐厨垃圾管理，维护市容环境卫生，制定本办法。"),
    (0, "本办法适用于本区城区范围内餐厨垃圾的产生、收集、运输和处置活动。"),
    (0, "区城市管理部门负责本办法的组织实施。"),
    (0, "餐厨垃圾产生单位应当履行下列义务："),
    (1, "设置符合标准的餐厨垃圾收集容器；"),
    (1, "将餐厨垃圾交由有资质的单位收运。"),
    (0, "违反本办法第四条规定，未将餐厨垃圾交由有资质的单位收运的，由区城市管理部门责令改正，处五千元以上三万元以下罚款。"),
    (0, "从事餐厨垃圾收运的单位，须经区城市管理部门审批后方可从事收运活动。"),
    (0, "本办法自2027年1月1日起施行。"),
)
FINE_REVISED = tuple(
    (0, "违反本办法第四条规定，未将餐厨垃圾交由有资质的单位收运的，由区城市管理部门依照《城市市容和环境卫生管理条例》的规定处理。")
    if isinstance(p, tuple) and "罚款" in p[1] else p for p in FINE_DRAFT)
