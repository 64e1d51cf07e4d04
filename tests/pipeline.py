"""Building matters for tests: a cast of users, tiny real files, and driving a matter to a status
through the same operations the pages and the API use."""
from dataclasses import dataclass


from review_app.demo import PDF, docx_bytes  # noqa: F401  (re-exported for the tests)
from review_app.extensions import db
from review_app.matters import operations as mops
from review_app.models import MaterialKind, Matter, OrgKind
from review_app.review import operations as rops
from workflows.opinion import Content, Finding
from workflows.review import Action, Category, Conclusion, Status
from workflows.roles import Role

from tests import factories


@dataclass
class Cast:
    submitter: object
    head: object
    officer: object
    reviewer: object
    director: object
    other_department: object  # a submitter of another department


def cast() -> Cast:
    dept = factories.org(OrgKind.department)
    other = factories.org(OrgKind.department, "测试财政局")
    return Cast(
        submitter=factories.user(Role.submitter, dept), head=factories.user(Role.department_head, dept),
        officer=factories.user(Role.decision_officer), reviewer=factories.user(Role.bureau_reviewer),
        director=factories.user(Role.bureau_director), other_department=factories.user(Role.submitter, other))


def fields(title="关于规范城区临时占道经营管理的通知", planned=None, counterparties="") -> mops.MatterFields:
    return mops.MatterFields(title, "规范临时占道经营", "《城市道路管理条例》第三十一条", planned, counterparties,
                             "张承办", "0851-1234567")


def upload_all(c: Cast, matter: Matter, draft: bytes | None = None) -> None:
    """Every required material; the draft is `draft` when given (a .docx), else a two-article one."""
    for kind in mops.required_kinds(matter.category):
        if kind.required:
            plain = docx_bytes("第一条 为规范管理，制定本办法。", "第二条 申请人应当提交材料。")
            data = (draft or plain) if kind.is_draft else PDF
            name = "送审稿.docx" if kind.is_draft else f"{kind.code}.pdf"
            mops.upload(c.submitter, matter, kind, name, data)


def draft_kind(category: Category) -> MaterialKind:
    return next(k for k in mops.required_kinds(category) if k.is_draft)


def findings(conclusion: Conclusion) -> dict:
    """The three review contents (Decree 713 Art. 27) as a reviewer would find them for `conclusion`."""
    finding = {Conclusion.lawful: Finding.met, Conclusion.unlawful: Finding.not_met}.get(conclusion, Finding.partly_met)
    return {c: (Finding.met if c is not Content.content else finding, "经审查。") for c in Content}


# The same as the API takes them.
FINDINGS_JSON = {c.value: {"finding": "met", "note": ""} for c in Content}
AMEND_JSON = {**FINDINGS_JSON, "content": {"finding": "partly_met", "note": "个别条款需修改"}}


ORDER = [Status.draft, Status.department_review, Status.decision_pending, Status.decision_accepted,
         Status.bureau_intake, Status.bureau_review, Status.opinion_drafted, Status.signed, Status.issued,
         Status.answered]


def drive(c: Cast, status: Status, category=Category.normative_document,
          conclusion=Conclusion.lawful_if_amended, points=2, draft: bytes | None = None) -> Matter:
    """A matter of `c`'s department moved forward to `status` (committed); `draft`: its draft's .docx."""
    m = mops.create_matter(c.submitter, category, fields(counterparties="某某建设有限公司"))
    upload_all(c, m, draft)
    steps = {
        Status.department_review: lambda: mops.transition(c.submitter, m, Action.submit, m.version),
        Status.decision_pending: lambda: mops.transition(c.head, m, Action.approve, m.version),
        Status.decision_accepted: lambda: mops.transition(c.officer, m, Action.accept, m.version),
        Status.bureau_intake: lambda: mops.transition(c.officer, m, Action.forward, m.version),
        Status.bureau_review: lambda: mops.assign_reviewer(c.director, m, m.version, c.reviewer),
        Status.opinion_drafted: lambda: rops.save_opinion(
            c.reviewer, m, m.version, conclusion, "经审查，该文件制定主体合法，程序基本完备。",
            [rops.PointInput(f"第{i}条", f"第{i}条表述不够明确，建议修改。") for i in range(1, points + 1)],
            findings(conclusion)),
        Status.signed: lambda: rops.sign_off(c.director, m, m.version),
        Status.issued: lambda: rops.issue(c.reviewer, m, m.version),
        Status.answered: lambda: _answer_all(c, m),
    }
    for s in ORDER[1:ORDER.index(status) + 1]:
        if s == Status.opinion_drafted and category == Category.major_decision and status in ORDER[8:]:
            consult_adviser(c, m)  # Decree 713 Art. 28: no major decision's opinion is issued without one
        steps[s]()
        db.session.flush()
    db.session.commit()
    return m


def consult_adviser(c: Cast, m: Matter):
    """One adviser's written opinion on record: designated, accepted after declaring no conflict, submitted;
    the matter back under review. Returns the assignment."""
    from review_app.experts_pool import operations as xops, opinions
    expert = factories.expert()
    adviser = factories.user(Role.adviser, expert_id=expert.id)
    row = xops.designate(c.reviewer, m, [expert.id], "测试：指定熟悉该领域的法律顾问")
    a = next(x for x in m_assignments(row))
    xops.accept(adviser, a, a.version, no_conflict=True)
    opinions.save(adviser, a, None, "总体合法，建议完善个别条款。", "", "", [], submit=True)
    mops.transition(c.reviewer, m, Action.advisers_done, m.version)
    return a


def m_assignments(row):
    import sqlalchemy as sa
    from review_app.models import Assignment
    return db.session.scalars(sa.select(Assignment).where(Assignment.draw_id == row.id)).all()


def _answer_all(c: Cast, m: Matter) -> None:
    revised = mops.upload(c.submitter, m, draft_kind(m.category), "送审稿（修改稿）.docx",
                          docx_bytes("第一条 为规范管理，依法制定本办法。"))
    for p in m.opinion.points:
        rops.answer_point(c.submitter, m, p, True, "", revised.id)
    rops.finish_adoption(c.submitter, m, m.version)
