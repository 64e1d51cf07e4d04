"""expert pool (issue 8): specialty list, roster history, related parties, matter parties and drafters, draw
records, assignments, advisers' opinions with clause comments, ratings, vetoing findings

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-25 17:14:05

Experts gain a pool firm (firm_id) and a load cap; their free-text specialties ("、"-separated) become rows of
the district's specialty list linked to each member, and the text column goes.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('specialties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_specialties_district_id_districts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_specialties')),
    sa.UniqueConstraint('district_id', 'name', name='uq_specialties_district_name')
    )
    op.create_table('expert_specialties',
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('specialty_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['experts.id'], name=op.f('fk_expert_specialties_expert_id_experts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['specialty_id'], ['specialties.id'], name=op.f('fk_expert_specialties_specialty_id_specialties')),
    sa.PrimaryKeyConstraint('expert_id', 'specialty_id', name=op.f('pk_expert_specialties'))
    )
    op.create_table('expert_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('added', 'edited', 'suspended', 'reinstated', 'renewed', 'exited', name='expert_change_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('active', 'suspended', 'exited', name='expert_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('term_end', sa.Date(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind NOT IN ('suspended', 'reinstated', 'exited', 'renewed') OR length(trim(reason)) > 0", name=op.f('ck_expert_changes_reason_for_status_change')),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_expert_changes_by_id_users')),
    sa.ForeignKeyConstraint(['expert_id'], ['experts.id'], name=op.f('fk_expert_changes_expert_id_experts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_changes'))
    )
    with op.batch_alter_table('expert_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_changes_expert_id'), ['expert_id'], unique=False)

    op.create_table('expert_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('veto', sa.Enum('undeclared_conflict', 'confidentiality_breach', name='expert_veto', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(trim(note)) > 0', name=op.f('ck_expert_findings_note_given')),
    sa.ForeignKeyConstraint(['expert_id'], ['experts.id'], name=op.f('fk_expert_findings_expert_id_experts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_expert_findings_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_findings'))
    )
    with op.batch_alter_table('expert_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_findings_expert_id'), ['expert_id'], unique=False)

    op.create_table('expert_related_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('client', 'opponent', 'ownership', 'family', name='relation_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('party_name', sa.String(length=120), nullable=False),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('entered_by', sa.Enum('bureau', 'member', name='entered_by', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('entered_by_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('start IS NULL OR "end" IS NULL OR "end" >= start', name=op.f('ck_expert_related_parties_order')),
    sa.ForeignKeyConstraint(['entered_by_user_id'], ['users.id'], name=op.f('fk_expert_related_parties_entered_by_user_id_users')),
    sa.ForeignKeyConstraint(['expert_id'], ['experts.id'], name=op.f('fk_expert_related_parties_expert_id_experts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_related_parties'))
    )
    with op.batch_alter_table('expert_related_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_related_parties_expert_id'), ['expert_id'], unique=False)

    op.create_table('draw_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('record_no', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('draw', 'designation', name='draw_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('drawn_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seed', sa.String(length=64), nullable=True),
    sa.Column('seed_hash', sa.String(length=64), nullable=True),
    sa.Column('snapshot_hash', sa.String(length=64), nullable=False),
    sa.Column('rules_version', sa.String(length=40), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('exclusions', sa.JSON(), nullable=False),
    sa.Column('ranking', sa.JSON(), nullable=False),
    sa.Column('picks', sa.JSON(), nullable=False),
    sa.Column('alternates', sa.JSON(), nullable=False),
    sa.Column('shortfall', sa.String(length=20), nullable=True),
    sa.CheckConstraint("(kind = 'draw') = (seed IS NOT NULL)", name=op.f('ck_draw_records_seed_only_for_draws')),
    sa.CheckConstraint("kind = 'draw' OR length(trim(reason)) > 0", name=op.f('ck_draw_records_designation_has_reason')),
    sa.CheckConstraint('previous_id IS NULL OR length(trim(reason)) > 0', name=op.f('ck_draw_records_redraw_has_reason')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_draw_records_district_id_districts')),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_draw_records_matter_id_matters')),
    sa.ForeignKeyConstraint(['previous_id'], ['draw_records.id'], name=op.f('fk_draw_records_previous_id_draw_records')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_draw_records_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draw_records')),
    sa.UniqueConstraint('record_no', name=op.f('uq_draw_records_record_no'))
    )
    with op.batch_alter_table('draw_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draw_records_matter_id'), ['matter_id'], unique=False)

    op.create_table('matter_drafters',
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['experts.id'], name=op.f('fk_matter_drafters_expert_id_experts')),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_matter_drafters_matter_id_matters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('matter_id', 'expert_id', name=op.f('pk_matter_drafters'))
    )
    op.create_table('matter_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.Enum('counterparty', 'affected', name='party_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_matter_parties_matter_id_matters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_parties')),
    sa.UniqueConstraint('matter_id', 'name', 'role', name='uq_matter_parties_name_role')
    )
    with op.batch_alter_table('matter_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_parties_matter_id'), ['matter_id'], unique=False)

    op.create_table('adviser_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('invited', 'accepted', 'declined', 'conflict_declared', 'lapsed', 'submitted', 'rated', 'withdrawn', name='assignment_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('invited_on', sa.Date(), nullable=False),
    sa.Column('accept_due', sa.Date(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('no_conflict_declared_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_reason', sa.Text(), nullable=False),
    sa.Column('opinion_due', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("state NOT IN ('accepted', 'submitted', 'rated') OR no_conflict_declared_at IS NOT NULL", name=op.f('ck_adviser_assignments_no_conflict_before_work')),
    sa.CheckConstraint("state NOT IN ('declined', 'conflict_declared') OR length(trim(answer_reason)) > 0", name=op.f('ck_adviser_assignments_reason_when_refused')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_adviser_assignments_district_id_districts')),
    sa.ForeignKeyConstraint(['draw_id'], ['draw_records.id'], name=op.f('fk_adviser_assignments_draw_id_draw_records')),
    sa.ForeignKeyConstraint(['expert_id'], ['experts.id'], name=op.f('fk_adviser_assignments_expert_id_experts')),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_adviser_assignments_matter_id_matters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adviser_assignments')),
    sa.UniqueConstraint('draw_id', 'expert_id', name='uq_adviser_assignments_draw_expert')
    )
    with op.batch_alter_table('adviser_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adviser_assignments_draw_id'), ['draw_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_adviser_assignments_expert_id'), ['expert_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_adviser_assignments_matter_id'), ['matter_id'], unique=False)
        batch_op.create_index('ix_adviser_assignments_state_accept_due', ['state', 'accept_due'], unique=False)

    op.create_table('adviser_opinions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', name='adviser_opinion_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('overall', sa.Text(), nullable=False),
    sa.Column('risk_notes', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('written_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("(status = 'submitted') = (submitted_at IS NOT NULL AND submitted_on IS NOT NULL)", name=op.f('ck_adviser_opinions_submitted_with_time')),
    sa.CheckConstraint("status = 'draft' OR length(trim(overall)) > 0", name=op.f('ck_adviser_opinions_overall_when_submitted')),
    sa.ForeignKeyConstraint(['assignment_id'], ['adviser_assignments.id'], name=op.f('fk_adviser_opinions_assignment_id_adviser_assignments')),
    sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_adviser_opinions_written_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adviser_opinions')),
    sa.UniqueConstraint('assignment_id', name=op.f('uq_adviser_opinions_assignment_id'))
    )
    op.create_table('adviser_ratings',
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('timeliness', sa.Integer(), nullable=False),
    sa.Column('quality', sa.Integer(), nullable=False),
    sa.Column('adoption', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('rated_by_id', sa.Integer(), nullable=False),
    sa.Column('rated_on', sa.Date(), nullable=False),
    sa.CheckConstraint('timeliness BETWEEN 0 AND 100 AND quality BETWEEN 0 AND 100 AND adoption BETWEEN 0 AND 100', name=op.f('ck_adviser_ratings_scores_in_range')),
    sa.ForeignKeyConstraint(['assignment_id'], ['adviser_assignments.id'], name=op.f('fk_adviser_ratings_assignment_id_adviser_assignments')),
    sa.ForeignKeyConstraint(['rated_by_id'], ['users.id'], name=op.f('fk_adviser_ratings_rated_by_id_users')),
    sa.PrimaryKeyConstraint('assignment_id', name=op.f('pk_adviser_ratings'))
    )
    op.create_table('adviser_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opinion_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('clause', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['opinion_id'], ['adviser_opinions.id'], name=op.f('fk_adviser_comments_opinion_id_adviser_opinions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['point_id'], ['opinion_points.id'], name=op.f('fk_adviser_comments_point_id_opinion_points'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adviser_comments')),
    sa.UniqueConstraint('opinion_id', 'number', name='uq_adviser_comments_number')
    )
    with op.batch_alter_table('adviser_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adviser_comments_opinion_id'), ['opinion_id'], unique=False)

    _specialties_to_rows()
    with op.batch_alter_table('experts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('firm_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('load_cap', sa.Integer(), nullable=False, server_default='3'))
        batch_op.create_index(batch_op.f('ix_experts_firm_id'), ['firm_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_experts_firm_id_experts'), 'experts', ['firm_id'], ['id'])
        batch_op.create_check_constraint(batch_op.f('ck_experts_load_cap_non_negative'), 'load_cap >= 0')
        batch_op.create_check_constraint(batch_op.f('ck_experts_only_lawyers_in_firms'),
                                         "firm_id IS NULL OR kind = 'lawyer'")
        batch_op.drop_column('specialties')
    with op.batch_alter_table('experts', schema=None) as batch_op:
        batch_op.alter_column('load_cap', server_default=None)


def _specialties_to_rows():
    """Each distinct specialty named in a district's roster becomes a list entry, linked to its members."""
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, district_id, specialties FROM experts")).all()
    ids = {}
    for expert_id, district_id, text in rows:
        for name in dict.fromkeys(n.strip() for n in (text or "").replace(",", "、").split("、") if n.strip()):
            key = (district_id, name[:40])
            if key not in ids:
                conn.execute(sa.text("INSERT INTO specialties (district_id, name, active) VALUES (:d, :n, :a)"),
                             {"d": district_id, "n": key[1], "a": True})
                ids[key] = conn.execute(sa.text("SELECT id FROM specialties WHERE district_id = :d AND name = :n"),
                                        {"d": district_id, "n": key[1]}).scalar_one()
            conn.execute(sa.text("INSERT INTO expert_specialties (expert_id, specialty_id) VALUES (:e, :s)"),
                         {"e": expert_id, "s": ids[key]})


def downgrade():
    with op.batch_alter_table('experts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('specialties', sa.VARCHAR(length=255), nullable=False, server_default=''))
        batch_op.drop_constraint(batch_op.f('ck_experts_only_lawyers_in_firms'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_experts_load_cap_non_negative'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_experts_firm_id_experts'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_experts_firm_id'))
        batch_op.drop_column('load_cap')
        batch_op.drop_column('firm_id')

    with op.batch_alter_table('adviser_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adviser_comments_opinion_id'))

    op.drop_table('adviser_comments')
    op.drop_table('adviser_ratings')
    op.drop_table('adviser_opinions')
    with op.batch_alter_table('adviser_assignments', schema=None) as batch_op:
        batch_op.drop_index('ix_adviser_assignments_state_accept_due')
        batch_op.drop_index(batch_op.f('ix_adviser_assignments_matter_id'))
        batch_op.drop_index(batch_op.f('ix_adviser_assignments_expert_id'))
        batch_op.drop_index(batch_op.f('ix_adviser_assignments_draw_id'))

    op.drop_table('adviser_assignments')
    with op.batch_alter_table('matter_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_parties_matter_id'))

    op.drop_table('matter_parties')
    op.drop_table('matter_drafters')
    with op.batch_alter_table('draw_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draw_records_matter_id'))

    op.drop_table('draw_records')
    with op.batch_alter_table('expert_related_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_related_parties_expert_id'))

    op.drop_table('expert_related_parties')
    with op.batch_alter_table('expert_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_findings_expert_id'))

    op.drop_table('expert_findings')
    with op.batch_alter_table('expert_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_changes_expert_id'))

    op.drop_table('expert_changes')
    op.drop_table('expert_specialties')
    op.drop_table('specialties')
