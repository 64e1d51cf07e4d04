"""The annual assessment (年度考核) of pool members and firms from the stored opinions, ratings and findings;
experts.ratings holds the rules (flags, grades, the one-vote veto, whether the term may be renewed)."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from experts.ratings import (GRADE_LABELS, Assessment, Opinion, Rating, assess_firm, assess_year,
                             renewal_allowed)

from ..extensions import db
from ..models import (AdviserComment, AdviserOpinion, AdviserRating, Assignment, Expert, ExpertFinding,
                      ExpertKind)


def _opinions(expert_ids: list[int], year: int) -> list[Opinion]:
    """The submitted opinions of the members in `year`, with their rating and how many comments the bureau
    pulled into its own opinion."""
    made = sa.func.count(AdviserComment.id)
    adopted = sa.func.count(AdviserComment.point_id)
    rows = db.session.execute(
        sa.select(Assignment.expert_id, Assignment.opinion_due, AdviserOpinion.submitted_on,
                  AdviserRating.timeliness, AdviserRating.quality, AdviserRating.adoption, made, adopted)
        .join(AdviserOpinion, AdviserOpinion.assignment_id == Assignment.id)
        .outerjoin(AdviserRating, AdviserRating.assignment_id == Assignment.id)
        .outerjoin(AdviserComment, AdviserComment.opinion_id == AdviserOpinion.id)
        .where(Assignment.expert_id.in_(expert_ids), AdviserOpinion.submitted_on.is_not(None),
               AdviserOpinion.submitted_on >= date(year, 1, 1),
               AdviserOpinion.submitted_on <= date(year, 12, 31))
        .group_by(Assignment.id, Assignment.expert_id, Assignment.opinion_due, AdviserOpinion.submitted_on,
                  AdviserRating.timeliness, AdviserRating.quality, AdviserRating.adoption))
    return [Opinion(e, due or submitted, submitted, None if t is None else Rating(t, q, a), m, ad)
            for e, due, submitted, t, q, a, m, ad in rows]


def _vetoes(expert_id: int, year: int):
    return set(db.session.scalars(sa.select(ExpertFinding.veto).where(ExpertFinding.expert_id == expert_id,
                                                                      ExpertFinding.year == year)))


def assess_member(expert: Expert, year: int) -> Assessment:
    """A lawyer's own year; a firm's year counts its lawyers' opinions with its own."""
    if expert.kind is ExpertKind.firm:
        lawyers = list(db.session.scalars(sa.select(Expert.id).where(Expert.firm_id == expert.id)))
        return assess_firm(year, expert.id, lawyers, _opinions([expert.id, *lawyers], year),
                           _vetoes(expert.id, year))
    return assess_year(year, _opinions([expert.id], year), _vetoes(expert.id, year))


@dataclass(frozen=True)
class Row:
    expert: Expert
    assessment: Assessment


def assess_pool(district_id: int, year: int) -> list[Row]:
    members = db.session.scalars(sa.select(Expert).where(Expert.district_id == district_id)
                                 .order_by(Expert.kind, Expert.id))
    return [Row(e, assess_member(e, year)) for e in members]


def renewal_bar(expert: Expert, year: int) -> str | None:
    """Why the term may not be renewed after `year` (its grade is 不称职), or None."""
    grade = assess_member(expert, year).grade
    if renewal_allowed(grade):
        return None
    return _("%(year)s年度考核为“%(grade)s”，不予续聘", year=year, grade=_(GRADE_LABELS[grade]))
