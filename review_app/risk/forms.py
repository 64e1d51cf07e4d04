from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from .. import limits
from ..labels import AREA


class AssessmentForm(FlaskForm):
    """The area and the measures; each factor's likelihood, impact and note are read by their codes
    (`<code>-likelihood`, `<code>-impact`, `<code>-note`), one row per factor of the catalogue."""
    version = HiddenField()
    area = SelectField(_l("所属领域"), choices=[("", _l("（请选择）"))] + AREA.choices(), validators=[Optional()])
    mitigation = TextAreaField(_l("风险防范化解措施"), validators=[Length(max=limits.REASON)], render_kw={"rows": 4})


class SignOffForm(FlaskForm):
    version = HiddenField()
