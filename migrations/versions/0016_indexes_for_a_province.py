"""indexes for a province: task groups and status filters per district, department and reviewer; title
search by trigrams (pg_trgm); the decision register's order and its gaps

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-25 17:55:00

Indexes only. On PostgreSQL the pg_trgm extension is created first (a trusted extension: the database's
owner may create it); on SQLite the title index is a plain one, as the models build it there.
"""
from alembic import op
import sqlalchemy as sa

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.drop_index('ix_matters_reviewer_id')
        batch_op.create_index('ix_matters_district_id_status_id', ['district_id', 'status', 'id'],
                              unique=False)
        batch_op.create_index('ix_matters_department_id_status_id', ['department_id', 'status', 'id'],
                              unique=False)
        batch_op.create_index('ix_matters_reviewer_id_status_due_on', ['reviewer_id', 'status', 'due_on'],
                              unique=False)
        batch_op.create_index('ix_matters_title_trgm', ['title'], unique=False, postgresql_using='gin',
                              postgresql_ops={'title': 'gin_trgm_ops'})
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('ix_decisions_district_id_meeting_date_id',
                              ['district_id', 'meeting_date', 'id'], unique=False)
        batch_op.create_index('ix_decisions_district_id_gaps', ['district_id', 'meeting_date'], unique=False,
                              postgresql_where=sa.text('matter_id IS NULL'))


def downgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_decisions_district_id_gaps')
        batch_op.drop_index('ix_decisions_district_id_meeting_date_id')
    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.drop_index('ix_matters_title_trgm', postgresql_using='gin')
        batch_op.drop_index('ix_matters_reviewer_id_status_due_on')
        batch_op.drop_index('ix_matters_department_id_status_id')
        batch_op.drop_index('ix_matters_district_id_status_id')
        batch_op.create_index('ix_matters_reviewer_id', ['reviewer_id'], unique=False)
