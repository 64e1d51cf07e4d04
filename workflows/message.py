"""Messages with values in them, kept translatable.

A message that names a date or a count cannot be marked for translation once formatted, so the rule modules
keep the N_-marked template and its values apart; the app translates the template and fills it in
(`gettext(m.template, **params)` in Flask-Babel, which uses the same %(name)s placeholders). A parameter that
is itself a label (a factor, a level, a conclusion) is its N_-marked Chinese source, so the app passes each
string parameter through gettext too; dates (ISO text) and numbers come back unchanged. `str(m)` gives the
Chinese text.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    template: str  # Chinese, marked with N_, placeholders written %(name)s
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        # As in Flask-Babel: placeholders are filled only when there are values; a bare "%" stays as is.
        return self.template % dict(self.params) if self.params else self.template


@dataclass(frozen=True)
class Refusal:
    """Why an action may not be taken now."""
    message: Message
    basis: str  # the article or local rule it rests on
