"""clause flags: draft versions read into clauses, the flags raised on them and the bureau's decisions

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 10:00:00

Versions uploaded before this revision are read the first time someone opens them (clauses.reading).
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

CATEGORIES = ('major_decision', 'normative_document', 'agreement', 'opinion_request')
CLAUSE_KINDS = ('preamble', 'article', 'part', 'appendix')
FLAG_CATEGORIES = ('penalty', 'licence', 'coercion', 'fee', 'rights_duties', 'competition', 'termination',
                   'guarantee', 'fiscal_commitment', 'liability', 'dispute_resolution')
LEVELS = ('high', 'medium', 'low')
DECISIONS = ('accepted', 'dismissed')


def _enum(name, values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade():
    op.create_table(
        'clause_readings',
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('matter_id', sa.Integer(), nullable=False),
        sa.Column('category', _enum('category', CATEGORIES), nullable=True),
        sa.Column('previous_document_id', sa.Integer(), nullable=True),
        sa.Column('warnings', sa.JSON(), nullable=False),
        sa.Column('read_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id'],
                                name=op.f('fk_clause_readings_district_id_districts')),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                                name=op.f('fk_clause_readings_document_id_documents'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_clause_readings_matter_id_matters')),
        sa.ForeignKeyConstraint(['previous_document_id'], ['documents.id'],
                                name=op.f('fk_clause_readings_previous_document_id_documents')),
        sa.PrimaryKeyConstraint('document_id', name=op.f('pk_clause_readings')))
    with op.batch_alter_table('clause_readings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clause_readings_matter_id'), ['matter_id'], unique=False)

    op.create_table(
        'draft_clauses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('kind', _enum('kind', CLAUSE_KINDS), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=40), nullable=False),
        sa.Column('chapter', sa.String(length=200), nullable=False),
        sa.Column('section', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('items', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id'],
                                name=op.f('fk_draft_clauses_district_id_districts')),
        sa.ForeignKeyConstraint(['document_id'], ['clause_readings.document_id'],
                                name=op.f('fk_draft_clauses_document_id_clause_readings'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_clauses')),
        sa.UniqueConstraint('document_id', 'position', name='uq_draft_clauses_position'))

    op.create_table(
        'clause_flags',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('matter_id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('clause_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('rule_id', sa.String(length=64), nullable=False),
        sa.Column('category', _enum('flag_category', FLAG_CATEGORIES), nullable=False),
        sa.Column('level', _enum('level', LEVELS), nullable=False),
        sa.Column('refers', sa.Boolean(), nullable=False),
        sa.Column('article', sa.Text(), nullable=False),
        sa.Column('item', sa.Integer(), nullable=True),
        sa.Column('location', sa.String(length=80), nullable=False),
        sa.Column('spans', sa.JSON(), nullable=False),
        sa.Column('words', sa.JSON(), nullable=False),
        sa.Column('point', sa.Text(), nullable=False),
        sa.Column('fingerprint', sa.String(length=16), nullable=False),
        sa.Column('continues_id', sa.Integer(), nullable=True),
        sa.Column('resolved_in_id', sa.Integer(), nullable=True),
        sa.Column('decision', _enum('decision', DECISIONS), nullable=True),
        sa.Column('carried', sa.Boolean(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('opinion_id', sa.Integer(), nullable=True),
        sa.Column('point_id', sa.Integer(), nullable=True),
        sa.Column('point_number', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decided_by_id IS NULL)",
            name=op.f('ck_clause_flags_decided_together')),
        sa.CheckConstraint("COALESCE(decision, '') <> 'dismissed' OR length(trim(reason)) > 0",
                           name=op.f('ck_clause_flags_reason_when_dismissed')),
        sa.CheckConstraint("(COALESCE(decision, '') = 'accepted') = (point_number IS NOT NULL)",
                           name=op.f('ck_clause_flags_point_when_accepted')),
        sa.CheckConstraint('decision IS NOT NULL OR NOT carried', name=op.f('ck_clause_flags_carried_decision')),
        sa.ForeignKeyConstraint(['clause_id'], ['draft_clauses.id'],
                                name=op.f('fk_clause_flags_clause_id_draft_clauses'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['continues_id'], ['clause_flags.id'],
                                name=op.f('fk_clause_flags_continues_id_clause_flags')),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_clause_flags_decided_by_id_users')),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_clause_flags_district_id_districts')),
        sa.ForeignKeyConstraint(['document_id'], ['clause_readings.document_id'],
                                name=op.f('fk_clause_flags_document_id_clause_readings'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_clause_flags_matter_id_matters')),
        sa.ForeignKeyConstraint(['opinion_id'], ['opinions.id'], name=op.f('fk_clause_flags_opinion_id_opinions'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['point_id'], ['opinion_points.id'],
                                name=op.f('fk_clause_flags_point_id_opinion_points'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['resolved_in_id'], ['documents.id'],
                                name=op.f('fk_clause_flags_resolved_in_id_documents')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_clause_flags')),
        sa.UniqueConstraint('document_id', 'position', name='uq_clause_flags_position'))
    with op.batch_alter_table('clause_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clause_flags_clause_id'), ['clause_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clause_flags_continues_id'), ['continues_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clause_flags_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clause_flags_matter_id'), ['matter_id'], unique=False)
        batch_op.create_index('ix_clause_flags_district_id_rule_id', ['district_id', 'rule_id'], unique=False)


def downgrade():
    with op.batch_alter_table('clause_flags', schema=None) as batch_op:
        batch_op.drop_index('ix_clause_flags_district_id_rule_id')
        batch_op.drop_index(batch_op.f('ix_clause_flags_matter_id'))
        batch_op.drop_index(batch_op.f('ix_clause_flags_document_id'))
        batch_op.drop_index(batch_op.f('ix_clause_flags_continues_id'))
        batch_op.drop_index(batch_op.f('ix_clause_flags_clause_id'))
    op.drop_table('clause_flags')
    op.drop_table('draft_clauses')
    with op.batch_alter_table('clause_readings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clause_readings_matter_id'))
    op.drop_table('clause_readings')
