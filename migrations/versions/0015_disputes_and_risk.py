"""disputes and risk (issue 10): litigation-risk assessments with their factor scores; lawsuits with
hearings, notes and the task force; reconsideration, dispute-centre, high-risk and loss records

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-25 17:53:10

New tables only; nothing existing changes. One file for the whole issue, so the lead can renumber it.
"""
from alembic import op
import sqlalchemy as sa

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('task_force_members',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_task_force_members_district_id_districts')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_task_force_members_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_task_force_members_user_id_users')),
    sa.PrimaryKeyConstraint('organisation_id', name=op.f('pk_task_force_members'))
    )
    with op.batch_alter_table('task_force_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_force_members_district_id'), ['district_id'], unique=False)

    op.create_table('lawsuits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('defendant_id', sa.Integer(), nullable=False),
    sa.Column('co_defendants', sa.String(length=300), nullable=False),
    sa.Column('court', sa.String(length=120), nullable=False),
    sa.Column('instance', sa.Enum('first', 'second', 'retrial', name='lawsuit_instance', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('case_no', sa.String(length=60), nullable=False),
    sa.Column('plaintiff', sa.String(length=200), nullable=False),
    sa.Column('act', sa.String(length=300), nullable=False),
    sa.Column('area', sa.Enum('expropriation', 'demolition', 'enforcement', 'licensing', 'penalty', 'information_disclosure', 'agreement', 'inaction', 'other', name='litigation_area', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=True),
    sa.Column('demolition_case_id', sa.Integer(), nullable=True),
    sa.Column('complaint_received', sa.Date(), nullable=False),
    sa.Column('filed_with_bureau', sa.Date(), nullable=True),
    sa.Column('defence_submitted', sa.Date(), nullable=True),
    sa.Column('outcome', sa.Enum('dismiss_claims', 'quash', 'order_performance', 'order_payment', 'confirm_illegal', 'confirm_void', 'change', 'agreement_remedy', 'mediated', 'not_accepted', 'dismiss_suit', 'withdrawal_allowed', 'terminated', name='lawsuit_outcome', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('outcome_on', sa.Date(), nullable=True),
    sa.Column('outcome_served', sa.Date(), nullable=True),
    sa.Column('resolved_in_suit', sa.Boolean(), nullable=False),
    sa.Column('loss_grounds', sa.JSON(), nullable=False),
    sa.Column('appealed_on', sa.Date(), nullable=True),
    sa.Column('executed_on', sa.Date(), nullable=True),
    sa.Column('loss_report_submitted', sa.Date(), nullable=True),
    sa.Column('task_force_member_id', sa.Integer(), nullable=True),
    sa.Column('at_risk', sa.Boolean(), nullable=False),
    sa.Column('risk_plan', sa.Text(), nullable=False),
    sa.Column('risk_reported_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("NOT resolved_in_suit OR outcome IN ('withdrawal_allowed', 'mediated')", name=op.f('ck_lawsuits_resolved_by_withdrawal_or_mediation')),
    sa.CheckConstraint('(outcome IS NULL) = (outcome_on IS NULL)', name=op.f('ck_lawsuits_outcome_with_date')),
    sa.CheckConstraint('outcome_on IS NULL OR outcome_on >= complaint_received', name=op.f('ck_lawsuits_outcome_after_receipt')),
    sa.CheckConstraint('outcome_served IS NULL OR outcome_on IS NOT NULL', name=op.f('ck_lawsuits_served_after_outcome')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_lawsuits_created_by_id_users')),
    sa.ForeignKeyConstraint(['defendant_id'], ['organisations.id'], name=op.f('fk_lawsuits_defendant_id_organisations')),
    sa.ForeignKeyConstraint(['demolition_case_id'], ['demolition_cases.id'], name=op.f('fk_lawsuits_demolition_case_id_demolition_cases')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_lawsuits_district_id_districts')),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_lawsuits_matter_id_matters')),
    sa.ForeignKeyConstraint(['task_force_member_id'], ['users.id'], name=op.f('fk_lawsuits_task_force_member_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lawsuits')),
    sa.UniqueConstraint('district_id', 'case_no', name='uq_lawsuits_case_no')
    )
    with op.batch_alter_table('lawsuits', schema=None) as batch_op:
        batch_op.create_index('ix_lawsuits_defendant_id_id', ['defendant_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lawsuits_demolition_case_id'), ['demolition_case_id'], unique=False)
        batch_op.create_index('ix_lawsuits_district_id_id', ['district_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lawsuits_matter_id'), ['matter_id'], unique=False)

    op.create_table('reconsideration_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('case_no', sa.String(length=60), nullable=False),
    sa.Column('applicant', sa.String(length=200), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('act', sa.String(length=300), nullable=False),
    sa.Column('area', sa.Enum('expropriation', 'demolition', 'enforcement', 'licensing', 'penalty', 'information_disclosure', 'agreement', 'inaction', 'other', name='litigation_area', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=True),
    sa.Column('procedure', sa.Enum('ordinary', 'simplified', name='reconsideration_procedure', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('received', sa.Date(), nullable=False),
    sa.Column('accepted', sa.Date(), nullable=True),
    sa.Column('refused', sa.Date(), nullable=True),
    sa.Column('copy_sent', sa.Date(), nullable=True),
    sa.Column('copy_received', sa.Date(), nullable=True),
    sa.Column('reply_received', sa.Date(), nullable=True),
    sa.Column('extension_days', sa.Integer(), nullable=True),
    sa.Column('extension_approved_on', sa.Date(), nullable=True),
    sa.Column('extension_reason', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Enum('change', 'quash', 'confirm_illegal', 'order_performance', 'confirm_void', 'uphold', 'dismiss', 'mediated', 'settled', 'withdrawn', 'terminated', name='reconsideration_outcome', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('concluded_on', sa.Date(), nullable=True),
    sa.Column('performance_due', sa.Date(), nullable=True),
    sa.Column('performed_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(extension_days IS NULL) = (extension_approved_on IS NULL)', name=op.f('ck_reconsideration_cases_extension_whole')),
    sa.CheckConstraint('(outcome IS NULL) = (concluded_on IS NULL)', name=op.f('ck_reconsideration_cases_outcome_with_date')),
    sa.CheckConstraint('accepted IS NULL OR refused IS NULL', name=op.f('ck_reconsideration_cases_accepted_or_refused')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_reconsideration_cases_created_by_id_users')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_reconsideration_cases_district_id_districts')),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_reconsideration_cases_matter_id_matters')),
    sa.ForeignKeyConstraint(['respondent_id'], ['organisations.id'], name=op.f('fk_reconsideration_cases_respondent_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reconsideration_cases')),
    sa.UniqueConstraint('district_id', 'case_no', name='uq_reconsideration_cases_case_no')
    )
    with op.batch_alter_table('reconsideration_cases', schema=None) as batch_op:
        batch_op.create_index('ix_reconsideration_cases_district_id_id', ['district_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reconsideration_cases_matter_id'), ['matter_id'], unique=False)
        batch_op.create_index('ix_reconsideration_cases_respondent_id_id', ['respondent_id', 'id'], unique=False)

    op.create_table('risk_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.Enum('expropriation', 'demolition', 'enforcement', 'licensing', 'penalty', 'information_disclosure', 'agreement', 'inaction', 'other', name='litigation_area', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('level', sa.Enum('low', 'medium', 'high', name='risk_level', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('mitigation', sa.Text(), nullable=False),
    sa.Column('mitigation_signed_by_id', sa.Integer(), nullable=True),
    sa.Column('mitigation_signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('assessed_by_id', sa.Integer(), nullable=False),
    sa.Column('assessed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(mitigation_signed_by_id IS NULL) = (mitigation_signed_at IS NULL)', name=op.f('ck_risk_assessments_signed_with_time')),
    sa.CheckConstraint('mitigation_signed_by_id IS NULL OR length(trim(mitigation)) > 0', name=op.f('ck_risk_assessments_signed_only_measures')),
    sa.ForeignKeyConstraint(['assessed_by_id'], ['users.id'], name=op.f('fk_risk_assessments_assessed_by_id_users')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_risk_assessments_district_id_districts')),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_risk_assessments_matter_id_matters')),
    sa.ForeignKeyConstraint(['mitigation_signed_by_id'], ['users.id'], name=op.f('fk_risk_assessments_mitigation_signed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_assessments')),
    sa.UniqueConstraint('matter_id', name=op.f('uq_risk_assessments_matter_id'))
    )
    with op.batch_alter_table('risk_assessments', schema=None) as batch_op:
        batch_op.create_index('ix_risk_assessments_district_id_id', ['district_id', 'id'], unique=False)

    op.create_table('accountability_referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lawsuit_id', sa.Integer(), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('referred_to', sa.String(length=120), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_accountability_referrals_lawsuit_id_lawsuits')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_accountability_referrals_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability_referrals'))
    )
    with op.batch_alter_table('accountability_referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accountability_referrals_lawsuit_id'), ['lawsuit_id'], unique=False)

    op.create_table('dispute_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('case_no', sa.String(length=60), nullable=False),
    sa.Column('applicant', sa.String(length=200), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('stage', sa.Enum('before_suit', 'in_suit', name='dispute_stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('entrusted', sa.Date(), nullable=False),
    sa.Column('registered', sa.Date(), nullable=True),
    sa.Column('body_told', sa.Date(), nullable=True),
    sa.Column('proposal_received', sa.Date(), nullable=True),
    sa.Column('outcome', sa.Enum('resolved', 'not_resolved', name='dispute_outcome', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('concluded_on', sa.Date(), nullable=True),
    sa.Column('lawsuit_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("lawsuit_id IS NULL OR outcome = 'not_resolved'", name=op.f('ck_dispute_cases_suit_only_when_unresolved')),
    sa.CheckConstraint('(outcome IS NULL) = (concluded_on IS NULL)', name=op.f('ck_dispute_cases_outcome_with_date')),
    sa.ForeignKeyConstraint(['body_id'], ['organisations.id'], name=op.f('fk_dispute_cases_body_id_organisations')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_dispute_cases_created_by_id_users')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_dispute_cases_district_id_districts')),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_dispute_cases_lawsuit_id_lawsuits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispute_cases')),
    sa.UniqueConstraint('district_id', 'case_no', name='uq_dispute_cases_case_no')
    )
    with op.batch_alter_table('dispute_cases', schema=None) as batch_op:
        batch_op.create_index('ix_dispute_cases_district_id_id', ['district_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispute_cases_lawsuit_id'), ['lawsuit_id'], unique=False)

    op.create_table('hearings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lawsuit_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('time', sa.Time(), nullable=True),
    sa.Column('court_room', sa.String(length=80), nullable=False),
    sa.Column('scheduled_on', sa.Date(), nullable=False),
    sa.Column('appearance', sa.Enum('principal_head', 'deputy_head', 'staff', 'lawyer_only', 'nobody', name='hearing_appearance', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('appeared_names', sa.String(length=200), nullable=False),
    sa.Column('written_reason', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_hearings_lawsuit_id_lawsuits')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_hearings_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hearings'))
    )
    with op.batch_alter_table('hearings', schema=None) as batch_op:
        batch_op.create_index('ix_hearings_day', ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_hearings_lawsuit_id'), ['lawsuit_id'], unique=False)

    op.create_table('lawsuit_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lawsuit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('resolution', 'suggestion_received', 'suggestion_answered', 'execution', 'other', name='lawsuit_note_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(trim(text)) > 0', name=op.f('ck_lawsuit_notes_text_given')),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_lawsuit_notes_lawsuit_id_lawsuits')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_lawsuit_notes_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lawsuit_notes'))
    )
    with op.batch_alter_table('lawsuit_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lawsuit_notes_lawsuit_id'), ['lawsuit_id'], unique=False)

    op.create_table('loss_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lawsuit_id', sa.Integer(), nullable=False),
    sa.Column('causes', sa.Text(), nullable=False),
    sa.Column('responsibility', sa.Text(), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(trim(causes)) > 0', name=op.f('ck_loss_reports_causes_given')),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_loss_reports_lawsuit_id_lawsuits')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_loss_reports_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loss_reports')),
    sa.UniqueConstraint('lawsuit_id', name=op.f('uq_loss_reports_lawsuit_id'))
    )
    op.create_table('reconsideration_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('report_received', sa.Date(), nullable=True),
    sa.Column('report_text', sa.Text(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('requirements', sa.Text(), nullable=False),
    sa.Column('docx_sha256', sa.String(length=64), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('report_received IS NULL OR length(trim(report_text)) > 0', name=op.f('ck_reconsideration_letters_report_with_text')),
    sa.ForeignKeyConstraint(['case_id'], ['reconsideration_cases.id'], name=op.f('fk_reconsideration_letters_case_id_reconsideration_cases')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_reconsideration_letters_district_id_districts')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_reconsideration_letters_issued_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_reconsideration_letters_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reconsideration_letters')),
    sa.UniqueConstraint('district_id', 'year', 'number', name='uq_reconsideration_letters_number')
    )
    with op.batch_alter_table('reconsideration_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reconsideration_letters_case_id'), ['case_id'], unique=False)

    op.create_table('risk_factor_scores',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('impact BETWEEN 1 AND 5', name=op.f('ck_risk_factor_scores_impact_on_scale')),
    sa.CheckConstraint('likelihood BETWEEN 1 AND 5', name=op.f('ck_risk_factor_scores_likelihood_on_scale')),
    sa.ForeignKeyConstraint(['assessment_id'], ['risk_assessments.id'], name=op.f('fk_risk_factor_scores_assessment_id_risk_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'code', name=op.f('pk_risk_factor_scores'))
    )
    op.create_table('risk_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lawsuit_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('attendees', sa.String(length=300), nullable=False),
    sa.Column('conclusions', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(trim(conclusions)) > 0', name=op.f('ck_risk_meetings_conclusions_given')),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_risk_meetings_lawsuit_id_lawsuits')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_risk_meetings_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_meetings'))
    )
    with op.batch_alter_table('risk_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_meetings_lawsuit_id'), ['lawsuit_id'], unique=False)

    op.create_table('typical_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('lesson', sa.Text(), nullable=False),
    sa.Column('area', sa.Enum('expropriation', 'demolition', 'enforcement', 'licensing', 'penalty', 'information_disclosure', 'agreement', 'inaction', 'other', name='litigation_area', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('lawsuit_id', sa.Integer(), nullable=True),
    sa.Column('reconsideration_id', sa.Integer(), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('lawsuit_id IS NOT NULL OR reconsideration_id IS NOT NULL', name=op.f('ck_typical_cases_from_a_case')),
    sa.CheckConstraint('length(trim(lesson)) > 0', name=op.f('ck_typical_cases_lesson_given')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_typical_cases_created_by_id_users')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_typical_cases_district_id_districts')),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_typical_cases_lawsuit_id_lawsuits')),
    sa.ForeignKeyConstraint(['reconsideration_id'], ['reconsideration_cases.id'], name=op.f('fk_typical_cases_reconsideration_id_reconsideration_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_typical_cases'))
    )
    with op.batch_alter_table('typical_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_typical_cases_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_typical_cases_lawsuit_id'), ['lawsuit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_typical_cases_reconsideration_id'), ['reconsideration_id'], unique=False)

    op.create_table('rectification_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('done_on IS NULL OR length(trim(done_note)) > 0', name=op.f('ck_rectification_items_done_with_note')),
    sa.ForeignKeyConstraint(['report_id'], ['loss_reports.id'], name=op.f('fk_rectification_items_report_id_loss_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_items')),
    sa.UniqueConstraint('report_id', 'position', name='uq_rectification_items_position')
    )
    with op.batch_alter_table('rectification_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rectification_items_report_id'), ['report_id'], unique=False)



def downgrade():
    with op.batch_alter_table('rectification_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rectification_items_report_id'))

    op.drop_table('rectification_items')
    with op.batch_alter_table('typical_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_typical_cases_reconsideration_id'))
        batch_op.drop_index(batch_op.f('ix_typical_cases_lawsuit_id'))
        batch_op.drop_index(batch_op.f('ix_typical_cases_district_id'))

    op.drop_table('typical_cases')
    with op.batch_alter_table('risk_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_meetings_lawsuit_id'))

    op.drop_table('risk_meetings')
    op.drop_table('risk_factor_scores')
    with op.batch_alter_table('reconsideration_letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reconsideration_letters_case_id'))

    op.drop_table('reconsideration_letters')
    op.drop_table('loss_reports')
    with op.batch_alter_table('lawsuit_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lawsuit_notes_lawsuit_id'))

    op.drop_table('lawsuit_notes')
    with op.batch_alter_table('hearings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hearings_lawsuit_id'))
        batch_op.drop_index('ix_hearings_day')

    op.drop_table('hearings')
    with op.batch_alter_table('dispute_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispute_cases_lawsuit_id'))
        batch_op.drop_index('ix_dispute_cases_district_id_id')

    op.drop_table('dispute_cases')
    with op.batch_alter_table('accountability_referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accountability_referrals_lawsuit_id'))

    op.drop_table('accountability_referrals')
    with op.batch_alter_table('risk_assessments', schema=None) as batch_op:
        batch_op.drop_index('ix_risk_assessments_district_id_id')

    op.drop_table('risk_assessments')
    with op.batch_alter_table('reconsideration_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_reconsideration_cases_respondent_id_id')
        batch_op.drop_index(batch_op.f('ix_reconsideration_cases_matter_id'))
        batch_op.drop_index('ix_reconsideration_cases_district_id_id')

    op.drop_table('reconsideration_cases')
    with op.batch_alter_table('lawsuits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lawsuits_matter_id'))
        batch_op.drop_index('ix_lawsuits_district_id_id')
        batch_op.drop_index(batch_op.f('ix_lawsuits_demolition_case_id'))
        batch_op.drop_index('ix_lawsuits_defendant_id_id')

    op.drop_table('lawsuits')
    with op.batch_alter_table('task_force_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_force_members_district_id'))

    op.drop_table('task_force_members')
