"""demolition ledger: cases with their parties, procedure steps with evidence documents, challenges,
supervision letters with replies; counters for numbered letter series

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25 14:31:59

New tables only; nothing existing changes.
"""
from alembic import op
import sqlalchemy as sa

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('number_counters',
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('series', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_number_counters_district_id_districts')),
    sa.PrimaryKeyConstraint('district_id', 'series', 'year', name=op.f('pk_number_counters'))
    )
    op.create_table('demolition_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('project', sa.String(length=200), nullable=False),
    sa.Column('track', sa.Enum('state_land_expropriation', 'collective_land_expropriation', 'planning_violation', 'illegal_land_occupation', name='demolition_track', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('building_area', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('enforcing_body', sa.String(length=120), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=True),
    sa.Column('executed_on', sa.Date(), nullable=True),
    sa.Column('executed_time', sa.Time(), nullable=True),
    sa.Column('executed_lawfully', sa.Boolean(), nullable=True),
    sa.Column('execution_problems', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('last_progress_on', sa.Date(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(executed_on IS NULL) = (executed_lawfully IS NULL)', name=op.f('ck_demolition_cases_executed_with_verdict')),
    sa.CheckConstraint('building_area IS NULL OR building_area > 0', name=op.f('ck_demolition_cases_area_positive')),
    sa.CheckConstraint('executed_time IS NULL OR executed_on IS NOT NULL', name=op.f('ck_demolition_cases_time_with_day')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_demolition_cases_created_by_id_users')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_demolition_cases_district_id_districts')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_demolition_cases_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demolition_cases'))
    )
    with op.batch_alter_table('demolition_cases', schema=None) as batch_op:
        batch_op.create_index('ix_demolition_cases_district_id_id', ['district_id', 'id'], unique=False)
        batch_op.create_index('ix_demolition_cases_organisation_id_id', ['organisation_id', 'id'], unique=False)

    op.create_table('demolition_challenges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reconsideration', 'lawsuit', name='challenge_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('against', sa.Enum('stability_assessment', 'expropriation_decision', 'pre_announcement', 'compensation_plan_posted', 'land_expropriation_announcement', 'compensation_decision', 'compensation_secured', 'handover_order', 'demolition_order', 'demand', 'statement_heard', 'enforcement_decision', 'enforcement_decision_served', 'public_notice', 'reconsideration_lapsed', 'litigation_lapsed', 'court_application', 'court_ruling', name='step_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('case_no', sa.String(length=60), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.Enum('upheld', 'withdrawn', 'overturned', 'settled', name='challenge_outcome', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(ended_on IS NULL) = (outcome IS NULL)', name=op.f('ck_demolition_challenges_ended_with_outcome')),
    sa.CheckConstraint('ended_on IS NULL OR ended_on >= filed_on', name=op.f('ck_demolition_challenges_ends_after_filing')),
    sa.ForeignKeyConstraint(['case_id'], ['demolition_cases.id'], name=op.f('fk_demolition_challenges_case_id_demolition_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_demolition_challenges_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demolition_challenges'))
    )
    with op.batch_alter_table('demolition_challenges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demolition_challenges_case_id'), ['case_id'], unique=False)

    op.create_table('demolition_parties',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_demolition_parties_name_given')),
    sa.ForeignKeyConstraint(['case_id'], ['demolition_cases.id'], name=op.f('fk_demolition_parties_case_id_demolition_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'position', name=op.f('pk_demolition_parties'))
    )
    op.create_table('supervision_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('reply_due_on', sa.Date(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('requirements', sa.Text(), nullable=False),
    sa.Column('copies_to', sa.String(length=200), nullable=False),
    sa.Column('docx_sha256', sa.String(length=64), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.CheckConstraint('reply_due_on > issued_on', name=op.f('ck_supervision_letters_reply_due_after_issue')),
    sa.ForeignKeyConstraint(['case_id'], ['demolition_cases.id'], name=op.f('fk_supervision_letters_case_id_demolition_cases')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_supervision_letters_district_id_districts')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_supervision_letters_issued_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_supervision_letters_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_letters')),
    sa.UniqueConstraint('district_id', 'year', 'number', name='uq_supervision_letters_number')
    )
    with op.batch_alter_table('supervision_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_letters_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_supervision_letters_district_id_id', ['district_id', 'id'], unique=False)
        batch_op.create_index('ix_supervision_letters_organisation_id_id', ['organisation_id', 'id'], unique=False)
        batch_op.create_index('ix_supervision_letters_outstanding', ['answered_on', 'reply_due_on'], unique=False)

    op.create_table('supervision_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('replied_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(trim(text)) > 0', name=op.f('ck_supervision_replies_text_given')),
    sa.ForeignKeyConstraint(['letter_id'], ['supervision_letters.id'], name=op.f('fk_supervision_replies_letter_id_supervision_letters')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_supervision_replies_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_replies'))
    )
    with op.batch_alter_table('supervision_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_replies_letter_id'), ['letter_id'], unique=False)

    op.create_table('procedure_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('stability_assessment', 'expropriation_decision', 'pre_announcement', 'compensation_plan_posted', 'land_expropriation_announcement', 'compensation_decision', 'compensation_secured', 'handover_order', 'demolition_order', 'demand', 'statement_heard', 'enforcement_decision', 'enforcement_decision_served', 'public_notice', 'reconsideration_lapsed', 'litigation_lapsed', 'court_application', 'court_ruling', name='step_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('document_no', sa.String(length=60), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('told_of_remedies', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('deadline IS NULL OR deadline >= done_on', name=op.f('ck_procedure_steps_deadline_after_day')),
    sa.ForeignKeyConstraint(['case_id'], ['demolition_cases.id'], name=op.f('fk_procedure_steps_case_id_demolition_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_procedure_steps_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['reply_id'], ['supervision_replies.id'], name=op.f('fk_procedure_steps_reply_id_supervision_replies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_steps'))
    )
    with op.batch_alter_table('procedure_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_steps_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_procedure_steps_reply_id'), ['reply_id'], unique=False)

    op.create_table('demolition_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=True),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=160), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('docx', 'pdf', 'xlsx', 'jpeg', 'png')", name=op.f('ck_demolition_documents_known_kind')),
    sa.CheckConstraint('(step_id IS NULL) <> (reply_id IS NULL)', name=op.f('ck_demolition_documents_step_or_reply')),
    sa.ForeignKeyConstraint(['case_id'], ['demolition_cases.id'], name=op.f('fk_demolition_documents_case_id_demolition_cases')),
    sa.ForeignKeyConstraint(['reply_id'], ['supervision_replies.id'], name=op.f('fk_demolition_documents_reply_id_supervision_replies')),
    sa.ForeignKeyConstraint(['step_id'], ['procedure_steps.id'], name=op.f('fk_demolition_documents_step_id_procedure_steps')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_demolition_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demolition_documents'))
    )
    with op.batch_alter_table('demolition_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demolition_documents_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_demolition_documents_reply_id'), ['reply_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_demolition_documents_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_demolition_documents_step_id'), ['step_id'], unique=False)



def downgrade():
    with op.batch_alter_table('demolition_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demolition_documents_step_id'))
        batch_op.drop_index(batch_op.f('ix_demolition_documents_sha256'))
        batch_op.drop_index(batch_op.f('ix_demolition_documents_reply_id'))
        batch_op.drop_index(batch_op.f('ix_demolition_documents_case_id'))

    op.drop_table('demolition_documents')
    with op.batch_alter_table('procedure_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_steps_reply_id'))
        batch_op.drop_index(batch_op.f('ix_procedure_steps_case_id'))

    op.drop_table('procedure_steps')
    with op.batch_alter_table('supervision_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_replies_letter_id'))

    op.drop_table('supervision_replies')
    with op.batch_alter_table('supervision_letters', schema=None) as batch_op:
        batch_op.drop_index('ix_supervision_letters_outstanding')
        batch_op.drop_index('ix_supervision_letters_organisation_id_id')
        batch_op.drop_index('ix_supervision_letters_district_id_id')
        batch_op.drop_index(batch_op.f('ix_supervision_letters_case_id'))

    op.drop_table('supervision_letters')
    op.drop_table('demolition_parties')
    with op.batch_alter_table('demolition_challenges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demolition_challenges_case_id'))

    op.drop_table('demolition_challenges')
    with op.batch_alter_table('demolition_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_demolition_cases_organisation_id_id')
        batch_op.drop_index('ix_demolition_cases_district_id_id')

    op.drop_table('demolition_cases')
    op.drop_table('number_counters')
