"""`flask bench seed --matters 1000000`: a province of synthetic data in PostgreSQL, for the benchmarks.

100 districts, each with its organisations and people; matters at every stage with their documents'
metadata, clock pauses and extensions, opinions with points and answers, decisions (and a few decisions never
reviewed), notifications, the audit trail, the demolition ledger, the expert pool with its draws, assignments,
opinions and ratings, risk assessments, and the litigation records (lawsuits with hearings and loss reports,
reconsideration cases, dispute-centre cases). Rows go in with COPY, a slice of matters
at a time; ids are assigned here and the sequences set after, and every table is analysed at the end.

One function per table family (FAMILIES below): another capability's tables join the seed by adding a
function that takes (ctx, plans, batch) for matter-driven rows, or (ctx, district, batch, matters) for rows
kept per district, and appending it to MATTER_FAMILIES or DISTRICT_FAMILIES.
"""
import time
from datetime import date

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from ..extensions import db
from .advisers import advisers_family
from .copy import Batch
from .districts import administration_family, demolition_family
from .pipeline import (audit_family, decisions_family, documents_family, matters_family, notifications_family,
                       opinions_family, plan_matters)
from .litigation import litigation_family, risk_family
from .province import PASSWORD, Context, seed_province

bench_cli = AppGroup("bench", help="性能测试数据")

# Order matters where one family reads what an earlier one decided (the audit trail gives each matter its
# version; documents give the answers their revised draft).
# risk_family notes the closed matters litigation_family's suits may challenge.
MATTER_FAMILIES = [audit_family, matters_family, documents_family, opinions_family, decisions_family,
                   notifications_family, advisers_family, risk_family]
DISTRICT_FAMILIES = [demolition_family, administration_family, litigation_family]
SLICE = 20_000


def _material_kinds() -> dict:
    rows = db.session.execute(sa.text(
        "SELECT category, id, is_draft FROM material_kinds WHERE required AND active ORDER BY sort, id"
    )).all()
    kinds: dict = {}
    for category, kind_id, is_draft in rows:
        draft, others = kinds.get(category, (None, []))
        if is_draft and draft is None:
            draft = kind_id
        else:
            others.append(kind_id)
        kinds[category] = (draft, others)
    return {c: (draft or others[0], [k for k in others if k != (draft or others[0])]) for c, (draft, others)
            in kinds.items()}


def _audit_events(ctx: Context, batch: Batch) -> None:
    """The trail in time order, chained (each prev_hash the previous hash) so the app appends after it; the
    hashes are stand-ins, not event hashes, so `flask audit verify` does not vouch for seeded data."""
    ctx.audit.sort(key=lambda e: e[0])
    first = ctx.ids("audit_events", len(ctx.audit))
    cols = ("id", "at", "actor_id", "actor_name", "district_id", "ip", "action", "object_type", "object_id",
            "before", "after", "prev_hash", "hash", "mac")
    for i, (at, actor, name, district, action, otype, oid, after) in enumerate(ctx.audit):
        eid = first + i
        batch.add("audit_events", cols, (eid, at, actor, name, district, None, action, otype, oid, None,
                                         after, f"{eid - 1:064x}", f"{eid:064x}", None))
    last = first + len(ctx.audit) - 1
    batch.add("audit_head", ("id", "last_id", "last_hash", "count", "legacy", "mac"),
              (1, last, f"{last:064x}", len(ctx.audit), len(ctx.audit), None))


def seed(matters: int, districts: int, today: date, echo=click.echo, seed_value: int = 2026) -> dict:
    """Fill an empty, migrated PostgreSQL database; returns rows written per table."""
    import random
    from ..auth.passwords import hash_password
    if db.engine.dialect.name != "postgresql":
        raise click.ClickException("bench seed 只用于 PostgreSQL 数据库")
    if db.session.scalar(sa.text("SELECT count(*) FROM districts")):
        raise click.ClickException("数据库不是空的：bench seed 只写入新建并已迁移的数据库")
    ctx = Context(today=today, rng=random.Random(seed_value), password_hash=hash_password(PASSWORD))
    ctx.material_kinds = _material_kinds()
    started = time.perf_counter()
    conn = db.session.connection().connection.driver_connection
    batch = Batch()
    seed_province(ctx, districts, batch)
    batch.flush(conn)
    plans = plan_matters(ctx, matters)
    echo(f"planned {len(plans):,} matters in {time.perf_counter() - started:.0f}s")
    written = 0
    for start in range(0, len(plans), SLICE):
        chunk = plans[start:start + SLICE]
        for family in MATTER_FAMILIES:
            family(ctx, chunk, batch)
        written += batch.flush(conn)
        echo(f"  {start + len(chunk):,} matters, {written:,} rows, {time.perf_counter() - started:.0f}s")
    per_district = matters // districts
    for d in ctx.districts:
        for family in DISTRICT_FAMILIES:
            family(ctx, d, batch, per_district)
    _audit_events(ctx, batch)
    written += batch.flush(conn)
    counters = ", ".join(f"({d}, {y}, {n})" for (d, y), n in ctx.opinion_counters.items())
    if counters:
        db.session.execute(sa.text(
            f"INSERT INTO opinion_counters (district_id, year, last) VALUES {counters}"))
    for table, next_id in ctx.next_ids.items():
        db.session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {max(next_id - 1, 1)})"))
    db.session.commit()
    echo(f"wrote {written:,} rows in {time.perf_counter() - started:.0f}s; analysing")
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(sa.text("VACUUM ANALYZE"))
    return {table: n - 1 for table, n in ctx.next_ids.items()}


@bench_cli.command("seed")
@click.option("--matters", type=int, default=10_000, show_default=True, help="审核事项数")
@click.option("--districts", type=int, default=100, show_default=True, help="行政区数")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="数据截止日期（默认今天）")
def seed_command(matters, districts, today):
    """向新建并已迁移的 PostgreSQL 数据库写入一个省的模拟数据（全部账号密码见 bench/README.md）。"""
    from .. import rules
    counts = seed(matters, districts, today.date() if today else rules.today())
    click.echo(", ".join(f"{table} {n:,}" for table, n in counts.items()))
    click.echo(f"账号如 d001_reviewer1、d001_officer1、d001_dept01_clerk1，密码 {PASSWORD}")
