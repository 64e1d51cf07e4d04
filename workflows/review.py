"""The three-stage review state machine: undertaking department, decision body, justice bureau.

`apply` is the only way a matter changes status. It checks, in order, that the action is possible from the
current status, that one of the caller's roles may perform it, and the facts the app computed from the
database (`Guards`); any failure raises `TransitionError` with a message for the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum

from workflows.roles import BUREAU, DECISION_BODY, DEPARTMENT, DIRECTOR, HEAD, Role
from workflows.text import N_


class Category(str, Enum):
    major_decision = "major_decision"
    normative_document = "normative_document"
    agreement = "agreement"
    opinion_request = "opinion_request"


class Stage(str, Enum):
    department = "department"
    decision_body = "decision_body"
    bureau = "bureau"
    done = "done"


class Status(str, Enum):
    draft = "draft"
    department_review = "department_review"
    decision_pending = "decision_pending"
    decision_accepted = "decision_accepted"
    bureau_intake = "bureau_intake"
    bureau_review = "bureau_review"
    awaiting_supplement = "awaiting_supplement"
    consulting = "consulting"
    opinion_drafted = "opinion_drafted"
    signed = "signed"
    issued = "issued"
    answered = "answered"
    closed = "closed"
    withdrawn = "withdrawn"


class Action(str, Enum):
    submit = "submit"
    approve = "approve"
    accept = "accept"
    forward = "forward"
    assign_reviewer = "assign_reviewer"
    request_supplement = "request_supplement"
    supply = "supply"
    return_for_revision = "return_for_revision"
    withdraw = "withdraw"
    request_advisers = "request_advisers"
    advisers_done = "advisers_done"
    draft_opinion = "draft_opinion"
    sign_off = "sign_off"
    reject_sign_off = "reject_sign_off"
    issue = "issue"
    answer_adoption = "answer_adoption"
    record_decision = "record_decision"


class Conclusion(str, Enum):
    lawful = "lawful"
    lawful_if_amended = "lawful_if_amended"
    unlawful = "unlawful"
    # Decree 713 Art. 25: an exploratory reform may go to discussion with its legal risks stated.
    risk_stated = "risk_stated"


CATEGORY_LABELS = {
    Category.major_decision: N_("重大行政决策"),
    Category.normative_document: N_("行政规范性文件"),
    Category.agreement: N_("重点项目协议/行政协议"),
    Category.opinion_request: N_("法律意见征询函"),
}
STAGE_LABELS = {
    Stage.department: N_("承办部门审查"),
    Stage.decision_body: N_("决策机关受理"),
    Stage.bureau: N_("司法局合法性审核"),
    Stage.done: N_("意见落实与决策"),
}
STATUS_LABELS = {
    Status.draft: N_("草稿"),
    Status.department_review: N_("待部门负责人审核"),
    Status.decision_pending: N_("待决策机关受理"),
    Status.decision_accepted: N_("决策机关已受理"),
    Status.bureau_intake: N_("待分配审核人员"),
    Status.bureau_review: N_("司法局审核中"),
    Status.awaiting_supplement: N_("补正中"),
    Status.consulting: N_("征询法律顾问意见中"),
    Status.opinion_drafted: N_("审核意见待签发"),
    Status.signed: N_("审核意见已签发"),
    Status.issued: N_("已出具审核意见，待答复采纳情况"),
    Status.answered: N_("已答复采纳情况"),
    Status.closed: N_("已办结"),
    Status.withdrawn: N_("已撤回"),
}
ACTION_LABELS = {
    Action.submit: N_("提交审核"),
    Action.approve: N_("审核通过并报送决策机关"),
    Action.accept: N_("受理"),
    Action.forward: N_("转送司法局审核"),
    Action.assign_reviewer: N_("分配审核人员"),
    Action.request_supplement: N_("要求补正材料"),
    Action.supply: N_("补正材料"),
    Action.return_for_revision: N_("退回修改"),
    Action.withdraw: N_("撤回"),
    Action.request_advisers: N_("征询法律顾问意见"),
    Action.advisers_done: N_("法律顾问意见已收齐"),
    Action.draft_opinion: N_("起草审核意见"),
    Action.sign_off: N_("签发"),
    Action.reject_sign_off: N_("退回重拟"),
    Action.issue: N_("出具审核意见书"),
    Action.answer_adoption: N_("答复采纳情况"),
    Action.record_decision: N_("登记决策结果"),
}
CONCLUSION_LABELS = {
    Conclusion.lawful: N_("合法"),
    Conclusion.lawful_if_amended: N_("修改后合法"),
    Conclusion.unlawful: N_("不合法"),
    Conclusion.risk_stated: N_("存在法律风险（改革试点）"),
}

# awaiting_supplement is left out: it belongs to the stage it was requested from, see `stage`.
STAGE_OF = {
    Status.draft: Stage.department,
    Status.department_review: Stage.department,
    Status.decision_pending: Stage.decision_body,
    Status.decision_accepted: Stage.decision_body,
    Status.bureau_intake: Stage.bureau,
    Status.bureau_review: Stage.bureau,
    Status.consulting: Stage.bureau,
    Status.opinion_drafted: Stage.bureau,
    Status.signed: Stage.bureau,
    Status.issued: Stage.done,
    Status.answered: Stage.done,
    Status.closed: Stage.done,
    Status.withdrawn: Stage.done,
}


class DecisionOutcome(str, Enum):
    """The decision the decision body took on a reviewed matter or on a gap (决策结果)."""
    passed = "passed"
    passed_amended = "passed_amended"
    rejected = "rejected"
    deferred = "deferred"


DECISION_OUTCOME_LABELS = {
    DecisionOutcome.passed: N_("通过"),
    DecisionOutcome.passed_amended: N_("修改后通过"),
    DecisionOutcome.rejected: N_("不通过"),
    DecisionOutcome.deferred: N_("暂缓"),
}


class TransitionError(ValueError):
    """`kind` says why: 'state' (not from this status), 'role' (not this actor) or 'guard' (a missing fact)."""

    def __init__(self, message: str, kind: str = "guard"):
        super().__init__(message)
        self.message = message
        self.kind = kind


@dataclass(frozen=True)
class ReviewState:
    status: Status
    resume_status: Status | None = None  # where supply returns to; set exactly while awaiting_supplement
    conclusion: Conclusion | None = None
    signed_off: bool = False

    def __post_init__(self):
        if (self.status is Status.awaiting_supplement) != (self.resume_status is not None):
            raise ValueError("resume_status is set exactly while awaiting_supplement")


@dataclass(frozen=True)
class Guards:
    """Facts the app computes from the database before asking for a transition."""

    materials_complete: bool = True  # every required material uploaded or its absence explained
    reviewer_assigned: bool = False
    all_points_answered: bool = True  # every modification point adopted or refused in writing
    has_opinion_draft: bool = False


def stage(state: ReviewState) -> Stage:
    return STAGE_OF[state.resume_status or state.status]


_BEFORE_ISSUE = (Status.draft, Status.department_review, Status.decision_pending, Status.decision_accepted,
                 Status.bureau_intake, Status.bureau_review, Status.awaiting_supplement, Status.consulting,
                 Status.opinion_drafted, Status.signed)


@dataclass(frozen=True)
class _Rule:
    sources: Mapping[Status, frozenset[Role]]  # status the action starts from -> roles allowed there
    target: Status | None  # None: back to the status the supplement was requested from


# Admin appears nowhere: administrators manage users, not matters. Advisers write opinions through their
# assignments, not through the matter's status.
_RULES = {
    Action.submit: _Rule({Status.draft: DEPARTMENT}, Status.department_review),
    Action.approve: _Rule({Status.department_review: HEAD}, Status.decision_pending),
    Action.accept: _Rule({Status.decision_pending: DECISION_BODY}, Status.decision_accepted),
    Action.forward: _Rule({Status.decision_accepted: DECISION_BODY}, Status.bureau_intake),
    Action.assign_reviewer: _Rule({Status.bureau_intake: BUREAU}, Status.bureau_review),
    # Decree 713 Art. 26: materials that fall short may be returned or supplemented; each stage asks for
    # its own.
    Action.request_supplement: _Rule({Status.department_review: HEAD,
                                      Status.decision_pending: DECISION_BODY, Status.decision_accepted: DECISION_BODY,
                                      Status.bureau_review: BUREAU, Status.consulting: BUREAU},
                                     Status.awaiting_supplement),
    Action.supply: _Rule({Status.awaiting_supplement: DEPARTMENT}, None),
    Action.return_for_revision: _Rule({Status.department_review: HEAD,
                                       Status.decision_pending: DECISION_BODY,
                                       Status.decision_accepted: DECISION_BODY,
                                       Status.bureau_intake: BUREAU, Status.bureau_review: BUREAU,
                                       Status.opinion_drafted: BUREAU},
                                      Status.draft),
    Action.withdraw: _Rule(dict.fromkeys(_BEFORE_ISSUE, DEPARTMENT), Status.withdrawn),
    # Decree 713 Art. 28: the bureau organises legal advisers to give opinions.
    Action.request_advisers: _Rule({Status.bureau_review: BUREAU}, Status.consulting),
    Action.advisers_done: _Rule({Status.consulting: BUREAU}, Status.bureau_review),
    Action.draft_opinion: _Rule({Status.bureau_review: BUREAU}, Status.opinion_drafted),
    Action.sign_off: _Rule({Status.opinion_drafted: DIRECTOR}, Status.signed),
    Action.reject_sign_off: _Rule({Status.opinion_drafted: DIRECTOR}, Status.bureau_review),
    Action.issue: _Rule({Status.signed: BUREAU}, Status.issued),
    Action.answer_adoption: _Rule({Status.issued: DEPARTMENT}, Status.answered),
    # From issued directly when there is nothing to answer (an opinion without modification points).
    Action.record_decision: _Rule({Status.answered: DECISION_BODY, Status.issued: DECISION_BODY}, Status.closed),
}


# What the rules above imply, derived once so the app never repeats them.

# Statuses in which the department may still change the matter's fields and materials.
EDITABLE = frozenset({Status.draft, Status.awaiting_supplement})
# Statuses in which the bureau's review clock runs (a supplement request pauses it).
CLOCK_RUNNING = frozenset(s for s, st in STAGE_OF.items() if st is Stage.bureau)
# Actions open to their roles along the way but that are nobody's next step: the matter waits for the others.
_SIDE_ACTIONS = frozenset({Action.withdraw, Action.return_for_revision, Action.request_supplement,
                           Action.reject_sign_off})


def acting_roles(action: Action) -> frozenset[Role]:
    """Every role that may take `action` from some status."""
    return frozenset().union(*_RULES[action].sources.values())


def next_roles(status: Status) -> frozenset[Role]:
    """The roles whose move a matter in `status` waits for: whose task list shows it, who is notified."""
    return frozenset().union(*(rule.sources[status] for action, rule in _RULES.items()
                               if status in rule.sources and action not in _SIDE_ACTIONS))


def _check(state: ReviewState, action: Action, roles: frozenset[Role], guards: Guards,
           category: Category | None) -> None:
    rule = _RULES[action]
    if state.status not in rule.sources:
        raise TransitionError(f"当前状态（{STATUS_LABELS[state.status]}）不能执行“{ACTION_LABELS[action]}”", "state")
    if not roles & rule.sources[state.status]:
        raise TransitionError(N_("您的角色无权执行此操作"), "role")
    if action in (Action.submit, Action.approve) and not guards.materials_complete:
        raise TransitionError(N_("必备材料不齐全，且未说明免报理由"))
    if action is Action.assign_reviewer and not guards.reviewer_assigned:
        raise TransitionError(N_("请先指定审核人员"))
    if action is Action.draft_opinion and not guards.has_opinion_draft:
        raise TransitionError(N_("请先起草审核意见书"))
    if action is Action.issue and not state.signed_off:
        raise TransitionError(N_("审核意见书尚未经负责人签发"))
    # Departments adopt each point or explain in writing why not (国办发〔2018〕115号; DESIGN.md §3); a decision
    # is recorded straight from issued only when there is nothing left to answer.
    answering = action is Action.answer_adoption or (action is Action.record_decision
                                                     and state.status is Status.issued)
    if answering and not guards.all_points_answered:
        raise TransitionError(N_("所有修改意见均须答复"))
    # Decree 713 Art. 25: a draft found unlawful may not be submitted to the decision body's discussion.
    if (action is Action.record_decision and category is Category.major_decision
            and state.conclusion is Conclusion.unlawful):
        raise TransitionError(N_("经合法性审核认定不合法的重大行政决策，不得提交决策机关讨论"))


def apply(state: ReviewState, action: Action, roles: frozenset[Role], guards: Guards = Guards(),
          conclusion: Conclusion | None = None, category: Category | None = None) -> ReviewState:
    """The state after `action`; raises TransitionError when it is not allowed. `conclusion` is read only by
    draft_opinion, `category` only by record_decision."""
    _check(state, action, roles, guards, category)
    if action is Action.request_supplement:
        return replace(state, status=Status.awaiting_supplement, resume_status=state.status)
    if action is Action.supply:
        return replace(state, status=state.resume_status, resume_status=None)
    if action is Action.return_for_revision:
        return ReviewState(Status.draft)  # a revised draft is reviewed afresh
    if action is Action.draft_opinion:
        if conclusion is None:
            raise TransitionError(N_("起草审核意见须给出审核结论"))
        return replace(state, status=Status.opinion_drafted, conclusion=conclusion)
    if action is Action.sign_off:
        return replace(state, status=Status.signed, signed_off=True)
    if action is Action.reject_sign_off:
        return replace(state, status=Status.bureau_review, conclusion=None, signed_off=False)
    return replace(state, status=_RULES[action].target, resume_status=None)


def allowed_actions(state: ReviewState, roles: frozenset[Role], guards: Guards = Guards(),
                    category: Category | None = None) -> list[Action]:
    """The actions whose buttons the UI shows; draft_opinion is listed although no conclusion is given yet,
    because its form asks for one."""
    allowed = []
    for action in Action:
        try:
            _check(state, action, roles, guards, category)
        except TransitionError:
            continue
        allowed.append(action)
    return allowed
