"""Matter lists at province scale: 1,000,000 matters in PostgreSQL, timed through the app's own query code.

Every figure is a ratio to a floor measured in the same run (the first page of the unfiltered list), so the
result does not depend on how fast this machine is. Usage:
    .venv/bin/python bench/matter_list.py [--rows 1000000] [--keep]
It creates and (unless --keep) drops its own database next to TEST_DATABASE_URL's.
"""
import argparse
import statistics
import time
from datetime import date

import sqlalchemy as sa

from scratch import scratch_database


def timed(fn, repeat=15):
    fn()  # warm the cache: we measure queries, not disk
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def populate(rows: int) -> None:
    """Fill with a realistic mix: 4 categories, ~10 departments, every status, due dates across a year."""
    from review_app.extensions import db
    statuses = ["draft", "department_review", "decision_pending", "bureau_review", "opinion_drafted", "issued",
                "answered", "closed", "closed", "closed"]
    db.session.execute(sa.text(f"""
        INSERT INTO matters (district_id, category, title, summary, legal_basis, counterparties, contact_name,
                             contact_phone,
                             department_id, created_by_id, status, signed_off, too_close, created_at, updated_at,
                             version, submitted_on, sent_on, due_on, clock_started_on, period_days)
        SELECT 1, (ARRAY['major_decision','normative_document','agreement','opinion_request'])[1 + g % 4],
               '事项 ' || g, '', '', '', '', '', 1 + g % 10, 1,
               (ARRAY{statuses!r})[1 + (g / 7) % 10],
               (ARRAY{statuses!r})[1 + (g / 7) % 10] IN ('issued','answered','closed'),
               false, now(), now(), 1,
               DATE '2024-01-01' + (g % 700),
               CASE WHEN (g / 7) % 10 < 2 THEN NULL ELSE DATE '2024-01-01' + (g % 700) END,
               DATE '2024-01-10' + (g % 700), DATE '2024-01-01' + (g % 700), 7
        FROM generate_series(1, {rows}) AS g"""))
    db.session.commit()
    db.session.execute(sa.text("ANALYZE matters"))
    db.session.commit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    with scratch_database(keep=args.keep) as url:
        run(url, args.rows)


def run(url: str, rows: int) -> None:
    from review_app import create_app
    from review_app.extensions import db
    from review_app.home.tasks import tasks_for
    from review_app.matters.queries import MatterFilter, search
    from review_app.models import District, Matter, Organisation, OrgKind, User, UserRole
    from workflows.review import Category
    from workflows.roles import Role

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.test_request_context():
        db.create_all()
        db.session.add(District(code="520000", name="示范区", opinion_prefix="示司审", supervision_prefix="示司督"))
        db.session.flush()
        for i in range(10):
            db.session.add(Organisation(district_id=1, name=f"部门{i}", short_name=f"部门{i}",
                                        kind=OrgKind.department))
        db.session.add(Organisation(district_id=1, name="司法局", short_name="司法局", kind=OrgKind.justice_bureau))
        db.session.flush()
        reviewer = User(username="bench", display_name="bench", organisation_id=11, password_hash="x",
                        role_rows=[UserRole(role=Role.bureau_reviewer)])
        clerk = User(username="clerk", display_name="clerk", organisation_id=3, password_hash="x",
                     role_rows=[UserRole(role=Role.submitter)])
        db.session.add_all([reviewer, clerk])
        db.session.commit()
        t = time.perf_counter()
        populate(rows)
        print(f"populated {rows:,} matters in {time.perf_counter() - t:.1f}s")
        today = date(2025, 6, 1)
        deep_id = db.session.scalar(sa.select(Matter.id).order_by(Matter.id).offset(rows // 20).limit(1))

        def page(user, **kw):
            return lambda: search(user, MatterFilter(**kw), today)

        def offset_deep():
            db.session.scalars(sa.select(Matter).order_by(Matter.id.desc()).offset(rows - rows // 20).limit(31)).all()

        floor = timed(page(reviewer))
        cases = {
            "keyset: a page 95% of the way down the list": page(reviewer, before=deep_id),
            "department clerk, first page": page(clerk),
            "department clerk, page near the end": page(clerk, before=deep_id),
            "filter by category, first page": page(reviewer, category=Category.agreement,
                                                         stage=None),
            "overdue only, first page": page(reviewer, overdue=True),
            "title search '事项 99999'": page(reviewer, q="事项 99999"),
            "home page task groups (counts + top 20)": lambda: tasks_for(reviewer),
            "for contrast: OFFSET to the same deep page": offset_deep,
        }
        print(f"floor (first page, bureau reviewer): {floor * 1000:.2f} ms")
        print("| case | ratio to floor |")
        print("| --- | ---: |")
        for label, fn in cases.items():
            print(f"| {label} | {timed(fn) / floor:.1f} |")


if __name__ == "__main__":
    main()
