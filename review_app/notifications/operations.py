"""Writing notifications into the outbox as part of the change that causes them."""
import sqlalchemy as sa

from workflows.review import ACTION_LABELS, Action, Role

from ..extensions import db
from ..jobs import after_commit
from ..models import Matter, Notification, User, UserRole
from .jobs import deliver_notification

# Who acts next after each step; the matter page is where they act.
NEXT = {
    Action.submit: "department_heads", Action.approve: Role.decision_officer, Action.forward: Role.bureau_director,
    Action.assign_reviewer: "reviewer", Action.request_supplement: "department",
    Action.return_for_revision: "department", Action.supply: "reviewer_or_officers",
    Action.draft_opinion: Role.bureau_director, Action.sign_off: "reviewer", Action.reject_sign_off: "reviewer",
    Action.issue: "department", Action.answer_adoption: "reviewer_and_officers",
}


def _active_with_role(role: Role, organisation_id: int | None = None) -> list[User]:
    q = sa.select(User).join(UserRole).where(UserRole.role == role, User.active)
    if organisation_id is not None:
        q = q.where(User.organisation_id == organisation_id)
    return list(db.session.scalars(q).unique())


def recipients(matter: Matter, action: Action) -> list[User]:
    who = NEXT.get(action)
    if who is None:
        return []
    if isinstance(who, Role):
        return _active_with_role(who)
    # By id: the relationship may have been loaded before the reviewer was assigned in this transaction.
    department = [db.session.get(User, matter.created_by_id)] + _active_with_role(Role.department_head,
                                                                                 matter.department_id)
    reviewer = [db.session.get(User, matter.reviewer_id)] if matter.reviewer_id is not None else []
    found = {
        "department_heads": _active_with_role(Role.department_head, matter.department_id),
        "department": department,
        "reviewer": reviewer,
        "reviewer_or_officers": reviewer or _active_with_role(Role.decision_officer),
        "reviewer_and_officers": reviewer + _active_with_role(Role.decision_officer),
    }[who]
    unique = {u.id: u for u in found if u is not None and u.active}
    return list(unique.values())


def notify_transition(matter: Matter, action: Action, actor: User, reason: str = "") -> None:
    for user in recipients(matter, action):
        if user.id == actor.id:
            continue
        n = Notification(user_id=user.id, matter_id=matter.id,
                         subject=f"【{ACTION_LABELS[action]}】{matter.title}"[:200],
                         body=f"{actor.display_name}（{actor.organisation.short_name}）：{ACTION_LABELS[action]}"
                              + (f"。理由：{reason}" if reason else ""))
        db.session.add(n)
        db.session.flush()
        after_commit(deliver_notification, n.id)
