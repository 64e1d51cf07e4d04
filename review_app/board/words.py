"""The rule modules' messages and sentences in the reader's language (messages may nest: the first item of
the annual sentence sits inside "共计审核…")."""
from flask_babel import get_locale, gettext

from workflows.message import Message
from workflows.summaries import CLAUSE_SEPARATOR, Sentence


def say(message: Message) -> str:
    params = {k: say(v) if isinstance(v, Message) else gettext(v) if isinstance(v, str) and v else v
              for k, v in message.params.items()}
    return gettext(message.template, **params) if params else gettext(message.template)


def sentence(s: Sentence) -> str:
    """The bureau's punctuation in Chinese (workflows.summaries), an English sentence's in English."""
    if str(get_locale()).startswith("zh"):
        return CLAUSE_SEPARATOR.join(say(c) for c in s.clauses) + "。"
    text = ", ".join(say(c) for c in s.clauses) + "."
    return text[:1].upper() + text[1:]
