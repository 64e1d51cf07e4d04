"""Building litigation records for tests: the people (a department with its head, another department, the
bureau, another district's bureau) and lawsuits filed through the same operations the pages use."""
import re
from dataclasses import dataclass
from datetime import date

from review_app.disputes import operations as ops
from review_app.extensions import db
from review_app.models import OrgKind
from tests import factories
from workflows.litigation import Area
from workflows.roles import Role


@dataclass
class People:
    clerk: object         # 测试住建局's submitter: files and follows its cases
    head: object          # its head, reminded of hearings (has a mobile number)
    other_clerk: object   # 测试财政局's submitter
    reviewer: object
    director: object
    lawyer: object        # a bureau reviewer named to the task force
    other_bureau: object  # another district's bureau


def people() -> People:
    home, other = factories.district(), factories.district(factories.OTHER)
    dept = factories.org(OrgKind.department, "测试住建局", home)
    other_dept = factories.org(OrgKind.department, "测试财政局", home)
    bureau = factories.org(OrgKind.justice_bureau, "测试司法局", home)
    p = People(clerk=factories.user(Role.submitter, dept),
               head=factories.user(Role.department_head, dept, phone="13800000001"),
               other_clerk=factories.user(Role.submitter, other_dept),
               reviewer=factories.user(Role.bureau_reviewer, bureau),
               director=factories.user(Role.bureau_director, bureau),
               lawyer=factories.user(Role.bureau_reviewer, bureau),
               other_bureau=factories.user(Role.bureau_reviewer,
                                           factories.org(OrgKind.justice_bureau, "邻区司法局", other)))
    db.session.commit()
    return p


_seq = iter(range(1, 10_000))


def lawsuit(actor, defendant, received: date, **kw):
    n = next(_seq)
    fields = dict(defendant_id=defendant.id, court="测试区人民法院", case_no=f"(2026)测0102行初{n}号",
                  plaintiff=f"原告{n}", act="关于规范城区临时占道经营管理的通知", area=Area.licensing,
                  complaint_received=received, filed_on=received)
    fields.update(kw)
    return ops.file_lawsuit(actor, ops.LawsuitFields(**fields))


def deadline_row(response, kind: str) -> str:
    """The words of one deadline row of a case page (a lawsuit's, a reconsideration case's)."""
    html = response.get_data(as_text=True)
    match = re.search(rf'<tr class="deadline" data-kind="{kind}">(.*?)</tr>', html, re.S)
    assert match, kind
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))
