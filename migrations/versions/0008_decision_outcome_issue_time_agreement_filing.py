"""decisions: the outcome taken; opinions: the moment of issue; agreements: signing and filing dates

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 18:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

OUTCOMES = ('passed', 'passed_amended', 'rejected', 'deferred')


def upgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outcome', sa.Enum(*OUTCOMES, name='decision_outcome', native_enum=False,
                                                         create_constraint=True, length=32), nullable=True))
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issued_at', sa.DateTime(timezone=True), nullable=True))
    # Opinions issued before: their day is what is known; the start of it stands for the moment.
    op.execute("UPDATE opinions SET issued_at = issued_on WHERE issued_on IS NOT NULL")
    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('filing_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('filed_on', sa.Date(), nullable=True))
    op.execute("INSERT INTO material_kinds (category, code, name, required, is_draft, sort, active) "
               "SELECT 'agreement', 'signed_agreement', '已签署的协议文本（签署后备案）', false, false, 80, true "
               "WHERE NOT EXISTS (SELECT 1 FROM material_kinds WHERE category = 'agreement' "
               "AND code = 'signed_agreement')")


def downgrade():
    op.execute("DELETE FROM material_kinds WHERE code = 'signed_agreement' AND NOT EXISTS "
               "(SELECT 1 FROM documents d WHERE d.material_kind_id = material_kinds.id)")
    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.drop_column('filed_on')
        batch_op.drop_column('filing_due_on')
        batch_op.drop_column('signed_on')
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.drop_column('issued_at')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_decisions_decision_outcome'), type_='check')
        batch_op.drop_column('outcome')
