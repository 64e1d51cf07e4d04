"""The home page, the health check and the language switch."""
import sqlalchemy as sa
from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for

from flask_login import current_user

from .. import rules
from ..extensions import db
from ..i18n import LANGUAGES
from .tasks import tasks_for

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    from ..matters.views import LABELS
    return render_template("home/index.html", groups=tasks_for(current_user), labels=LABELS, today=rules.today())


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
