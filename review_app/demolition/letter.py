"""The supervision letter's text (法治督察函) and its .docx, laid out by the shared official-letter builder.

The letter is an official document in Chinese whatever the reader's interface language, like the opinion
letter: its wording is fixed here, its findings and requirements are what the bureau wrote when issuing.
"""
from workflows.numerals import chinese_number

from ..extensions import db
from ..letters.official_docx import OfficialLetter, build_official_docx, chinese_date
from ..models import DemolitionCase, District, SupervisionLetter
from ..numbering import number_text
from .ledger import CaseAnswer

SERIES = "supervision"  # the NumberCounter series of 法治督察函
SEPARATORS = "、，,；;"


def letter_number(letter: SupervisionLetter) -> str:
    """e.g. 示司督〔2026〕3号."""
    prefix = db.session.get(District, letter.district_id).supervision_prefix
    return number_text(prefix, letter.year, letter.number)


def split_names(text: str) -> tuple[str, ...]:
    """抄送 typed as 区人民政府办公室、区住建局: the names in order, without blanks."""
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return tuple(n.strip() for n in text.split(SEPARATORS[0]) if n.strip())


def default_findings(answer: CaseAnswer) -> str:
    """What the board found, one numbered line each: the alerts, then every step or period still missing."""
    lines = [a.text for a in answer.alerts] + [m.text for m in answer.gate.missing]
    lines = list(dict.fromkeys(lines))
    return "\n".join(f"{chinese_number(i)}、{line}" for i, line in enumerate(lines[:99], start=1))


DEFAULT_REQUIREMENTS = ("依照《中华人民共和国行政强制法》第三十五条至第三十八条、第四十三条、第四十四条等规定，"
                        "依法补正上述程序并保存送达凭证；在复议、诉讼期限届满且程序完备前，不得实施强制拆除；"
                        "确需调整拟拆除时间的，及时更新台账。")


def title_of(case: DemolitionCase) -> str:
    return f"关于{case.project}（{case.address}）房屋强制拆除程序的法治督察函"


def official_letter(letter: SupervisionLetter, number: str) -> OfficialLetter:
    case = letter.case
    district = db.session.get(District, letter.district_id)
    bureau = f"{district.name}司法局"
    parties = "、".join(case.party_names)
    body = (
        f"经审查你单位报送的房屋拆除控增量摸底台账，“{case.project}”项目位于{case.address}的房屋"
        f"（当事人：{parties}）拟实施强制拆除，其执法程序存在以下问题：",
        letter.findings,
        "请你单位：",
        letter.requirements,
        f"请于{chinese_date(letter.reply_due_on)}前将整改情况书面回复我局，并在台账中录入补正的程序节点及其证明材料。",
        "特此函告。",
    )
    return OfficialLetter(issuer=bureau, number=number, title=title_of(case),
                          addressee=letter.organisation.name, body=body, signer=bureau, date=letter.issued_on,
                          copies_to=split_names(letter.copies_to))


def build_letter_docx(letter: SupervisionLetter) -> bytes:
    return build_official_docx(official_letter(letter, letter_number(letter)))
