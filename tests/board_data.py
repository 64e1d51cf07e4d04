"""A known data set for the board (issue 11): the bureau's 2023 as its report tells it — 117 key-project
agreements, 12 decision documents, 7 normative documents and 70 opinion requests reviewed — plus three
agreements of 2022, registered decisions with and without review, answered and unanswered modification points,
open work (some overdue), one demolition case not yet lawful and two lawyers of the expert pool with their
opinions and ratings. Rows are written directly (the pipeline's
operations are tested elsewhere; 200 matters through them would take minutes).

Dates are real 2023 working days on the official calendar, worked out by hand:
- Q1: submitted Wed 03-01, sent on Fri 03-03 (2 working days in the department), received by the bureau
  Mon 03-06 (1 working day at the decision body), issued Fri 03-10 (4 working days; due Mon 03-13 for a
  5-day period); the major decisions (7-day period, due Wed 03-15) are issued Mon 03-20: 10 days, late.
- Q3, the opinion requests: Mon 07-03, Wed 07-05 (2), Thu 07-06 (1), issued Wed 07-12 (4), on time.
So in 2023 the bureau's stage has 206 passages, 194 on time (94.2%), (194×4 + 12×10) / 206 = 4.3 days.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from experts.load import AssignmentState
from workflows.litigation import Appearance, Area
from workflows.litigation import Outcome as LawsuitOutcome
from workflows.reconsideration import Outcome as ReconOutcome
from workflows.risk.factors import Level
from review_app.experts_admin.operations import add_expert
from review_app.extensions import db
from review_app.models import (Adoption, AdviserOpinion, AdviserOpinionStatus, AdviserRating, Assignment,
                               Decision, DrawRecord, ExpertKind, Hearing, Lawsuit, Matter, Opinion,
                               OpinionPoint, OrgKind, ReconsiderationCase, RiskAssessment)
from tests import factories, ledger
from workflows.review import Category, Conclusion, DecisionOutcome, Status
from workflows.roles import Role

SEED_YEAR = 2023
SENTENCE = "2023年来,共计审核重点项目协议117份,行政决策合法性文件12份,规范性文件7件,处理法律意见征询函70份。"
Q1 = (date(2023, 3, 1), date(2023, 3, 3), date(2023, 3, 6), date(2023, 3, 10))
Q1_LATE = (date(2023, 3, 1), date(2023, 3, 3), date(2023, 3, 6), date(2023, 3, 20))
Q3 = (date(2023, 7, 3), date(2023, 7, 5), date(2023, 7, 6), date(2023, 7, 12))
OF_2022 = (date(2022, 11, 1), date(2022, 11, 3), date(2022, 11, 4), date(2022, 11, 10))
PERIODS = {Category.agreement: 5, Category.opinion_request: 5, Category.major_decision: 7,
           Category.normative_document: 15}
SHA = "0" * 64


@dataclass
class Seeded:
    reviewer: object      # the bureau's reviewer (holds the open matters)
    director: object
    housing: object       # a clerk of 测试住建局: agreements, decisions, requests, open work
    finance: object       # a clerk of 测试财政局: the normative documents, one open matter
    town: object          # 测试青山镇's keeper: one demolition case
    housing_org: object
    finance_org: object


class _Numbers:
    def __init__(self):
        self.next = {}

    def __call__(self, year: int) -> int:
        self.next[year] = self.next.get(year, 0) + 1
        return self.next[year]


def _matter(who, category: Category, title: str, dates, numbers: _Numbers, status=Status.closed) -> Matter:
    submitted, sent, received, issued = dates
    m = Matter(district_id=who.district_id, category=category, title=title, department_id=who.organisation_id,
               created_by_id=who.id, status=status, signed_off=True, conclusion=Conclusion.lawful,
               submitted_on=submitted, sent_on=sent, clock_started_on=received, period_days=PERIODS[category],
               due_on=received + timedelta(days=7))
    db.session.add(m)
    db.session.flush()
    db.session.add(Opinion(matter_id=m.id, district_id=m.district_id, conclusion=Conclusion.lawful,
                           drafted_by_id=who.id, signed_by_id=who.id,
                           signed_at=datetime(issued.year, issued.month, issued.day, tzinfo=timezone.utc),
                           year=issued.year, number=numbers(issued.year), issued_on=issued, docx_sha256=SHA))
    return m


def _open(who, reviewer, title: str, due: date, status=Status.bureau_review, category=Category.agreement):
    m = Matter(district_id=who.district_id, category=category, title=title, department_id=who.organisation_id,
               created_by_id=who.id, status=status, submitted_on=due - timedelta(days=20),
               sent_on=due - timedelta(days=18), clock_started_on=due - timedelta(days=14),
               period_days=PERIODS[category], due_on=due, reviewer_id=reviewer.id if reviewer else None)
    db.session.add(m)
    return m


def seed(today: date) -> Seeded:
    housing_org = factories.org(OrgKind.department, "测试住建局")
    finance_org = factories.org(OrgKind.department, "测试财政局")
    people = Seeded(
        reviewer=factories.user(Role.bureau_reviewer, username="board_reviewer"),
        director=factories.user(Role.bureau_director, username="board_director"),
        housing=factories.user(Role.submitter, housing_org, username="board_housing"),
        finance=factories.user(Role.submitter, finance_org, username="board_finance"),
        town=factories.user(Role.department_head, factories.org(OrgKind.town, "测试青山镇"),
                            username="board_town"),
        housing_org=housing_org, finance_org=finance_org)
    h, fin, officer = people.housing, people.finance, people.director
    numbers = _Numbers()
    for i in range(117):
        _matter(h, Category.agreement, f"重点项目协议{i + 1}", Q1, numbers)
    decisions = [_matter(h, Category.major_decision, f"重大行政决策{i + 1}", Q1_LATE, numbers) for i in range(12)]
    normative = [_matter(fin, Category.normative_document, f"规范性文件{i + 1}", Q1, numbers) for i in range(7)]
    for i in range(70):
        _matter(h, Category.opinion_request, f"法律意见征询函{i + 1}", Q3, numbers)
    for i in range(3):
        _matter(h, Category.agreement, f"上年协议{i + 1}", OF_2022, numbers)
    db.session.flush()

    # The decision register: the 12 reviewed decisions and 3 taken without review (one of 财政局).
    for m in decisions:
        db.session.add(Decision(district_id=m.district_id, meeting_name="区政府常务会议",
                                meeting_date=date(2023, 4, 6), title=m.title,
                                category=Category.major_decision, department_id=m.department_id,
                                matter_id=m.id, outcome=DecisionOutcome.passed, recorded_by_id=officer.id))
    for i, (who, reason) in enumerate([(h, "紧急情况下作出决定"), (h, "会前未报送审核"), (fin, "议题临时增加")]):
        db.session.add(Decision(district_id=who.district_id, meeting_name="区政府常务会议",
                                meeting_date=date(2023, 5, 10 + i), title=f"未经审核决策{i + 1}",
                                category=Category.major_decision, department_id=who.organisation_id,
                                outcome=DecisionOutcome.passed, unreviewed_reason=reason,
                                recorded_by_id=officer.id))

    # Modification points: two in each normative document's opinion; 10 adopted, 3 refused, 1 unanswered.
    answers = [True] * 10 + [False] * 3 + [None]
    at = datetime(2023, 3, 20, tzinfo=timezone.utc)
    for i, m in enumerate(normative):
        for n in (1, 2):
            p = OpinionPoint(opinion_id=m.opinion.id, number=n, clause=f"第{n}条", text="表述不够明确，建议修改。")
            db.session.add(p)
            db.session.flush()
            adopted = answers[2 * i + n - 1]
            if adopted is not None:
                db.session.add(Adoption(point_id=p.id, adopted=adopted, reason="" if adopted else "上位法另有规定",
                                        answered_by_id=fin.id, answered_at=at))

    # Open work as of today: three of 住建局 with the reviewer (two overdue), one of 财政局 not yet assigned,
    # and a draft of 住建局 the bureau does not see.
    open_matter = _open(h, people.reviewer, "在审协议甲", today - timedelta(days=10))
    _open(h, people.reviewer, "在审协议乙", today - timedelta(days=3))
    _open(h, people.reviewer, "在审协议丙", today + timedelta(days=10))
    _open(fin, None, "待分配规范性文件", today + timedelta(days=10), Status.bureau_intake,
          Category.normative_document)
    db.session.add(Matter(district_id=h.district_id, category=Category.agreement, title="住建局草稿",
                          department_id=h.organisation_id, created_by_id=h.id, status=Status.draft))
    db.session.flush()
    ledger.case(people.town)  # a case with no step yet: not lawful to demolish
    _pool(people, decisions, open_matter)
    _risk(people, decisions)
    _cases(people)
    db.session.commit()
    return people


def _risk(people: Seeded, decisions: list[Matter]) -> None:
    """The 12 decisions' risk: 2 high and 3 medium (3 of the 5 with signed measures), 7 low."""
    at = datetime(2023, 3, 15, tzinfo=timezone.utc)
    for i, m in enumerate(decisions):
        level = Level.high if i < 2 else Level.medium if i < 5 else Level.low
        signed = i in (0, 1, 2)
        db.session.add(RiskAssessment(district_id=m.district_id, matter_id=m.id, area=Area.other, level=level,
                                      reasons=[], mitigation="专项防范措施" if signed else "",
                                      mitigation_signed_by_id=people.director.id if signed else None,
                                      mitigation_signed_at=at if signed else None,
                                      assessed_by_id=people.reviewer.id, assessed_at=at))


def _cases(people: Seeded) -> None:
    """住建局 in 2023: 10 lawsuits concluded, 2 lost, the head in court at 9 of the 10 hearings (loss rate 20%,
    appearance 90%); 财政局: 5 reconsideration cases concluded, 1 quashed, 2 mediated (correction 20%,
    resolution 40%)."""
    h, fin = people.housing, people.finance
    for i in range(10):
        suit = Lawsuit(district_id=h.district_id, defendant_id=h.organisation_id, court="示范区人民法院",
                       case_no=f"（2023）示0101行初{i + 1}号", plaintiff=f"原告{i + 1}", act="行政处罚决定",
                       area=Area.penalty, complaint_received=date(2023, 2, 1),
                       outcome=LawsuitOutcome.quash if i < 2 else LawsuitOutcome.dismiss_claims,
                       outcome_on=date(2023, 6, 1), created_by_id=people.reviewer.id)
        db.session.add(suit)
        db.session.flush()
        head = i != 9
        db.session.add(Hearing(lawsuit_id=suit.id, day=date(2023, 4, 3), scheduled_on=date(2023, 3, 1),
                               appearance=Appearance.principal_head if head else Appearance.staff,
                               written_reason="" if head else "因公出差", recorded_by_id=people.reviewer.id))
    outcomes = [ReconOutcome.quash, ReconOutcome.mediated, ReconOutcome.mediated, ReconOutcome.uphold,
                ReconOutcome.uphold]
    for i, outcome in enumerate(outcomes):
        db.session.add(ReconsiderationCase(
            district_id=fin.district_id, case_no=f"示府复〔2023〕{i + 1}号", applicant=f"申请人{i + 1}",
            respondent_id=fin.organisation_id, act="政府信息公开答复", area=Area.information_disclosure,
            received=date(2023, 3, 1), accepted=date(2023, 3, 3), outcome=outcome,
            concluded_on=date(2023, 5, 4), created_by_id=people.reviewer.id))


POOL = ("张律师", "李律师")


def _pool(people: Seeded, decisions: list[Matter], open_matter: Matter) -> None:
    """Two lawyers of the pool: 张律师 wrote two opinions in 2023 rated 91 and 50 (average 70.5); 李律师 one
    rated 49 (to be reviewed: under 60) and holds an accepted task on an open matter."""
    zhang, li = (add_expert(None, people.housing.district_id, ExpertKind.lawyer, name, f"LIC-B{i}", ["行政法"],
                            date(2022, 1, 1), date(2024, 12, 31)) for i, name in enumerate(POOL))
    at = datetime(2023, 3, 10, tzinfo=timezone.utc)

    def assign(expert, matter, state, submitted=None, scores=None):
        draw = DrawRecord(district_id=matter.district_id, matter_id=matter.id,
                          record_no=f"B-{matter.id}-{expert.id}", kind="draw", reason="", seed="00" * 16,
                          seed_hash="0", snapshot_hash="0", rules_version="v", snapshot={}, exclusions=[],
                          ranking=[], picks=[], alternates=[])
        db.session.add(draw)
        db.session.flush()
        a = Assignment(district_id=matter.district_id, matter_id=matter.id, expert_id=expert.id,
                       draw_id=draw.id, state=state, invited_on=date(2023, 3, 6), accept_due=date(2023, 3, 8),
                       no_conflict_declared_at=at, opinion_due=date(2023, 3, 13))
        db.session.add(a)
        db.session.flush()
        if submitted:
            db.session.add(AdviserOpinion(assignment_id=a.id, status=AdviserOpinionStatus.submitted,
                                          overall="同意", written_by_id=people.reviewer.id,
                                          submitted_on=submitted, submitted_at=at))
        if scores:
            db.session.add(AdviserRating(assignment_id=a.id, timeliness=scores[0], quality=scores[1],
                                         adoption=scores[2], rated_by_id=people.reviewer.id,
                                         rated_on=submitted))

    assign(zhang, decisions[0], AssignmentState.rated, date(2023, 3, 9), (100, 90, 80))
    assign(zhang, decisions[1], AssignmentState.rated, date(2023, 3, 9), (50, 50, 50))
    assign(li, decisions[2], AssignmentState.rated, date(2023, 3, 9), (40, 50, 60))
    assign(li, open_matter, AssignmentState.accepted)
    db.session.flush()
