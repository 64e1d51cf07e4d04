"""The review pipeline through its operations: stages, clock, opinion numbering, adoption."""
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from review_app.extensions import db
from review_app.matters import operations as mops
from review_app.models import AuditEvent, Matter, Opinion
from review_app.operations import OperationError, StaleVersion
from review_app.review import operations as rops
from workflows.review import Action, Category, Conclusion, Status

from tests import pipeline


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield pipeline.cast()


def test_submit_blocked_until_materials_present_or_exempted(ctx):
    m = mops.create_matter(ctx.submitter, Category.normative_document, pipeline.fields())
    with pytest.raises(OperationError, match="必备材料不齐全"):
        mops.transition(ctx.submitter, m, Action.submit, m.version)
    kinds = [k for k in mops.required_kinds(m.category) if k.required]
    for k in kinds[1:]:
        mops.set_exemption(ctx.submitter, m, k, "本文件不涉及该项材料")
    with pytest.raises(OperationError, match="必备材料不齐全"):
        mops.transition(ctx.submitter, m, Action.submit, m.version)
    mops.upload(ctx.submitter, m, kinds[0], "送审稿.docx", pipeline.docx_bytes("第一条"))
    mops.transition(ctx.submitter, m, Action.submit, m.version)
    assert m.status == Status.department_review and m.submitted_on is not None


def test_exemption_needs_a_reason(ctx):
    m = mops.create_matter(ctx.submitter, Category.normative_document, pipeline.fields())
    kind = mops.required_kinds(m.category)[0]
    with pytest.raises(OperationError, match="免报理由"):
        mops.set_exemption(ctx.submitter, m, kind, "   ")


def test_another_department_cannot_act(ctx):
    m = pipeline.drive(ctx, Status.draft)
    with pytest.raises(OperationError) as e:
        mops.transition(ctx.other_department, m, Action.submit, m.version)
    assert e.value.status == 403


def test_stale_version_is_refused_and_changes_nothing(ctx):
    m = pipeline.drive(ctx, Status.department_review)
    stale = m.version - 1
    with pytest.raises(StaleVersion):
        mops.transition(ctx.head, m, Action.approve, stale)
    assert m.status == Status.department_review


def test_wrong_state_is_a_conflict(ctx):
    m = pipeline.drive(ctx, Status.department_review)
    with pytest.raises(OperationError) as e:
        mops.transition(ctx.officer, m, Action.forward, m.version)
    assert e.value.status == 409 and "当前状态" in e.value.message


def test_clock_starts_at_bureau_and_pauses_for_supplement(ctx):
    m = pipeline.drive(ctx, Status.bureau_review)
    started = m.clock_started_on
    assert m.period_days == 15 and m.due_on is not None
    mops.transition(ctx.reviewer, m, Action.request_supplement, m.version, reason="缺少征求意见汇总表")
    assert m.status == Status.awaiting_supplement and m.due_on is None
    assert m.pauses[-1].end is None and m.pauses[-1].reason == "缺少征求意见汇总表"
    mops.transition(ctx.submitter, m, Action.supply, m.version)
    assert m.status == Status.bureau_review and m.pauses[-1].end is not None
    assert m.clock_started_on == started and m.due_on is not None


def test_supplement_and_return_need_a_reason(ctx):
    m = pipeline.drive(ctx, Status.bureau_review)
    for action in (Action.request_supplement, Action.return_for_revision):
        with pytest.raises(OperationError, match="请填写理由"):
            mops.transition(ctx.reviewer, m, action, m.version)


def test_extension_needs_reason_and_moves_due_date(ctx):
    m = pipeline.drive(ctx, Status.bureau_review)
    due = m.due_on
    with pytest.raises(OperationError, match="延期必须说明理由"):
        mops.extend(ctx.director, m, m.version, 3, " ")
    mops.extend(ctx.director, m, m.version, 3, "需征求省司法厅意见")
    assert m.due_on > due and m.extensions[0].reason == "需征求省司法厅意见"


def test_major_decision_submitted_too_late_is_flagged(ctx, monkeypatch):
    from review_app import rules
    monkeypatch.setattr(rules, "today", lambda: date(2026, 9, 25))
    m = mops.create_matter(ctx.submitter, Category.major_decision,
                           pipeline.fields(planned=date(2026, 10, 9)))  # National Day: 2 working days away
    pipeline.upload_all(ctx, m)
    mops.transition(ctx.submitter, m, Action.submit, m.version)
    assert m.too_close
    ok = mops.create_matter(ctx.submitter, Category.major_decision, pipeline.fields(planned=date(2026, 10, 30)))
    pipeline.upload_all(ctx, ok)
    mops.transition(ctx.submitter, ok, Action.submit, ok.version)
    assert not ok.too_close


def test_lawful_if_amended_needs_points(ctx):
    m = pipeline.drive(ctx, Status.bureau_review)
    with pytest.raises(OperationError, match="至少需要一条修改意见"):
        rops.save_opinion(ctx.reviewer, m, m.version, Conclusion.lawful_if_amended, "理由", [])


def test_issue_needs_sign_off_and_numbers_the_opinion(ctx):
    m = pipeline.drive(ctx, Status.opinion_drafted)
    with pytest.raises(OperationError) as e:
        rops.issue(ctx.reviewer, m, m.version)
    assert e.value.status == 409 and "不能执行“出具审核意见书”" in e.value.message
    with pytest.raises(OperationError) as e:
        rops.sign_off(ctx.reviewer, m, m.version)  # only the director signs off
    assert e.value.status == 403 and e.value.message == "您的角色无权执行此操作"
    rops.sign_off(ctx.director, m, m.version)
    opinion = rops.issue(ctx.reviewer, m, m.version)
    db.session.commit()
    assert m.status == Status.issued and opinion.number == 1 and len(opinion.docx_sha256) == 64
    assert rops.opinion_number_text(opinion).endswith(f"〔{opinion.year}〕1号")
    second = pipeline.drive(ctx, Status.issued)
    assert second.opinion.number == 2


def test_issued_letter_is_stored_and_fixed(ctx, app):
    import hashlib

    from review_app.documents.service import blob_store
    m = pipeline.drive(ctx, Status.issued)
    data = blob_store().read(m.opinion.docx_sha256)
    assert hashlib.sha256(data).hexdigest() == m.opinion.docx_sha256
    with pytest.raises(OperationError) as e:
        rops.save_opinion(ctx.reviewer, m, m.version, Conclusion.lawful, "改一下", [])
    assert e.value.status == 409 and "不能执行“起草审核意见”" in e.value.message


def test_adoption_requires_revised_version_or_reason(ctx):
    m = pipeline.drive(ctx, Status.issued)
    p1, p2 = m.opinion.points
    with pytest.raises(OperationError, match="修改后的文稿版本"):
        rops.answer_point(ctx.submitter, m, p1, True, "", None)
    with pytest.raises(OperationError, match="书面说明理由"):
        rops.answer_point(ctx.submitter, m, p2, False, " ", None)
    with pytest.raises(OperationError, match="所有修改意见均须答复"):
        rops.finish_adoption(ctx.submitter, m, m.version)
    revised = mops.upload(ctx.submitter, m, pipeline.draft_kind(m.category), "修改稿.docx",
                          pipeline.docx_bytes("第一条 修改后"))
    rops.answer_point(ctx.submitter, m, p1, True, "", revised.id)
    rops.answer_point(ctx.submitter, m, p2, False, "上位法已有明确规定，无需重复", None)
    rops.finish_adoption(ctx.submitter, m, m.version)
    assert m.status == Status.answered


def test_unlawful_major_decision_cannot_be_recorded(ctx):
    m = pipeline.drive(ctx, Status.issued, category=Category.major_decision, conclusion=Conclusion.unlawful,
                       points=0)
    with pytest.raises(OperationError, match="不得提交决策机关讨论"):
        mops.transition(ctx.officer, m, Action.record_decision, m.version)


def test_every_transition_is_in_the_audit_trail(ctx):
    m = pipeline.drive(ctx, Status.answered)
    actions = db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.object_type == "matter", AuditEvent.object_id == str(m.id)).order_by(AuditEvent.id)).all()
    for expected in ("matter.create", "document.upload", "matter.submit", "matter.approve", "matter.accept",
                     "matter.forward", "matter.assign_reviewer", "opinion.draft", "matter.draft_opinion",
                     "matter.sign_off", "matter.issue", "opinion.issue", "opinion.answer_point",
                     "matter.answer_adoption"):
        assert expected in actions


def _in_threads(app, n, work):
    """Run work(i) in n threads at once, each with its own app context and session; returns the errors."""
    barrier, errors = threading.Barrier(n), []

    def run(i):
        with app.test_request_context(method="POST"):  # as a request that changes data
            try:
                barrier.wait()
                work(i)
                db.session.commit()
            except Exception as e:  # noqa: BLE001  (collected for the assertions)
                errors.append(e)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.commits
def test_opinion_numbers_unique_and_gap_free_under_concurrency(app, backend):
    """Many threads issue at once: numbers 1..N, no duplicate, no gap (PostgreSQL's row lock on the year's
    counter; SQLite's BEGIN IMMEDIATE)."""
    n = 12
    with app.test_request_context():
        c = pipeline.cast()
        ids = [pipeline.drive(c, Status.signed).id for _ in range(n)]
        reviewer_id = c.reviewer.id

    def issue_one(i):
        from review_app.models import User
        m = db.session.get(Matter, ids[i])
        rops.issue(db.session.get(User, reviewer_id), m, m.version)

    assert _in_threads(app, n, issue_one) == []
    with app.app_context():
        numbers = sorted(db.session.scalars(sa.select(Opinion.number).where(Opinion.number.is_not(None))))
    assert numbers == list(range(1, n + 1))


def test_next_person_is_notified_at_each_step(ctx):
    from review_app.models import Notification
    m = pipeline.drive(ctx, Status.bureau_review)
    told = {n.user_id: n.title for n in db.session.scalars(sa.select(Notification).where(
        Notification.subject_type == "matter", Notification.subject_id == m.id))}
    assert ctx.head.id in told            # the department head, of the submission
    assert ctx.officer.id in told         # the decision body, of the approval
    assert ctx.director.id in told        # the bureau's director, of the forwarding
    assert ctx.reviewer.id in told and m.title in told[ctx.reviewer.id]  # the reviewer, of the assignment
    assert ctx.submitter.id not in told   # nobody is told of their own step


def test_a_second_matter_submitted_is_notified_too(ctx):
    """Each step is told once (its audit event in the key), not once per person for all time."""
    from review_app.models import Notification
    first = pipeline.drive(ctx, Status.department_review)
    second = pipeline.drive(ctx, Status.department_review)
    told = db.session.scalars(sa.select(Notification.subject_id).where(
        Notification.user_id == ctx.head.id, Notification.kind == "matter.submit")).all()
    assert sorted(told) == [first.id, second.id]


@pytest.mark.commits
def test_concurrent_uploads_get_distinct_versions(app, backend):
    with app.test_request_context():
        c = pipeline.cast()
        matter_id, user_id = pipeline.drive(c, Status.draft).id, c.submitter.id

    def upload(i):
        from review_app.models import User
        m, u = db.session.get(Matter, matter_id), db.session.get(User, user_id)
        mops.upload(u, m, pipeline.draft_kind(m.category), f"第{i}稿.docx", pipeline.docx_bytes(f"第{i}稿"))

    assert _in_threads(app, 8, upload) == []
    with app.app_context():
        from review_app.models import Document
        versions = sorted(db.session.scalars(sa.select(Document.version_no).where(
            Document.matter_id == matter_id, Document.display_name.like("第%稿.docx"))))
    assert versions == list(range(2, 10))  # version 1 came with the matter


@pytest.mark.commits
def test_concurrent_transitions_one_wins_the_other_gets_a_conflict(app, backend):
    with app.test_request_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.decision_pending)
        matter_id, version, officer_id = m.id, m.version, c.officer.id

    def accept(i):
        from review_app.models import User
        mops.transition(db.session.get(User, officer_id), db.session.get(Matter, matter_id), Action.accept, version)

    errors = _in_threads(app, 4, accept)
    from sqlalchemy.orm.exc import StaleDataError
    assert len(errors) == 3 and all(isinstance(e, (StaleVersion, StaleDataError, OperationError)) for e in errors)
    with app.app_context():
        assert db.session.get(Matter, matter_id).status == Status.decision_accepted
        accepted = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "matter.accept", AuditEvent.object_id == str(matter_id)))
    assert accepted == 1
