"""The audit trail in words: each action's name, each changed field with its label and its values as people
read them (enums by their labels, yes/no, names instead of ids), and the record it concerns as a link to its
page when the reader may open it.

Every action the code records has a label here (tests/app/test_audit_page.py compares this table with the
`record(…)` calls in review_app/); an action without one, say from a newer module, shows its code.
"""
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa
from flask import url_for
from flask_babel import format_datetime, gettext
from flask_babel import lazy_gettext as _l

from workflows.review import Action

from .. import labels, rules
from ..access import allowed
from ..decisions import policy as decisions_policy
from ..demolition import policy as demolition_policy
from ..extensions import db
from ..i18n import LANGUAGES, language_code
from ..matters import policy as matters_policy
from ..models import AuditEvent, Decision, DemolitionCase, Expert, Matter, Organisation, User

ACTIONS = {
    "district.create": _l("新建行政区"),
    "organisation.create": _l("新建单位"), "organisation.enable": _l("启用单位"),
    "organisation.disable": _l("停用单位"),
    "user.create": _l("新建用户"), "user.update": _l("修改用户信息"), "user.enable": _l("启用用户"),
    "user.disable": _l("停用用户"), "user.password_reset": _l("管理员重置密码"),
    "user.totp_reset": _l("管理员重置动态验证码"), "user.login": _l("登录"), "user.logout": _l("退出登录"),
    "user.password_change": _l("修改本人密码"), "user.totp_enable": _l("启用动态验证码"),
    "api_token.create": _l("创建接口令牌"), "api_token.revoke": _l("撤销接口令牌"),
    "matter.create": _l("新建审核事项（草稿）"), "matter.update": _l("修改审核事项信息"),
    "matter.participation": _l("填写公众参与情况"),
    "matter.exempt_material": _l("登记材料免报理由"), "matter.extend": _l("延长审核期限"),
    "matter.investigation_start": _l("暂停计时，开展调查核实"),
    "matter.investigation_end": _l("调查核实结束，恢复计时"), "matter.file_signed": _l("登记协议签署与备案"),
    "matter.due_recalculated": _l("节假日安排调整，重新计算审核期限"),
    # matter.<action> for every step of the review (workflows.review.Action): labels.ACTION, see action_label
    "document.upload": _l("上传材料"), "clauses.read": _l("逐条审读文稿，生成条款提示"),
    "clause_flag.accept": _l("采纳条款提示为修改意见"), "clause_flag.dismiss": _l("不采纳条款提示"),
    "opinion.save_draft": _l("保存审核意见书草稿"), "opinion.draft": _l("审核意见书送签"),
    "opinion.add_point": _l("增加修改意见"), "opinion.issue": _l("印发审核意见书"),
    "opinion.answer_point": _l("答复修改意见"),
    "decision.record": _l("登记决策事项"), "decision.import": _l("导入决策事项目录"),
    "expert.create": _l("新增法律顾问"),
    "setting.update": _l("修改设置"),
    "calendar.set": _l("设置工作日历"), "calendar.delete": _l("删除工作日历条目"),
    "calendar.import": _l("导入工作日历"),
    "material_kind.create": _l("新增材料种类"), "material_kind.required": _l("设为必备材料"),
    "material_kind.optional": _l("设为非必备材料"), "material_kind.enable": _l("启用材料种类"),
    "material_kind.disable": _l("停用材料种类"), "material_kind.rename": _l("材料种类改名"),
    # Demolition ledger (issue 9)
    "demolition.create": _l("录入拆除台账案件"), "demolition.update": _l("修改拆除台账案件"),
    "demolition.import": _l("导入拆除台账"), "demolition.record_step": _l("录入执法程序节点"),
    "demolition.record_challenge": _l("登记复议或诉讼"), "demolition.end_challenge": _l("登记复议或诉讼结果"),
    "demolition.record_execution": _l("登记实施拆除"), "supervision.issue": _l("制发法治督察函"),
    "supervision.reply": _l("回复法治督察函"),
    # Expert pool (issue 8): the roster, draws, invitations, advisers' opinions, ratings
    "expert.update": _l("修改法律顾问信息"), "expert.suspended": _l("暂停法律顾问"),
    "expert.reinstated": _l("恢复法律顾问"), "expert.exited": _l("法律顾问退出专家库"),
    "expert.renew": _l("续聘法律顾问"), "expert.related_party": _l("登记关联方"),
    "expert.import": _l("导入专家库名册"), "expert.finding": _l("登记考核否决事项"),
    "specialty.create": _l("新增专业领域"), "specialty.update": _l("修改专业领域"),
    "matter.parties": _l("登记事项当事人"), "draw.random": _l("随机抽取法律顾问"),
    "draw.designate": _l("指定法律顾问"), "draw.redraw": _l("重新抽取法律顾问"),
    "assignment.invite": _l("邀请法律顾问"), "assignment.accept": _l("法律顾问接受邀请"),
    "assignment.decline": _l("法律顾问谢绝邀请"), "assignment.conflict": _l("法律顾问申报回避"),
    "assignment.lapse": _l("法律顾问逾期未确认"), "adviser_opinion.save": _l("保存法律顾问意见草稿"),
    "adviser_opinion.submit": _l("提交法律顾问意见"), "adviser_opinion.adopt": _l("采用法律顾问意见"),
    "rating.record": _l("评价法律顾问意见"),
    # Litigation-risk assessment (issue 10)
    "risk.assess": _l("诉讼风险评估"), "risk.sign_off": _l("签批风险防范化解措施"),
    "lawsuit.file": _l("备案行政应诉案件"), "lawsuit.defence": _l("登记答辩举证"),
    "lawsuit.outcome": _l("登记裁判结果"), "lawsuit.appeal": _l("登记上诉"), "lawsuit.note": _l("登记办理过程"),
    "lawsuit.schedule_hearing": _l("登记开庭"), "lawsuit.appearance": _l("登记出庭情况"),
    "lawsuit.task_force": _l("指定工作专班成员"),
    "reconsideration.register": _l("登记行政复议申请"), "reconsideration.extend": _l("延长行政复议审理期限"),
    "reconsideration.decide": _l("登记行政复议结果"), "reconsideration.letter": _l("制发行政复议意见书"),
    "reconsideration.correction_report": _l("报送行政复议意见书纠正情况"),
    "centre.register": _l("登记协调化解受托案件"), "centre.conclude": _l("登记协调化解结果"),
    "reconsideration.accepted": _l("受理行政复议申请"), "reconsideration.refused": _l("不予受理行政复议申请"),
    "reconsideration.copy_sent": _l("发送行政复议申请书副本"),
    "reconsideration.copy_received": _l("被申请人收到申请书副本"),
    "reconsideration.reply_received": _l("收到被申请人答复及证据"),
    "reconsideration.performed_on": _l("履行行政复议决定"),
    "centre.registered": _l("登记受托案件"), "centre.body_told": _l("通知相关行政机关"),
    "centre.proposal_received": _l("收到化解方案"),
    "lawsuit.at_risk": _l("列为败诉风险案件"), "lawsuit.meeting": _l("登记败诉风险案件会商"),
    "lawsuit.loss_report": _l("报送败诉分析及整改方案"), "lawsuit.rectified": _l("登记整改完成"),
    "lawsuit.referral": _l("移送追责问责"), "typical_case.write": _l("编写典型案例"),
    # Background jobs (issue 11)
    "outbox.retry_delivery": _l("重试通知投递"), "outbox.retry_job": _l("重试后台任务"),
    "user.notification_preferences": _l("修改通知方式"),
}
REVIEW_STEPS = {f"matter.{a.value}": a for a in Action}

# Named sets of actions offered by the filter, besides single actions and "prefix." groups.
ACTION_SETS = {"logins": ("user.login", "user.logout")}
LOGINS_LABEL = _l("登录记录（登录、退出）")

OBJECT_TYPES = {
    "matter": _l("审核事项"), "decision": _l("决策事项"), "user": _l("用户"), "organisation": _l("单位"),
    "district": _l("行政区"), "api_token": _l("接口令牌"), "expert": _l("法律顾问"), "setting": _l("设置"),
    "calendar_day": _l("工作日历"), "material_kind": _l("材料种类"), "document": _l("文稿"),
    "clause_flag": _l("条款提示"),
    "demolition_case": _l("拆除台账案件"),  # Demolition ledger (issue 9)
    "specialty": _l("专业领域"), "draw": _l("法律顾问抽取记录"), "assignment": _l("法律顾问指派"),  # Expert pool
    "lawsuit": _l("行政应诉案件"), "reconsideration": _l("行政复议案件"), "dispute": _l("协调化解案件"),  # issue 10
    "delivery": _l("通知投递"), "job": _l("后台任务"),  # Background jobs (issue 11)
}

_COMMON = {"reason": _l("理由"), "name": _l("名称"), "active": _l("启用"), "category": _l("类别"),
           "title": _l("名称"), "count": _l("条数"), "ids": _l("编号")}
FIELDS = {
    "matter": {
        "status": _l("状态"), "resume_status": _l("补正后恢复的状态"), "conclusion": _l("审核结论"),
        "title": _l("事项名称"), "planned_date": _l("拟决策日期"), "reviewer_id": _l("审核人员"),
        "due_on": _l("审核期限"), "days": _l("延长工作日数"), "material": _l("材料"), "reasons": _l("审核理由"),
        "points": _l("修改意见"), "findings": _l("审查内容"), "point": _l("修改意见序号"), "clause": _l("条款"),
        "text": _l("意见内容"), "number": _l("文号"), "sha256": _l("文件指纹"), "adopted": _l("是否采纳"),
        "revised_document_id": _l("修改稿"), "document_id": _l("文稿"), "version_no": _l("版本"),
        "name": _l("文件名"), "size": _l("大小"), "signed_on": _l("签署日期"), "filing_due_on": _l("备案期限"),
        "filed_on": _l("备案日期"),
        # public participation in a major decision (Decree 713 Art. 14-19)
        "not_public_reason": _l("依法不予公开的理由"), "comment_published_on": _l("征求意见公布日期"),
        "comment_closes_on": _l("征求意见截止日期"), "shortened_reason": _l("缩短征求意见期限的理由"),
        "hearing_on": _l("听证日期"), "hearing_materials_on": _l("听证材料公布日期"),
        "area": _l("所属领域"), "level": _l("风险等级"), "mitigation": _l("风险防范化解措施"),
        "scores": _l("风险因素评分"), "mitigation_signed_by_id": _l("措施签批人"),
    },
    "document": {"matter_id": _l("审核事项"), "version_no": _l("版本"), "clauses": _l("条款数"),
                 "flags": _l("提示数"), "resolved": _l("已解决的提示"), "previous_document_id": _l("上一版本")},
    "clause_flag": {"matter_id": _l("审核事项"), "document_id": _l("文稿"), "rule_id": _l("规则"),
                    "location": _l("位置"), "point_id": _l("修改意见"), "point_number": _l("修改意见序号")},
    "decision": {
        "meeting_name": _l("会议名称"), "meeting_date": _l("会议日期"), "title": _l("议题名称"),
        "department_id": _l("承办单位"), "matter_id": _l("审核事项"), "unreviewed_reason": _l("未经审核的原因"),
        "outcome": _l("决策结果"),
    },
    "user": {
        "username": _l("用户名"), "display_name": _l("姓名"), "organisation_id": _l("所属单位"),
        "roles": _l("角色"), "expert_id": _l("关联法律顾问"), "totp_enabled": _l("已启用动态验证码"),
        "notify_email": _l("电子邮件通知"), "notify_sms": _l("短信通知"), "daily_digest": _l("每日摘要"),
    },
    "organisation": {"short_name": _l("简称"), "kind": _l("类型")},
    "district": {"code": _l("行政区划代码"), "level": _l("层级"), "parent_id": _l("上级行政区"),
                 "opinion_prefix": _l("审核意见书文号前缀"), "supervision_prefix": _l("督察函文号前缀")},
    "api_token": {"user_id": _l("用户"), "prefix": _l("令牌前缀")},
    "expert": {"kind": _l("类别"), "name": _l("名称或姓名"), "licence_no": _l("执业证号或统一社会信用代码"),
               "term_start": _l("聘期起"), "term_end": _l("聘期止"), "firm_id": _l("所属律所"),
               "firm_name": _l("所属律所"), "specialties": _l("专业领域"), "load_cap": _l("在办任务上限"),
               "contact": _l("联系人"), "phone": _l("联系电话"), "note": _l("备注"),
               "effective_on": _l("生效日期"), "party": _l("关联方"), "start": _l("开始日期"),
               "end": _l("结束日期"), "entered_by": _l("登记方")},
    "setting": {"value": _l("值"), "default": _l("为默认值")},
    "calendar_day": {"is_workday": _l("工作日"), "note": _l("备注")},
    "material_kind": {"code": _l("代码"), "required": _l("必备"), "is_draft": _l("为送审稿")},
    # Demolition ledger (issue 9): the case, its steps, challenges, execution and letters.
    "demolition_case": {
        "organisation_id": _l("镇（街道）或部门"), "project": _l("项目名称"), "track": _l("拆除类型"),
        "address": _l("房屋坐落"), "parties": _l("当事人"), "building_area": _l("建筑面积"),
        "enforcing_body": _l("执法主体"), "planned_on": _l("拟拆除时间"), "note": _l("备注"),
        "step_id": _l("程序节点"), "kind": _l("类型"), "done_on": _l("送达或办理日期"), "document_no": _l("文书编号"),
        "deadline": _l("履行期限"), "told_of_remedies": _l("已告知复议、诉讼权利"), "reply_id": _l("督察函回复"),
        "documents": _l("证明材料"), "challenge_id": _l("复议或诉讼"), "against": _l("针对的决定"),
        "filed_on": _l("申请或起诉日期"), "case_no": _l("案号"), "ended_on": _l("结案日期"),
        "outcome": _l("结果"), "executed_on": _l("实施日期"), "executed_time": _l("实施时间"),
        "lawful": _l("实施时程序完备"), "problems": _l("问题"), "letter_id": _l("督察函"), "number": _l("文号"),
        "year": _l("年度"), "issued_on": _l("制发日期"), "reply_due_on": _l("回复期限"), "copies_to": _l("抄送"),
        "sha256": _l("文件指纹"), "text": _l("回复内容"), "steps": _l("报告的程序节点"),
    },
}

# Enum values in words, by field (and by object type where one name means two things).
_ENUMS = {"status": labels.STATUS, "resume_status": labels.STATUS, "conclusion": labels.CONCLUSION,
          "category": labels.CATEGORY, "level": labels.DISTRICT_LEVEL, "roles": labels.ROLE,
          "outcome": labels.DECISION_OUTCOME}
_INTERNAL = {"version"}  # the optimistic-locking counter: changes with every write, says nothing to a reader
_KINDS = {"organisation": labels.ORG_KIND, "expert": labels.EXPERT_KIND}
# Demolition ledger (issue 9): its own enums, whose field names other records use for other things.
_OBJECT_ENUMS = {"demolition_case": {"kind": labels.DEMOLITION_KIND, "track": labels.TRACK,
                                     "against": labels.STEP, "outcome": labels.OUTCOME}}
_USER_IDS = ("reviewer_id", "user_id")
_ORG_IDS = ("organisation_id", "department_id")
_ISO_MOMENT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


def action_label(code: str) -> str:
    if code in ACTIONS:
        return str(ACTIONS[code])
    if code in REVIEW_STEPS:
        return labels.ACTION[REVIEW_STEPS[code]]
    return code


# The filter's groups, by the first part of the action; an action of another prefix is listed under 其他.
ACTION_GROUPS = {
    "user": _l("用户与登录"), "matter": _l("审核事项"), "opinion": _l("审核意见书"), "document": _l("材料"),
    "clauses": _l("条款审读"), "clause_flag": _l("条款提示"), "decision": _l("决策事项"), "expert": _l("法律顾问"),
    "organisation": _l("单位"), "district": _l("行政区"), "api_token": _l("接口令牌"), "setting": _l("设置"),
    "calendar": _l("工作日历"), "material_kind": _l("材料种类"),
    "demolition": _l("拆除台账"), "supervision": _l("法治督察函"),  # Demolition ledger (issue 9)
    "specialty": _l("专业领域"), "draw": _l("法律顾问抽取"), "assignment": _l("法律顾问指派"),  # Expert pool
    "adviser_opinion": _l("法律顾问意见"), "rating": _l("法律顾问评价"),
    "risk": _l("诉讼风险评估"), "lawsuit": _l("行政应诉"), "reconsideration": _l("行政复议"),  # issue 10
    "centre": _l("行政争议协调化解"),
}


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The filter's options, grouped by the kind of record: (group label, [(value, label)]); a group's first
    option ("prefix.") is all of its actions. The same for every reader of a language: built once for each (a
    few hundred labels to translate)."""
    return _action_choices(language_code())


@lru_cache(maxsize=len(LANGUAGES))
def _action_choices(_language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    by_prefix: dict[str, list[str]] = {}
    for code in [*ACTIONS, *REVIEW_STEPS]:
        prefix = code.split(".")[0]
        by_prefix.setdefault(prefix if prefix in ACTION_GROUPS else "", []).append(code)
    groups = []
    for prefix, label in [*ACTION_GROUPS.items(), ("", _l("其他"))]:
        own = sorted(by_prefix.get(prefix, []), key=lambda c: (c not in ACTIONS, c))
        options = [(f"{prefix}.", gettext("全部（%(g)s）", g=label))] if prefix and len(own) > 1 else []
        if prefix == "user":
            options.insert(0, ("logins", str(LOGINS_LABEL)))
        if own:
            groups.append((str(label), options + [(c, action_label(c)) for c in own]))
    return groups


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None  # None: only the new state has it (a creation, or the reason given with a step)
    after: str | None   # None: only the old state has it (a deletion, or a detail of what it was)


@dataclass(frozen=True)
class Subject:
    text: str
    url: str | None


@dataclass(frozen=True)
class Described:
    event: AuditEvent
    action: str
    subject: Subject
    changes: list[Change]


class Describer:
    """Describes one page of events for one reader, looking up the names and links it needs in one query per
    kind of record (users, organisations, experts, matters, decisions)."""

    def __init__(self, reader: User, events: list[AuditEvent]):
        self.reader = reader
        user_ids, org_ids, matter_ids, decision_ids, expert_ids = set(), set(), set(), set(), set()
        for e in events:
            ids = {"user": user_ids, "organisation": org_ids, "matter": matter_ids, "decision": decision_ids}
            if e.object_type in ids and e.object_id and e.object_id.isdigit():
                ids[e.object_type].add(int(e.object_id))
            for state in (e.before, e.after):
                if isinstance(state, dict):
                    user_ids |= {v for k in _USER_IDS if isinstance(v := state.get(k), int)}
                    org_ids |= {v for k in _ORG_IDS if isinstance(v := state.get(k), int)}
                    matter_ids |= {v for v in [state.get("matter_id")] if isinstance(v, int)}
                    expert_ids |= {v for v in [state.get("expert_id")] if isinstance(v, int)}
        district = reader.district_id
        # Only the reader's district: a name from elsewhere is not theirs to read.
        self.users = dict(db.session.execute(
            sa.select(User.id, User.display_name).join(Organisation)
            .where(User.id.in_(user_ids), Organisation.district_id == district)).all()) if user_ids else {}
        self.orgs = dict(db.session.execute(
            sa.select(Organisation.id, Organisation.name)
            .where(Organisation.id.in_(org_ids), Organisation.district_id == district)).all()) if org_ids else {}
        self.experts = dict(db.session.execute(
            sa.select(Expert.id, Expert.name).where(Expert.id.in_(expert_ids), Expert.district_id == district)
        ).all()) if expert_ids else {}
        self.matters = dict(db.session.execute(
            sa.select(Matter.id, Matter.title).where(Matter.id.in_(matter_ids), matters_policy.visible(reader))
        ).all()) if matter_ids and allowed("matters.detail", reader) else {}
        self.decisions = {d.id: d for d in db.session.scalars(
            sa.select(Decision).where(Decision.id.in_(decision_ids), decisions_policy.visible(reader)))
        } if decision_ids and allowed("decisions.index", reader) else {}
        # Demolition ledger (issue 9)
        case_ids = {int(e.object_id) for e in events
                    if e.object_type == "demolition_case" and e.object_id and e.object_id.isdigit()}
        self.cases = dict(db.session.execute(
            sa.select(DemolitionCase.id, DemolitionCase.project)
            .where(DemolitionCase.id.in_(case_ids), demolition_policy.visible(reader))).all()
        ) if case_ids and allowed("demolition.case", reader) else {}

    def __call__(self, e: AuditEvent) -> Described:
        return Described(e, action_label(e.action), self.subject(e), self.changes(e))

    # --- the record an event concerns -------------------------------------------------------------------

    def subject(self, e: AuditEvent) -> Subject:
        kind = str(OBJECT_TYPES.get(e.object_type, e.object_type))
        oid = e.object_id
        number = int(oid) if oid and oid.isdigit() else None
        if e.object_type == "matter" and number in self.matters:
            return Subject(_titled(kind, self.matters[number]), url_for("matters.detail", matter_id=number))
        if e.object_type == "decision" and number in self.decisions:
            d = self.decisions[number]
            return Subject(_titled(kind, d.title), url_for("decisions.index", year=d.meeting_date.year,
                                                           _anchor=f"decision-{d.id}"))
        if e.object_type == "demolition_case" and number in self.cases:
            return Subject(_titled(kind, self.cases[number]), url_for("demolition.case", case_id=number))
        if e.object_type == "user" and number in self.users:
            url = url_for("admin.edit_user", user_id=number) if allowed("admin.edit_user", self.reader) else None
            return Subject(f"{kind} {self.users[number]}", url)
        if e.object_type == "setting" and oid in rules.SETTING_LABELS:
            return Subject(gettext("%(label)s：%(value)s", label=kind, value=gettext(rules.SETTING_LABELS[oid])), None)
        named = next((s["name"] for s in (e.after, e.before) if isinstance(s, dict) and s.get("name")), None)
        if named and e.object_type not in ("matter", "user"):
            return Subject(_titled(kind, named), None)
        return Subject(f"{kind} {oid}" if oid else kind, None)

    # --- what changed ------------------------------------------------------------------------------------

    def changes(self, e: AuditEvent) -> list[Change]:
        before, after = e.before, e.after
        if not isinstance(before, dict) or not isinstance(after, dict):
            # A creation or a deletion (or a state that is not a set of fields): every field it has.
            if isinstance(after, dict):
                return [Change(self.label(e, k), None, self.value(e, k, v)) for k, v in after.items()
                        if v is not None and k not in _INTERNAL]
            if isinstance(before, dict):
                return [Change(self.label(e, k), self.value(e, k, v), None) for k, v in before.items()
                        if v is not None and k not in _INTERNAL]
            return []
        # A key on one side only is a detail of that side (the reason given with a step, whether the old
        # setting was the default), not a field that appeared or vanished.
        keys = list(dict.fromkeys([*before, *after]))
        return [Change(self.label(e, k), self.value(e, k, before[k]) if k in before else None,
                       self.value(e, k, after[k]) if k in after else None)
                for k in keys if before.get(k) != after.get(k) and k not in _INTERNAL]

    def label(self, e: AuditEvent, key: str) -> str:
        own = FIELDS.get(e.object_type, {})
        return str(own.get(key) or _COMMON.get(key) or key)

    def value(self, e: AuditEvent, key: str, v) -> str:
        if v is None or v == "" or v == []:
            return "—"
        if isinstance(v, bool):
            return gettext("是") if v else gettext("否")
        own = _OBJECT_ENUMS.get(e.object_type, {})
        if key in own:
            return _enum(own[key], v)
        if key == "kind" and e.object_type in _KINDS:
            return _enum(_KINDS[e.object_type], v)
        if key in _ENUMS:
            return _and(_enum(_ENUMS[key], x) for x in v) if isinstance(v, list) else _enum(_ENUMS[key], v)
        if key in _USER_IDS and isinstance(v, int):
            return self.users.get(v, f"#{v}")
        if key in _ORG_IDS and isinstance(v, int):
            return self.orgs.get(v, f"#{v}")
        if key == "expert_id" and isinstance(v, int):
            return self.experts.get(v, f"#{v}")
        if key == "matter_id" and isinstance(v, int):
            return gettext("《%(title)s》", title=self.matters[v]) if v in self.matters else f"#{v}"
        if key == "findings" and isinstance(v, dict):
            return _then(_finding(c, f) for c, f in v.items())
        if key == "points" and isinstance(v, list):
            return _then(f"{i}. " + _point(p) for i, p in enumerate(v, start=1))
        if key == "sha256":
            return f"{v[:12]}…"
        if key == "size" and isinstance(v, int):
            return f"{v / 1024:.1f} KB" if v < 1024 * 1024 else f"{v / 1024 / 1024:.1f} MB"
        if isinstance(v, dict):
            return _then(_labelled(self.label(e, k), self.value(e, k, x)) for k, x in v.items())
        if isinstance(v, list):
            return _and(self.value(e, key, x) for x in v)
        if isinstance(v, str) and _ISO_MOMENT.match(v):
            try:
                return format_datetime(datetime.fromisoformat(v), "yyyy-MM-dd HH:mm")
            except ValueError:
                return v
        return str(v)


def _enum(table, value) -> str:
    """The label of an enum value stored as its text; an unknown value shows as it is."""
    try:
        return table[type(next(iter(table)))(value)]
    except (KeyError, ValueError):
        return str(value)


def _finding(content: str, finding) -> str:
    finding, note = (finding + [None, None])[:2] if isinstance(finding, list) else (finding, None)
    text = _labelled(_enum(labels.CONTENT, content), _enum(labels.FINDING, finding) if finding else "—")
    return gettext("%(text)s（%(note)s）", text=text, note=note) if note else text


def _point(point) -> str:
    """A modification point stored as [clause, text]; the clause may be empty."""
    clause, text = ([*point, "", ""] if isinstance(point, list) else ["", point])[:2]
    return _labelled(str(clause), str(text)) if clause else str(text)


# Chinese punctuation is part of the text: each language joins and labels in its own way.
def _titled(kind: str, title: str) -> str:
    return gettext("%(kind)s《%(title)s》", kind=kind, title=title)


def _labelled(label: str, value: str | None = None) -> str:
    return gettext("%(label)s：%(value)s", label=label, value=value) if value is not None else label


def _then(parts) -> str:
    return gettext("；").join(parts)


def _and(parts) -> str:
    return gettext("、").join(parts)
