"""/admin/jobs: the administrators' view of the background work (health, failed jobs, undelivered
notifications of their district) with retry."""
from datetime import timedelta

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from redis.exceptions import RedisError

from ..auth.forms import EmptyForm
from ..extensions import db
from ..models import Delivery, DeliveryStatus
from ..models.base import utcnow
from ..transaction import on_refusal
from . import operations as ops
from .health import UNDELIVERED, check

bp = Blueprint("outbox_admin", __name__, url_prefix="/admin/jobs")
LISTED = 100


def _page():
    actor = current_user._get_current_object()
    h = check(current_app, utcnow())
    threshold = timedelta(minutes=current_app.config["OUTBOX_ALERT_MINUTES"])
    deliveries = db.session.scalars(
        sa.select(Delivery).where(Delivery.status.in_((*UNDELIVERED, DeliveryStatus.failed)),
                                  ops.district_deliveries(actor))
        .order_by(Delivery.created_at, Delivery.id).limit(LISTED)).all()
    jobs = []
    if current_app.config.get("REDIS_URL") and not h.redis_error:
        try:
            jobs = ops.failed_jobs()
        except RedisError:
            jobs = []
    return render_template("outbox_admin/page.html", health=h, problems=h.problems(threshold),
                           threshold=threshold, deliveries=deliveries, jobs=jobs, form=EmptyForm())


@bp.route("")
def page():
    return _page()


@bp.route("/deliveries/<int:delivery_id>/retry", methods=["POST"])
@on_refusal(lambda delivery_id: _page())
def retry_delivery(delivery_id: int):
    if EmptyForm().validate_on_submit():
        ops.retry_delivery(current_user._get_current_object(), delivery_id)
        flash(_("已重新排队投递"), "success")
    return redirect(url_for("outbox_admin.page"))


@bp.route("/failed/<job_id>/retry", methods=["POST"])
@on_refusal(lambda job_id: _page())
def retry_job(job_id: str):
    if EmptyForm().validate_on_submit():
        ops.retry_job(current_user._get_current_object(), job_id)
        flash(_("已将任务重新排队"), "success")
    return redirect(url_for("outbox_admin.page"))
