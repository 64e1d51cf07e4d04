"""The roles people hold, shared by every rule module (review, demolition, litigation) and the app."""
from enum import Enum

from workflows.text import N_


class Role(str, Enum):
    submitter = "submitter"
    department_head = "department_head"
    decision_officer = "decision_officer"
    bureau_reviewer = "bureau_reviewer"
    bureau_director = "bureau_director"
    adviser = "adviser"
    admin = "admin"


ROLE_LABELS = {
    Role.submitter: N_("承办人员"),
    Role.department_head: N_("承办部门负责人"),
    Role.decision_officer: N_("决策机关经办人员"),
    Role.bureau_reviewer: N_("司法局审核人员"),
    Role.bureau_director: N_("司法局负责人"),
    Role.adviser: N_("法律顾问"),
    Role.admin: N_("系统管理员"),
}

DEPARTMENT = frozenset({Role.submitter, Role.department_head})
HEAD = frozenset({Role.department_head})
DECISION_BODY = frozenset({Role.decision_officer})
BUREAU = frozenset({Role.bureau_reviewer, Role.bureau_director})
DIRECTOR = frozenset({Role.bureau_director})
ADMIN = frozenset({Role.admin})
