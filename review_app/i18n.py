"""Locale and time-zone selection: Simplified Chinese unless the user picked English."""
from flask import current_app, has_request_context, session

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def select_locale() -> str:
    # Jobs and CLI commands have no session: they speak the default language.
    lang = session.get("lang") if has_request_context() else None
    return lang if lang in LANGUAGES else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["TIME_ZONE"]
