"""Locale and time-zone selection: Simplified Chinese unless the user picked English; and the request's
catalogue, looked up once."""
import re
from datetime import datetime, timezone
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

import flask_babel
from babel import Locale
from flask import Flask, current_app, g, has_app_context, has_request_context, session

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


# Parsed once: Flask-Babel parses whatever the selector returns on every request (about 0.3 ms), unless it is
# a Locale already.
_PARSED = {code: Locale.parse(code) for code in LANGUAGES}


def language_code() -> str:
    """The reader's language as a key of LANGUAGES. Jobs and CLI commands have no session: they speak the
    default language."""
    lang = session.get("lang") if has_request_context() else None
    return lang if lang in LANGUAGES else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_locale() -> Locale:
    code = language_code()
    return _PARSED.get(code) or Locale.parse(code)


def select_timezone() -> str:
    return current_app.config["TIME_ZONE"]


def service_zone() -> ZoneInfo:
    """The service's time zone, in which dates are local (ZoneInfo keeps one instance per name)."""
    return ZoneInfo(select_timezone())


class RememberingDomain(flask_babel.Domain):
    """Flask-Babel's message domain, remembering the request's catalogue: Flask-Babel looks it up again for
    every string (reading `g` and naming the locale each time, about 20 µs), and the audit page alone
    translates some four hundred labels. It fixes the locale once per app context itself (`babel_locale`), so
    the catalogue remembered beside it is the one it would have found."""

    def get_translations(self):
        if not has_app_context():
            return super().get_translations()
        try:
            return g._catalogue
        except AttributeError:
            g._catalogue = super().get_translations()
            return g._catalogue


class RememberingBabel(flask_babel.Babel):
    @cached_property
    def domain_instance(self):
        return RememberingDomain(domain=self.domain)


def translations():
    """The request's catalogue: remembered by RememberingDomain, read here without Flask-Babel's look-ups."""
    try:
        return g._catalogue
    except (AttributeError, RuntimeError):  # not looked up yet, or outside any app context
        return flask_babel.get_translations()


def gettext(text: str) -> str:
    return translations().ugettext(text)


_NUMERIC_FIELDS = {"yyyy": "%Y", "MM": "%m", "dd": "%d", "HH": "%H", "mm": "%M", "ss": "%S"}
_FIELD = re.compile("|".join(_NUMERIC_FIELDS))


@lru_cache(maxsize=64)
def _strftime_pattern(pattern: str) -> str | None:
    """A CLDR pattern made only of numeric fields ("yyyy-MM-dd HH:mm") as a strftime format; None when it
    names anything (a month, a weekday), which only Babel can write in the reader's language."""
    if any(ch.isalpha() for ch in _FIELD.sub("", pattern)):
        return None
    return _FIELD.sub(lambda m: _NUMERIC_FIELDS[m.group()], pattern.replace("%", "%%"))


def datetimeformat(value: datetime | None, format: str | None = None) -> str:
    """Flask-Babel's `datetimeformat` filter, by strftime when the pattern is numeric: Babel parses the pattern
    and the locale's data on every call (about 0.1 ms), and the audit log formats fifty times a page. Same
    result: stored times are UTC (naive ones too) and are shown in the service's time zone."""
    fmt = _strftime_pattern(format) if format and value is not None else None
    if fmt is None:
        return flask_babel.format_datetime(value, format)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(service_zone()).strftime(fmt)


def install_template_i18n(app: Flask) -> None:
    """Templates translate through the remembered catalogue and format numeric times by strftime (replacing
    what Flask-Babel installed)."""
    app.jinja_env.filters["datetimeformat"] = datetimeformat
    app.jinja_env.install_gettext_callables(
        gettext=gettext, ngettext=lambda s, p, n: translations().ungettext(s, p, n), newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n))
