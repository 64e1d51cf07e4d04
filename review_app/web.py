"""The interface shell: security headers, error pages (HTML or JSON), input hygiene, template helpers."""
import re
from datetime import date

from flask import Flask, abort, current_app, g, has_request_context, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from .access import allowed
from .extensions import db
from . import rules
from .i18n import LANGUAGES, language_code

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")

ERROR_TEXT = {
    400: _l("请求有误，请检查后重试"),
    401: _l("请先登录"),
    403: _l("您没有权限访问此页面"),
    404: _l("页面不存在"),
    405: _l("不支持此请求方式"),
    409: _l("数据已被他人修改，请刷新后重试"),
    413: _l("上传的文件过大"),
    429: _l("请求过于频繁，请稍后再试"),
    500: _l("服务器内部错误，请稍后再试"),
}


MAX_ID = 2**31 - 1  # the database's integer range


def row_id(text) -> int:
    """An id from user input: a positive integer within the database's range, else ValueError (so
    `request.args.get(name, type=row_id)` answers None instead of letting the database overflow)."""
    value = int(text)
    if not 0 < value <= MAX_ID:
        raise ValueError("out of range")
    return value


def row_id_or_none(text) -> int | None:
    """`row_id` for an optional form field: None when empty or malformed."""
    try:
        return row_id(text)
    except (TypeError, ValueError):
        return None


def enum_or_none(cls, value):
    """A choice from user input as the enum, or None when empty or not one of its values."""
    try:
        return cls(value) if value else None
    except ValueError:
        return None


def date_or_none(value):
    """A 2026-11-25 date from user input, or None when empty or malformed (a filter then does not apply)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class RowIdConverter(IntegerConverter):
    """`<int:…>` in every route: ids beyond the database's range are simply not found (404)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def form_errors(form) -> str:
    """All of a form's messages in one line, for a flash message."""
    return "；".join(str(e) for errors in form.errors.values() for e in errors)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def path_for(endpoint: str, **values) -> str:
    """A site-relative link, in a request or in a job (which has no request to build URLs from)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


# C0 controls other than tab, line feed and carriage return, DEL, and lone surrogates: no database stores NUL
# (PostgreSQL refuses it), and none of them is ever typed on purpose.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _strings(value, where: str):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k, where)
            yield from _strings(v, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")


def _submitted_text():
    yield from request.args.items(multi=True)
    yield from request.form.items(multi=True)
    for name, f in request.files.items(multi=True):
        yield name, f.filename or ""
    if request.is_json:
        yield from _strings(request.get_json(silent=True), "")


def refuse_unstorable_text():
    """Every request, page or API alike: text with control characters is refused with 400 and the field."""
    for field, text in _submitted_text():
        if _UNSTORABLE.search(field) or _UNSTORABLE.search(text):
            abort(400, _("提交的内容含有不可见的控制字符（字段：%(f)s），无法保存，请删除后重试",
                         f=_UNSTORABLE.sub("?", field) or _("请求体")))


def error_response(code: int, message: str | None = None, **extra):
    message = message or str(ERROR_TEXT.get(code, _("请求未能完成")))
    if wants_json():
        body = {"error": {"code": code, "message": message, **extra}}
        return jsonify(body), code
    return render_template("errors/error.html", code=code, message=message), code


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _district_name() -> str:
    """The reader's district, or the installation's name on pages seen before login."""
    if current_user and current_user.is_authenticated:
        return current_user.district.name
    return current_app.config["DISTRICT_NAME"]


def notice_days(matter) -> int:
    """Decree 713 Art. 26's notice as this district set it, for the pages that warn about it."""
    return rules.setting("min_notice_days.major_decision", matter.district_id)


def select_options(pairs, current: str) -> Markup:
    """`<option>` elements for (value, label) pairs, the one whose value is `current` selected. Written here
    rather than by a template loop: the audit page's filters have some three hundred options, and a Jinja
    macro spent about 2 ms a request on them."""
    return Markup("".join(
        f'<option value="{escape(value)}"{" selected" if str(value) == current else ""}>{escape(label)}</option>'
        for value, label in pairs))


def listing(items) -> str:
    """A list in running text: "甲、乙、丙" in Chinese, "a, b, c" in English."""
    return _("、").join(str(i) for i in items)


def register_shell(app: Flask) -> None:
    app.after_request(_security_headers)
    app.jinja_env.filters["listing"] = listing
    app.jinja_env.globals["select_options"] = select_options
    app.jinja_env.filters["gettext"] = lambda text: _(text)
    app.jinja_env.globals["notice_days"] = notice_days
    app.before_request(refuse_unstorable_text)

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException):
        db.session.rollback()
        g.rolled_back = True
        # Our own aborts carry a Chinese description; werkzeug's English defaults are replaced.
        message = e.description if e.description != type(e).description else None
        if isinstance(e, CSRFError):
            message = _("表单已过期或来源无效，请刷新页面后重新提交")
        response = app.make_response(error_response(e.code or 500, message))
        if e.code == 405:
            response.headers["Allow"] = ", ".join(e.valid_methods or ())
        return response

    @app.errorhandler(Exception)
    def server_error(e):
        db.session.rollback()
        g.rolled_back = True
        app.logger.exception("unhandled error")
        return error_response(500)

    @app.context_processor
    def shell_helpers():
        return {"can": lambda endpoint: allowed(endpoint, current_user), "LANGUAGES": LANGUAGES,
                "current_language": language_code(), "district_name": _district_name}
