"""The Flask adapter: `create_app()` builds the web application (also `gunicorn "review_app:create_app()"`)."""
import os

from flask import Flask

from . import config as config_mod
from .extensions import babel, csrf, db, login_manager, migrate


def create_app(test_config: dict | None = None) -> Flask:
    root = config_mod.ROOT
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(root / "templates"), static_folder=str(root / "static"))
    app.config.update(config_mod.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    config_mod.check_production(app.config)
    app.json.ensure_ascii = False  # Chinese messages stay readable in API responses
    os.makedirs(app.instance_path, exist_ok=True)

    from . import models  # noqa: F401  (register every table on the metadata)
    from . import sqlite  # noqa: F401  (SQLite connection settings for the demo database)
    db.init_app(app)
    from .jobs import install as install_jobs
    install_jobs()
    migrate.init_app(app, db, directory=str(root / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    from .i18n import install_template_i18n, select_locale, select_timezone
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    install_template_i18n(app)

    from .auth import sessions  # noqa: F401  (registers the request loader)
    from .access import enforce
    app.before_request(enforce)

    from .web import RowIdConverter, register_shell
    app.url_map.converters["int"] = RowIdConverter  # before any route is added
    register_shell(app)
    from . import transaction
    transaction.install(app)
    _register_blueprints(app)

    from .cli import register_cli
    register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from .admin.views import bp as admin_bp
    from .api import bp as api_bp
    from .audit.views import bp as audit_bp
    from .clauses.views import bp as clauses_bp  # clause flags (#12)
    from .auth.views import bp as auth_bp
    from .decisions.views import bp as decisions_bp
    from .home.views import bp as home_bp
    from .matters.views import bp as matters_bp
    from .review.views import bp as review_bp
    from .settings_admin.views import bp as settings_admin_bp

    for bp in (home_bp, auth_bp, admin_bp, audit_bp, api_bp, matters_bp, review_bp, decisions_bp,
               settings_admin_bp, clauses_bp):
        app.register_blueprint(bp)
    # Demolition ledger (issue 9)
    from .demolition.views import bp as demolition_bp
    app.register_blueprint(demolition_bp)
    # Expert pool (issue 8)
    from .experts_pool.views import bp as experts_pool_bp
    from .experts_pool import reports as _pool_reports  # noqa: F401  (its pages join the blueprint)
    app.register_blueprint(experts_pool_bp)
    from .experts_admin.views import bp as experts_admin_bp
    app.register_blueprint(experts_admin_bp)
    from .risk.views import bp as risk_bp  # Litigation-risk assessment (issue 10)
    app.register_blueprint(risk_bp)
    from .disputes.views import bp as disputes_bp  # Litigation records (issue 10)
    from .disputes import figures_views, loss_views, reconsideration_views  # noqa: F401  (same blueprint)
    app.register_blueprint(disputes_bp)
    # Background jobs: the administrators' page; the notifications page and the bell (issue 11)
    from .notifications.views import bp as notifications_bp
    from .outbox_admin.views import bp as outbox_admin_bp
    app.register_blueprint(notifications_bp)
    app.register_blueprint(outbox_admin_bp)
    # The bureau's board (issue 11)
    from .board.views import bp as board_bp
    app.register_blueprint(board_bp)
    csrf.exempt(api_bp)  # the API accepts bearer tokens only, never the session cookie
