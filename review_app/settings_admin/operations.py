"""Administrator operations on the rule numbers, the calendar overrides and the material list."""
import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.clock import MIN_NOTICE_DAYS_MAJOR_DECISION
from workflows.review import Category

from .. import rules
from ..audit.trail import record
from ..extensions import db
from ..matters.operations import recompute_due_dates
from ..models import CalendarDay, MaterialKind, Setting, User
from ..operations import OperationError, StaleVersion

MIN_VALUE, MAX_VALUE = 1, 60
MAJOR_DECISION = "review_days.major_decision"
NORMATIVE = "review_days.normative_document"
NORMATIVE_MIN = "min_review_days.normative_document"
NORMATIVE_MAX = "max_review_days.normative_document"


class SettingsRejected(OperationError):
    """Bad values: `problems` maps a setting key to its message; nothing was changed."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(_("有数值不符合要求，未作任何修改"), 400)
        self.problems = problems


def _district_rows(district_id: int) -> dict[str, Setting]:
    return {s.key: s for s in db.session.scalars(sa.select(Setting).where(Setting.district_id == district_id))}


def current_settings(district_id: int) -> dict[str, tuple[int, int]]:
    """key -> (effective value in the district, version of its row or 0 when the default applies)."""
    rows = _district_rows(district_id)
    return {k: (rows[k].value, rows[k].version) if k in rows else (v, 0) for k, v in rules.DEFAULTS.items()}


def update_settings(actor: User, submitted: dict[str, str], versions: dict[str, str]) -> list[str]:
    """Validate every number first (integers 1-60; the normative-document period within its min and max,
    国办发〔2018〕115号), then write the changed ones for the actor's district. Returns the keys changed."""
    problems, values = {}, {}
    for key in rules.DEFAULTS:
        label = _(rules.SETTING_LABELS.get(key, key))
        raw = (submitted.get(key) or "").strip()
        if not raw:
            problems[key] = _("“%(l)s”不能为空", l=label)
            continue
        if not re.fullmatch(r"[+-]?\d{1,6}", raw):
            problems[key] = _("“%(l)s”必须是整数", l=label)
            continue
        value = int(raw)
        if not MIN_VALUE <= value <= MAX_VALUE:
            problems[key] = _("“%(l)s”须在 %(lo)d 到 %(hi)d 之间", l=label, lo=MIN_VALUE, hi=MAX_VALUE)
            continue
        values[key] = value
    major = values.get(MAJOR_DECISION)
    if major is not None and major < MIN_NOTICE_DAYS_MAJOR_DECISION:
        # Decree 713 Art. 26: the review time is generally not less than 7 working days.
        problems[MAJOR_DECISION] = _("重大行政决策的审核期限不得少于 %(n)d 个工作日（《重大行政决策程序暂行条例》第二十六条）",
                                     n=MIN_NOTICE_DAYS_MAJOR_DECISION)
    if not problems:
        lo, hi, period = values[NORMATIVE_MIN], values[NORMATIVE_MAX], values[NORMATIVE]
        if lo > hi:
            problems[NORMATIVE_MIN] = _("规范性文件审核期限下限不能大于上限")
        elif not lo <= period <= hi:
            problems[NORMATIVE] = _("行政规范性文件审核期限须在下限（%(lo)d）与上限（%(hi)d）之间", lo=lo, hi=hi)
    if problems:
        raise SettingsRejected(problems)

    changed = []
    rows = _district_rows(actor.district_id)
    for key, value in values.items():
        row = rows.get(key)
        try:
            submitted_version = int(versions.get(key) or 0)
        except ValueError:
            raise OperationError(_("缺少版本号，请刷新页面后重试")) from None
        if submitted_version != (row.version if row else 0):
            raise StaleVersion(_("“%(l)s”已被他人修改，请刷新后重试", l=_(rules.SETTING_LABELS.get(key, key))))
        before, was_default = (row.value, False) if row else (rules.DEFAULTS[key], True)
        if value == before:
            continue
        if row is None:
            row = Setting(district_id=actor.district_id, key=key, value=value)
            db.session.add(row)
        else:
            row.value = value
        db.session.flush()
        record(actor, "setting.update", "setting", key, {"value": before, "default": was_default},
               {"value": value})
        changed.append(key)
    return changed


# --- calendar overrides -------------------------------------------------------------------------------------

_MARKS = {"休": False, "班": True}
_LINE_RE = re.compile(r"^(\S+)\s+(\S)(?:\s+(.*))?$")


@dataclass(frozen=True)
class DayInput:
    day: date
    is_workday: bool
    note: str = ""


def _day_state(row: CalendarDay | None):
    return None if row is None else {"is_workday": row.is_workday, "note": row.note}


def set_day(actor: User, entry: DayInput) -> CalendarDay:
    """Add an override, or change the one already entered for that day."""
    note = (entry.note or "").strip()
    if len(note) > 80:
        raise OperationError(_("备注不能超过 80 个字"))
    row = db.session.get(CalendarDay, entry.day)
    before = _day_state(row)
    if row is None:
        row = CalendarDay(day=entry.day)
        db.session.add(row)
    row.is_workday, row.note = entry.is_workday, note
    db.session.flush()
    record(actor, "calendar.set", "calendar_day", entry.day.isoformat(), before, _day_state(row))
    recompute_due_dates(actor, [entry.day])
    return row


def delete_day(actor: User, day: date) -> None:
    row = db.session.get(CalendarDay, day)
    if row is None:
        raise OperationError(_("该日期没有录入的节假日安排"), 404)
    before = _day_state(row)
    db.session.delete(row)
    db.session.flush()
    record(actor, "calendar.delete", "calendar_day", day.isoformat(), before, None)
    recompute_due_dates(actor, [day])


def parse_schedule(text: str) -> list[DayInput]:
    """Lines like "2027-01-01 休 元旦" or "2027-02-06 班" (休 holiday, 班 swapped workday, 调休); blank lines
    are skipped. Every malformed line is reported with its number, and then nothing is taken."""
    entries, problems, seen = [], [], {}
    for n, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        m = _LINE_RE.match(line)
        if m is None or m.group(2) not in _MARKS:
            problems.append(_("第%(n)d行：格式应为“2027-01-01 休”或“2027-02-06 班”（可在后面加备注）", n=n))
            continue
        try:
            day = date.fromisoformat(m.group(1)) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.group(1)) else None
        except ValueError:
            day = None
        if day is None:
            problems.append(_("第%(n)d行：日期“%(d)s”不正确，应如 2027-01-01", n=n, d=m.group(1)))
            continue
        note = (m.group(3) or "").strip()
        if len(note) > 80:
            problems.append(_("第%(n)d行：备注不能超过 80 个字", n=n))
            continue
        if day in seen:
            problems.append(_("第%(n)d行：日期 %(d)s 与第%(m)d行重复", n=n, d=day.isoformat(), m=seen[day]))
            continue
        seen[day] = n
        entries.append(DayInput(day, _MARKS[m.group(2)], note))
    if problems:
        raise ScheduleRejected(problems)
    if not entries:
        raise OperationError(_("请粘贴至少一行节假日安排"))
    return entries


class ScheduleRejected(OperationError):
    def __init__(self, problems: list[str]):
        super().__init__(_("节假日安排有误，未保存任何内容"), 400)
        self.problems = problems


def import_schedule(actor: User, text: str) -> list[CalendarDay]:
    entries = parse_schedule(text)
    before = {r.day: _day_state(r) for r in db.session.scalars(
        sa.select(CalendarDay).where(CalendarDay.day.in_([e.day for e in entries])))}
    rows = []
    for e in entries:
        row = db.session.get(CalendarDay, e.day) or CalendarDay(day=e.day)
        row.is_workday, row.note = e.is_workday, e.note
        db.session.add(row)
        rows.append(row)
    db.session.flush()
    record(actor, "calendar.import", "calendar_day", None,
           {d.isoformat(): s for d, s in before.items()},
           {e.day.isoformat(): {"is_workday": e.is_workday, "note": e.note} for e in entries})
    recompute_due_dates(actor, [e.day for e in entries])
    return rows


# --- material kinds -----------------------------------------------------------------------------------------

def _kind_state(k: MaterialKind) -> dict:
    return {"category": k.category, "code": k.code, "name": k.name, "required": k.required,
            "active": k.active, "is_draft": k.is_draft}


def _check_name(category: Category, name: str, exclude_id: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise OperationError(_("请填写材料名称"))
    if len(name) > 80:
        raise OperationError(_("材料名称不能超过 80 个字"))
    q = sa.select(MaterialKind.id).where(MaterialKind.category == category, MaterialKind.name == name)
    if exclude_id is not None:
        q = q.where(MaterialKind.id != exclude_id)
    if db.session.scalar(q):
        raise OperationError(_("该类别已有同名材料：%(n)s", n=name), 409)
    return name


def add_material(actor: User, category: Category, name: str, required: bool) -> MaterialKind:
    name = _check_name(category, name)
    taken = set(db.session.scalars(sa.select(MaterialKind.code).where(MaterialKind.category == category)))
    n = 1
    while f"custom_{n}" in taken:
        n += 1
    sort = db.session.scalar(sa.select(sa.func.max(MaterialKind.sort))) or 0
    kind = MaterialKind(category=category, code=f"custom_{n}", name=name, required=required, is_draft=False,
                        sort=sort + 1, active=True)
    db.session.add(kind)
    db.session.flush()
    record(actor, "material_kind.create", "material_kind", kind.id, None, _kind_state(kind))
    return kind


def _refuse_draft(kind: MaterialKind) -> None:
    if kind.is_draft:
        raise OperationError(_("“%(n)s”是送审文稿本身，始终必报且不能停用", n=kind.name), 409)


def set_material_required(actor: User, kind: MaterialKind, required: bool) -> None:
    if kind.required == required:
        return  # a repeated click: already so
    _refuse_draft(kind)
    before = _kind_state(kind)
    kind.required = required
    db.session.flush()
    record(actor, "material_kind.required" if required else "material_kind.optional", "material_kind", kind.id,
           before, _kind_state(kind))


def set_material_active(actor: User, kind: MaterialKind, active: bool) -> None:
    if kind.active == active:
        return
    _refuse_draft(kind)
    before = _kind_state(kind)
    kind.active = active
    db.session.flush()
    record(actor, "material_kind.enable" if active else "material_kind.disable", "material_kind", kind.id,
           before, _kind_state(kind))


def rename_material(actor: User, kind: MaterialKind, name: str) -> None:
    name = _check_name(kind.category, name, exclude_id=kind.id)
    if name == kind.name:
        return
    before = _kind_state(kind)
    kind.name = name
    db.session.flush()
    record(actor, "material_kind.rename", "material_kind", kind.id, before, _kind_state(kind))
