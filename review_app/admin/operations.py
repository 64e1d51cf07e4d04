"""Administrator operations on districts, organisations and user accounts.

Each takes its actor first: the administrator (limited to their own district), or None for the system (the
`flask` commands and the demo loader, which say which district they act in)."""
import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.roles import Role

from ..audit.trail import record
from ..auth.passwords import WeakPassword, check_policy, hash_password
from ..auth.sessions import end_all_for
from ..extensions import db
from ..models import District, DistrictLevel, Expert, Organisation, OrgKind, User, UserRole
from ..operations import OperationError, check_version
from . import policy


def create_district(actor: User | None, code: str, name: str, opinion_prefix: str, supervision_prefix: str,
                    level: DistrictLevel = DistrictLevel.district, parent: District | None = None) -> District:
    code, name = code.strip(), name.strip()
    if not code or not name or not opinion_prefix.strip() or not supervision_prefix.strip():
        raise OperationError(_("行政区划代码、名称和文号前缀不能为空"))
    if db.session.scalar(sa.select(District.id).where(District.code == code)):
        raise OperationError(_("行政区划代码已存在：%(c)s", c=code))
    district = District(code=code, name=name, level=level, parent_id=parent.id if parent else None,
                        opinion_prefix=opinion_prefix.strip(), supervision_prefix=supervision_prefix.strip())
    db.session.add(district)
    db.session.flush()
    record(actor, "district.create", "district", district.id, after=district.audit_state(), district_id=district.id)
    return district


def create_organisation(actor: User | None, district: District, name: str, short_name: str,
                        kind: OrgKind) -> Organisation:
    policy.require_district(actor, district.id)
    name, short_name = name.strip(), short_name.strip()
    if not name or not short_name:
        raise OperationError(_("名称和简称不能为空"))
    if db.session.scalar(sa.select(Organisation.id).where(Organisation.district_id == district.id,
                                                          Organisation.name == name)):
        raise OperationError(_("已存在同名单位：%(name)s", name=name))
    org = Organisation(district_id=district.id, name=name, short_name=short_name, kind=kind, active=True)
    db.session.add(org)
    db.session.flush()
    record(actor, "organisation.create", "organisation", org.id, after=org.audit_state(), district_id=district.id)
    return org


def set_organisation_active(actor: User | None, org: Organisation, active: bool, version) -> None:
    policy.require_district(actor, org.district_id)
    check_version(org, version)
    before = org.audit_state()
    org.active = active
    if not active:
        for user in org.users:
            end_all_for(user.id)
    db.session.flush()
    record(actor, "organisation.enable" if active else "organisation.disable", "organisation", org.id,
           before, org.audit_state(), district_id=org.district_id)


def _check_roles(org: Organisation, roles: set[Role], expert_id: int | None) -> None:
    if not roles:
        raise OperationError(_("至少选择一个角色"))
    bureau_roles = {Role.bureau_reviewer, Role.bureau_director}
    if roles & bureau_roles and org.kind != OrgKind.justice_bureau:
        raise OperationError(_("司法局角色只能授予司法局的用户"))
    if Role.decision_officer in roles and org.kind != OrgKind.government_office:
        raise OperationError(_("决策机关经办人员只能授予决策机关（区政府办公室）的用户"))
    if roles & {Role.submitter, Role.department_head} and org.kind not in (OrgKind.department, OrgKind.town):
        raise OperationError(_("承办人员和承办部门负责人只能授予部门或镇（街道）的用户"))
    if Role.adviser in roles and not expert_id:
        raise OperationError(_("法律顾问账号必须关联专家库成员"))
    expert = db.session.get(Expert, expert_id) if expert_id else None
    if expert_id and (expert is None or expert.district_id != org.district_id):
        raise OperationError(_("关联的专家不存在"))


def _organisation(actor: User | None, organisation_id: int) -> Organisation | None:
    """The organisation, if it exists within the actor's reach (another district's is "not found")."""
    org = db.session.get(Organisation, organisation_id)
    return org if org is not None and policy.in_reach(actor, org.district_id) else None


def create_user(actor: User | None, username: str, display_name: str, organisation_id: int, roles: set[Role],
                password: str, expert_id: int | None = None, phone: str | None = None) -> User:
    username = username.strip()
    if len(username) < 3 or not username.replace("_", "").replace(".", "").isalnum():
        raise OperationError(_("用户名至少 3 个字符，只能包含字母、数字、下划线和点"))
    if db.session.scalar(sa.select(User.id).where(sa.func.lower(User.username) == username.lower())):
        raise OperationError(_("用户名已被使用：%(name)s", name=username))
    org = _organisation(actor, organisation_id)
    if org is None or not org.active:
        raise OperationError(_("所属单位不存在或已停用"))
    _check_roles(org, roles, expert_id)
    try:
        check_policy(password, username)
    except WeakPassword as e:
        raise OperationError(str(e)) from None
    user = User(username=username, display_name=display_name.strip() or username, organisation=org,
                password_hash=hash_password(password), expert_id=expert_id, phone=phone or None,
                role_rows=[UserRole(role=r) for r in sorted(roles, key=lambda r: r.value)])
    db.session.add(user)
    db.session.flush()
    record(actor, "user.create", "user", user.id, after=user.audit_state(), district_id=org.district_id)
    return user


def update_user(actor: User | None, user: User, version, display_name: str, organisation_id: int,
                roles: set[Role], expert_id: int | None, phone: str | None) -> None:
    policy.require_district(actor, user.district_id)
    check_version(user, version)
    org = _organisation(actor, organisation_id)
    if org is None:
        raise OperationError(_("所属单位不存在"))
    _check_roles(org, roles, expert_id)
    before = user.audit_state()
    user.display_name = display_name.strip() or user.username
    user.organisation = org
    user.expert_id = expert_id
    user.phone = phone or None
    current = {r.role: r for r in user.role_rows}
    user.role_rows = [current.get(r) or UserRole(role=r) for r in sorted(roles, key=lambda r: r.value)]
    # A change of organisation or roles takes effect now, not at the next login.
    if before["organisation_id"] != org.id or set(before["roles"]) != {r.value for r in roles}:
        end_all_for(user.id)
    db.session.flush()
    record(actor, "user.update", "user", user.id, before, user.audit_state(), district_id=org.district_id)


def reset_password(actor: User | None, user: User, version, new_password: str) -> None:
    """For a user who forgot theirs: the administrator sets a new one and every login of the user ends."""
    policy.require_district(actor, user.district_id)
    check_version(user, version)
    try:
        check_policy(new_password, user.username)
    except WeakPassword as e:
        raise OperationError(str(e)) from None
    user.password_hash = hash_password(new_password)
    end_all_for(user.id)
    db.session.flush()
    record(actor, "user.password_reset", "user", user.id, district_id=user.district_id)


def reset_second_factor(actor: User | None, user: User, version) -> None:
    """For a lost phone: the user enrols a new authenticator at the next login (or from the profile)."""
    policy.require_district(actor, user.district_id)
    check_version(user, version)
    before = user.audit_state()
    user.totp_secret, user.totp_enabled, user.totp_last_step = None, False, None
    end_all_for(user.id)
    db.session.flush()
    record(actor, "user.totp_reset", "user", user.id, before, user.audit_state(), district_id=user.district_id)


def set_user_active(actor: User | None, user: User, active: bool, version) -> None:
    policy.require_district(actor, user.district_id)
    check_version(user, version)
    if not active and actor is not None and actor.id == user.id:
        raise OperationError(_("不能停用自己的账号"))
    before = user.audit_state()
    user.active = active
    if not active:
        end_all_for(user.id)  # a disabled user loses every session at once
    db.session.flush()
    record(actor, "user.enable" if active else "user.disable", "user", user.id, before, user.audit_state(),
           district_id=user.district_id)
