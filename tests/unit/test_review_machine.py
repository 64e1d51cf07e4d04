"""The three-stage review state machine: each rule, its message, and random walks that keep the invariants."""

from datetime import date, timedelta

import pytest
from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from workflows.calendar import WorkingCalendar
from workflows.clock import ReviewClock
from workflows.review import (ACTION_LABELS, CATEGORY_LABELS, CONCLUSION_LABELS, STAGE_LABELS, STAGE_OF, STATUS_LABELS, Action, Category, Conclusion, Guards, ReviewState, Stage, Status, TransitionError, allowed_actions, apply, stage)
from workflows.roles import ROLE_LABELS, Role

S, A, R = Status, Action, Role
SUBMITTER = frozenset({R.submitter})
HEAD = frozenset({R.department_head})
OFFICER = frozenset({R.decision_officer})
REVIEWER = frozenset({R.bureau_reviewer})
DIRECTOR = frozenset({R.bureau_director})
EVERYONE = frozenset(Role)
ALL_TRUE = Guards(materials_complete=True, reviewer_assigned=True, all_points_answered=True,
                  has_opinion_draft=True)
BEFORE_ISSUE = [S.draft, S.department_review, S.decision_pending, S.decision_accepted, S.bureau_intake,
                S.bureau_review, S.consulting, S.opinion_drafted, S.signed]


def state_in(status: Status) -> ReviewState:
    if status is S.awaiting_supplement:
        return ReviewState(status, resume_status=S.bureau_review)
    return ReviewState(status, signed_off=status is S.signed)


def error(state, action, roles, **kw) -> str:
    with pytest.raises(TransitionError) as exc:
        apply(state, action, roles, **kw)
    return exc.value.message


def test_labels_cover_every_enum_value():
    for enum, labels in [(Category, CATEGORY_LABELS), (Role, ROLE_LABELS), (Stage, STAGE_LABELS),
                         (Status, STATUS_LABELS), (Action, ACTION_LABELS), (Conclusion, CONCLUSION_LABELS)]:
        assert set(labels) == set(enum)
        assert all(labels.values())


def test_stage_of_every_status_but_awaiting_supplement():
    assert set(STAGE_OF) == set(Status) - {S.awaiting_supplement}
    assert stage(ReviewState(S.awaiting_supplement, resume_status=S.department_review)) is Stage.department
    assert stage(ReviewState(S.awaiting_supplement, resume_status=S.decision_accepted)) is Stage.decision_body
    assert stage(ReviewState(S.awaiting_supplement, resume_status=S.consulting)) is Stage.bureau
    assert stage(ReviewState(S.issued)) is Stage.done


def test_resume_status_is_set_exactly_while_awaiting_supplement():
    with pytest.raises(ValueError):
        ReviewState(S.awaiting_supplement)
    with pytest.raises(ValueError):
        ReviewState(S.bureau_review, resume_status=S.consulting)


def test_stored_values_are_the_enum_names():
    assert Status("opinion_drafted") is S.opinion_drafted
    assert Category.major_decision == "major_decision"


def test_happy_path_through_all_three_stages():
    s = ReviewState(S.draft)
    s = apply(s, A.submit, SUBMITTER)
    assert s.status is S.department_review
    s = apply(s, A.approve, HEAD)
    assert (s.status, stage(s)) == (S.decision_pending, Stage.decision_body)
    s = apply(s, A.accept, OFFICER)
    s = apply(s, A.forward, OFFICER)
    assert (s.status, stage(s)) == (S.bureau_intake, Stage.bureau)
    s = apply(s, A.assign_reviewer, DIRECTOR, Guards(reviewer_assigned=True))
    s = apply(s, A.request_advisers, REVIEWER)
    assert s.status is S.consulting
    s = apply(s, A.advisers_done, REVIEWER)
    s = apply(s, A.draft_opinion, REVIEWER, Guards(has_opinion_draft=True),
              conclusion=Conclusion.lawful_if_amended)
    assert (s.status, s.conclusion) == (S.opinion_drafted, Conclusion.lawful_if_amended)
    s = apply(s, A.sign_off, DIRECTOR)
    assert (s.status, s.signed_off) == (S.signed, True)
    s = apply(s, A.issue, REVIEWER)
    assert (s.status, stage(s)) == (S.issued, Stage.done)
    s = apply(s, A.answer_adoption, SUBMITTER)
    s = apply(s, A.record_decision, OFFICER, category=Category.major_decision)
    assert s == ReviewState(S.closed, conclusion=Conclusion.lawful_if_amended, signed_off=True)


def test_action_from_the_wrong_status_names_both():
    assert error(ReviewState(S.draft), A.accept, OFFICER) == "当前状态（草稿）不能执行“受理”"
    assert error(ReviewState(S.closed), A.withdraw, SUBMITTER) == "当前状态（已办结）不能执行“撤回”"


def test_wrong_role_is_refused():
    assert error(ReviewState(S.draft), A.submit, OFFICER) == "您的角色无权执行此操作"
    assert error(ReviewState(S.department_review), A.approve, SUBMITTER) == "您的角色无权执行此操作"
    assert error(ReviewState(S.decision_pending), A.accept, DIRECTOR) == "您的角色无权执行此操作"
    assert error(ReviewState(S.bureau_intake), A.assign_reviewer, OFFICER,
                 guards=ALL_TRUE) == "您的角色无权执行此操作"


def test_status_is_checked_before_role():
    assert error(ReviewState(S.draft), A.accept, SUBMITTER) == "当前状态（草稿）不能执行“受理”"


def test_admin_and_adviser_have_no_workflow_powers():
    for status in Status:
        assert allowed_actions(state_in(status), frozenset({R.admin, R.adviser}), ALL_TRUE) == []


def test_submit_and_approve_need_complete_materials():
    incomplete = Guards(materials_complete=False)
    message = "必备材料不齐全，且未说明免报理由"
    assert error(ReviewState(S.draft), A.submit, HEAD, guards=incomplete) == message
    assert error(ReviewState(S.department_review), A.approve, HEAD, guards=incomplete) == message
    assert apply(ReviewState(S.draft), A.submit, HEAD).status is S.department_review


def test_assign_reviewer_needs_a_chosen_reviewer():
    assert error(ReviewState(S.bureau_intake), A.assign_reviewer, DIRECTOR) == "请先指定审核人员"
    assert apply(ReviewState(S.bureau_intake), A.assign_reviewer, REVIEWER,
                 Guards(reviewer_assigned=True)).status is S.bureau_review


@pytest.mark.parametrize("source, roles", [
    (S.department_review, HEAD), (S.decision_pending, OFFICER), (S.decision_accepted, OFFICER),
    (S.bureau_review, REVIEWER), (S.consulting, DIRECTOR)])
def test_supplement_pauses_and_supply_returns(source, roles):
    waiting = apply(ReviewState(source), A.request_supplement, roles)
    assert waiting == ReviewState(S.awaiting_supplement, resume_status=source)
    assert stage(waiting) is STAGE_OF[source]
    assert apply(waiting, A.supply, SUBMITTER) == ReviewState(source)
    assert error(waiting, A.supply, OFFICER) == "您的角色无权执行此操作"


def test_supplement_is_requested_by_the_stage_owner_only():
    assert error(ReviewState(S.bureau_review), A.request_supplement, OFFICER) == "您的角色无权执行此操作"
    assert error(ReviewState(S.department_review), A.request_supplement, SUBMITTER) == "您的角色无权执行此操作"
    assert error(ReviewState(S.bureau_intake), A.request_supplement, DIRECTOR).startswith("当前状态")


@pytest.mark.parametrize("source, owner, outsider", [
    (S.department_review, HEAD, OFFICER), (S.decision_pending, OFFICER, HEAD),
    (S.decision_accepted, OFFICER, REVIEWER), (S.bureau_intake, REVIEWER, OFFICER),
    (S.bureau_review, DIRECTOR, OFFICER), (S.opinion_drafted, REVIEWER, HEAD)])
def test_return_for_revision_by_the_stage_owner_resets_the_review(source, owner, outsider):
    state = ReviewState(source, conclusion=Conclusion.lawful if source is S.opinion_drafted else None)
    assert apply(state, A.return_for_revision, owner) == ReviewState(S.draft)
    assert error(state, A.return_for_revision, outsider) == "您的角色无权执行此操作"


def test_return_for_revision_not_after_sign_off():
    assert error(state_in(S.signed), A.return_for_revision, DIRECTOR).startswith("当前状态")


@pytest.mark.parametrize("source", BEFORE_ISSUE + [S.awaiting_supplement])
def test_department_may_withdraw_before_issue(source):
    withdrawn = apply(state_in(source), A.withdraw, SUBMITTER)
    assert (withdrawn.status, withdrawn.resume_status) == (S.withdrawn, None)


@pytest.mark.parametrize("source", [S.issued, S.answered, S.closed, S.withdrawn])
def test_no_withdrawal_once_issued(source):
    assert error(ReviewState(source), A.withdraw, HEAD).startswith("当前状态")


def test_withdraw_is_for_the_department_only():
    assert error(ReviewState(S.bureau_review), A.withdraw, DIRECTOR) == "您的角色无权执行此操作"


def test_draft_opinion_needs_a_conclusion_and_an_opinion_draft():
    review = ReviewState(S.bureau_review)
    assert error(review, A.draft_opinion, REVIEWER, guards=ALL_TRUE) == "起草审核意见须给出审核结论"
    assert error(review, A.draft_opinion, REVIEWER, conclusion=Conclusion.lawful) == "请先起草审核意见书"
    drafted = apply(review, A.draft_opinion, REVIEWER, ALL_TRUE, conclusion=Conclusion.risk_stated)
    assert drafted.conclusion is Conclusion.risk_stated
    # The button shows even without a conclusion: the form asks for it.
    assert A.draft_opinion in allowed_actions(review, REVIEWER, ALL_TRUE)


def test_only_the_director_signs_off_and_rejection_clears_the_opinion():
    drafted = ReviewState(S.opinion_drafted, conclusion=Conclusion.unlawful)
    assert error(drafted, A.sign_off, REVIEWER) == "您的角色无权执行此操作"
    assert error(drafted, A.reject_sign_off, REVIEWER) == "您的角色无权执行此操作"
    assert apply(drafted, A.sign_off, DIRECTOR) == ReviewState(S.signed, conclusion=Conclusion.unlawful,
                                                               signed_off=True)
    assert apply(drafted, A.reject_sign_off, DIRECTOR) == ReviewState(S.bureau_review)


def test_issue_requires_the_sign_off():
    assert error(ReviewState(S.signed), A.issue, DIRECTOR) == "审核意见书尚未经负责人签发"
    assert apply(state_in(S.signed), A.issue, REVIEWER).status is S.issued


def test_every_point_must_be_answered():
    pending = Guards(all_points_answered=False)
    assert error(ReviewState(S.issued), A.answer_adoption, HEAD, guards=pending) == "所有修改意见均须答复"
    assert error(ReviewState(S.issued), A.record_decision, OFFICER, guards=pending) == "所有修改意见均须答复"


def test_decision_recorded_straight_from_issued_when_nothing_to_answer():
    assert apply(ReviewState(S.issued), A.record_decision, OFFICER).status is S.closed
    assert error(ReviewState(S.issued), A.record_decision, HEAD) == "您的角色无权执行此操作"


def test_unlawful_major_decision_may_not_go_to_discussion():
    # Decree 713 Art. 25.
    answered = ReviewState(S.answered, conclusion=Conclusion.unlawful, signed_off=True)
    assert error(answered, A.record_decision, OFFICER, category=Category.major_decision) == (
        "经合法性审核认定不合法的重大行政决策，不得提交决策机关讨论")
    assert A.record_decision not in allowed_actions(answered, OFFICER, category=Category.major_decision)
    assert apply(answered, A.record_decision, OFFICER, category=Category.agreement).status is S.closed
    # Art. 25: an exploratory reform proceeds with its legal risks stated.
    risky = ReviewState(S.answered, conclusion=Conclusion.risk_stated, signed_off=True)
    assert apply(risky, A.record_decision, OFFICER, category=Category.major_decision).status is S.closed


def test_allowed_actions_agree_with_apply():
    for status in Status:
        state = state_in(status)
        for action in allowed_actions(state, EVERYONE, ALL_TRUE):
            apply(state, action, EVERYONE, ALL_TRUE, conclusion=Conclusion.lawful)
    assert allowed_actions(ReviewState(S.bureau_review), REVIEWER, ALL_TRUE) == [
        A.request_supplement, A.return_for_revision, A.request_advisers, A.draft_opinion]


# --- Random walks -------------------------------------------------------------------------------------------

STAGE_ORDER = [Stage.department, Stage.decision_body, Stage.bureau, Stage.done]
CAL = WorkingCalendar()
roles_st = st.frozensets(st.sampled_from(Role), max_size=3)
guards_st = st.builds(Guards, st.booleans(), st.booleans(), st.booleans(), st.booleans())
conclusion_st = st.none() | st.sampled_from(Conclusion)
DETOURS = (A.withdraw, A.return_for_revision, A.reject_sign_off, A.request_supplement)


class ReviewMachine(RuleBasedStateMachine):
    """Drives `apply` with random (action, roles, guards, conclusion) and a ReviewClock alongside it, paused
    on request_supplement and resumed when the matter leaves awaiting_supplement (supply or withdraw)."""

    @initialize(category=st.sampled_from(Category))
    def start(self, category):
        self.category = category
        self.state = ReviewState(S.draft)
        self.today = date(2025, 9, 15)
        self.clock = ReviewClock(self.today, 7)
        self.elapsed_at_pause = None
        self.issued_seen = False

    @rule(days=st.integers(0, 6))
    def time_passes(self, days):
        self.today += timedelta(days=days)

    @rule(action=st.sampled_from(Action), roles=roles_st, guards=guards_st, conclusion=conclusion_st)
    def random_action(self, action, roles, guards, conclusion):
        try:
            new = apply(self.state, action, roles, guards, conclusion, self.category)
        except TransitionError as exc:
            assert exc.message
            refused_draft = action is A.draft_opinion and conclusion is None
            assert action not in allowed_actions(self.state, roles, guards, self.category) or refused_draft
            return
        assert action in allowed_actions(self.state, roles, guards, self.category)
        self.step(action, new)

    def possible(self, exclude=()):
        return [a for a in allowed_actions(self.state, EVERYONE, ALL_TRUE, self.category) if a not in exclude]

    def take(self, data, conclusion, exclude=()):
        action = data.draw(st.sampled_from(self.possible(exclude)))
        self.step(action, apply(self.state, action, EVERYONE, ALL_TRUE, conclusion, self.category))

    @precondition(lambda self: self.possible())
    @rule(data=st.data(), conclusion=st.sampled_from(Conclusion))
    def allowed_action(self, data, conclusion):
        self.take(data, conclusion)

    # Withdrawal, revision and supplements are nearly always on offer: without this rule few walks would
    # reach issued and closed.
    @precondition(lambda self: self.possible(exclude=DETOURS))
    @rule(data=st.data(), conclusion=st.sampled_from(Conclusion))
    def advance(self, data, conclusion):
        self.take(data, conclusion, exclude=DETOURS)

    def step(self, action, new):
        old = self.state
        if new.status is not S.withdrawn:
            # Stages never skip: a move forward goes exactly one stage on.
            assert STAGE_ORDER.index(stage(new)) <= STAGE_ORDER.index(stage(old)) + 1
        if new.status is S.issued:
            assert old.status is S.signed and old.signed_off
            self.issued_seen = True
        if new.status is S.closed:
            assert self.issued_seen
        if action is A.request_supplement:
            self.clock = self.clock.pause(self.today)
            self.elapsed_at_pause = self.clock.elapsed_working_days(CAL, self.today)
        elif old.status is S.awaiting_supplement:
            assert action in (A.supply, A.withdraw)
            self.clock = self.clock.resume(self.today)
        self.state = new

    @invariant()
    def supplement_exactly_while_clock_paused(self):
        assert (self.state.status is S.awaiting_supplement) == self.clock.is_paused

    @invariant()
    def paused_clock_accrues_nothing(self):
        if self.clock.is_paused:
            assert self.clock.elapsed_working_days(CAL, self.today) == self.elapsed_at_pause
            assert self.clock.due_date(CAL) is None and not self.clock.is_overdue(CAL, self.today)

    @invariant()
    def no_unlawful_major_decision_is_closed(self):
        assert not (self.category is Category.major_decision and self.state.conclusion is Conclusion.unlawful
                    and self.state.status is S.closed)

    @invariant()
    def signed_off_exactly_from_signed_on(self):
        if self.state.status is not S.withdrawn:
            assert self.state.signed_off == (self.state.status in (S.signed, S.issued, S.answered, S.closed))


ReviewMachine.TestCase.settings = settings(max_examples=300, stateful_step_count=60, deadline=None)
TestReviewMachine = ReviewMachine.TestCase
