"""The reminder sweep (the `reminders` job, every reminder) over a million open stages, against a floor measured
in the same run: one read of the open stages (their count by due date).

A province of 100 districts from `flask bench seed` (its organisations and people, and a few thousand matters),
then N more matters with a running review period copied from its open ones, due from 5 calendar days ago to 40
days ahead (so about one in nine overdue, escalated to the directors, and one in forty-six due the next working
day, reminded to the people holding it). The sweep runs as the worker runs it (`send_reminders`, which commits
and then enqueues the delivery jobs on Redis), first on the fresh data (every reminder stored) and then again
(nothing new: every key already stored).

    .venv/bin/python bench/reminders.py [--open 1000000]
It creates and drops its own database next to TEST_DATABASE_URL's, and runs a redis-server of its own.
"""
import argparse
import subprocess
import time

import sqlalchemy as sa

from scratch import REDIS_PORT, REDIS_URL, scratch


def add_open_stages(n: int, today) -> None:
    """n matters copied from the seeded ones whose review clock runs, each with a due date of its own."""
    from review_app.extensions import db
    from workflows.review import CLOCK_RUNNING
    running = ", ".join(f"'{s.value}'" for s in CLOCK_RUNNING)
    columns = [c.name for c in db.metadata.tables["matters"].columns if c.name not in ("id", "title", "due_on")]
    db.session.execute(sa.text("DROP INDEX IF EXISTS ix_matters_title_trgm"))  # not read here; slow to fill
    db.session.execute(sa.text(
        f"CREATE TEMP TABLE templates AS SELECT row_number() OVER (ORDER BY id) - 1 AS rn, * FROM matters "
        f"WHERE status IN ({running}) AND due_on IS NOT NULL"))
    templates = db.session.scalar(sa.text("SELECT count(*) FROM templates"))
    db.session.execute(sa.text(
        f"INSERT INTO matters (title, due_on, {', '.join(columns)}) "
        f"SELECT t.title || '（' || g || '）', DATE '{today.isoformat()}' + (g % 46) - 5, "
        f"{', '.join('t.' + c for c in columns)} "
        f"FROM generate_series(1, {n}) AS g JOIN templates t ON t.rn = g % {templates}"))
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(sa.text("VACUUM ANALYZE matters"))


def floor(running) -> float:
    """The open stages read once: their count per due date."""
    from review_app.extensions import db
    from review_app.models import Matter
    started = time.perf_counter()
    db.session.execute(sa.select(Matter.due_on, sa.func.count()).where(Matter.status.in_(running))
                       .group_by(Matter.due_on)).all()
    seconds = time.perf_counter() - started
    db.session.rollback()
    return seconds


def sweep() -> tuple[float, dict]:
    from review_app.extensions import db
    from review_app.reminders.jobs import send_reminders
    started = time.perf_counter()
    stored = send_reminders()
    seconds = time.perf_counter() - started
    db.session.remove()
    return seconds, stored


def run(url: str, args, tmp: str) -> None:
    from review_app import create_app, rules
    from review_app.bench_seed import seed
    from review_app.extensions import db
    from review_app.matters.materials import seed_materials
    from review_app.models import Delivery, Matter
    from workflows.review import CLOCK_RUNNING

    config = {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "REDIS_URL": REDIS_URL,
              "MAIL_DIR": f"{tmp}/mail", "UPLOAD_DIR": f"{tmp}/files", "AUDIT_KEY": "bench-" + "0" * 32,
              "AUDIT_CHECKPOINT_DIR": f"{tmp}/checkpoints"}
    app = create_app(config)
    with app.app_context():
        db.session.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        db.session.commit()
        db.create_all()
        seed_materials(db.session)
        db.session.commit()
        today = rules.today()
        started = time.perf_counter()
        seed(args.seed_matters, 100, today, echo=lambda *_: None)
        add_open_stages(args.open, today)
        running = CLOCK_RUNNING
        open_stages = db.session.scalar(sa.select(sa.func.count()).where(
            Matter.status.in_(running), Matter.due_on.is_not(None)))
        late = db.session.scalar(sa.select(sa.func.count()).where(
            Matter.status.in_(running), Matter.due_on < today))
        db.session.remove()
        print(f"{open_stages:,} open stages ({late:,} overdue), seeded in {time.perf_counter() - started:.0f} s")
        rows = []
        for label in ("first (every reminder stored)", "again (nothing new)"):
            base = min(floor(running) for _ in range(3))
            seconds, stored = sweep()
            rows.append((label, sum(stored.values()), seconds, base))
            print(f"{label}: {stored}")
        deliveries = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery))
        db.session.remove()
    jobs = int(subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "llen", "rq:queue:notifications"],
                              capture_output=True, text=True).stdout or 0)
    print(f"{deliveries:,} deliveries stored, {jobs:,} delivery jobs queued")
    print("| sweep | notifications stored | seconds | floor (s) | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, stored, seconds, base in rows:
        print(f"| {label} | {stored:,} | {seconds:.1f} | {base:.2f} | {seconds / base:.0f} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=1_000_000, help="open stages added to the seed")
    parser.add_argument("--seed-matters", type=int, default=5_000)
    args = parser.parse_args()
    with scratch() as (url, tmp):
        run(url, args, tmp)


if __name__ == "__main__":
    main()
