"""A matter's history in words: one line per audit event, for its timeline and for telling someone what changed
while their form was open."""
import sqlalchemy as sa
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from workflows.review import Action

from .. import labels
from ..extensions import db
from ..models import AuditEvent, Matter
from ..web import listing

EVENT_LABELS = {
    "matter.create": _l("创建事项草稿"), "matter.update": _l("修改基本信息"),
    "matter.exempt_material": _l("登记材料免报理由"), "matter.extend": _l("延长审核期限"),
    "document.upload": _l("上传材料"), "opinion.draft": _l("起草审核意见书"),
    "opinion.issue": _l("印发审核意见书"), "opinion.answer_point": _l("答复修改意见"),
    "opinion.save_draft": _l("保存审核意见书草稿"), "opinion.add_point": _l("增加修改意见"),
    "matter.investigation_start": _l("暂停计时，开展调查核实"), "matter.investigation_end": _l("调查核实结束，恢复计时"),
    "matter.file_signed": _l("登记协议签署与备案"), "matter.due_recalculated": _l("节假日安排调整，重新计算审核期限"),
}


def describe_event(e: AuditEvent) -> str:
    """One timeline line in the reader's language."""
    after = e.after or {}
    if e.action.startswith("matter.") and e.action[7:] in Action.__members__:
        return labels.ACTION[Action(e.action[7:])]
    label = str(EVENT_LABELS.get(e.action, e.action))
    detail = after.get("number") or after.get("name") or after.get("material") or (
        _("第%(n)s条", n=after["point"]) if "point" in after else "")
    return f"{label} {detail}".strip()




def changes_since(actor, matter: Matter, version: int) -> str:
    """What happened to the matter after the version a form was drawn from, in words: who did what, and when."""
    events = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.object_type == "matter", AuditEvent.object_id == str(matter.id))
        .order_by(AuditEvent.id.desc()).limit(20)).all()
    newer = [e for e in reversed(events) if (e.after or {}).get("version", 0) > version]
    return listing(_("%(who)s%(what)s（%(when)s）", who=_("您本人（在另一窗口或标签页）") if e.actor_id == actor.id
                     else e.actor_name, what=describe_event(e), when=format_datetime(e.at, "HH:mm"))
                   for e in newer)
