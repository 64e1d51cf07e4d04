"""Every page a user works from, through HTTP with gunicorn on PostgreSQL, as ratios to a floor measured in
the same run: an authenticated API read of one row by primary key (a document's metadata).

Against a database that `flask bench seed` filled (it is only read, apart from logins and sessions):
    .venv/bin/python bench/pages.py --database bench_province [--code-dir DIR] [--label after]
--code-dir serves another checkout of the app (say the commit before a change) with this virtualenv.
One client gives each page's median and 95th percentile, each request of the page followed by one of the
floor, so the ratio compares the two under the same load (the machine is shared); wrk (when installed) then
gives requests per second with many clients; last, the resident memory of each web worker.
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
# review_app.bench_seed.province.PASSWORD, not imported: the app measured (--code-dir) may be one without it.
PASSWORD = "bench-password-2026"
DISTRICT = 50  # the district whose people are measured: one in the middle of the province


def database_url(name: str) -> str:
    return sa.engine.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)


class Server:
    """gunicorn serving the app from `code_dir` on the bench database; stopped on exit."""

    def __init__(self, url: str, code_dir: Path, port: int, workers: int, threads: int):
        self.base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "FLASK_APP")}
        env.update(DATABASE_URL=url, SECRET_KEY="bench-secret", AUDIT_KEY="bench-audit-key-" + "0" * 24,
                   PYTHONPATH=str(code_dir), REVIEW_ENV="development")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--threads", str(threads), "--log-level", "warning", "review_app:create_app()"],
            cwd=code_dir, env=env)
        for _ in range(120):
            try:
                if requests.get(self.base + "/healthz", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not start")

    def worker_rss_mib(self) -> list[float]:
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        out = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            out.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return out

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


def login(base: str, username: str) -> requests.Session:
    s = requests.Session()
    page = s.get(base + "/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    r = s.post(base + "/login", data={"csrf_token": token, "username": username, "password": PASSWORD})
    if "/login" in r.url:
        raise RuntimeError(f"login refused for {username}")
    return s


def api_token(conn, username: str) -> str:
    """A bearer token for `username`, stored as the app stores tokens (sha256 of the text)."""
    import hashlib
    text = "bench-" + username
    conn.execute("DELETE FROM api_tokens WHERE name = 'bench'")
    conn.execute("""INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at)
                    SELECT id, 'bench', %s, %s, now() FROM users WHERE username = %s""",
                 (text[:10], hashlib.sha256(text.encode()).hexdigest(), username))
    return text


def targets(conn) -> dict:
    """The rows the pages are asked about, chosen from the seeded data of the measured district."""
    one = lambda sql, *args: conn.execute(sql, args).fetchone()  # noqa: E731
    d = one("SELECT id FROM districts WHERE code = %s", f"52{DISTRICT:04d}")[0]
    clerk = one("""SELECT u.username FROM users u JOIN organisations o ON o.id = u.organisation_id
                   LEFT JOIN matters m ON m.created_by_id = u.id
                                      AND m.status IN ('draft', 'awaiting_supplement', 'issued')
                   WHERE o.district_id = %s AND u.username LIKE '%%dept%%clerk%%'
                   GROUP BY u.username ORDER BY count(DISTINCT m.status) DESC, count(m.id) DESC, u.username
                   LIMIT 1""", d)[0]  # the clerk with work in most of the three groups (all three at scale)
    old = one("""SELECT id FROM matters WHERE district_id = %s AND status = 'closed' ORDER BY clock_started_on
                 LIMIT 1""", d)[0]
    current = one("""SELECT m.id FROM matters m JOIN users u ON u.id = m.reviewer_id
                     WHERE m.district_id = %s AND m.status = 'bureau_review' AND u.username LIKE '%%reviewer1'
                     ORDER BY m.id LIMIT 1""", d)[0]
    title = one("""SELECT title FROM matters WHERE district_id = %s AND category = 'agreement'
                   ORDER BY id LIMIT 1""", d)[0]
    rare = title[:title.index("项目")]  # a place and a project, e.g. 青龙湾棚户区改造
    total = one("SELECT count(*) FROM matters WHERE district_id = %s", d)[0]
    deep = one("SELECT id FROM matters WHERE district_id = %s ORDER BY id DESC OFFSET %s LIMIT 1",
               d, total * 95 // 100)[0]
    decisions = one("SELECT count(*) FROM decisions WHERE district_id = %s", d)[0]
    deep_decision = one("""SELECT meeting_date, id FROM decisions WHERE district_id = %s
                           ORDER BY meeting_date DESC, id DESC OFFSET %s LIMIT 1""", d, decisions * 95 // 100)
    admin = one("SELECT id FROM users WHERE username = %s", f"d{DISTRICT:03d}_admin")[0]
    department = one("""SELECT department_id FROM matters WHERE district_id = %s GROUP BY department_id
                        ORDER BY department_id LIMIT 1""", d)[0]
    document = one("""SELECT doc.id FROM documents doc WHERE doc.matter_id = %s ORDER BY doc.id LIMIT 1""",
                   current)[0]
    return dict(clerk=clerk, old=old, current=current, rare=rare, deep=deep, admin=admin,
                department=department, decision_page=decisions * 95 // 100 // 50 + 1,
                deep_decision=deep_decision, document=document)


def cases(t: dict) -> list[tuple[str, str, str]]:
    """(label, who, path): who is reviewer, officer, clerk or api (the reviewer's bearer token)."""
    date, did = t["deep_decision"]
    deep_decisions = urlencode({"page": t["decision_page"], "after": f"{date.isoformat()}.{did}"})
    return [
        ("floor: one row by primary key (API document metadata)", "api",
         f"/api/v1/documents/{t['document']}"),
        ("home page (my tasks), bureau reviewer", "reviewer", "/"),
        ("home page (my tasks), decision body", "officer", "/"),
        ("home page (my tasks), department clerk", "clerk", "/"),
        ("matter list, first page", "reviewer", "/matters/"),
        ("matter list, keyset page 95% down", "reviewer", f"/matters/?before={t['deep']}"),
        ("matter list, category", "reviewer", "/matters/?category=agreement"),
        ("matter list, stage", "reviewer", "/matters/?stage=bureau"),
        ("matter list, status", "reviewer", "/matters/?status=bureau_review"),
        ("matter list, department", "reviewer", f"/matters/?department_id={t['department']}"),
        ("matter list, submitted between", "reviewer", "/matters/?from=2024-01-01&to=2024-03-31"),
        ("matter list, overdue", "reviewer", "/matters/?overdue=1"),
        ("matter list, late filing", "reviewer", "/matters/?late_filing=1"),
        ("matter list, clerk's department", "clerk", "/matters/"),
        (f"title search, rare ('{t['rare']}')", "reviewer", "/matters/?" + urlencode({"q": t["rare"]})),
        ("title search, common ('管理办法')", "reviewer", "/matters/?" + urlencode({"q": "管理办法"})),
        ("matter page, under review", "reviewer", f"/matters/{t['current']}"),
        ("matter page, closed years ago", "reviewer", f"/matters/{t['old']}"),
        ("decision register, first page", "officer", "/decisions/"),
        ("decision register, page 95% down", "officer", "/decisions/?" + deep_decisions),
        ("audit log, first page", "director", "/audit/"),
        ("audit log, rare action", "director", "/audit/?action=user.password_reset"),
        ("audit log, rare actor", "director", f"/audit/?actor={t['admin']}"),
        ("audit log, action group", "director", "/audit/?action=opinion."),
        ("board as opened (every year)", "director", "/board/"),
        ("board, a quarter of agreements", "director", "/board/?year=2025&quarter=2&category=agreement"),
        ("board, drill-down: unreviewed decisions", "director", "/board/list/decisions?year=2025&reviewed=0"),
        ("board, a department's own", "clerk", "/board/"),
        ("annual summary (.docx)", "director", "/board/summary.docx?year=2025"),
        ("API board figures", "api", "/api/v1/board?year=2025"),
        ("API matter list", "api", "/api/v1/matters"),
        ("API matter list, title search", "api", "/api/v1/matters?" + urlencode({"q": t["rare"]})),
    ]


def _timed(get, path: str) -> float:
    t = time.perf_counter()
    r = get(path)
    if r.status_code != 200:
        raise RuntimeError(f"{path}: {r.status_code}")
    return (time.perf_counter() - t) * 1000


def sample(get, path: str, floor_get, floor_path: str, n: int) -> tuple[list[float], list[float]]:
    """n timings of the page and n of the floor, taken in turn after three unmeasured requests of each."""
    for _ in range(3):
        _timed(get, path), _timed(floor_get, floor_path)
    page, floor = [], []
    for _ in range(n):
        page.append(_timed(get, path))
        floor.append(_timed(floor_get, floor_path))
    return page, floor


def wrk(base: str, path: str, header: str, seconds: int, connections: int) -> float | None:
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-H", header, base + path],
                         capture_output=True, text=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return float(m.group(1)) if m else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--code-dir", type=Path, default=ROOT)
    parser.add_argument("--label", default="")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=5077)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` stops gunicorn
    url = database_url(args.database)
    with psycopg.connect(url, autocommit=True) as conn:
        t = targets(conn)
        token = api_token(conn, f"d{DISTRICT:03d}_reviewer1")
        matters = conn.execute("SELECT count(*) FROM matters").fetchone()[0]
    server = Server(url, args.code_dir, args.port, workers=2, threads=4)
    try:
        who = {"reviewer": f"d{DISTRICT:03d}_reviewer1", "officer": f"d{DISTRICT:03d}_officer1",
               "clerk": t["clerk"], "director": f"d{DISTRICT:03d}_director"}
        sessions = {k: login(server.base, v) for k, v in who.items()}
        api = requests.Session()
        api.headers["Authorization"] = f"Bearer {token}"
        sessions["api"] = api
        results = []
        floor_label, _api, floor_path = cases(t)[0]
        floor_get = lambda p: api.get(server.base + p)  # noqa: E731
        for label, user, path in cases(t):
            s = sessions[user]
            samples, floors = sample(lambda p: s.get(server.base + p, allow_redirects=False), path, floor_get,
                                     floor_path, args.requests)
            median, floor = statistics.median(samples), statistics.median(floors)
            p95 = sorted(samples)[int(len(samples) * 0.95) - 1]
            results.append(dict(label=label, path=path, median_ms=median, p95_ms=p95, floor_ms=floor,
                                ratio=median / floor))
            print(f"{label:55s} {median:8.1f} ms  p95 {p95:8.1f}  floor {floor:6.1f}  x{median / floor:6.1f}",
                  flush=True)
        # Many clients: the floor, then the pages people open most.
        throughput = {}
        busy = ("title search, rare", "matter page, under")
        for label, user, path in cases(t)[:2] + [c for c in cases(t) if c[0].startswith(busy)]:
            s = sessions[user]
            header = (f"Authorization: Bearer {token}" if user == "api" else
                      "Cookie: " + "; ".join(f"{k}={v}" for k, v in s.cookies.items()))
            throughput[label] = wrk(server.base, path, header, args.seconds, args.connections)
            print(f"{label:55s} {throughput[label] or 0:8.1f} requests/s ({args.connections} clients)",
                  flush=True)
        rss = server.worker_rss_mib()
        print(f"web worker RSS (MiB): {', '.join(f'{r:.0f}' for r in rss)}")
    finally:
        server.stop()
    if args.out:
        args.out.write_text(json.dumps(dict(label=args.label, matters=matters, floor=floor_label,
                                            results=results, throughput=throughput, worker_rss_mib=rss),
                                       ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
