"""clock pauses: their kind (supplement; for agreements also advisers and investigation)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 19:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('clock_pauses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.Enum('supplement', 'advisers', 'investigation', name='pause_kind',
                                                      native_enum=False, create_constraint=True, length=32),
                                      nullable=False, server_default='supplement'))
    with op.batch_alter_table('clock_pauses', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=sa.String(length=32), server_default=None)


def downgrade():
    with op.batch_alter_table('clock_pauses', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_clock_pauses_pause_kind'), type_='check')
        batch_op.drop_column('kind')
