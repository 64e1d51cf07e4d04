"""A matter's status badge (its status, a paused clock, overdue, too close to the planned decision), written
in Python rather than by a Jinja macro: the home page and the matter list show one per row, and the macro
cost about 50 µs each."""
from datetime import date

from markupsafe import Markup, escape

from workflows.review import Stage, Status

from .. import labels
from ..i18n import gettext
from ..models import Matter
from ..web import notice_days
from .queries import is_overdue

_COLOURS = {Stage.department: "text-bg-secondary", Stage.decision_body: "text-bg-info",
            Stage.bureau: "text-bg-primary", Stage.done: "text-bg-success"}


def status_badge(m: Matter, today: date) -> Markup:
    if m.status is Status.withdrawn:
        colour = "text-bg-dark"
    elif m.status is Status.awaiting_supplement:
        colour = "text-bg-warning"
    else:
        colour = _COLOURS[m.stage]
    html = [f'<span class="badge status-badge {colour}">{escape(labels.STATUS[m.status])}</span>']
    if m.status is Status.awaiting_supplement:
        html.append(f'<span class="badge text-bg-light border">{escape(gettext("计时暂停"))}</span>')
    if is_overdue(m, today):
        html.append(f'<span class="badge badge-overdue">{escape(gettext("已超期"))}</span>')
    if m.too_close:
        title = gettext("距拟决策日期不足 %(n)d 个工作日（《重大行政决策程序暂行条例》第二十六条）") % {"n": notice_days(m)}
        html.append(f'<span class="badge text-bg-danger" title="{escape(title)}">'
                    f'{escape(gettext("送审时间不足"))}</span>')
    return Markup("\n".join(html))
