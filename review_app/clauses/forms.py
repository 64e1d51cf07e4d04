from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length

from .. import limits


class AcceptForm(FlaskForm):
    """One flag's "accept as a modification point" button; the prefix (a<flag id>) keeps each flag's own."""
    version = HiddenField()


class DismissForm(FlaskForm):
    version = HiddenField()
    # Required, but refused by the operation (the same message as the API's).
    reason = TextAreaField(_l("不采纳的理由"), validators=[Length(max=limits.REASON)], render_kw={"rows": 2})


def forms_for(flag) -> tuple[AcceptForm, DismissForm]:
    return (AcceptForm(prefix=f"a{flag.id}", version=flag.version),
            DismissForm(prefix=f"d{flag.id}", version=flag.version))
