"""API: a major decision's public participation (Decree 713 Art. 14-19) and the findings the bureau reads from
it; the same operation, policy and findings as the matter page."""
from datetime import date

from flask_babel import gettext as _
from pydantic import Field

from workflows.participation import Participation

from .. import limits
from ..extensions import db
from ..matters.participation import participation_findings, record_participation
from ..models import PublicParticipation
from ..operations import OperationError
from . import api_route
from .matters import _matter, _user
from .schemas import Request, Resource, Timestamp, Version, bounded

Reason = bounded(limits.REASON)


class ParticipationFields(Request):
    not_public_reason: Reason = Field("", description="依法不予公开的理由（第十四条）；填写时不检查期限")
    comment_published_on: date | None = Field(None, description="公开征求意见的公布日期")
    comment_closes_on: date | None = Field(None, description="截止日期；期限自公布次日起算，一般不少于 30 日")
    shortened_reason: Reason = Field("", description="少于 30 日时公布时说明的理由（第十五条）")
    hearing_on: date | None = None
    hearing_materials_on: date | None = Field(None, description="听证材料公布日期，应于听证 7 日前")


class ParticipationUpdate(ParticipationFields):
    version: Version | None = Field(None, description="首次填写时省略；修改时为当前版本号")


class FindingOut(Resource):
    code: str
    message: str
    article: str


class ParticipationOut(Resource):
    matter_id: int
    recorded: bool
    not_public_reason: str
    comment_published_on: date | None
    comment_closes_on: date | None
    shortened_reason: str
    hearing_on: date | None
    hearing_materials_on: date | None
    updated_at: Timestamp | None
    version: int | None
    findings: list[FindingOut] = Field(description="司法局审查程序时应注意的问题；为空表示期限符合规定")

    @classmethod
    def of(cls, matter) -> "ParticipationOut":
        if matter.category.value != "major_decision":
            raise OperationError(_("只有重大行政决策需要填写公众参与情况"), 404)
        row = db.session.get(PublicParticipation, matter.id)
        facts = {name: getattr(row, name) if row else getattr(Participation(), name)
                 for name in Participation.__dataclass_fields__}
        return cls(matter_id=matter.id, recorded=row is not None, **facts,
                   updated_at=row.updated_at if row else None, version=row.version if row else None,
                   findings=[FindingOut(code=f.code, message=_(f.message, **f.params), article=_(f.article))
                             for f in participation_findings(matter)])


@api_route("/matters/<int:matter_id>/participation", "GET", "重大行政决策的公众参与情况及司法局应注意的问题",
           ParticipationOut)
def get_participation(matter_id: int):
    return ParticipationOut.of(_matter(matter_id))


@api_route("/matters/<int:matter_id>/participation", "PUT", "填写公众参与情况（承办部门，起草或补正中）",
           ParticipationOut, body=ParticipationUpdate)
def put_participation(matter_id: int, body: ParticipationUpdate):
    matter = _matter(matter_id)
    facts = body.model_dump(exclude={"version"})
    record_participation(_user(), matter, body.version, Participation(**facts))
    return ParticipationOut.of(matter)
