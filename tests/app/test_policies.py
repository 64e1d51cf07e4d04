"""Each per-record rule and its SQL form agree, on random matters and every kind of user in two districts.

The pipeline's policy (review_app.matters.policy) is written twice, once on a row and once as a query
condition; so are the decision register's, the audit log's and the clause flags'. Hypothesis builds matters in
any status, in either district, sent on or still in drafting, with or without a reviewer, and every user's row
answers must equal the rows their SQL condition selects.
"""
from datetime import date

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings, strategies as st

from review_app.audit import policy as audit_policy
from review_app.audit.trail import record
from review_app.clauses import policy as clause_policy
from review_app.decisions import policy as decision_policy
from review_app.demolition import policy as demolition_policy
from review_app.extensions import db
from review_app.matters import policy
from review_app.models import (AuditEvent, ClauseFlag, ClauseReading, Decision, DemolitionCase, Document, DraftClause,
                               Matter, Organisation, OrgKind, SupervisionLetter, User)
from tests import factories
from workflows.clause_rules import FlagCategory, Level
from workflows.clauses import ClauseKind
from workflows.demolition import Track
from workflows.review import Category, Status
from workflows.roles import Role

NEEDS_SIGN_OFF = {Status.signed, Status.issued, Status.answered, Status.closed}


def _world():
    """Two districts, each with two departments, a town, the office and the bureau, and people in every role
    (a town clerk who is also its head, and one disabled reviewer)."""
    people = []
    for spec, tag in ((factories.HOME, "a"), (factories.OTHER, "b")):
        d = factories.district(spec)
        depts = [factories.org(OrgKind.department, f"{tag}住建局", d), factories.org(OrgKind.department, f"{tag}财政局", d)]
        town = factories.org(OrgKind.town, f"{tag}青山镇", d)
        office = factories.org(OrgKind.government_office, f"{tag}区政府办", d)
        bureau = factories.org(OrgKind.justice_bureau, f"{tag}司法局", d)
        for org in depts:
            people.append(factories.user(Role.submitter, org))
            people.append(factories.user(Role.department_head, org))
        from review_app.admin.operations import create_user
        people.append(create_user(None, f"town{tag}", "镇专干", town.id, {Role.submitter, Role.department_head},
                                  factories.PASSWORD))
        people.append(factories.user(Role.decision_officer, office))
        reviewers = [factories.user(Role.bureau_reviewer, bureau) for _ in range(2)]
        people += reviewers
        people.append(factories.user(Role.bureau_director, bureau))
        people.append(factories.user(Role.admin, bureau))
        people.append(factories.user(Role.adviser, bureau))
        reviewers[1].active = False
    db.session.commit()
    return people


MATTER = st.fixed_dictionaries({
    "owner": st.integers(0, 100), "status": st.sampled_from(list(Status)), "sent": st.booleans(),
    "reviewer": st.integers(-1, 100), "category": st.sampled_from(list(Category))})


def _matter(people, spec) -> Matter:
    clerks = [u for u in people if u.has_role(Role.submitter)]
    owner = clerks[spec["owner"] % len(clerks)]
    status = spec["status"]
    bureau = [u for u in people if u.has_role(Role.bureau_reviewer, Role.bureau_director)
              and u.district_id == owner.district_id]
    m = Matter(category=spec["category"], title="测试事项", department_id=owner.organisation_id,
               district_id=owner.district_id, created_by_id=owner.id, status=status,
               resume_status=Status.bureau_review if status is Status.awaiting_supplement else None,
               signed_off=status in NEEDS_SIGN_OFF, sent_on=date(2026, 3, 2) if spec["sent"] else None,
               reviewer_id=bureau[spec["reviewer"] % len(bureau)].id if spec["reviewer"] >= 0 else None)
    db.session.add(m)
    return m


@pytest.fixture
def world(app):
    with app.test_request_context():
        yield _world()


CHECK = settings(max_examples=40, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@CHECK
@given(specs=st.lists(MATTER, min_size=1, max_size=12))
def test_matter_visibility_and_holding_agree_with_their_sql(world, specs):
    matters = [_matter(world, s) for s in specs]
    db.session.flush()
    ids = [m.id for m in matters]
    for user in world:
        seen = set(db.session.scalars(sa.select(Matter.id).where(Matter.id.in_(ids), policy.visible(user))))
        assert seen == {m.id for m in matters if policy.can_view(user, m)}, user.username
        held = set(db.session.scalars(sa.select(Matter.id).where(Matter.id.in_(ids), policy.held_by(user))))
        assert held == {m.id for m in matters if policy.holds(user, m)}, user.username
        # A holder always sees what they hold.
        assert held <= seen or not held
    db.session.rollback()


@CHECK
@given(specs=st.lists(MATTER, min_size=1, max_size=8), other_district=st.lists(st.booleans(), min_size=1,
                                                                               max_size=8))
def test_decision_and_audit_visibility_agree_with_their_sql(world, specs, other_district):
    matters = [_matter(world, s) for s in specs]
    db.session.flush()
    officers = {u.district_id: u for u in world if u.has_role(Role.decision_officer)}
    decisions = [Decision(district_id=d, meeting_name="常务会议", meeting_date=date(2026, 3, 2), title="议题",
                          category=Category.agreement, unreviewed_reason="紧急", recorded_by_id=officers[d].id)
                 for d in [sorted(officers)[flag] for flag in other_district]]
    db.session.add_all(decisions)
    events = [record(None, "matter.update", "matter", m.id, district_id=m.district_id) for m in matters]
    events += [record(None, "decision.record", "decision", d.id, district_id=d.district_id) for d in decisions]
    # Object ids the SQL form must read as the row form does: a leading zero, and no number at all.
    events += [record(None, "matter.update", "matter", f"0{m.id}", district_id=m.district_id) for m in matters]
    events.append(record(None, "matter.update", "matter", "草稿-1", district_id=matters[0].district_id))
    db.session.flush()
    decision_ids, event_ids = [d.id for d in decisions], [e.id for e in events]
    for user in world:
        seen = set(db.session.scalars(sa.select(Decision.id).where(Decision.id.in_(decision_ids),
                                                                  decision_policy.visible(user))))
        assert seen == {d.id for d in decisions if decision_policy.can_view(user, d)}, user.username
        read = set(db.session.scalars(sa.select(AuditEvent.id).where(AuditEvent.id.in_(event_ids),
                                                                    audit_policy.visible(user))))
        assert read == {e.id for e in events if audit_policy.can_view(user, e)}, user.username
    db.session.rollback()


def _flag_on(m: Matter) -> ClauseFlag:
    """A draft version of `m`, read into one clause with one flag (clause flags, #12)."""
    doc = Document(matter_id=m.id, version_no=1, sha256="0" * 64, display_name="送审稿.docx", kind="docx",
                   mime="application/octet-stream", size=1, uploaded_by_id=m.created_by_id)
    db.session.add(doc)
    db.session.flush()
    reading = ClauseReading(document_id=doc.id, district_id=m.district_id, matter_id=m.id, warnings=[])
    clause = DraftClause(district_id=m.district_id, position=0, kind=ClauseKind.article, number=1, label="第一条",
                         text="违反本办法的，处五千元罚款。", items=[])
    reading.clauses.append(clause)
    f = ClauseFlag(district_id=m.district_id, matter_id=m.id, clause=clause, position=0, rule_id="penalty.created",
                   category=FlagCategory.penalty, level=Level.high, refers=False, article="", location="第一条",
                   spans=[[7, 13]], words=["处五千元罚款"], point="", fingerprint="0" * 16)
    reading.flags.append(f)
    db.session.add(reading)
    return f


@CHECK
@given(specs=st.lists(MATTER, min_size=1, max_size=8))
def test_clause_flag_visibility_agrees_with_its_sql(world, specs):
    matters = [_matter(world, s) for s in specs]
    db.session.flush()
    flags = [_flag_on(m) for m in matters]
    db.session.flush()
    ids = [f.id for f in flags]
    for user in world:
        seen = set(db.session.scalars(sa.select(ClauseFlag.id).where(ClauseFlag.id.in_(ids),
                                                                     clause_policy.visible(user))))
        assert seen == {f.id for f in flags if clause_policy.can_view(user, f)}, user.username
        # Flags are the bureau's: nobody else sees one, and the bureau only where it sees the matter.
        assert all(user.has_role(Role.bureau_reviewer, Role.bureau_director) and policy.can_view(user, f.matter)
                   for f in flags if f.id in seen)
    db.session.rollback()


# Demolition ledger (issue 9): cases and supervision letters, by the body that keeps them and by district.
CASE = st.fixed_dictionaries({"keeper": st.integers(0, 100), "track": st.sampled_from(list(Track)),
                              "letter": st.booleans()})


@CHECK
@given(specs=st.lists(CASE, min_size=1, max_size=10))
def test_demolition_case_and_letter_visibility_agree_with_their_sql(world, specs):
    keepers = db.session.scalars(sa.select(Organisation).where(Organisation.kind.in_(demolition_policy.KEEPERS))
                                 .order_by(Organisation.id)).all()
    anyone = world[0]
    cases, letters = [], []
    for spec in specs:
        org = keepers[spec["keeper"] % len(keepers)]
        c = DemolitionCase(district_id=org.district_id, organisation_id=org.id, project="测试项目", track=spec["track"],
                           address="某地", last_progress_on=date(2026, 9, 10), created_by_id=anyone.id)
        db.session.add(c)
        cases.append(c)
        if spec["letter"]:
            letters.append(SupervisionLetter(
                district_id=org.district_id, case=c, organisation_id=org.id, year=2026, number=len(letters) + 1,
                issued_on=date(2026, 9, 10), reply_due_on=date(2026, 9, 24), findings="问题", requirements="要求",
                docx_sha256="0" * 64, issued_by_id=anyone.id))
    db.session.add_all(letters)
    db.session.flush()
    case_ids, letter_ids = [c.id for c in cases], [x.id for x in letters]
    for user in world:
        seen = set(db.session.scalars(sa.select(DemolitionCase.id).where(DemolitionCase.id.in_(case_ids),
                                                                        demolition_policy.visible(user))))
        assert seen == {c.id for c in cases if demolition_policy.can_view(user, c)}, user.username
        read = set(db.session.scalars(sa.select(SupervisionLetter.id).where(
            SupervisionLetter.id.in_(letter_ids), demolition_policy.letters_visible(user))))
        assert read == {x.id for x in letters if demolition_policy.can_view_letter(user, x)}, user.username
        # A body sees exactly its own; the bureau its district's; nobody another district's.
        assert all(c.district_id == user.district_id for c in cases if c.id in seen)
    db.session.rollback()


def test_the_world_covers_both_districts_and_every_role(app, world):
    with app.app_context():
        users = db.session.scalars(sa.select(User)).all()
        assert {u.district_id for u in users} == {factories.district().id, factories.district(factories.OTHER).id}
        assert set().union(*(u.roles for u in users)) == set(Role)


@CHECK
@given(picks=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=8))
def test_the_boards_decision_rule_agrees_with_its_sql(world, picks):
    """The board counts a department's own decisions for it (board.policy), the register's rule otherwise."""
    from review_app.board import policy as board_policy
    orgs = sorted({u.organisation for u in world}, key=lambda o: o.id)
    recorders = {u.district_id: u for u in world}
    decisions = []
    for n in picks:
        org = orgs[n % len(orgs)]
        decisions.append(Decision(district_id=org.district_id, meeting_name="常务会议", meeting_date=date(2026, 3, 2),
                                  title="议题", category=Category.agreement, unreviewed_reason="紧急",
                                  department_id=org.id if n % 3 else None,
                                  recorded_by_id=recorders[org.district_id].id))
    db.session.add_all(decisions)
    db.session.flush()
    ids = [d.id for d in decisions]
    for user in world:
        seen = set(db.session.scalars(sa.select(Decision.id).where(Decision.id.in_(ids),
                                                                  board_policy.decisions_visible(user))))
        assert seen == {d.id for d in decisions if board_policy.can_view_decision(user, d)}, user.username
    db.session.rollback()


# Expert pool (issue 8): members, draw records and assignments, by district, and an adviser's own only.
@CHECK
@given(specs=st.lists(MATTER, min_size=1, max_size=6), picks=st.lists(st.integers(0, 100), min_size=1,
                                                                       max_size=8))
def test_expert_pool_visibility_agrees_with_its_sql(world, specs, picks):
    from review_app.experts_pool import policy as pool_policy
    from review_app.models import Assignment, DrawRecord, Expert
    matters = [_matter(world, s) for s in specs]
    db.session.flush()
    experts = db.session.scalars(sa.select(Expert).order_by(Expert.id)).all()
    draws = [DrawRecord(district_id=m.district_id, matter_id=m.id, record_no=f"T-{m.id}", kind="draw", reason="",
                        seed="00" * 16, seed_hash="0", snapshot_hash="0", rules_version="v", snapshot={},
                        exclusions=[], ranking=[], picks=[], alternates=[]) for m in matters]
    db.session.add_all(draws)
    db.session.flush()
    assignments = []
    for i, pick in enumerate(picks):
        d = draws[i % len(draws)]
        e = experts[pick % len(experts)]
        if any(a.draw_id == d.id and a.expert_id == e.id for a in assignments):
            continue
        assignments.append(Assignment(district_id=d.district_id, matter_id=d.matter_id, expert_id=e.id,
                                      draw_id=d.id, invited_on=date(2026, 3, 2), accept_due=date(2026, 3, 4)))
    db.session.add_all(assignments)
    db.session.flush()
    for user in world:
        seen = set(db.session.scalars(sa.select(Expert.id).where(pool_policy.members_visible(user))))
        assert seen == {e.id for e in experts if pool_policy.can_view_member(user, e)}, user.username
        seen = set(db.session.scalars(sa.select(DrawRecord.id).where(pool_policy.draws_visible(user))))
        assert seen == {d.id for d in draws if pool_policy.can_view_draw(user, d)}, user.username
        seen = set(db.session.scalars(sa.select(Assignment.id).where(pool_policy.assignments_visible(user))))
        assert seen == {a.id for a in assignments if pool_policy.can_view_assignment(user, a)}, user.username
    db.session.rollback()
