"""The home page, the health check and the language switch."""
import sqlalchemy as sa
from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for

from flask_login import current_user

from .. import rules
from ..auth.forms import EmptyForm
from ..extensions import db
from ..i18n import LANGUAGES
from ..matters.views import LABELS
from ..models import Notification
from ..notifications.operations import mark_read, titles
from .tasks import adviser_tasks, overdue_ratings, tasks_for

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    notices = db.session.scalars(sa.select(Notification).where(Notification.user_id == current_user.id)
                                 .order_by(Notification.id.desc()).limit(10)).all()
    return render_template("home/index.html", groups=tasks_for(current_user), labels=LABELS, today=rules.today(),
                           notices=notices, notice_titles=titles(notices), read_form=EmptyForm(),
                           adviser_tasks=adviser_tasks(current_user), overdue_ratings=overdue_ratings(current_user))


@bp.route("/notifications/read", methods=["POST"])
def read_notifications():
    if EmptyForm().validate_on_submit():
        mark_read(current_user._get_current_object())
    return redirect(url_for("home.index"))


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; they get the app's own icon."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.route("/healthz")
def health():
    db.session.execute(sa.text("SELECT 1"))
    return jsonify(status="ok")


@bp.route("/lang/<code>")
def set_language(code: str):
    if code in LANGUAGES:
        session["lang"] = code
    referrer = request.referrer or ""
    # Only go back to a page of this site.
    if referrer.startswith(request.host_url):
        return redirect(referrer)
    return redirect(url_for("home.index"))
