"""Load: the public statement search and the main staff pages under many concurrent clients.

Serves the app as `make run` does — gunicorn, DEBUG off — with the public rate limit counted in Redis
(REDIS_URL, database 7), on the demo's data plus a generated statement on the demo's public account, then
drives it with wrk (Debian's package) for ``--duration`` seconds with ``--clients`` connections, and once
with a single connection for the single-client figures. Prints one JSON object with a "markdown" key
(bench/report.py). Errors are any answer that is not 2xx/3xx, and socket errors.

    .venv/bin/python bench/bench_load.py --database-url sqlite:///var/bench/load.sqlite3 \\
        --clients 50 --duration 60
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PORT = int(os.environ.get("BENCH_LOAD_PORT", "8750"))
PASSWORD = "mattran-demo-2025"  # the demo logins' password (README)

LUA = r"""
-- rotate through the paths listed in BENCH_PATHS; wrk counts answers >= 400 as status errors
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
local cookie = os.getenv("BENCH_COOKIE")
request = function()
  i = (i % #paths) + 1
  local headers = {}
  if cookie and #cookie > 0 then headers["Cookie"] = cookie end
  return wrk.format("GET", paths[i], headers)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %d %d\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
      + summary.errors.status, 0))
end
"""


def run(args: list[str], env: dict, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, check=True, cwd=ROOT, **kw)


def prepare(env: dict, lines: int) -> None:
    """Migrate, load the divisions and the demo, and import a generated statement on a public account."""
    mattran = [PY, "-m", "mattran.cli"]
    run([*mattran, "migrate", "-v0", "--noinput"], env)
    script = (
        "import django; django.setup()\n"
        "from mattran.org.models import Unit\n"
        "print(Unit.objects.filter(structure='2025').exists())"
    )
    have = subprocess.run(
        [PY, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if have != "True":
        run([*mattran, "import-divisions", "--structure", "legacy"], env, stdout=subprocess.DEVNULL)
        run([*mattran, "import-divisions", "--structure", "2025"], env, stdout=subprocess.DEVNULL)
    run([*mattran, "load-demo"], env, stdout=subprocess.DEVNULL)
    script = f"""
import django; django.setup()
import tempfile
from pathlib import Path
from mattran.core.authz import DEMO
from mattran.funds.actions import do_import_statement
from mattran.funds.models import BankAccount
from tests.funds.statement_generators import Options, generate
account = BankAccount.objects.filter(public=True).order_by("pk").first()
if account.lines.count() < {lines}:
    path = Path(tempfile.mkdtemp()) / "load.csv"
    generate("vcb_table", path, Options(lines={lines}, seed=7))
    do_import_statement(acting_user=DEMO, account=account, path=path)
print(account.pk)
"""
    run([PY, "-c", script], env, stdout=subprocess.DEVNULL)


def paths(env: dict) -> tuple[list[str], list[str]]:
    """Public search paths (API and page, names and amounts seen in the data) and the main staff pages."""
    script = """
import django, json; django.setup()
from mattran.funds.models import BankAccount, Fund, StatementLine
from mattran.org.models import Unit
from mattran.meetings.models import Meeting
lines = list(StatementLine.objects.filter(account__public=True).order_by("id").values_list("description", "amount")[:4000:40])
words = [" ".join(d.split()[:2]) for d, _ in lines if d.split()]
amounts = sorted({a for _, a in lines if a > 0})[:20]
bode = Unit.objects.get(name="Phường Bồ Đề", valid_to__isnull=True)
fund = Fund.objects.filter(unit=bode).order_by("pk").first() or Fund.objects.order_by("pk").first()
meeting = Meeting.objects.filter(unit=bode).order_by("pk").first()
print(json.dumps({"words": words[:40], "amounts": amounts, "unit": bode.pk, "fund": fund.pk,
                  "meeting": meeting.pk if meeting else None}))
"""
    data = json.loads(
        subprocess.run(
            [PY, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    )
    public = []
    for i, word in enumerate(data["words"]):
        q = urllib.parse.quote(word)
        public.append(f"/api/v1/funds/public/statement-lines?q={q}&limit=20")
        if i % 4 == 0:
            public.append(f"/quy/cong-khai/sao-ke/?q={q}")
    for amount in data["amounts"]:
        public.append(f"/api/v1/funds/public/statement-lines?amount={amount}&limit=20")
    staff = [
        "/",
        f"/don-vi/{data['unit']}/",
        f"/nhan-su/don-vi/{data['unit']}/",
        "/hoi-nghi/",
        f"/quy/{data['fund']}/",
        "/bao-cao/",
        "/chuong-trinh/",
    ]
    if data["meeting"]:
        staff.append(f"/hoi-nghi/{data['meeting']}/")
    return public, staff


def login(base: str, username: str) -> str:
    """The session cookie of a demo login (through the login form, CSRF and all)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/dang-nhap/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        base + "/dang-nhap/", data=data, headers={"Referer": base + "/dang-nhap/"}
    )
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, "demo login failed"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def wrk(base: str, path_list: list[str], *, clients: int, duration: int, cookie: str = "") -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        script, listing = Path(tmp) / "rotate.lua", Path(tmp) / "paths.txt"
        script.write_text(LUA)
        listing.write_text("\n".join(path_list) + "\n")
        threads = max(1, min(clients, 2))
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{clients}", f"-d{duration}s", "--timeout", "10s", "-s", str(script), base],
            env={**os.environ, "BENCH_PATHS": str(listing), "BENCH_COOKIE": cookie},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    match = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", out.stdout)
    if not match:
        raise RuntimeError(out.stdout + out.stderr)
    requests, micros, p50, p95, p99, errors = match.groups()
    seconds = int(micros) / 1e6
    return {
        "clients": clients, "seconds": round(seconds, 1), "requests": int(requests),
        "per_second": round(int(requests) / seconds, 1), "p50_ms": float(p50), "p95_ms": float(p95),
        "p99_ms": float(p99), "errors": int(errors),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var/bench/load.sqlite3'}")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--lines", type=int, default=20000, help="statement lines on the public account")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"))
    opts = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (Debian: apt-get install wrk)")
    var = Path(tempfile.mkdtemp(prefix="mattran-load-"))
    env = {
        **os.environ, "DATABASE_URL": opts.database_url, "DEBUG": "0", "SECRET_KEY": "bench-" + "k" * 50,
        "MATTRAN_HTTPS": "off", "ALLOWED_HOSTS": "127.0.0.1,localhost", "REDIS_URL": opts.redis_url,
        "FUNDS_PUBLIC_RATE": "100000000/60", "MATTRAN_VAR_DIR": str(var), "MATTRAN_TASKS": "immediate",
        "DJANGO_SETTINGS_MODULE": "mattran.settings", "AXES_FAILURE_LIMIT": "1000",
    }  # fmt: skip
    if opts.database_url.startswith("sqlite:///"):
        Path(opts.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    prepare(env, opts.lines)
    public, staff = paths(env)
    run([PY, "-m", "mattran.cli", "collectstatic", "--noinput", "-v0"], env)
    workers = 2 * (os.cpu_count() or 1)
    base = f"http://127.0.0.1:{PORT}"
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "mattran.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers),
         "--no-control-socket", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/suc-khoe/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        cookie = login(base, "bode.canbo")
        load_before = os.getloadavg()
        results = {}
        for name, path_list, extra in (("public search", public, ""), ("staff pages", staff, cookie)):
            wrk(base, path_list, clients=2, duration=3, cookie=extra)  # warm the workers
            single = wrk(base, path_list, clients=1, duration=max(5, opts.duration // 4), cookie=extra)
            many = wrk(base, path_list, clients=opts.clients, duration=opts.duration, cookie=extra)
            results[name] = {"single": single, "many": many, "paths": len(path_list)}
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(var, ignore_errors=True)
    vendor = "PostgreSQL" if opts.database_url.startswith("postgres") else "SQLite"
    rows = [
        f"## Load: {opts.clients} concurrent clients for {opts.duration} s (`bench/bench_load.py`, {vendor})",
        "",
        f"gunicorn with {workers} workers and DEBUG off, as `make run` serves; the public rate limit counted in "
        "Redis (set high so the load is measured, not the limit); wrk on the same machine. Data: the demo, plus "
        f"{opts.lines:,} generated lines on its public account. Load average before/after: "
        f"{load_before[0]:.2f} / {load_after[0]:.2f} (a figure measured while other work shares the cores is not "
        "the machine's).",
        "",
        "| what | clients | requests/s | p50 | p95 | p99 | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        for key in ("single", "many"):
            m = r[key]
            rows.append(
                f"| {name} ({r['paths']} paths) | {m['clients']} | {m['per_second']:.0f} | {m['p50_ms']:.1f} ms | "
                f"**{m['p95_ms']:.1f} ms** | {m['p99_ms']:.1f} ms | {m['errors']} of {m['requests']:,} |"
            )
    print(json.dumps({"load": results, "markdown": "\n".join(rows) + "\n"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
