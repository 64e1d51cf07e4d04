"""Building demolition-ledger cases for tests: the people (a town and its neighbour, a department, the bureau, and
the bureau of another district), and cases with their steps recorded through the same operations the pages and
the API use, each step with a small real file as its evidence.

The dates are those of tests/unit/demolition_cases.py (real 2025-2026 dates worked out by hand on the official
calendar); tests freeze `review_app.rules.today` on a date that makes the case what they need.
"""
from dataclasses import dataclass
from datetime import date

from review_app import rules
from review_app.admin.operations import create_user
from review_app.demo import PDF
from review_app.demolition import operations as ops
from review_app.extensions import db
from review_app.models import OrgKind
from tests import factories
from tests.unit.demolition_cases import COLLECTIVE, LAND, PLANNING, STATE_LAND
from workflows.demolition import CaseFacts, RecordedStep, StepKind, Track
from workflows.demolition import StepKind as K
from workflows.roles import Role

# The planning-violation case (Coercion Law Art. 35-38, 44) is ready from 2026-09-03.
PLANNING_READY_ON = date(2026, 9, 3)
FACTS = {Track.planning_violation: PLANNING, Track.illegal_land_occupation: LAND,
         Track.state_land_expropriation: STATE_LAND, Track.collective_land_expropriation: COLLECTIVE}

# A planning case whose order was served on 2026-05-11: the six months to sue run to 2026-11-11, so on
# 2026-09-10 a demolition planned for 2026-09-14 is too early whatever is done next.
RECENT = (RecordedStep(K.demolition_order, date(2026, 5, 11), "青违拆字〔2026〕5号", date(2026, 5, 25), True),
          RecordedStep(K.demand, date(2026, 6, 1), "青催字〔2026〕5号", date(2026, 6, 10), True))

# The browser's story: the order served 2026-04-15 (six months to sue: to 2026-10-15), the demand 05-06; on
# 2026-06-01 a date planned for 06-10 is too early. With the later steps recorded the case is ready from
# 2026-10-16 (and not on 10-15).
STORY = (RecordedStep(K.demolition_order, date(2026, 4, 15), "青违拆字〔2026〕8号", date(2026, 4, 29), True),
         RecordedStep(K.demand, date(2026, 5, 6), "青催字〔2026〕8号", date(2026, 5, 15), True))
STORY_LATER = (RecordedStep(K.statement_heard, date(2026, 5, 20), "陈述申辩笔录"),
               RecordedStep(K.enforcement_decision, date(2026, 6, 3), "青强执决〔2026〕8号", None, True),
               RecordedStep(K.enforcement_decision_served, date(2026, 6, 4), "送达回证"),
               RecordedStep(K.public_notice, date(2026, 6, 5), "青拆告〔2026〕8号", date(2026, 6, 15)))
STORY_READY_ON = date(2026, 10, 16)


@dataclass
class People:
    town: object          # 青山镇's clerk (submitter and head), keeps its own cases
    town_head: object     # another person of the same town
    neighbour: object     # 柳溪镇's clerk
    department: object    # a department that also keeps cases (综合执法局)
    reviewer: object      # the bureau
    director: object
    officer: object       # the decision body: no part in the ledger
    other_bureau: object  # the bureau of another district
    other_town: object    # a town of another district


def _keeper(org, name: str):
    u = create_user(None, name, f"{org.short_name}专干", org.id, {Role.submitter, Role.department_head},
                    factories.PASSWORD)
    db.session.commit()
    return u


def people() -> People:
    home, other = factories.district(), factories.district(factories.OTHER)
    town = factories.org(OrgKind.town, "测试青山镇", home)
    neighbour = factories.org(OrgKind.town, "测试柳溪镇", home)
    department = factories.org(OrgKind.department, "测试综合执法局", home)
    bureau = factories.org(OrgKind.justice_bureau, "测试司法局", home)
    other_bureau = factories.org(OrgKind.justice_bureau, "邻区司法局", other)
    other_town = factories.org(OrgKind.town, "邻区青山镇", other)
    return People(
        town=_keeper(town, "qingshan"), town_head=factories.user(Role.department_head, town),
        neighbour=_keeper(neighbour, "liuxi"), department=factories.user(Role.submitter, department),
        reviewer=factories.user(Role.bureau_reviewer, bureau), director=factories.user(Role.bureau_director, bureau),
        officer=factories.user(Role.decision_officer), other_bureau=factories.user(Role.bureau_reviewer, other_bureau),
        other_town=_keeper(other_town, "linqu"))


def fields(track: Track = Track.planning_violation, planned: date | None = None, **kw) -> ops.CaseFields:
    base = dict(project="青山大道拓宽工程", track=track, address="青山镇青山村三组12号", parties=["张三", "李四"],
                building_area=None, enforcing_body="测试青山镇人民政府", planned_on=planned, note="")
    base.update(kw)
    return ops.CaseFields(**base)


def evidence(name: str = "送达回证.pdf") -> list[tuple[str, bytes]]:
    return [(name, PDF)]


def record(actor, case, steps: CaseFacts | tuple[RecordedStep, ...], upto: int | None = None) -> None:
    """Record the first `upto` steps (all by default) on `case`, each with a PDF as evidence."""
    for s in (steps.steps if isinstance(steps, CaseFacts) else steps)[:upto]:
        ops.record_step(actor, case, ops.StepFields(StepKind(s.kind), s.on, s.document_no, s.deadline,
                                                    s.told_of_remedies), evidence())


def freeze(monkeypatch, day: date) -> None:
    monkeypatch.setattr(rules, "today", lambda: day)


def world(app, monkeypatch, today: date):
    """For a fixture: `today` frozen, the people made, inside a request context (yields the People)."""
    app.config["REQUIRE_TOTP"] = False
    freeze(monkeypatch, today)
    with app.test_request_context():
        yield people()


def case(actor, track: Track = Track.planning_violation, steps: int | None = 0, recorded=None, **kw):
    """A case of the actor's body, with the first `steps` steps of the track's complete procedure (None: all),
    or the steps `recorded`."""
    c = ops.create_case(actor, fields(track, **kw))
    if recorded is not None:
        record(actor, c, recorded)
    elif steps != 0:
        record(actor, c, FACTS[track], steps)
    db.session.flush()
    return c
