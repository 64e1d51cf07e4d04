"""indexes for pages opened all day: each person's unread notifications, a district's assignments by state,
an actor's audit events within a district

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-25 23:30:00

Every page counts the reader's unread notifications. Through ix_notifications_user_id_id that read every
notification the person ever had (1,464 heap blocks, 2-7 ms, for a reviewer at a million matters); a partial
index on the unread ones reads only those. A reviewer's home page lists the advisers' opinions awaiting a
rating: through the state index alone that read every district's submitted assignments (4,383 rows for 46).
The audit log filtered by one person intersected that person's few events with the district's 60,000 (12 ms);
the actor index now carries the district.
"""
from alembic import op
import sqlalchemy as sa

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_unread', ['user_id'], unique=False,
                              postgresql_where=sa.text('read_at IS NULL'),
                              sqlite_where=sa.text('read_at IS NULL'))
    with op.batch_alter_table('adviser_assignments', schema=None) as batch_op:
        batch_op.create_index('ix_adviser_assignments_district_id_state', ['district_id', 'state'], unique=False)
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_actor_id_id')
        batch_op.create_index('ix_audit_events_actor_id_district_id_id', ['actor_id', 'district_id', 'id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_actor_id_district_id_id')
        batch_op.create_index('ix_audit_events_actor_id_id', ['actor_id', 'id'], unique=False)
    with op.batch_alter_table('adviser_assignments', schema=None) as batch_op:
        batch_op.drop_index('ix_adviser_assignments_district_id_state')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_unread')
