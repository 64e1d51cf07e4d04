"""public participation in a major decision: comment period, hearing and its materials (Decree 713 Art. 14-19)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25 17:40:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'public_participation',
        sa.Column('matter_id', sa.Integer(), nullable=False),
        sa.Column('not_public_reason', sa.Text(), nullable=False),
        sa.Column('comment_published_on', sa.Date(), nullable=True),
        sa.Column('comment_closes_on', sa.Date(), nullable=True),
        sa.Column('shortened_reason', sa.Text(), nullable=False),
        sa.Column('hearing_on', sa.Date(), nullable=True),
        sa.Column('hearing_materials_on', sa.Date(), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint('comment_closes_on > comment_published_on',
                           name=op.f('ck_public_participation_comment_order')),
        sa.CheckConstraint('hearing_materials_on <= hearing_on', name=op.f('ck_public_participation_hearing_order')),
        sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], ondelete='CASCADE',
                                name=op.f('fk_public_participation_matter_id_matters')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                                name=op.f('fk_public_participation_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('matter_id', name=op.f('pk_public_participation')),
    )


def downgrade():
    op.drop_table('public_participation')
