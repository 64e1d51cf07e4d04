"""Public participation in a major decision (公众参与), as the bureau checks it under Decree 713 Art. 27 (是否履行
法定程序) from what the department records.

- Art. 14: the department hears the public's views, except on a matter that by law is not made public.
- Art. 15: a public comment period is generally not less than 30 days; a shorter one must say why when the draft
  is published (因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明).
- Hearings (Art. 18-19): the draft and its explanation are published before the hearing; DESIGN.md section 3 sets
  7 days before it (verify the article against the district's own rules).

Decree 713 writes "工作日" where it means working days (Art. 26), so its other periods are calendar days; the day
of publication is not counted (the general rule on 期间, workflows/periods.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workflows.text import N_

COMMENT_DAYS = 30           # Decree 713 Art. 15: generally not less than 30 days
HEARING_NOTICE_DAYS = 7     # DESIGN.md section 3 (Art. 16-17 there; the hearing procedure is Art. 18-19)


@dataclass(frozen=True)
class Participation:
    """What the department records of the public's part in a major decision."""
    not_public_reason: str = ""          # the legal ground on which the matter is not made public (Art. 14)
    comment_published_on: date | None = None
    comment_closes_on: date | None = None
    shortened_reason: str = ""           # why the comment period is shorter, as stated when published
    hearing_on: date | None = None
    hearing_materials_on: date | None = None


@dataclass(frozen=True)
class Finding:
    code: str
    message: str        # N_() text with %(name)s placeholders
    params: dict
    article: str


class ParticipationError(ValueError):
    """Dates that cannot be true of any record (the bureau cannot read a finding from them)."""


def check_dates(p: Participation) -> None:
    if (p.comment_published_on is None) != (p.comment_closes_on is None):
        raise ParticipationError(N_("请同时填写征求意见的公布日期和截止日期"))
    if p.comment_published_on and p.comment_closes_on <= p.comment_published_on:
        raise ParticipationError(N_("征求意见截止日期应晚于公布日期"))
    if p.hearing_materials_on and not p.hearing_on:
        raise ParticipationError(N_("填写了听证材料公布日期，请同时填写听证日期"))
    if p.hearing_on and p.hearing_materials_on and p.hearing_materials_on > p.hearing_on:
        raise ParticipationError(N_("听证材料公布日期不能晚于听证日期"))


def comment_days(p: Participation) -> int | None:
    """Days the public had to comment, the day of publication not counted."""
    if p.comment_published_on is None or p.comment_closes_on is None:
        return None
    return (p.comment_closes_on - p.comment_published_on).days


def findings(p: Participation | None) -> list[Finding]:
    """What the bureau should raise about public participation in a major decision; empty when it was followed."""
    if p is None:
        p = Participation()
    if p.not_public_reason.strip():
        return []
    out: list[Finding] = []
    n = comment_days(p)
    if n is None:
        out.append(Finding("no_comment", N_("未记录向社会公开征求意见，也未说明依法不予公开的理由"), {},
                           N_("《重大行政决策程序暂行条例》第十四条")))
    elif n < COMMENT_DAYS and not p.shortened_reason.strip():
        out.append(Finding("comment_short", N_("公开征求意见期限为 %(n)d 日，少于 %(min)d 日，且未说明缩短期限的理由"),
                           {"n": n, "min": COMMENT_DAYS}, N_("《重大行政决策程序暂行条例》第十五条")))
    if p.hearing_on:
        if p.hearing_materials_on is None:
            out.append(Finding("hearing_no_materials", N_("举行听证，但未记录听证材料的公布日期"), {},
                               N_("《重大行政决策程序暂行条例》第十九条")))
        elif (p.hearing_on - p.hearing_materials_on).days < HEARING_NOTICE_DAYS:
            out.append(Finding("hearing_notice_short",
                               N_("听证材料于听证前 %(n)d 日公布，少于 %(min)d 日"),
                               {"n": (p.hearing_on - p.hearing_materials_on).days, "min": HEARING_NOTICE_DAYS},
                               N_("《重大行政决策程序暂行条例》第十九条")))
    return out
