"""Who may call which endpoint: the one table of role rules, enforced before every request.

An endpoint missing from ACCESS is denied (fail closed), and tests/app/test_access.py fails for it.
Per-record checks (a department sees only its own matters) live on the models as `can_*` methods.
"""
from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from workflows.roles import Role

PUBLIC = "public"
ANY_USER = "any_user"
BUREAU = frozenset({Role.bureau_reviewer, Role.bureau_director})
DEPARTMENT = frozenset({Role.submitter, Role.department_head})
ADMIN = frozenset({Role.admin})
DECISION_BODY = frozenset({Role.decision_officer})
WORKFLOW = DEPARTMENT | DECISION_BODY | BUREAU  # everyone who handles matters (not advisers or admins)
ADVISER = frozenset({Role.adviser})

ACCESS: dict[str, object] = {
    "static": PUBLIC,
    "home.index": ANY_USER,
    "home.health": PUBLIC,
    "home.favicon": PUBLIC,
    "home.read_notifications": ANY_USER,
    "home.set_language": PUBLIC,
    "auth.login": PUBLIC,
    "auth.second_factor": PUBLIC,      # checks its own half-finished login
    "auth.enrol_second_factor": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.profile": ANY_USER,
    "auth.change_password": ANY_USER,
    "auth.create_token": ANY_USER,
    "auth.revoke_token": ANY_USER,
    "auth.profile_enrol_totp": ANY_USER,
    "auth.notification_preferences": ANY_USER,
    # The notifications page and its mark-read (issue 11): each user's own notifications only.
    "notifications.index": ANY_USER,
    "notifications.read": ANY_USER,
    "admin.users": ADMIN,
    "admin.new_user": ADMIN,
    "admin.edit_user": ADMIN,
    "admin.toggle_user": ADMIN,
    "admin.reset_password": ADMIN,
    "admin.reset_totp": ADMIN,
    "admin.organisations": ADMIN,
    "admin.new_organisation": ADMIN,
    "admin.toggle_organisation": ADMIN,
    "audit.events": BUREAU | ADMIN,
    # Matters: role checks per action happen in the state machine, per-record checks in Matter.can_view.
    "matters.index": WORKFLOW,
    "matters.new": DEPARTMENT,
    "matters.edit": DEPARTMENT,
    "matters.detail": WORKFLOW,
    "matters.upload": DEPARTMENT | BUREAU,  # the bureau: its marked-up versions of the draft
    "matters.exempt": DEPARTMENT,
    "matters.act": WORKFLOW,
    "matters.assign": BUREAU,
    "matters.extend": BUREAU,
    "matters.investigation": BUREAU,
    "matters.file_signed": DEPARTMENT,
    "matters.participation": DEPARTMENT,
    # An adviser reads the materials of a matter it accepted (matters.policy.can_view decides per record).
    "matters.document_file": WORKFLOW | ADVISER,
    "matters.document_view": WORKFLOW | ADVISER,
    "matters.compare": WORKFLOW | ADVISER,
    "review.draft": BUREAU,
    "review.opinion_view": WORKFLOW,
    "review.opinion_docx": WORKFLOW,
    "review.adoption": WORKFLOW,
    "review.answer": DEPARTMENT,
    "api.openapi": PUBLIC,
    "api.me": ANY_USER,
    "api.organisations": ANY_USER,
    # API review pipeline (review_app/api/matters.py): the state machine checks roles per action.
    "api.list_matters": WORKFLOW,
    "api.get_participation": WORKFLOW,
    "api.put_participation": DEPARTMENT,
    "api.create_matter": DEPARTMENT,
    "api.get_matter": WORKFLOW,
    "api.update_matter_fields": DEPARTMENT,
    "api.upload_document": DEPARTMENT | BUREAU,
    "api.get_document": WORKFLOW,
    "api.get_document_content": WORKFLOW,
    "api.get_opinion_docx": WORKFLOW,
    "api.set_exemption": DEPARTMENT,
    "api.matter_action": WORKFLOW,
    "api.assign_reviewer": BUREAU,
    "api.extend_matter": BUREAU,
    "api.save_opinion": BUREAU,
    "api.sign_off_opinion": frozenset({Role.bureau_director}),
    "api.reject_opinion": frozenset({Role.bureau_director}),
    "api.issue_opinion": BUREAU,
    "api.answer_point": DEPARTMENT,
    "api.finish_adoption": DEPARTMENT,
    # Decision registry (review_app/decisions/): the decision body records, the bureau reads.
    "decisions.index": frozenset({Role.decision_officer}) | BUREAU,
    "decisions.export": frozenset({Role.decision_officer}) | BUREAU,
    "decisions.new": frozenset({Role.decision_officer}),
    "decisions.import_list": frozenset({Role.decision_officer}),
    "api.list_decisions": frozenset({Role.decision_officer}) | BUREAU,
    "api.create_decision": frozenset({Role.decision_officer}),
    # Demolition ledger (review_app/demolition/, issue 9): towns/streets and departments keep their own cases,
    # the bureau sees the district's and issues supervision letters; demolition.policy decides per record.
    "demolition.index": DEPARTMENT | BUREAU,
    "demolition.export": DEPARTMENT | BUREAU,
    "demolition.import_cases": DEPARTMENT | BUREAU,
    "demolition.new": DEPARTMENT | BUREAU,
    "demolition.edit": DEPARTMENT,
    "demolition.case": DEPARTMENT | BUREAU,
    "demolition.new_step": DEPARTMENT,
    "demolition.new_challenge": DEPARTMENT,
    "demolition.end_challenge": DEPARTMENT,
    "demolition.execution": DEPARTMENT,
    "demolition.document": DEPARTMENT | BUREAU,
    "demolition.new_letter": BUREAU,
    "demolition.letters": DEPARTMENT | BUREAU,
    "demolition.letter": DEPARTMENT | BUREAU,
    "demolition.letter_docx": DEPARTMENT | BUREAU,
    "demolition.reply": DEPARTMENT,
    "demolition.board": DEPARTMENT | BUREAU,
    "api.list_demolition_cases": DEPARTMENT | BUREAU,
    "api.create_demolition_case": DEPARTMENT | BUREAU,
    "api.get_demolition_case": DEPARTMENT | BUREAU,
    "api.get_demolition_gate": DEPARTMENT | BUREAU,
    "api.list_procedure_steps": DEPARTMENT | BUREAU,
    "api.record_procedure_step": DEPARTMENT,
    "api.get_demolition_document": DEPARTMENT | BUREAU,
    "api.list_supervision_letters": DEPARTMENT | BUREAU,
    "api.issue_supervision_letter": BUREAU,
    "api.get_supervision_letter": DEPARTMENT | BUREAU,
    "api.get_supervision_letter_docx": DEPARTMENT | BUREAU,
    "api.reply_to_supervision_letter": DEPARTMENT,
    # The bureau's board (review_app/board/, issue 11): the bureau sees its district, a department or town the
    # same board for its own rows (board.policy.scope).
    "board.index": DEPARTMENT | BUREAU,
    "board.drill": DEPARTMENT | BUREAU,
    "board.drill_export": DEPARTMENT | BUREAU,
    "board.export": DEPARTMENT | BUREAU,
    "board.summary_docx": DEPARTMENT | BUREAU,
    "api.get_board": DEPARTMENT | BUREAU,
    "api.get_board_summary": DEPARTMENT | BUREAU,
    # Administrator settings (review_app/settings_admin/).
    "settings_admin.settings": ADMIN,
    # Background jobs (review_app/outbox_admin/, issue 11): failed jobs and undelivered notifications.
    "outbox_admin.page": ADMIN,
    "outbox_admin.retry_delivery": ADMIN,
    "outbox_admin.retry_job": ADMIN,
    "settings_admin.calendar": ADMIN,
    "settings_admin.add_calendar_day": ADMIN,
    "settings_admin.delete_calendar_day": ADMIN,
    "settings_admin.import_calendar": ADMIN,
    "settings_admin.materials": ADMIN,
    "settings_admin.add_material": ADMIN,
    "settings_admin.toggle_material_required": ADMIN,
    "settings_admin.toggle_material_active": ADMIN,
    "settings_admin.rename_material": ADMIN,
    # Clause flags (review_app/clauses/, #12): the split is the draft's (whoever sees the matter), the flags the
    # bureau's working material (clauses.policy).
    "clauses.accept": BUREAU,
    "clauses.dismiss": BUREAU,
    "clauses.rules": BUREAU,
    "api.get_document_clauses": WORKFLOW,
    "api.get_document_flags": BUREAU,
    "api.accept_flag": BUREAU,
    "api.dismiss_flag": BUREAU,
    # Expert pool (issue 8): the bureau draws, designates, reads the opinions and rates; an adviser answers its
    # invitations and writes its opinion (experts_pool.policy decides per record).
    "experts_pool.matter_advisers": BUREAU,
    "experts_pool.parties": BUREAU,
    "experts_pool.draw": BUREAU,
    "experts_pool.designate": BUREAU,
    "experts_pool.draw_record": BUREAU,
    "experts_pool.draw_export": BUREAU,
    "experts_pool.redraw": BUREAU,
    "experts_pool.adopt": BUREAU,
    "experts_pool.rate": BUREAU,
    "experts_pool.mine": ADVISER,
    "experts_pool.assignment": ADVISER | BUREAU,
    "experts_pool.answer": ADVISER,
    "experts_pool.write": ADVISER,
    "experts_pool.assessment": BUREAU,
    "experts_pool.assessment_export": BUREAU,
    "experts_pool.finding": BUREAU,
    "experts_pool.fairness": BUREAU,
    # The roster (review_app/experts_admin/): the bureau keeps it; an adviser sees its own page and declares
    # its related parties; the specialty list is the administrator's and the bureau's.
    "experts_admin.roster": BUREAU,
    "experts_admin.export": BUREAU,
    "experts_admin.import_roster": BUREAU,
    "experts_admin.new": BUREAU,
    "experts_admin.edit": BUREAU,
    "experts_admin.member": BUREAU | ADVISER,
    "experts_admin.status": BUREAU,
    "experts_admin.renew": BUREAU,
    "experts_admin.related": BUREAU | ADVISER,
    "experts_admin.specialties": BUREAU | ADMIN,
    "experts_admin.toggle_specialty": BUREAU | ADMIN,
    # API of the expert pool (review_app/api/experts.py): the same roles and policy as the pages.
    "api.list_experts": BUREAU | ADVISER,
    "api.get_expert": BUREAU | ADVISER,
    "api.change_expert_status": BUREAU,
    "api.list_related_parties": BUREAU | ADVISER,
    "api.add_related_party": BUREAU | ADVISER,
    "api.set_matter_parties": BUREAU,
    "api.list_matter_draws": BUREAU,
    "api.draw_advisers": BUREAU,
    "api.designate_advisers": BUREAU,
    "api.get_draw": BUREAU,
    "api.redraw_advisers": BUREAU,
    "api.list_assignments": BUREAU | ADVISER,
    "api.get_assignment": BUREAU | ADVISER,
    "api.accept_assignment": ADVISER,
    "api.decline_assignment": ADVISER,
    "api.declare_conflict": ADVISER,
    "api.save_adviser_opinion": ADVISER,
    "api.rate_adviser_opinion": BUREAU,
    "api.adopt_adviser_comment": BUREAU,
    # Litigation-risk assessment (review_app/risk/, issue 10): the bureau assesses, the director signs off the
    # measures; risk.policy decides per record (the department reads it once the opinion is issued).
    "risk.assessment": WORKFLOW,
    "risk.sign_off": frozenset({Role.bureau_director}),
    # Litigation records (review_app/disputes/): a body files and follows its own cases, the bureau all of the
    # district's and its task force; disputes.policy decides per record.
    "disputes.index": DEPARTMENT | BUREAU,
    "disputes.late": DEPARTMENT | BUREAU,
    "disputes.new_lawsuit": DEPARTMENT | BUREAU,
    "disputes.lawsuit": DEPARTMENT | BUREAU,
    "disputes.defence": DEPARTMENT | BUREAU,
    "disputes.outcome": DEPARTMENT | BUREAU,
    "disputes.appeal": DEPARTMENT | BUREAU,
    "disputes.note": DEPARTMENT | BUREAU,
    "disputes.hearing": DEPARTMENT | BUREAU,
    "disputes.appearance": DEPARTMENT | BUREAU,
    "disputes.task_force": BUREAU,
    "disputes.reconsiderations": DEPARTMENT | BUREAU,
    "disputes.new_reconsideration": BUREAU,
    "disputes.reconsideration": DEPARTMENT | BUREAU,
    "disputes.reconsideration_step": BUREAU,
    "disputes.reconsideration_extend": BUREAU,
    "disputes.reconsideration_decide": BUREAU,
    "disputes.reconsideration_letter": BUREAU,
    "disputes.reconsideration_letter_docx": DEPARTMENT | BUREAU,
    "disputes.reconsideration_report": DEPARTMENT | BUREAU,
    "disputes.centre": DEPARTMENT | BUREAU,
    "disputes.new_dispute": BUREAU,
    "disputes.dispute": DEPARTMENT | BUREAU,
    "disputes.dispute_step": BUREAU,
    "disputes.dispute_conclude": BUREAU,
    "disputes.at_risk": BUREAU,
    "disputes.meeting": BUREAU,
    "disputes.loss_report": DEPARTMENT | BUREAU,
    "disputes.item_done": DEPARTMENT | BUREAU,
    "disputes.referral": BUREAU,
    "disputes.typical": BUREAU,
    "disputes.typical_cases": DEPARTMENT | BUREAU,
    "disputes.figures": DEPARTMENT | BUREAU,
    "disputes.bulletin": DEPARTMENT | BUREAU,
    "disputes.bulletin_docx": DEPARTMENT | BUREAU,
    "disputes.bulletin_xlsx": DEPARTMENT | BUREAU,
    "disputes.ledger": DEPARTMENT | BUREAU,
    "disputes.hindsight": BUREAU,
    # API of issue 10 (review_app/api/disputes.py): the same policies decide per record.
    "api.get_risk_assessment": WORKFLOW,
    "api.put_risk_assessment": BUREAU,
    "api.list_lawsuits": DEPARTMENT | BUREAU,
    "api.create_lawsuit": DEPARTMENT | BUREAU,
    "api.get_lawsuit": DEPARTMENT | BUREAU,
    "api.schedule_lawsuit_hearing": DEPARTMENT | BUREAU,
    "api.record_lawsuit_appearance": DEPARTMENT | BUREAU,
    "api.record_lawsuit_outcome": DEPARTMENT | BUREAU,
    "api.submit_lawsuit_loss_report": DEPARTMENT | BUREAU,
    "api.list_reconsiderations": DEPARTMENT | BUREAU,
    "api.get_dispute_figures": DEPARTMENT | BUREAU,
}


def allowed(endpoint: str, user) -> bool:
    rule = ACCESS.get(endpoint)
    if rule is None:
        return False
    if rule == PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    return rule == ANY_USER or user.has_role(*rule)


def enforce():
    endpoint = request.endpoint
    if endpoint is None:  # no route: let the 404 handler answer
        return None
    if allowed(endpoint, current_user):
        return None
    if endpoint not in ACCESS:
        current_app.logger.error("endpoint %s has no access rule", endpoint)
        abort(403)
    if not current_user.is_authenticated:
        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))
    abort(403)
