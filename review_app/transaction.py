"""One transaction per request, one way: views and API endpoints call named operations and never commit.

- The response is built first; the request's transaction is committed after it (an `after_request` hook), so
  a change that was committed never answers 500 for a rendering error, and a commit that fails answers a clear
  409 (a concurrent change won) or 503 (the database is unreachable) instead of a success.
- An operation that refuses (OperationError) rolls everything back and answers with its message: the JSON
  error for the API, or, for a page, the flash message on top of the page the view declared with
  `@on_refusal(render)`, re-rendered with what the user typed (request.form still holds it).
- A database that is restarting or unreachable answers 503 with Retry-After, never 500.
"""
from flask import Flask, current_app, flash, g, request, session
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from .extensions import db
from .operations import OperationError
from .web import error_response, wants_json

RETRY_AFTER_SECONDS = 5
UNAVAILABLE = (OperationalError, InterfaceError)


def on_refusal(render):
    """Declare the page a view shows when an operation refuses: `render(**view_args)` returns its body
    (answered with the refusal's status), or a (body, status) pair of its own."""
    def decorate(view):
        view.refusal_page = render
        return view
    return decorate


def rollback() -> None:
    db.session.rollback()
    g.rolled_back = True


def _discard_flashes() -> None:
    session.pop("_flashes", None)


def _refused(e: OperationError):
    rollback()
    g.refusal = e  # the page may show more of it (an import's rejected rows)
    if wants_json():
        return error_response(e.status, e.message)
    view = current_app.view_functions.get(request.endpoint)
    render = getattr(view, "refusal_page", None)
    if render is None:
        return error_response(e.status, e.message)
    flash(e.message, "danger")
    page = render(**(request.view_args or {}))
    return page if isinstance(page, tuple) else (page, e.status)


def unavailable():
    """The database does not answer: say so and when to retry; nothing was saved."""
    _discard_flashes()
    response = error_response(503, _("数据库暂时无法连接，您的操作未保存，请稍后重试"))
    response = current_app.make_response(response)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _database_error(e: DBAPIError):
    rollback()
    if isinstance(e, UNAVAILABLE) or e.connection_invalidated:
        current_app.logger.warning("database unavailable: %s", e.__class__.__name__)
        return unavailable()
    current_app.logger.exception("database error")
    return error_response(500)


def _conflict(e):
    """A concurrent change won: a stale version, or a unique row another request inserted first."""
    rollback()
    _discard_flashes()
    return error_response(409)


def _commit(response):
    if g.get("rolled_back"):
        return response
    try:
        db.session.commit()
    except (IntegrityError, StaleDataError):
        rollback()
        _discard_flashes()
        return current_app.make_response(error_response(409, _("数据已被他人同时修改，您的操作未保存，请刷新后重试")))
    except DBAPIError as e:
        return current_app.make_response(_database_error(e))
    return response


def install(app: Flask) -> None:
    app.register_error_handler(OperationError, _refused)
    app.register_error_handler(StaleDataError, _conflict)
    app.register_error_handler(IntegrityError, _conflict)
    app.register_error_handler(DBAPIError, _database_error)
    # Registered last so it runs first among the after_request hooks: the headers hooks see its answer.
    app.after_request(_commit)
