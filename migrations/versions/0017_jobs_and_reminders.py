"""jobs and reminders: each person's notification channels (e-mail, SMS) and the daily digest

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-25 17:40:00

Three columns on users with defaults: everyone keeps e-mail and SMS, nobody gets a digest until they ask.
"""
from alembic import op
import sqlalchemy as sa

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('notify_email', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column('notify_sms', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column('daily_digest', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('users') as batch:
        batch.drop_column('daily_digest')
        batch.drop_column('notify_sms')
        batch.drop_column('notify_email')
