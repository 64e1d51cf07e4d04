"""audit trail: a MAC on each event and on the head (key outside the database); indexes for the page's filters

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 10:00:00

Events already written keep a NULL mac: they are the chain's "legacy" prefix, counted once here in the head's
`legacy` column, which `flask audit verify` reports and every later checkpoint records.
"""
from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mac', sa.String(length=64), nullable=True))
        batch_op.drop_index('ix_audit_events_action')
        batch_op.drop_index('ix_audit_events_actor_id')
        # text_pattern_ops: an action prefix is a range scan whatever the database's collation (PostgreSQL).
        batch_op.create_index('ix_audit_events_action_id', ['action', 'id'], unique=False,
                              postgresql_ops={'action': 'text_pattern_ops'})
        batch_op.create_index('ix_audit_events_actor_id_id', ['actor_id', 'id'], unique=False)
    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legacy', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('mac', sa.String(length=64), nullable=True))
    op.execute("UPDATE audit_head SET legacy = count")
    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.alter_column('legacy', existing_type=sa.Integer(), server_default=None)


def downgrade():
    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.drop_column('mac')
        batch_op.drop_column('legacy')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_actor_id_id')
        batch_op.drop_index('ix_audit_events_action_id')
        batch_op.create_index('ix_audit_events_actor_id', ['actor_id'], unique=False)
        batch_op.create_index('ix_audit_events_action', ['action'], unique=False)
        batch_op.drop_column('mac')
