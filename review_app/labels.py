"""The workflow's labels in the reader's language.

workflows/ keeps the Chinese source text (marked with N_ so `pybabel extract -k N_` collects it); these
mappings translate each label when it is read, inside a request, so one dict serves every locale.
"""
from collections.abc import Mapping

from flask_babel import lazy_gettext

from workflows import clause_rules, opinion, review, roles
from workflows.text import N_

from .i18n import gettext
from .models import DistrictLevel, ExpertKind, OrgKind


class Translated(Mapping):
    def __init__(self, source: Mapping):
        self._source = source

    def __getitem__(self, key):
        return gettext(self._source[key])

    def __iter__(self):
        return iter(self._source)

    def __len__(self):
        return len(self._source)

    def choices(self):
        """(value, lazily translated label) pairs for a WTForms SelectField."""
        return [(k.value, lazy_gettext(v)) for k, v in self._source.items()]


CATEGORY = Translated(review.CATEGORY_LABELS)
ROLE = Translated(roles.ROLE_LABELS)
STAGE = Translated(review.STAGE_LABELS)
STATUS = Translated(review.STATUS_LABELS)
ACTION = Translated(review.ACTION_LABELS)
CONCLUSION = Translated(review.CONCLUSION_LABELS)
CONTENT = Translated(opinion.CONTENT_LABELS)
DECISION_OUTCOME = Translated(review.DECISION_OUTCOME_LABELS)
FINDING = Translated(opinion.FINDING_LABELS)
# Clause flags (#12)
FLAG_CATEGORY = Translated(clause_rules.FLAG_CATEGORY_LABELS)
LEVEL = Translated(clause_rules.LEVEL_LABELS)
ORG_KIND = Translated({
    OrgKind.government_office: N_("决策机关（区政府办公室）"), OrgKind.department: N_("承办部门"),
    OrgKind.town: N_("镇（街道）"), OrgKind.justice_bureau: N_("司法局"),
})
# security-audit: the other enums an audit event may hold
DISTRICT_LEVEL = Translated({DistrictLevel.district: N_("区（县）"), DistrictLevel.city: N_("市"),
                             DistrictLevel.province: N_("省")})
EXPERT_KIND = Translated({ExpertKind.firm: N_("律师事务所"), ExpertKind.lawyer: N_("律师")})

# The matter's fields by name, for messages that point to one of them.
MATTER_FIELD = {
    "title": lazy_gettext("事项名称"), "summary": lazy_gettext("主要内容"), "legal_basis": lazy_gettext("法律依据"),
    "counterparties": lazy_gettext("协议相对方"), "contact_name": lazy_gettext("联系人"),
    "contact_phone": lazy_gettext("联系电话"),
}

# How the review clock was stopped (review_app.models.PauseKind).
PAUSE_KIND = {
    "supplement": lazy_gettext("补正"), "advisers": lazy_gettext("征询法律顾问意见（不计入协议审核期限）"),
    "investigation": lazy_gettext("调查核实（不计入协议审核期限）"),
}

# Demolition ledger (issue 9)
from workflows import demolition  # noqa: E402

TRACK = Translated(demolition.TRACK_LABELS)
STEP = Translated(demolition.STEP_LABELS)
CHALLENGE = Translated(demolition.CHALLENGE_LABELS)
OUTCOME = Translated(demolition.OUTCOME_LABELS)
ALERT = Translated(demolition.ALERT_LABELS)
# A recorded step's or challenge's kind, by its stored value (the audit log reads both under "kind").
DEMOLITION_KIND = Translated({**{k.value: v for k, v in demolition.STEP_LABELS.items()},
                              **{k.value: v for k, v in demolition.CHALLENGE_LABELS.items()}})

# Litigation-risk assessment and the litigation records (issue 10)
from workflows import litigation  # noqa: E402
from workflows.risk import factors as risk_factors, history as risk_history  # noqa: E402

AREA = Translated(litigation.AREA_LABELS)
RISK_LEVEL = Translated(risk_factors.LEVEL_LABELS)
RISK_GROUP = Translated(risk_factors.GROUP_LABELS)
LIKELIHOOD = Translated(risk_factors.LIKELIHOOD_LABELS)
IMPACT = Translated(risk_factors.IMPACT_LABELS)
HISTORY_DIMENSION = Translated(risk_history.DIMENSION_LABELS)
INSTANCE = Translated(litigation.INSTANCE_LABELS)
APPEARANCE = Translated(litigation.APPEARANCE_LABELS)
LATE = Translated(litigation.LATE_LABELS)
LAWSUIT_OUTCOME = Translated({k: v.label for k, v in litigation.OUTCOMES.items()})
from .models.disputes import NoteKind  # noqa: E402

LAWSUIT_NOTE = Translated({
    NoteKind.resolution: N_("化解工作"), NoteKind.suggestion_received: N_("收到司法建议或检察建议"),
    NoteKind.suggestion_answered: N_("答复司法建议或检察建议"), NoteKind.execution: N_("执行生效裁判"),
    NoteKind.other: N_("其他"),
})
from workflows import dispute_centre, reconsideration  # noqa: E402

RECONSIDERATION_OUTCOME = Translated({k: v.label for k, v in reconsideration.OUTCOMES.items()})
PROCEDURE = Translated(reconsideration.PROCEDURE_LABELS)
CENTRE_STAGE = Translated(dispute_centre.STAGE_LABELS)
CENTRE_OUTCOME = Translated(dispute_centre.OUTCOME_LABELS)
RECONSIDERATION_STEP = {
    "accepted": lazy_gettext("受理"), "refused": lazy_gettext("不予受理"),
    "copy_sent": lazy_gettext("发送申请书副本"), "copy_received": lazy_gettext("被申请人收到副本"),
    "reply_received": lazy_gettext("收到答复及证据"), "performed_on": lazy_gettext("履行复议决定"),
}
CENTRE_STEP = {"registered": lazy_gettext("登记受托案件"), "body_told": lazy_gettext("通知相关行政机关"),
               "proposal_received": lazy_gettext("收到化解方案")}
