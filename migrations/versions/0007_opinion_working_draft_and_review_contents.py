"""opinions: a working draft without a conclusion yet; the three review contents of Decree 713 Art. 27

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 16:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CONTENTS = ('authority', 'procedure', 'content')


def upgrade():
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.alter_column('conclusion', existing_type=sa.String(length=32), nullable=True)
        for c in CONTENTS:
            batch_op.add_column(sa.Column(f'{c}_finding', sa.Enum(
                'met', 'partly_met', 'not_met', name=f'{c}_finding', native_enum=False, create_constraint=True,
                length=32), nullable=True))
            batch_op.add_column(sa.Column(f'{c}_note', sa.Text(), nullable=False, server_default=''))
        batch_op.create_check_constraint(op.f('ck_opinions_concluded_before_sign_off'), 'signed_by_id IS NULL OR conclusion IS NOT NULL')
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        for c in CONTENTS:
            batch_op.alter_column(f'{c}_note', existing_type=sa.Text(), server_default=None)


def downgrade():
    op.execute("DELETE FROM opinion_points WHERE opinion_id IN (SELECT id FROM opinions WHERE conclusion IS NULL)")
    op.execute("DELETE FROM opinions WHERE conclusion IS NULL")
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_opinions_concluded_before_sign_off'), type_='check')
        for c in CONTENTS:
            batch_op.drop_constraint(op.f(f'ck_opinions_{c}_finding'), type_='check')
            batch_op.drop_column(f'{c}_note')
            batch_op.drop_column(f'{c}_finding')
        batch_op.alter_column('conclusion', existing_type=sa.String(length=32), nullable=False)
