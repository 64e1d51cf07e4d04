"""The bureau's opinion pages and the department's adoption answers."""
from urllib.parse import quote

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workflows.numerals import chinese_number
from workflows.opinion import Content, Finding
from workflows.review import Conclusion

from .. import labels, limits, rules
from ..clauses.reading import draft_clauses
from ..documents.filetypes import DOCX_MIME
from ..documents.service import blob_store
from ..extensions import db
from ..matters import policy
from ..matters.participation import participation_findings
from ..matters.views import load_matter
from ..models import OpinionPoint
from ..operations import OperationError, StaleVersion
from ..transaction import on_refusal
from ..web import form_errors, row_id_or_none
from . import operations as ops
from .forms import EMPTY_POINT_ROWS, AnswerForm, OpinionForm
from .opinion_docx import build_opinion_docx, chinese_date

bp = Blueprint("review", __name__, url_prefix="/matters")


def _draft_form(matter) -> OpinionForm:
    form = OpinionForm()
    o = matter.opinion
    if isinstance(g.get("refusal"), StaleVersion):  # kept as typed, now over the current versions
        form.version.data = matter.version
        form.opinion_version.data = o.version if o is not None else ""
    if not form.is_submitted():
        form.version.data = matter.version
        if o is not None:
            form.opinion_version.data = o.version
            form.conclusion.data = o.conclusion.value if o.conclusion else ""
            form.reasons.data = o.reasons
            for c, (finding, note) in ops.findings_of(o).items():
                form[c.value].finding.data, form[c.value].note.data = finding.value, note
            rows = len(o.points) + EMPTY_POINT_ROWS
            while len(form.points.entries) < min(rows, limits.MAX_POINTS):
                form.points.append_entry()
            for entry, point in zip(form.points.entries, o.points):
                entry.point_id.data, entry.clause.data, entry.text.data = point.id, point.clause, point.text
    return form


def _draft_page(matter_id: int):
    matter = load_matter(matter_id)
    return render_template("review/draft.html", form=_draft_form(matter), matter=matter,
                           clauses=draft_clauses(matter), participation=participation_findings(matter))


def _submitted(form: OpinionForm):
    points = [ops.PointInput(p.clause.data or "", p.text.data or "", row_id_or_none(p.point_id.data))
              for p in form.points.entries]
    findings = {c: (Finding(form[c.value].finding.data), form[c.value].note.data or "")
                for c in Content if form[c.value].finding.data}
    conclusion = Conclusion(form.conclusion.data) if form.conclusion.data else None
    return conclusion, form.reasons.data or "", points, findings


@bp.route("/<int:matter_id>/opinion/draft", methods=["GET", "POST"])
@on_refusal(_draft_page)
def draft(matter_id: int):
    matter = load_matter(matter_id)
    form = _draft_form(matter)
    if not form.validate_on_submit():
        if form.is_submitted():
            raise OperationError(form_errors(form))
        return render_template("review/draft.html", form=form, matter=matter, clauses=draft_clauses(matter),
                               participation=participation_findings(matter))
    actor = current_user._get_current_object()
    if "send" in request.form:
        ops.save_opinion(actor, matter, form.version.data, *_submitted(form))
        flash(_("审核意见书已起草，待负责人签发"), "success")
        return redirect(url_for("matters.detail", matter_id=matter.id))
    ops.save_draft(actor, matter, form.opinion_version.data, *_submitted(form))
    flash(_("草稿已保存"), "success")
    return redirect(url_for("review.draft", matter_id=matter.id))


def _letter_bytes(matter) -> bytes:
    """The issued letter exactly as stored at issue time; before issue, a preview of the draft."""
    if matter.opinion.issued:
        return blob_store().read(matter.opinion.docx_sha256)
    return build_opinion_docx(ops.letter_for(matter, rules.today()))


def _visible_opinion(matter):
    if not policy.can_view_opinion(current_user, matter):
        abort(404)


@bp.route("/<int:matter_id>/opinion")
def opinion_view(matter_id: int):
    """The letter laid out as on paper, from the same content as the .docx (fixed once issued)."""
    matter = load_matter(matter_id)
    _visible_opinion(matter)
    opinion = matter.opinion
    letter = ops.letter_for(matter, opinion.issued_on or rules.today())
    return render_template("review/opinion.html", matter=matter, letter=letter,
                           number=ops.opinion_number_text(opinion) if opinion.issued else None,
                           ordinal=chinese_number, chinese_date=chinese_date)


@bp.route("/<int:matter_id>/opinion.docx")
def opinion_docx(matter_id: int):
    matter = load_matter(matter_id)
    _visible_opinion(matter)
    name = (ops.opinion_number_text(matter.opinion) if matter.opinion.issued else "审核意见书（草稿）") + ".docx"
    return Response(_letter_bytes(matter), headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
        mimetype=DOCX_MIME)


def _answer_form(matter, point, submitted: bool = True) -> AnswerForm:
    """The answer form of one point: from the request when it was just submitted, else from the stored answer.
    Only versions uploaded after the opinion was issued can be the revised draft an adoption cites."""
    form = AnswerForm(prefix=f"p{point.id}") if submitted else AnswerForm(prefix=f"p{point.id}", formdata=None)
    revised = ops.revision_candidates(matter)
    form.revised_document_id.choices = [("", _("（请选择）"))] + [
        (d.id, _("%(kind)s 第%(n)d版 %(name)s", kind=d.material_kind.name, n=d.version_no, name=d.display_name))
        for d in revised]
    if (not submitted or not form.is_submitted()) and point.adoption is not None:
        form.adopted.data = "1" if point.adoption.adopted else "0"
        form.reason.data = point.adoption.reason
        form.revised_document_id.data = point.adoption.revised_document_id
    return form


def _stored_answer_form(matter, point) -> AnswerForm:
    return _answer_form(matter, point, submitted=False)


def _adoption_page(matter, status=200, failed_point_id=None):
    """Each point with its answer form; the one just refused keeps what the department typed (its form reads
    the submitted data), the others show their stored answers."""
    forms = {p.id: _answer_form(matter, p) if p.id == failed_point_id else _stored_answer_form(matter, p)
             for p in matter.opinion.points}
    return render_template("review/adoption.html", matter=matter, forms=forms,
                           conclusion_labels=labels.CONCLUSION,
                           number=ops.opinion_number_text(matter.opinion)), status


@bp.route("/<int:matter_id>/adoption")
def adoption(matter_id: int):
    matter = load_matter(matter_id)
    if matter.opinion is None or not matter.opinion.issued:
        abort(404)
    return _adoption_page(matter)[0]


def _answer_page(matter_id: int, point_id: int):
    return _adoption_page(load_matter(matter_id), failed_point_id=point_id)[0]


@bp.route("/<int:matter_id>/adoption/<int:point_id>", methods=["POST"])
@on_refusal(_answer_page)
def answer(matter_id: int, point_id: int):
    matter = load_matter(matter_id)
    point = db.session.get(OpinionPoint, point_id)
    if point is None or matter.opinion is None or point.opinion_id != matter.opinion.id:
        abort(404)
    form = _answer_form(matter, point)
    if not form.validate_on_submit():
        raise OperationError(form_errors(form))
    ops.answer_point(current_user._get_current_object(), matter, point, form.adopted.data == "1",
                     form.reason.data or "", form.revised_document_id.data)
    flash(_("已答复第 %(n)d 条修改意见", n=point.number), "success")
    return redirect(url_for("review.adoption", matter_id=matter.id))
