"""Locale and time-zone selection: Simplified Chinese unless the user picked English; and the request's
catalogue, looked up once."""
import flask_babel
from flask import Flask, current_app, g, has_app_context, has_request_context, session

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def select_locale() -> str:
    # Jobs and CLI commands have no session: they speak the default language.
    lang = session.get("lang") if has_request_context() else None
    return lang if lang in LANGUAGES else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["TIME_ZONE"]


def translations():
    """The catalogue of this request's language, looked up once per app context. flask_babel looks it up on
    every string (reading `g` and naming the locale each time, about 20 µs), and a page of forty rows translates
    several hundred strings. Flask-Babel itself fixes the locale once per context (it keeps `babel_locale`), so
    remembering the catalogue beside it changes nothing a reader sees."""
    if not has_app_context():
        return flask_babel.get_translations()
    try:
        return g._catalogue
    except AttributeError:
        g._catalogue = flask_babel.get_translations()
        return g._catalogue


def gettext(text: str) -> str:
    return translations().ugettext(text)


def install_template_gettext(app: Flask) -> None:
    """Templates translate through the remembered catalogue (replacing what Flask-Babel installed)."""
    app.jinja_env.install_gettext_callables(
        gettext=gettext, ngettext=lambda s, p, n: translations().ungettext(s, p, n), newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n))
