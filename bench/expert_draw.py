"""One draw of legal advisers at scale: 2,000 pool members, 100,000 past assignments and 20,000 related
parties in PostgreSQL, timed through the app's own operation
(review_app.experts_pool.operations.draw_advisers).

The figure is a ratio to a floor measured in the same run: a single indexed lookup (one member by its licence
number, through the unique index), so the result does not depend on how fast this machine is. The phases of
the draw are timed too, to show where the time goes. Usage:
    .venv/bin/python bench/expert_draw.py [--members 2000] [--assignments 100000] [--related 20000] [--keep]
It creates and (unless --keep) drops its own database next to TEST_DATABASE_URL's. With BENCH_PROFILE=1 it
also prints a profile of one whole draw.
"""
import argparse
import os
import statistics
import time
from datetime import date

import sqlalchemy as sa

from scratch import scratch_database

TODAY = date(2026, 11, 25)


def timed(fn, repeat=7):
    fn()  # warm the caches: we measure the work, not the disk
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def populate(district_id: int, dept_id: int, user_id: int, members: int, assignments: int,
             related: int) -> int:
    """The pool, past matters with their draws and assignments, the registers; returns the matter to draw
    for."""
    from review_app.extensions import db
    x = db.session.execute
    specialties = ["行政法", "土地与房屋征收", "政府合同", "规范性文件审查", "行政诉讼", "城乡规划", "生态环境", "金融与财税"]
    for name in specialties:
        x(sa.text("INSERT INTO specialties (district_id, name, active) VALUES (:d, :n, true)"),
          {"d": district_id, "n": name})
    firms = members // 10
    # Members: every tenth a firm; lawyers belong to a firm; 2% suspended, 1% exited, 1% out of term.
    x(sa.text("""
        INSERT INTO experts (district_id, kind, name, firm_id, licence_no, term_start, term_end, status,
                             load_cap, created_at, version)
        SELECT :d, CASE WHEN g <= :firms THEN 'firm' ELSE 'lawyer' END, '成员' || g,
               CASE WHEN g > :firms THEN 1 + g % :firms END, 'LIC-' || g,
               DATE '2025-01-01', CASE WHEN g % 100 = 7 THEN DATE '2025-12-31' ELSE DATE '2027-12-31' END,
               CASE WHEN g % 50 = 3 THEN 'suspended' WHEN g % 100 = 5 THEN 'exited' ELSE 'active' END,
               3, now(), 1
        FROM generate_series(1, :n) AS g"""), {"d": district_id, "n": members, "firms": firms})
    x(sa.text("""INSERT INTO expert_specialties (expert_id, specialty_id)
                 SELECT e.id, s.id FROM experts e JOIN specialties s ON s.id = 1 + e.id % 8"""))
    # Past matters, one draw record each, and the assignments that followed (about 2% still open).
    past = max(1, assignments // 100)
    x(sa.text("""
        INSERT INTO matters (district_id, category, title, summary, legal_basis, counterparties, contact_name,
                             contact_phone, department_id, created_by_id, status, signed_off, too_close,
                             created_at, updated_at, version)
        SELECT :d, 'agreement', '往年事项 ' || g, '', '', '', '', '', :dept, :u, 'closed', true, false, now(),
               now(), 1
        FROM generate_series(1, :n) AS g"""), {"d": district_id, "dept": dept_id, "u": user_id, "n": past})
    x(sa.text("""
        INSERT INTO draw_records (district_id, matter_id, record_no, kind, reason, requested_by_id, drawn_at,
                                  seed, seed_hash, snapshot_hash, rules_version, snapshot, exclusions,
                                  ranking, picks, alternates)
        SELECT :d, m.id, 'PAST-' || m.id, 'draw', '', :u, now(), repeat('0', 64), '0', '0', 'v', '{}', '[]',
               '[]', '[]', '[]'
        FROM matters m"""), {"d": district_id, "u": user_id})
    x(sa.text("""
        INSERT INTO adviser_assignments (district_id, matter_id, expert_id, draw_id, state, invited_on,
                                         accept_due, answer_reason, no_conflict_declared_at, created_at,
                                         version)
        SELECT :d, r.matter_id, 1 + (r.id * 97 + k) % :members, r.id,
               CASE WHEN (r.id + k) % 50 = 0 THEN 'accepted'
                    ELSE (ARRAY['rated','rated','submitted','declined','lapsed','rated','rated','rated'])
                         [1 + (r.id + k) % 8] END,
               DATE '2024-01-01' + (r.id + k) % 690, DATE '2024-01-03' + (r.id + k) % 690, 'x', now(),
               now(), 1
        FROM draw_records r CROSS JOIN generate_series(0, :per - 1) AS k"""),
      {"d": district_id, "members": members, "per": assignments // past})
    # Related parties: ten per member on average, a handful naming the matter's counterparty in other forms.
    x(sa.text("""
        INSERT INTO expert_related_parties (expert_id, kind, party_name, start, "end", entered_by, created_at)
        SELECT 1 + g % :members, (ARRAY['client','opponent','ownership','family'])[1 + g % 4],
               CASE WHEN g % 4000 = 0 THEN '贵州青山农业发展 有限责任公司' ELSE '关联公司' || g || '有限公司' END,
               DATE '2019-01-01' + g % 1500,
               CASE WHEN g % 3 = 0 THEN NULL ELSE DATE '2021-01-01' + g % 1500 END,
               'bureau', now()
        FROM generate_series(1, :n) AS g"""), {"members": members, "n": related})
    matter_id = x(sa.text("""
        INSERT INTO matters (district_id, category, title, summary, legal_basis, counterparties, contact_name,
                             contact_phone, department_id, created_by_id, reviewer_id, status, signed_off,
                             too_close, submitted_on, sent_on, clock_started_on, period_days, due_on,
                             created_at, updated_at, version)
        VALUES (:d, 'agreement', '青山镇农贸市场改造项目合作协议', '', '', '贵州青山农业发展有限公司', '', '', :dept, :u,
                :u, 'bureau_review', false, false, :today, :today, :today, 5, :today, now(), now(), 1)
        RETURNING id"""), {"d": district_id, "dept": dept_id, "u": user_id, "today": TODAY}).scalar_one()
    x(sa.text("INSERT INTO matter_parties (matter_id, name, role) VALUES (:m, '贵州青山农业发展有限公司', "
              "'counterparty'), (:m, '青山镇农贸市场经营户', 'affected')"), {"m": matter_id})
    db.session.commit()
    for table in ("experts", "adviser_assignments", "expert_related_parties", "matters", "draw_records"):
        x(sa.text(f"ANALYZE {table}"))
    db.session.commit()
    return matter_id


def run(url: str, members: int, assignments: int, related: int) -> None:
    from experts import draw as rules_draw
    from experts.verify_draw import DrawRequest, RecordKind
    from review_app import create_app, rules
    from review_app.admin.operations import create_district, create_organisation
    from review_app.experts_pool import operations as ops
    from review_app.experts_pool import snapshot
    from review_app.extensions import db
    from review_app.models import Matter, OrgKind, User, UserRole
    from workflows.roles import Role

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "REDIS_URL": None,
                      "AUDIT_KEY": "bench-audit-key-" + "0" * 32})
    rules.today = lambda: TODAY
    with app.test_request_context():
        db.create_all()
        district = create_district(None, "000001", "示范区", "示司审", "示司督")
        dept = create_organisation(None, district, "区住建局", "住建局", OrgKind.department)
        bureau = create_organisation(None, district, "区司法局", "司法局", OrgKind.justice_bureau)
        reviewer = User(username="bench", display_name="bench", organisation_id=bureau.id, password_hash="x",
                        role_rows=[UserRole(role=Role.bureau_reviewer)])
        db.session.add(reviewer)
        db.session.commit()
        t = time.perf_counter()
        matter_id = populate(district.id, dept.id, reviewer.id, members, assignments, related)
        print(f"populated {members:,} members, {assignments:,} past assignments, {related:,} related parties "
              f"in {time.perf_counter() - t:.1f}s")
        matter = db.session.get(Matter, matter_id)

        def lookup():
            db.session.execute(sa.text("SELECT id, name, status FROM experts WHERE district_id = :d AND "
                                       "licence_no = :no"),
                               {"d": district.id, "no": f"LIC-{members // 2}"}).one()

        def inputs():
            return ops._snapshot_inputs(matter)

        loaded = inputs()
        request = DrawRequest("BENCH-1", RecordKind.draw, matter_id, TODAY, 2, "bench")

        def compute():
            rules_draw.draw(request, *loaded)

        def whole_draw():
            savepoint = db.session.begin_nested()
            ops.draw_advisers(reviewer, matter, 2)
            savepoint.rollback()

        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats
            cProfile.runctx("whole_draw()", globals(), locals(), "/tmp/draw.prof")
            pstats.Stats("/tmp/draw.prof").sort_stats("cumulative").print_stats(35)

        floor = timed(lookup, repeat=51)
        record = rules_draw.draw(request, *loaded)
        print(f"snapshot: {len(loaded[0]):,} members, {len(loaded[1]):,} related parties; "
              f"{len(record.exclusions)} exclusions, {len(record.ranking):,} ranked, "
              f"{len(record.dumps()) / 1e6:.1f} MB of record")
        print(f"floor (one member by licence number, unique index): {floor * 1000:.3f} ms")
        print("| case | ms | ratio to floor |")
        print("| --- | ---: | ---: |")
        for label, fn in (("read the snapshot's rows (members, loads, last assignments, registers)", inputs),
                          ("compute the record from them (filters, conflicts, ranking, canonical JSON, "
                           "hashes)",
                           compute),
                          ("the whole draw: read, compute, store the record, audit, invite, request_advisers",
                           whole_draw),
                          ("for scale: open loads alone (GROUP BY over the assignments)",
                           lambda: snapshot.open_loads(district.id)),
                          ("for scale: every related party's row read once, raw SQL",
                           lambda: db.session.execute(sa.text(
                               "SELECT id, expert_id, kind, party_name, start, \"end\", entered_by "
                               "FROM expert_related_parties")).all())):
            ms = timed(fn)
            print(f"| {label} | {ms * 1000:.1f} | {ms / floor:.0f} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--related", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    with scratch_database(keep=args.keep) as url:
        run(url, args.members, args.assignments, args.related)


if __name__ == "__main__":
    main()
