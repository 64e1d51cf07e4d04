"""The written legality-review opinion (合法性审核意见书) as a .docx, laid out by the shared official-letter
builder (review_app/letters/official_docx.py, GB/T 9704-2012): the findings on the three review contents, the
conclusion, the reasons and the numbered modification points are its body."""
import datetime
from dataclasses import dataclass

from workflows.numerals import chinese_number

from ..letters.official_docx import OfficialLetter, build_official_docx, chinese_date

__all__ = ["LetterPoint", "OpinionLetter", "build_opinion_docx", "chinese_date"]


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
    # One line per review content (Decree 713 Art. 27), as the letter states it.
    contents: tuple[str, ...] = ()
    copies_to: tuple[str, ...] = ()  # 抄送机关, printed in the 版记
    # The legal advisers whose written opinion is on record (Decree 713 Art. 28), named in the letter.
    advisers: tuple[str, ...] = ()
    # The litigation-risk level and the mitigation measures (issue 10), after the reasons.
    risk: tuple[str, ...] = ()

    @property
    def advisers_line(self) -> str:
        return f"审核过程中征询了法律顾问{'、'.join(self.advisers)}的书面意见。" if self.advisers else ""


def build_opinion_docx(o: OpinionLetter) -> bytes:
    body = [*o.contents, o.conclusion_text, o.reasons, *o.risk] + ([o.advisers_line] if o.advisers else [])
    if o.points:
        body.append("修改意见：")
        body += [f"{chinese_number(p.number)}、{f'（{p.clause}）' if p.clause else ''}{p.text}"
                 for p in o.points]
    return build_official_docx(OfficialLetter(
        issuer=o.issuer, number=o.number, title=o.title, addressee=o.addressee, body=tuple(body),
        signer=o.signer, date=o.date, copies_to=o.copies_to))
