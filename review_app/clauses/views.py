"""The flag panel's actions (accept as a point, dismiss with a reason) and the bureau's page of rule statistics.
The panel itself is part of the draft's online view (matters.views.document_view)."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workflows.clause_flags import RULES_BY_ID

from .. import labels
from ..extensions import db
from ..matters.views import render_document
from ..models import ClauseFlag
from ..operations import OperationError
from ..transaction import on_refusal
from ..web import form_errors
from . import operations as ops
from . import policy
from .forms import AcceptForm, DismissForm
from .panel import rule_title
from .stats import rule_stats

bp = Blueprint("clauses", __name__, url_prefix="/clauses")


def _flag(flag_id: int) -> ClauseFlag:
    f = db.session.get(ClauseFlag, flag_id)
    if f is None or not policy.can_view(current_user, f):
        abort(404)
    return f


def _flag_page(flag_id: int):
    """A refused decision shows the draft's page again, with the refusal on top and the reason as typed."""
    return render_document(_flag(flag_id).reading.document)


def _back(f: ClauseFlag):
    return redirect(url_for("matters.document_view", document_id=f.document_id, _anchor=f"flag-{f.id}"))


@bp.route("/flags/<int:flag_id>/accept", methods=["POST"])
@on_refusal(_flag_page)
def accept(flag_id: int):
    f = _flag(flag_id)
    form = AcceptForm(prefix=f"a{f.id}")
    if not form.validate_on_submit():
        raise OperationError(form_errors(form) or _("请求有误，请检查后重试"))
    ops.accept(current_user._get_current_object(), f, form.version.data)
    flash(_("已将%(where)s的提示作为第%(n)d条修改意见加入审核意见书草稿，可在意见书中修改", where=f.location,
            n=f.point_number), "success")
    return _back(f)


@bp.route("/flags/<int:flag_id>/dismiss", methods=["POST"])
@on_refusal(_flag_page)
def dismiss(flag_id: int):
    f = _flag(flag_id)
    form = DismissForm(prefix=f"d{f.id}")
    if not form.validate_on_submit():
        raise OperationError(form_errors(form) or _("请求有误，请检查后重试"))
    ops.dismiss(current_user._get_current_object(), f, form.version.data, form.reason.data)
    flash(_("已不采纳%(where)s的提示", where=f.location), "success")
    return _back(f)


@bp.route("/rules")
def rules():
    """Per rule: flags raised, accepted, dismissed (with the latest reasons) and resolved."""
    return render_template("clauses/rules.html", stats=rule_stats(current_user), rules=RULES_BY_ID,
                           rule_title=rule_title, flag_category=labels.FLAG_CATEGORY, level=labels.LEVEL)
