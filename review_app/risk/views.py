"""The assessment page of a matter: the factors with likelihood, impact and note, the history from the
district's records beside them, the level with its reasons, the measures and the director's sign-off."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workflows.litigation import Area
from workflows.risk.factors import FACTORS, Group

from .. import labels
from ..demolition.ledger import say
from ..matters.views import load_matter
from ..transaction import on_refusal
from ..web import enum_or_none
from . import operations as ops
from . import policy
from .forms import AssessmentForm, SignOffForm

bp = Blueprint("risk", __name__, url_prefix="/matters")
SCALE = range(1, 6)


@bp.app_context_processor
def risk_helpers():
    def visible(matter) -> bool:
        return matter.risk is not None and policy.can_view(current_user, matter.risk)

    return dict(risk_visible=visible,
                risk_may_assess=lambda matter: policy.may_assess(current_user, matter),
                risk_level_labels=labels.RISK_LEVEL)


def _int_or_none(text) -> int | None:
    return int(text) if text in {str(n) for n in SCALE} else None


def _scores_from_request() -> list[ops.ScoreInput]:
    f = request.form
    return [ops.ScoreInput(factor.code, _int_or_none(f.get(f"{factor.code}-likelihood")),
                           _int_or_none(f.get(f"{factor.code}-impact")), f.get(f"{factor.code}-note", ""))
            for factor in FACTORS]


def _page(matter_id: int):
    matter = load_matter(matter_id)
    a = matter.risk
    if a is not None and not policy.can_view(current_user, a):
        a = None
    if a is None and not policy.may_assess(current_user, matter):
        return render_template("risk/assessment.html", matter=matter, assessment=None, form=None, rows=[],
                               history=(), gate=None, **_common())
    form = AssessmentForm()
    stored = {s.code: s for s in a.scores} if a is not None else {}
    submitted = request.method == "POST" and request.endpoint == "risk.assessment"
    if not submitted:
        form.version.data = a.version if a else ""
        form.area.data = a.area.value if a else ""
        form.mitigation.data = a.mitigation if a else ""
    rows = []
    for factor in FACTORS:
        s = stored.get(factor.code)
        if submitted:
            value = tuple(request.form.get(f"{factor.code}-{part}", "")
                          for part in ("likelihood", "impact", "note"))
        else:
            value = (str(s.likelihood) if s else "1", str(s.impact) if s else "1", s.note if s else "")
        rows.append((factor, *value))
    area = enum_or_none(Area, form.area.data) or (a.area if a else None)
    history = ops.history_lines(matter, area) if area else ()
    gate = ops.gate_refusal(matter)
    return render_template("risk/assessment.html", matter=matter, assessment=a, form=form, rows=rows,
                           history=history, gate=say(gate.message) if gate else None,
                           sign_off_form=SignOffForm(formdata=None, version=a.version if a else ""),
                           may_assess=policy.may_assess(current_user, matter),
                           may_sign_off=a is not None and policy.may_sign_off(current_user, matter),
                           **_common())


def _common() -> dict:
    return dict(groups=[g for g in Group if g is not Group.history], say=say, scale=SCALE,
                reasons_of=ops.reasons_of, labels=labels)


@bp.route("/<int:matter_id>/risk", methods=["GET", "POST"])
@on_refusal(_page)
def assessment(matter_id: int):
    if request.method == "GET":
        return _page(matter_id)
    matter = load_matter(matter_id)
    form = AssessmentForm()
    form.validate_on_submit()
    ops.assess_matter(current_user._get_current_object(), matter, form.version.data,
                      enum_or_none(Area, form.area.data), _scores_from_request(), form.mitigation.data or "")
    flash(_("诉讼风险评估已保存：风险等级为%(level)s", level=labels.RISK_LEVEL[matter.risk.level]), "success")
    return redirect(url_for("risk.assessment", matter_id=matter.id))


@bp.route("/<int:matter_id>/risk/sign-off", methods=["POST"])
@on_refusal(_page)
def sign_off(matter_id: int):
    matter = load_matter(matter_id)
    form = SignOffForm()
    form.validate_on_submit()
    ops.sign_off_mitigation(current_user._get_current_object(), matter, form.version.data)
    flash(_("已签批风险防范化解措施"), "success")
    return redirect(url_for("risk.assessment", matter_id=matter.id))
