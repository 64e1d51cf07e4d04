"""The review side of the bureau's board and annual summary, from plain counts: its rates (coverage, on time,
adoption), each defined once with the formula the board shows, and the annual sentence in the bureau's words.

The sentence follows the bureau's 2023 report: "2023年来,共计审核重点项目协议117份,行政决策合法性文件12份,
规范性文件7件,处理法律意见征询函70份。" — agreements and decision documents counted in 份, normative documents
in 件, opinion requests "handled" (处理) rather than reviewed; clauses separated as in workflows.summaries. A
kind with nothing that year is left out rather than printed as 0.
"""
from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from workflows.message import Message
from workflows.rates import MeasureDefinition, Rate
from workflows.review import Category
from workflows.summaries import Sentence
from workflows.text import N_


class BoardMeasure(str, Enum):
    coverage_rate = "coverage_rate"
    on_time_rate = "on_time_rate"
    adoption_rate = "adoption_rate"


BOARD_MEASURES: dict[BoardMeasure, MeasureDefinition] = {
    BoardMeasure.coverage_rate: MeasureDefinition(
        N_("审核覆盖率"), N_("审核覆盖率 = 经合法性审核的已登记决策事项数 ÷ 已登记决策事项数 × 100%"),
        N_("《重大行政决策程序暂行条例》第二十五条")),
    BoardMeasure.on_time_rate: MeasureDefinition(
        N_("按期办结率"), N_("按期办结率 = 在期限内完成本环节的事项数 ÷ 完成本环节的事项数 × 100%"),
        N_("本区合法性审核期限规定")),
    BoardMeasure.adoption_rate: MeasureDefinition(
        N_("修改意见采纳率"), N_("采纳率 = 采纳的修改意见数 ÷ 已答复的修改意见数 × 100%"),
        N_("国办发〔2018〕115号")),
}


class Ratio(Rate):
    """A `Rate` of the board's own measures: the same rounding and "—" for an empty denominator."""

    @property
    def label(self) -> str:
        return BOARD_MEASURES[self.measure].label

    @property
    def formula(self) -> str:
        return BOARD_MEASURES[self.measure].formula


# In the order and the words of the report; the first reviewed kind carries "共计审核".
_REVIEWED = (
    (Category.agreement, N_("重点项目协议%(n)s份")),
    (Category.major_decision, N_("行政决策合法性文件%(n)s份")),
    (Category.normative_document, N_("规范性文件%(n)s件")),
)
_FIRST_REVIEWED = N_("共计审核%(items)s")
_OPINION_REQUESTS = N_("处理法律意见征询函%(n)s份")


def review_sentence(year: int, reviewed: Mapping[Category, int]) -> Sentence:
    """The year's sentence from the matters reviewed per category (opinions issued that year)."""
    clauses = [Message(N_("%(year)s年来"), {"year": year})]
    items = [Message(template, {"n": reviewed[c]}) for c, template in _REVIEWED if reviewed.get(c)]
    if items:
        clauses.append(Message(_FIRST_REVIEWED, {"items": items[0]}))
        clauses += items[1:]
    if reviewed.get(Category.opinion_request):
        clauses.append(Message(_OPINION_REQUESTS, {"n": reviewed[Category.opinion_request]}))
    if len(clauses) == 1:
        clauses.append(Message(N_("未办理合法性审核事项")))
    return Sentence(tuple(clauses))
