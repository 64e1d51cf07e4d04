"""Pages of the expert pool at work: the bureau's advisers page of a matter (parties, draw, designation,
re-draw, the invitations, the advisers' opinions side by side, pulling a comment, rating), a draw record and
its JSON export; the adviser's invitations and its workspace (declare, accept, read the draft, write,
submit)."""
import re

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

import sqlalchemy as sa

from experts.conflicts import PARTY_ROLE_LABELS
from experts.eligibility import REASONS
from experts.load import ASSIGNMENT_STATE_LABELS, AssignmentState
from experts.verify_draw import PartyRole, Reason

from .. import rules
from ..experts_admin.operations import specialty_list
from ..extensions import db
from ..matters.views import load_matter
from ..models import (AdviserComment, Assignment, DrawRecord, Expert, ExpertStatus, MatterDrafter,
                      MatterParty, User)
from ..operations import OperationError
from ..clauses.reading import draft_clauses
from ..transaction import on_refusal
from ..web import form_errors
from . import operations as ops
from . import opinions, policy
from .forms import (EMPTY_COMMENT_ROWS, AdviserOpinionForm, AnswerForm, DesignateForm, DrawForm, PartiesForm,
                    RatingForm, RedrawForm)

bp = Blueprint("experts_pool", __name__, url_prefix="/advisers")


def _actor() -> User:
    return current_user._get_current_object()


@bp.context_processor
def pool_helpers():
    return dict(state_labels=ASSIGNMENT_STATE_LABELS, role_labels=PARTY_ROLE_LABELS,
                AssignmentState=AssignmentState, reason_label=lambda code: _(REASONS[Reason(code)].label),
                due_for_rating=opinions.due_for_rating)


def _load(model, row_id: int, seen):
    row = db.session.get(model, row_id)
    if row is None or not seen(current_user, row):
        abort(404, _(policy.NOT_FOUND))
    return row


def _parsed(form) -> None:
    if not form.validate_on_submit():
        raise OperationError(form_errors(form) if form.errors else _("请求已过期，请刷新页面后重试"))


# --- the bureau's advisers page of a matter ---------------------------------------------------------------

def _members(district_id: int) -> list[Expert]:
    return list(db.session.scalars(sa.select(Expert).where(Expert.district_id == district_id)
                                   .order_by(Expert.kind, Expert.id)))


def advisers_context(matter, **forms) -> dict:
    members = _members(matter.district_id)
    names = {e.id: e for e in members}
    parties = db.session.scalars(sa.select(MatterParty).where(MatterParty.matter_id == matter.id)
                                 .order_by(MatterParty.id)).all()
    drafters = set(db.session.scalars(sa.select(MatterDrafter.expert_id)
                                      .where(MatterDrafter.matter_id == matter.id)))
    parties_form = forms.get("parties_form") or PartiesForm()
    parties_form.drafters.choices = [(e.id, e.name) for e in members]
    if not parties_form.is_submitted():
        # Until the bureau saves the rows, the department's free-text 协议相对方 is offered, one per line.
        counterparties = [p.name for p in parties if p.role is PartyRole.counterparty] if parties else [
            n.strip() for n in re.split(r"[、，,；;\n]+", matter.counterparties) if n.strip()]
        parties_form.counterparties.data = "\n".join(counterparties)
        parties_form.affected.data = "\n".join(p.name for p in parties if p.role is PartyRole.affected)
        parties_form.drafters.data = sorted(drafters)
    draw_form = forms.get("draw_form") or DrawForm()
    draw_form.specialty.choices = [("", _("（不限）"))] + [(s.name, s.name)
                                                         for s in specialty_list(matter.district_id)]
    designate_form = forms.get("designate_form") or DesignateForm()
    designate_form.experts.choices = [(e.id, e.name) for e in members if e.status is ExpertStatus.active]
    draws = db.session.scalars(sa.select(DrawRecord).where(DrawRecord.matter_id == matter.id)
                               .order_by(DrawRecord.id.desc())).all()
    assignments = db.session.scalars(sa.select(Assignment).where(Assignment.matter_id == matter.id)
                                     .order_by(Assignment.id)).all()
    return dict(matter=matter, members=names, parties=parties, drafters=drafters, parties_form=parties_form,
                draw_form=draw_form, designate_form=designate_form, redraw_form=RedrawForm(), draws=draws,
                assignments=assignments, submitted=opinions.submitted_for(matter),
                may_draw=matter.status in ops.DRAW_STATUSES, shortfall=ops.shortfall_message,
                may_adopt=matter.opinion is None or not matter.opinion.signed_by_id)


def _matter(matter_id: int):
    matter = load_matter(matter_id)
    if not policy.may_keep_roster(current_user, district_id=matter.district_id):
        abort(404, _(policy.NOT_FOUND))
    return matter


def _advisers_page(matter_id: int, **_kw):
    forms = {"experts_pool.parties": "parties_form", "experts_pool.draw": "draw_form",
             "experts_pool.designate": "designate_form"}
    extra = {forms[request.endpoint]: {"experts_pool.parties": PartiesForm, "experts_pool.draw": DrawForm,
                                       "experts_pool.designate": DesignateForm}[request.endpoint]()} \
        if request.endpoint in forms else {}
    return render_template("experts_pool/matter.html", **advisers_context(_matter(matter_id), **extra))


@bp.route("/matters/<int:matter_id>")
def matter_advisers(matter_id: int):
    return _advisers_page(matter_id)


@bp.route("/matters/<int:matter_id>/parties", methods=["POST"])
@on_refusal(_advisers_page)
def parties(matter_id: int):
    matter = _matter(matter_id)
    form = PartiesForm()
    form.drafters.choices = [(e.id, e.name) for e in _members(matter.district_id)]
    _parsed(form)
    rows = [(n, PartyRole.counterparty) for n in (form.counterparties.data or "").splitlines()]
    rows += [(n, PartyRole.affected) for n in (form.affected.data or "").splitlines()]
    ops.set_matter_parties(_actor(), matter, rows, form.drafters.data or [])
    flash(_("已保存事项当事人"), "success")
    return redirect(url_for("experts_pool.matter_advisers", matter_id=matter.id))


@bp.route("/matters/<int:matter_id>/draw", methods=["POST"])
@on_refusal(_advisers_page)
def draw(matter_id: int):
    matter = _matter(matter_id)
    form = DrawForm()
    form.specialty.choices = [("", "")] + [(s.name, s.name) for s in specialty_list(matter.district_id)]
    _parsed(form)
    row = ops.draw_advisers(_actor(), matter, form.wanted.data, form.specialty.data or None)
    if row.shortfall:
        flash(ops.shortfall_message(row), "warning")
    else:
        flash(_("已随机抽取并邀请法律顾问（抽取记录 %(no)s）", no=row.record_no), "success")
    return redirect(url_for("experts_pool.draw_record", draw_id=row.id))


@bp.route("/matters/<int:matter_id>/designate", methods=["POST"])
@on_refusal(_advisers_page)
def designate(matter_id: int):
    matter = _matter(matter_id)
    form = DesignateForm()
    form.experts.choices = [(e.id, e.name) for e in _members(matter.district_id)]
    _parsed(form)
    if not form.experts.data:
        raise OperationError(_("请选择要指定的法律顾问"))
    row = ops.designate(_actor(), matter, form.experts.data, form.reason.data or "")
    flash(_("已指定并邀请法律顾问（记录 %(no)s）", no=row.record_no), "success")
    return redirect(url_for("experts_pool.draw_record", draw_id=row.id))


def _draw_page(draw_id: int):
    row = _load(DrawRecord, draw_id, policy.can_view_draw)
    return render_template("experts_pool/draw.html", **draw_context(row))


def draw_context(row: DrawRecord, redraw_form=None) -> dict:
    members = {m["id"]: m for m in row.snapshot["members"]}
    return dict(row=row, matter=row.matter, members=members, exclusions=ops.exclusion_messages(row),
                replay=ops.replay_row(row), redraw_form=redraw_form or RedrawForm(),
                may_redraw=row.matter.status in ops.DRAW_STATUSES, shortfall=ops.shortfall_message(row),
                invitations=db.session.scalars(sa.select(Assignment).where(Assignment.draw_id == row.id)
                                               .order_by(Assignment.id)).all())


@bp.route("/draws/<int:draw_id>")
def draw_record(draw_id: int):
    return _draw_page(draw_id)


@bp.route("/draws/<int:draw_id>.json")
def draw_export(draw_id: int):
    """The record as the standalone verifier (experts/verify_draw.py) reads it."""
    row = _load(DrawRecord, draw_id, policy.can_view_draw)
    return Response(ops.export_json(row), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="draw-{row.record_no}.json"'})


@bp.route("/draws/<int:draw_id>/redraw", methods=["POST"])
@on_refusal(_draw_page)
def redraw(draw_id: int):
    previous = _load(DrawRecord, draw_id, policy.can_view_draw)
    form = RedrawForm()
    _parsed(form)
    row = ops.redraw(_actor(), previous.matter, previous, form.reason.data or "")
    flash(_("已重新抽取（新记录 %(no)s）", no=row.record_no), "success")
    return redirect(url_for("experts_pool.draw_record", draw_id=row.id))


@bp.route("/comments/<int:comment_id>/adopt", methods=["POST"])
@on_refusal(lambda comment_id: _advisers_page(_comment(comment_id).opinion.assignment.matter_id))
def adopt(comment_id: int):
    comment = _comment(comment_id)
    point = opinions.adopt_comment(_actor(), comment)
    flash(_("已将该条意见列为第%(n)d条修改意见", n=point.number), "success")
    return redirect(url_for("experts_pool.matter_advisers", matter_id=comment.opinion.assignment.matter_id))


def _comment(comment_id: int) -> AdviserComment:
    comment = db.session.get(AdviserComment, comment_id)
    if comment is None or not policy.can_view_assignment(current_user, comment.opinion.assignment) \
            or not current_user.has_role(*policy.BUREAU):
        abort(404, _(policy.NOT_FOUND))
    return comment


@bp.route("/assignments/<int:assignment_id>/rate", methods=["POST"])
@on_refusal(lambda assignment_id: _advisers_page(_assignment(assignment_id).matter_id))
def rate(assignment_id: int):
    a = _assignment(assignment_id)
    form = RatingForm()
    _parsed(form)
    opinions.rate(_actor(), a, form.timeliness.data, form.quality.data, form.adoption.data,
                  form.note.data or "")
    flash(_("已评价 %(name)s 的意见", name=a.expert.name), "success")
    return redirect(url_for("experts_pool.matter_advisers", matter_id=a.matter_id))


# --- the adviser's side -----------------------------------------------------------------------------------

def _assignment(assignment_id: int) -> Assignment:
    return _load(Assignment, assignment_id, policy.can_view_assignment)


@bp.route("/mine")
def mine():
    """The adviser's invitations and assignments with their due dates."""
    rows = db.session.scalars(sa.select(Assignment).where(policy.assignments_visible(current_user))
                              .order_by(Assignment.id.desc())).all()
    return render_template("experts_pool/mine.html", rows=rows, today=rules.today())


def assignment_context(a: Assignment, answer_form=None, opinion_form=None) -> dict:
    working = policy.may_work(current_user, a)
    answer_form = answer_form or AnswerForm()
    if not answer_form.is_submitted():
        answer_form.version.data = a.version
    drafts = [d for d in a.matter.documents
              if d.kind == "docx" and d.material_kind and d.material_kind.is_draft] if working else []
    return dict(a=a, matter=a.matter, working=working, answering=policy.may_answer(current_user, a),
                answer_form=answer_form, opinion_form=opinion_form or _opinion_form(a), drafts=drafts,
                clauses=draft_clauses(a.matter) if working else [], today=rules.today())


def _opinion_form(a: Assignment) -> AdviserOpinionForm:
    form = AdviserOpinionForm()
    o = a.opinion
    if not form.is_submitted() and o is not None:
        form.opinion_version.data = o.version
        form.overall.data, form.risk_notes.data = o.overall, o.risk_notes
        form.legal_basis.data = o.legal_basis
        rows = min(len(o.comments) + EMPTY_COMMENT_ROWS, form.comments.max_entries)
        while len(form.comments.entries) < rows:
            form.comments.append_entry()
        for entry, c in zip(form.comments.entries, o.comments):
            entry.clause.data, entry.text.data = c.clause, c.text
    return form


def _assignment_page(assignment_id: int):
    a = _assignment(assignment_id)
    kind = {"experts_pool.answer": "answer_form", "experts_pool.write": "opinion_form"}.get(request.endpoint)
    extra = {kind: AnswerForm() if kind == "answer_form" else AdviserOpinionForm()} if kind else {}
    return render_template("experts_pool/assignment.html", **assignment_context(a, **extra))


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int):
    return _assignment_page(assignment_id)


@bp.route("/assignments/<int:assignment_id>/answer", methods=["POST"])
@on_refusal(_assignment_page)
def answer(assignment_id: int):
    a = _assignment(assignment_id)
    form = AnswerForm()
    _parsed(form)
    choice = request.form.get("choice")
    if choice == "accept":
        ops.accept(_actor(), a, form.version.data, bool(form.no_conflict.data))
        flash(_("已接受邀请，请在 %(due)s 前提交书面意见", due=a.opinion_due.isoformat()), "success")
    elif choice in ("decline", "conflict"):
        ops.refuse(_actor(), a, form.version.data, form.reason.data or "", conflict=choice == "conflict")
        flash(_("已申报回避") if choice == "conflict" else _("已谢绝邀请"), "success")
        return redirect(url_for("experts_pool.mine"))
    else:
        raise OperationError(_("请选择接受、谢绝或申报回避"))
    return redirect(url_for("experts_pool.assignment", assignment_id=a.id))


@bp.route("/assignments/<int:assignment_id>/opinion", methods=["POST"])
@on_refusal(_assignment_page)
def write(assignment_id: int):
    a = _assignment(assignment_id)
    form = AdviserOpinionForm()
    _parsed(form)
    comments = [opinions.CommentInput(c.clause.data or "", c.text.data or "") for c in form.comments.entries]
    submit = "submit" in request.form
    opinions.save(_actor(), a, form.opinion_version.data, form.overall.data or "", form.risk_notes.data or "",
                  form.legal_basis.data or "", comments, submit)
    flash(_("意见已提交") if submit else _("草稿已保存"), "success")
    return redirect(url_for("experts_pool.assignment", assignment_id=a.id))

