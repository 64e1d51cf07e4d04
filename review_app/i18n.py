"""Locale and time-zone selection: Simplified Chinese unless the user picked English."""
from flask import current_app, session

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def select_locale() -> str:
    lang = session.get("lang")
    return lang if lang in LANGUAGES else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["TIME_ZONE"]
