"""The bureau's reports on its pool: the annual assessment per member and per firm (flags, grade, the
one-vote veto, with an Excel export) and the fairness of the draws over a period."""
import io
from datetime import date, timedelta

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from experts.fairness import DrawShare, fairness as fairness_report
from experts.load import TAKEN_STATES
from experts.ratings import GRADE_LABELS, VETO_LABELS, Veto, renewal_allowed
from experts.verify_draw import DrawRecord as Record

from .. import rules
from ..experts_admin.operations import record_finding
from ..extensions import db
from ..models import Assignment, DrawRecord, Expert, ExpertFinding
from ..operations import OperationError
from ..spreadsheets import write_table
from ..transaction import on_refusal
from ..web import date_or_none
from . import policy
from .assessment import assess_pool
from .views import bp

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ["序号", "类别", "名称或姓名", "意见数", "按时提交率", "平均分", "采纳率", "评价标记", "年度等次", "一票否决",
           "可否续聘"]
WIDTHS = [6, 12, 28, 8, 12, 10, 10, 20, 10, 24, 10]


def _year() -> int:
    today = rules.today()
    year = request.args.get("year", type=int) or today.year
    return year if 2000 <= year <= today.year else today.year


def _pct(value) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def _flags(a) -> str:
    flags = [_("建议复核是否解聘")] if a.review_for_exit else []
    return "、".join(flags + ([_("资深专家")] if a.senior else []))


@bp.route("/assessment")
def assessment():
    year = _year()
    rows = assess_pool(current_user.district_id, year)
    findings = db.session.scalars(sa.select(ExpertFinding).join(Expert, Expert.id == ExpertFinding.expert_id)
                                  .where(Expert.district_id == current_user.district_id,
                                         ExpertFinding.year == year)
                                  .order_by(ExpertFinding.id)).all()
    return render_template("experts_pool/assessment.html", rows=rows, year=year, findings=findings, pct=_pct,
                           flags=_flags, grade_labels=GRADE_LABELS, veto_labels=VETO_LABELS, Veto=Veto,
                           renewal_allowed=renewal_allowed)


@bp.route("/assessment.xlsx")
def assessment_export():
    year = _year()
    rows = []
    for i, r in enumerate(assess_pool(current_user.district_id, year), start=1):
        a = r.assessment
        rows.append([i, "律师事务所" if r.expert.kind.value == "firm" else "律师", r.expert.name, a.count,
                     _pct(a.on_time_rate), "" if a.average is None else float(round(a.average, 1)),
                     _pct(a.adoption_rate), _flags(a), GRADE_LABELS[a.grade] if a.grade else "",
                     "、".join(VETO_LABELS[v] for v in a.vetoes), "是" if renewal_allowed(a.grade) else "否"])
    title = f"{current_user.district.name}法律顾问{year}年度考核表（导出日期：{rules.today().isoformat()}）"
    data = write_table(title, f"{year}年度考核", COLUMNS, WIDTHS, rows, {})
    return send_file(io.BytesIO(data), as_attachment=True, mimetype=XLSX_MIME,
                     download_name=f"法律顾问年度考核_{year}.xlsx")


@bp.route("/assessment/findings", methods=["POST"])
@on_refusal(lambda: assessment())
def finding():
    expert = db.session.get(Expert, request.form.get("expert_id", type=int) or 0)
    if expert is None or not policy.can_view_member(current_user, expert):
        abort(404, _(policy.NOT_FOUND))
    try:
        veto = Veto(request.form.get("veto", ""))
    except ValueError:
        raise OperationError(_("请选择否决事项")) from None
    year = request.form.get("year", type=int) or rules.today().year
    record_finding(current_user._get_current_object(), expert, year, veto, request.form.get("note", ""))
    flash(_("已登记：%(what)s", what=_(VETO_LABELS[veto])), "success")
    return redirect(url_for("experts_pool.assessment", year=year))


@bp.route("/fairness")
def fairness():
    """Assignments per member in a period against an even share among the eligible of each draw."""
    today = rules.today()
    start = date_or_none(request.args.get("from")) or date(today.year, 1, 1)
    end = date_or_none(request.args.get("to")) or today
    # Local days: a draw at 07:00 on 1 January (23:00 UTC the day before) belongs to the new year.
    draws = db.session.scalars(sa.select(DrawRecord).where(
        policy.draws_visible(current_user), DrawRecord.drawn_at >= rules.day_start(start),
        DrawRecord.drawn_at < rules.day_start(end + timedelta(days=1)))).all()
    received = dict(db.session.execute(
        sa.select(Assignment.expert_id, sa.func.count()).where(
            Assignment.district_id == current_user.district_id, Assignment.state.in_(TAKEN_STATES),
            Assignment.invited_on >= start, Assignment.invited_on <= end)
        .group_by(Assignment.expert_id)).all())
    report = fairness_report((DrawShare.of(Record.from_json(d.record_json())) for d in draws), received)
    names = dict(db.session.execute(sa.select(Expert.id, Expert.name).where(
        Expert.district_id == current_user.district_id)).all())
    return render_template("experts_pool/fairness.html", report=report, names=names, start=start, end=end,
                           draws=len(draws))
