"""The annual summary (年度工作情况) in the words the bureau reports in, from the records: the year's review
sentence (workflows.review_summary), coverage, time, adoption and the demolition ledger; laid out as .docx
with the official letters' page, fonts and signature (review_app.letters.official_docx)."""
import io
from dataclasses import dataclass, replace
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from flask_babel import gettext as _

from workflows.review import Stage

from ..letters.official_docx import (LINE, TITLE_SIZE, XIAOBIAOSONG, _body, _page_numbers, _paragraph, _run,
                                     _set_default_font, _set_page, _signature, chinese_date)
from . import adoption, coverage, demolition, litigation, timing, volumes, words
from .filters import BoardFilter


@dataclass(frozen=True)
class Summary:
    title: str
    paragraphs: tuple[str, ...]
    signer: str
    day: date


def summary(user, f: BoardFilter, year: int, today: date, unit: str) -> Summary:
    """The year's summary for the board's scope (the district, or a department's or town's own rows)."""
    f = replace(f, year=year, quarter=None)
    paragraphs = [words.sentence(volumes.sentence(user, f, year))]
    cov = coverage.build(user, f, today)
    if cov.registered:
        paragraphs.append(_("%(year)s年登记决策事项%(registered)s件，经合法性审核%(reviewed)s件，审核覆盖率为%(rate)s。",
                            year=year, registered=cov.registered, reviewed=cov.reviewed, rate=cov.rate.text))
    bureau = next(x for x in timing.build(user, f, today) if x.stage is Stage.bureau)
    if bureau.count:
        paragraphs.append(_("司法局合法性审核平均用时%(days)s个工作日，按期办结率为%(rate)s。",
                            days=bureau.average_days, rate=bureau.on_time.text))
    total = adoption.build(user, f, today)[-1]
    if total.points:
        paragraphs.append(_("审核意见书共提出修改意见%(points)s条，已答复%(answered)s条，采纳%(adopted)s条，"
                            "采纳率为%(rate)s。", points=total.points, answered=total.answered,
                            adopted=total.adopted, rate=total.rate.text))
    board = demolition.build(user, f, today)
    if board.rows or board.outstanding:
        paragraphs.append(_("截至%(day)s，拆除台账中尚不能依法实施的案件%(cases)s件，法治督察函待回复%(letters)s件。",
                            day=chinese_date(today), cases=board.not_ready, letters=len(board.outstanding)))
    paragraphs += [words.sentence(s) for s in litigation.sentences(user, f, year)]
    # Signed by the body that draws it up: the bureau for the district, a department or town for itself.
    return Summary(_("%(unit)s%(year)s年合法性审核工作情况", unit=unit, year=year), tuple(paragraphs),
                   user.organisation.name, today)


def docx(s: Summary) -> bytes:
    doc = Document()
    _set_page(doc)
    _set_default_font(doc)
    _page_numbers(doc)
    title = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_after = LINE
    title.paragraph_format.line_spacing = Pt(36)  # a 22 pt title would be clipped on the 28 pt body line
    _run(title, s.title, XIAOBIAOSONG, TITLE_SIZE)
    for text in s.paragraphs:
        _body(doc, text)
    _signature(doc, s.signer, chinese_date(s.day))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

