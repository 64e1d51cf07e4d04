"""Operations on the expert pool (法律顾问专家库): each district's bureau keeps its own."""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from experts.terms import term_is_valid

from ..admin.policy import require_district
from ..audit.trail import record
from ..extensions import db
from ..models import Expert, ExpertKind, User
from ..operations import OperationError


def add_expert(actor: User | None, district_id: int, kind: ExpertKind, name: str, licence_no: str,
               specialties: str, term_start: date, term_end: date, firm_name: str | None = None,
               contact: str | None = None, phone: str | None = None) -> Expert:
    require_district(actor, district_id)
    if not term_is_valid(term_start, term_end):
        raise OperationError(_("聘期应为 1 至 3 年"))
    if db.session.scalar(sa.select(Expert.id).where(Expert.district_id == district_id,
                                                    Expert.licence_no == licence_no)):
        raise OperationError(_("执业证号或统一社会信用代码已存在：%(no)s", no=licence_no))
    expert = Expert(district_id=district_id, kind=kind, name=name, licence_no=licence_no, specialties=specialties,
                    term_start=term_start, term_end=term_end, firm_name=firm_name, contact=contact, phone=phone)
    db.session.add(expert)
    db.session.flush()
    record(actor, "expert.create", "expert", expert.id, after={
        "kind": kind.value, "name": name, "licence_no": licence_no, "term_start": term_start,
        "term_end": term_end}, district_id=district_id)
    return expert
