"""disputes and risk (issue 10): litigation-risk assessments of matters with their factor scores

Revision ID: 0014
Revises: 0012
Create Date: 2026-11-25 17:13:51

New tables only; nothing existing changes. One file for the whole issue, so the lead can renumber it.
"""
from alembic import op
import sqlalchemy as sa

revision = '0014'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
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


def downgrade():
    op.drop_table('risk_factor_scores')
    with op.batch_alter_table('risk_assessments', schema=None) as batch_op:
        batch_op.drop_index('ix_risk_assessments_district_id_id')

    op.drop_table('risk_assessments')
