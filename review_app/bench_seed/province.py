"""The province's skeleton: districts, their organisations and the people who work there.

Each district has a government office (the decision body), a justice bureau (a director, reviewers, an
administrator), 20 departments (a head and three clerks each) and 5 towns (a clerk each). Every account's
password is `PASSWORD`, so the benchmark logs in through the login page like anyone else.
"""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from workflows.roles import Role

from .copy import Batch

PASSWORD = "bench-password-2026"
DEPARTMENTS = ["发展和改革局", "财政局", "自然资源局", "住房和城乡建设局", "交通运输局", "农业农村局", "商务局",
               "教育局", "卫生健康局", "民政局", "人力资源和社会保障局", "生态环境局", "水务局", "文化旅游局",
               "市场监督管理局", "应急管理局", "城市管理局", "投资促进局", "国有资产管理中心", "医疗保障局"]
TOWNS = ["城关街道", "东风镇", "青山镇", "河西街道", "新城街道"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉波宁琳颖晨浩然文博思远嘉"
REVIEWERS = 6
CLERKS = 3


@dataclass
class DistrictPlan:
    """Who is who in one district: the ids the matter families hand work to."""
    id: int
    number: int
    office_id: int = 0
    bureau_id: int = 0
    departments: list[int] = field(default_factory=list)
    towns: list[int] = field(default_factory=list)
    director: int = 0
    admin: int = 0
    reviewers: list[int] = field(default_factory=list)
    officers: list[int] = field(default_factory=list)
    heads: dict[int, int] = field(default_factory=dict)          # department -> its head
    clerks: dict[int, list[int]] = field(default_factory=dict)   # department or town -> its clerks
    names: dict[int, str] = field(default_factory=dict)          # user -> display name


@dataclass
class Context:
    """What the families share: the day the data ends on, the random source, the districts and id counters."""
    today: date
    rng: random.Random
    password_hash: str
    districts: list[DistrictPlan] = field(default_factory=list)
    next_ids: dict[str, int] = field(default_factory=dict)
    audit: list = field(default_factory=list)  # events gathered by every family, written last in time order
    # category -> (the draft's kind, [the other required kinds])
    material_kinds: dict = field(default_factory=dict)
    opinion_counters: dict = field(default_factory=dict)  # (district, year) -> the last opinion number
    litigable: dict = field(default_factory=dict)  # district -> closed matters a suit may challenge
    pool: dict = field(default_factory=dict)  # district -> [(active expert, its adviser's account)]

    def ids(self, table: str, n: int = 1) -> int:
        """The first of n new ids of `table` (the seeder assigns ids itself and sets the sequences after)."""
        first = self.next_ids.get(table, 1)
        self.next_ids[table] = first + n
        return first


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def seed_province(ctx: Context, districts: int, batch: Batch) -> None:
    created = datetime(ctx.today.year - 7, 1, 1, tzinfo=timezone.utc)
    cols_d = ("id", "code", "name", "level", "parent_id", "opinion_prefix", "supervision_prefix",
              "created_at")
    cols_o = ("id", "district_id", "name", "short_name", "kind", "active", "created_at", "version")
    cols_u = ("id", "username", "display_name", "organisation_id", "password_hash", "active", "totp_enabled",
              "created_at", "version")
    for n in range(districts):
        d = DistrictPlan(id=ctx.ids("districts"), number=n)
        ctx.districts.append(d)
        name = f"示范{n + 1}区"
        batch.add("districts", cols_d, (d.id, f"52{n + 1:04d}", name, "district", None, f"示{n + 1}司审",
                                         f"示{n + 1}司督", created))

        def org(full: str, short: str, kind: str) -> int:
            oid = ctx.ids("organisations")
            batch.add("organisations", cols_o, (oid, d.id, full, short, kind, True, created, 1))
            return oid

        def user(login: str, org_id: int, *roles: Role) -> int:
            uid = ctx.ids("users")
            d.names[uid] = _name(ctx.rng)
            batch.add("users", cols_u, (uid, f"d{n + 1:03d}_{login}", d.names[uid], org_id, ctx.password_hash,
                                         True, False, created, 1))
            for role in roles:
                batch.add("user_roles", ("user_id", "role"), (uid, role.value))
            return uid

        d.office_id = org(f"{name}人民政府办公室", "区政府办", "government_office")
        d.bureau_id = org(f"{name}司法局", "区司法局", "justice_bureau")
        d.director = user("director", d.bureau_id, Role.bureau_director)
        d.admin = user("admin", d.bureau_id, Role.admin)
        d.reviewers = [user(f"reviewer{k + 1}", d.bureau_id, Role.bureau_reviewer) for k in range(REVIEWERS)]
        d.officers = [user(f"officer{k + 1}", d.office_id, Role.decision_officer) for k in range(2)]
        for j, dept in enumerate(DEPARTMENTS):
            oid = org(f"{name}{dept}", dept[:8], "department")
            d.departments.append(oid)
            d.heads[oid] = user(f"dept{j + 1:02d}_head", oid, Role.department_head)
            d.clerks[oid] = [user(f"dept{j + 1:02d}_clerk{k + 1}", oid, Role.submitter)
                             for k in range(CLERKS)]
        for j, town in enumerate(TOWNS):
            oid = org(f"{name}{town}", town, "town")
            d.towns.append(oid)
            d.clerks[oid] = [user(f"town{j + 1}_clerk", oid, Role.submitter)]
