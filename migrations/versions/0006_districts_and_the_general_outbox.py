"""districts as the scope of every record; the general outbox (kind, subject, link, dedup key, deliveries)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 14:20:00

Existing rows belong to one district, named from the same environment variables the app reads
(DISTRICT_NAME, OPINION_PREFIX, SUPERVISION_PREFIX, DISTRICT_CODE), so an installation keeps its name and its
opinion numbers. Existing notifications keep their e-mail delivery state.
"""
import os

from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

SCOPED = ('organisations', 'matters', 'decisions', 'opinions', 'experts')


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade():
    op.create_table(
        'districts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=12), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('level', _enum('district_level', 'district', 'city', 'province'), nullable=False),
        sa.Column('parent_id', sa.Integer(), nullable=True),
        sa.Column('opinion_prefix', sa.String(length=20), nullable=False),
        sa.Column('supervision_prefix', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['parent_id'], ['districts.id'], name=op.f('fk_districts_parent_id_districts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_districts')),
        sa.UniqueConstraint('code', name=op.f('uq_districts_code')))
    with op.batch_alter_table('districts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_districts_parent_id'), ['parent_id'], unique=False)

    bind = op.get_bind()
    has_rows = any(bind.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
                   for t in SCOPED + ('settings', 'opinion_counters'))
    if has_rows:
        bind.execute(sa.text(
            "INSERT INTO districts (id, code, name, level, opinion_prefix, supervision_prefix, created_at) "
            "VALUES (1, :code, :name, 'district', :op, :sp, CURRENT_TIMESTAMP)"),
            {"code": os.environ.get("DISTRICT_CODE", "000001"), "name": os.environ.get("DISTRICT_NAME", "示范区"),
             "op": os.environ.get("OPINION_PREFIX", "示司审"), "sp": os.environ.get("SUPERVISION_PREFIX", "示司督")})
        if bind.dialect.name == "postgresql":
            bind.execute(sa.text("SELECT setval('districts_id_seq', 1)"))

    for table in SCOPED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('district_id', sa.Integer(), nullable=True))
        op.execute(f"UPDATE {table} SET district_id = 1")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('district_id', existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_district_id_districts'), 'districts',
                                        ['district_id'], ['id'])
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_organisations_name'), type_='unique')
        batch_op.create_unique_constraint('uq_organisations_district_name', ['district_id', 'name'])
    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.create_index('ix_matters_district_id_id', ['district_id', 'id'], unique=False)
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_opinions_year_number'), type_='unique')
        batch_op.create_unique_constraint('uq_opinions_district_year_number', ['district_id', 'year', 'number'])
    with op.batch_alter_table('experts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_experts_licence_no'), type_='unique')
        batch_op.create_unique_constraint('uq_experts_district_licence', ['district_id', 'licence_no'])

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_audit_events_district_id_id', ['district_id', 'id'], unique=False)
    # Earlier events keep NULL: their hashes were computed without a district (audit.trail hashes it only
    # when set), and the district's bureau still reads them through their actors and subjects.

    # Counters and settings are now per district: new composite primary keys (the rows are kept aside while
    # the table is rebuilt, since constraint names are unique in PostgreSQL's schema).
    counters = [dict(r._mapping) for r in bind.execute(sa.text("SELECT year, last FROM opinion_counters"))]
    op.drop_table('opinion_counters')
    table = op.create_table(
        'opinion_counters',
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id'],
                                name=op.f('fk_opinion_counters_district_id_districts')),
        sa.PrimaryKeyConstraint('district_id', 'year', name=op.f('pk_opinion_counters')))
    op.bulk_insert(table, [{"district_id": 1, **r} for r in counters])

    settings = [dict(r._mapping) for r in bind.execute(sa.text('SELECT "key", value, version FROM settings'))]
    op.drop_table('settings')
    table = op.create_table(
        'settings',
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint('value >= 0', name=op.f('ck_settings_non_negative')),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_settings_district_id_districts')),
        sa.PrimaryKeyConstraint('district_id', 'key', name=op.f('pk_settings')))
    op.bulk_insert(table, [{"district_id": 1, **r} for r in settings])

    # The general outbox: a delivery row per channel, the notification says what it is about and where to act.
    op.create_table(
        'deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('notification_id', sa.Integer(), nullable=False),
        sa.Column('channel', _enum('channel', 'email', 'sms'), nullable=False),
        sa.Column('status', _enum('delivery_status', 'pending', 'sending', 'sent', 'failed'), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.String(length=255), nullable=True),
        sa.CheckConstraint("(status = 'sent') = (sent_at IS NOT NULL)", name=op.f('ck_deliveries_sent_when_sent_at')),
        sa.ForeignKeyConstraint(['notification_id'], ['notifications.id'],
                                name=op.f('fk_deliveries_notification_id_notifications'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
        sa.UniqueConstraint('notification_id', 'channel', name='uq_deliveries_notification_channel'))
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_deliveries_status_id', ['status', 'id'], unique=False)
    op.execute("INSERT INTO deliveries (notification_id, channel, status, attempts, created_at, sent_at, last_error) "
               "SELECT id, 'email', CASE WHEN delivered_at IS NULL THEN 'pending' ELSE 'sent' END, attempts, "
               "created_at, delivered_at, last_error FROM notifications")

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('subject_type', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('link', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('dedup_key', sa.String(length=160), nullable=True))
        batch_op.add_column(sa.Column('title', sa.String(length=200), nullable=True))
    op.execute("UPDATE notifications SET kind = 'matter.transition', subject_type = 'matter', subject_id = matter_id, "
               "link = '/matters/' || matter_id, dedup_key = 'legacy-' || id, title = subject")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        for name, length in (('kind', 40), ('subject_type', 40), ('link', 255), ('dedup_key', 160), ('title', 200)):
            batch_op.alter_column(name, existing_type=sa.String(length=length), nullable=False)
        batch_op.drop_index(batch_op.f('ix_notifications_undelivered'))
        batch_op.create_index('ix_notifications_subject', ['subject_type', 'subject_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_notifications_dedup_key'), ['dedup_key'])
        batch_op.drop_constraint(batch_op.f('fk_notifications_matter_id_matters'), type_='foreignkey')
        for name in ('attempts', 'matter_id', 'last_error', 'subject', 'delivered_at'):
            batch_op.drop_column(name)


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('subject', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('last_error', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('matter_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=True))
    op.execute("UPDATE notifications SET subject = title, attempts = 0, "
               "matter_id = CASE WHEN subject_type = 'matter' THEN subject_id END")
    op.execute("UPDATE notifications SET delivered_at = (SELECT sent_at FROM deliveries d WHERE "
               "d.notification_id = notifications.id AND d.channel = 'email')")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.alter_column('subject', existing_type=sa.String(length=200), nullable=False)
        batch_op.alter_column('attempts', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_notifications_matter_id_matters'), 'matters', ['matter_id'],
                                    ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('uq_notifications_dedup_key'), type_='unique')
        batch_op.drop_index('ix_notifications_subject')
        batch_op.create_index(batch_op.f('ix_notifications_undelivered'), ['delivered_at', 'id'], unique=False)
        for name in ('title', 'dedup_key', 'link', 'subject_id', 'subject_type', 'kind'):
            batch_op.drop_column(name)
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_status_id')
    op.drop_table('deliveries')

    bind = op.get_bind()
    settings = [dict(r._mapping) for r in bind.execute(sa.text(
        'SELECT "key", value, version FROM settings WHERE district_id = (SELECT min(id) FROM districts)'))]
    op.drop_table('settings')
    table = op.create_table(
        'settings',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint('value >= 0', name=op.f('ck_settings_non_negative')),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_settings')))
    op.bulk_insert(table, settings)

    counters = [dict(r._mapping) for r in bind.execute(sa.text(
        "SELECT year, max(last) AS last FROM opinion_counters GROUP BY year"))]
    op.drop_table('opinion_counters')
    table = op.create_table(
        'opinion_counters',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', name=op.f('pk_opinion_counters')))
    op.bulk_insert(table, counters)

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_district_id_id')
        batch_op.drop_column('district_id')
    with op.batch_alter_table('experts', schema=None) as batch_op:
        batch_op.drop_constraint('uq_experts_district_licence', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_experts_licence_no'), ['licence_no'])
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.drop_constraint('uq_opinions_district_year_number', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_opinions_year_number'), ['year', 'number'])
    with op.batch_alter_table('matters', schema=None) as batch_op:
        batch_op.drop_index('ix_matters_district_id_id')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint('uq_organisations_district_name', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_organisations_name'), ['name'])
    for table in SCOPED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_district_id_districts'), type_='foreignkey')
            batch_op.drop_column('district_id')
    with op.batch_alter_table('districts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_districts_parent_id'))
    op.drop_table('districts')
