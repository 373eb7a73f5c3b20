"""Public survey submissions per second through the production server, against a one-INSERT floor in the same run.

Starts gunicorn as scripts/run-demo does (config.wsgi, 2 × cores + 1 workers of one thread, production settings)
on a free loopback port with a SQLite file database in a temporary directory, then runs a load generator (wrk, or
pure-Python processes with keep-alive connections in threads) that posts real answers to a campaign's public
form. Every simulated respondent has its own browser (User-Agent), as phones scanning a QR code do, so the rate
limit per client is exercised but not hit. The floor is a bare view that does one INSERT behind the same
middleware. Usage: `.venv/bin/python bench/surveys_submit.py [--seconds 8] [--smoke] [--profile]`.
"""

import argparse
import cProfile
import datetime
import http.client
import io
import multiprocessing
import os
import pstats
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_RATE = 1000
TARGET_P99_MS = 100


def configure(directory: Path) -> dict[str, str]:
    """The environment of both the server and this process."""
    env = {
        "DJANGO_SETTINGS_MODULE": "bench.surveys_settings",
        "DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
        "CCHC_SECRET_KEY": secrets.token_urlsafe(64),
        "CCHC_SSL_REDIRECT": "false",
        "CCHC_REQUIRE_MFA": "false",
        "CCHC_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CCHC_BENCH_STATIC_ROOT": str(directory / "static"),
        "CCHC_MEDIA_ROOT": str(directory / "media"),
        "CCHC_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    return env


def prepare() -> tuple[str, list[tuple[str, list[str]]]]:
    """Migrate, collect static files, open a campaign on the outpatient form; returns its code and questions."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.surveys_urls import floor_table_create
    from cchc.org.choices import Role, UnitKind
    from cchc.org.services import person_create, unit_create
    from cchc.surveys.answers import version_schema
    from cchc.surveys.models.instruments import InstrumentVersion
    from cchc.surveys.services import campaign_create, campaign_open

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    floor_table_create()
    hospital = unit_create(actor=None, code="BV", name="Bệnh viện Đa khoa tỉnh", kind=UnitKind.SUBORDINATE)
    focal = person_create(
        actor=None, username="focal", full_name="Đầu mối", email="focal@bench.test", unit=hospital,
        roles=[Role.OFFICE_FOCAL], password=secrets.token_urlsafe(16),
    )  # fmt: skip
    version = InstrumentVersion.objects.filter(instrument__code="BYT-M2", is_published=True).latest("number")
    today = datetime.date.today()
    campaign = campaign_create(
        actor=focal,
        code="bench",
        name="Khảo sát ngoại trú",
        instrument_version=version,
        facility=hospital,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=30),
        target_sample=400,
    )
    campaign_open(actor=focal, campaign=campaign)
    schema = version_schema(version)
    questions = [
        (item.code, [str(value) for value in range(1, 6)] if item.kind == "likert" else [v for v, _l in item.options])
        for item in schema.items
        if item.kind in ("likert", "single_choice") and not item.condition_item
    ]
    connection.close()
    return campaign.code, questions


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(env: dict[str, str], port: int, log: Path, workers: int, threads: int) -> subprocess.Popen[bytes]:
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--threads", str(threads), "--error-logfile", str(log)]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, start_new_session=True)  # noqa: S603
    for _attempt in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start; see " + str(log))


def body(questions: list[tuple[str, list[str]]], token: str, generator: random.Random) -> str:
    fields = [("csrfmiddlewaretoken", token)]
    for code, values in questions:
        if generator.random() < 0.95:  # a few questions skipped, as people do
            fields.append((f"q-{code}", generator.choice(values)))
    return urllib.parse.urlencode(fields)


def client_thread(
    port: int, path: str, questions: list[tuple[str, list[str]]], until: float, start: float, seed: int,
    latencies: list[float], statuses: dict[int, int],
) -> None:  # fmt: skip
    """One keep-alive connection posting as fast as answers come back; records latencies after `start`."""
    generator = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/khao-sat/bench/", headers={"User-Agent": f"bench-{seed}"})
    reply = connection.getresponse()
    reply.read()
    cookie = reply.getheader("Set-Cookie", "")
    token = cookie.split("csrftoken=", 1)[1].split(";", 1)[0]
    count = 0
    while True:
        now = time.perf_counter()
        if now >= until:
            break
        count += 1
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}",
            "User-Agent": f"Mozilla/5.0 bench-phone-{seed}-{count}",
        }
        connection.request("POST", path, body=body(questions, token, generator), headers=headers)
        reply = connection.getresponse()
        reply.read()
        finished = time.perf_counter()
        if now >= start:
            latencies.append(finished - now)
            statuses[reply.status] = statuses.get(reply.status, 0) + 1
    connection.close()


Job = tuple[int, str, list[tuple[str, list[str]]], float, float, int, int, int]


def client_process(args: Job) -> tuple[list[float], dict[int, int]]:
    port, path, questions, until, start, threads, seed, _expect = args
    parts: list[tuple[list[float], dict[int, int]]] = [([], {}) for _index in range(threads)]
    workers = [
        threading.Thread(
            target=client_thread,
            args=(port, path, questions, until, start, seed * 100 + index, *parts[index]),
        )
        for index in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    statuses: dict[int, int] = {}
    for _latencies, part in parts:
        for status, count in part.items():
            statuses[status] = statuses.get(status, 0) + count
    return [value for latencies, _statuses in parts for value in latencies], statuses


def load(
    port: int, path: str, questions: list[tuple[str, list[str]]], seconds: float, processes: int, threads: int,
    expect: int, seed: int,
) -> dict[str, float]:  # fmt: skip
    """Run the load; submissions/s, p50 and p99 (ms) over the measured window (after a one-second warm-up)."""
    start = time.perf_counter() + 1.0
    until = start + seconds
    jobs = [(port, path, questions, until, start, threads, seed + index, expect) for index in range(processes)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(client_process, jobs)
    latencies = sorted(value for part, _statuses in results for value in part)
    statuses: dict[int, int] = {}
    for _part, part_statuses in results:
        for status, count in part_statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    good = statuses.get(expect, 0)
    return {
        "rate": good / seconds,
        "p50": latencies[len(latencies) // 2] * 1000 if latencies else 0.0,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else 0.0,
        "ok": good,
        "failed": sum(count for status, count in statuses.items() if status != expect),
    }


WRK_SCRIPT = """
local questions = {QUESTIONS}
local token = "{TOKEN}"
local counter = 0
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
end

-- thread_id is a global that setup() gives each thread (a local here would hide it).
function init(args)
  math.randomseed(thread_id * 7919)
end

function request()
  counter = counter + 1
  local parts = {"csrfmiddlewaretoken=" .. token}
  for _, question in ipairs(questions) do
    if math.random() < 0.95 then
      local values = question[2]
      parts[#parts + 1] = "q-" .. question[1] .. "=" .. values[math.random(#values)]
    end
  end
  local headers = {}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = "csrftoken=" .. token
  headers["User-Agent"] = "Mozilla/5.0 bench-phone-" .. thread_id .. "-" .. counter
  return wrk.format("POST", nil, headers, table.concat(parts, "&"))
end
"""


def csrf_token(port: int, code: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", f"/khao-sat/{code}/", headers={"User-Agent": "bench-token"})
    reply = connection.getresponse()
    reply.read()
    return reply.getheader("Set-Cookie", "").split("csrftoken=", 1)[1].split(";", 1)[0]


def _wrk_milliseconds(text: str) -> float:
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    for suffix in ("us", "ms", "s"):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * units[suffix]
    return float(text)


def load_with_wrk(
    port: int, path: str, questions: list[tuple[str, list[str]]], token: str, seconds: float, connections: int
) -> dict[str, float]:
    """The same load from wrk (a C client), so that the load generator takes little of the server's two cores."""
    lua_questions = (
        "{"
        + ", ".join(
            '{"' + code + '", {' + ", ".join(f'"{value}"' for value in values) + "}}" for code, values in questions
        )
        + "}"
    )
    script = WRK_SCRIPT.replace("{QUESTIONS}", lua_questions).replace("{TOKEN}", token)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{seconds:g}s", "-s", handle.name,
               f"http://127.0.0.1:{port}{path}"]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    os.unlink(handle.name)
    figures: dict[str, float] = {"failed": 0.0}
    for line in output.splitlines():
        words = line.split()
        if line.strip().startswith("50%"):
            figures["p50"] = _wrk_milliseconds(words[1])
        elif line.strip().startswith("99%"):
            figures["p99"] = _wrk_milliseconds(words[1])
        elif line.startswith("Requests/sec:"):
            figures["rate"] = float(words[1])
        elif "requests in" in line:
            figures["ok"] = float(words[0])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            figures["failed"] = float(words[-1])
        elif line.strip().startswith("Socket errors:"):
            figures["failed"] += sum(float(word.rstrip(",")) for word in words[3::2])
    figures["ok"] = figures.get("ok", 0.0) - figures["failed"]
    figures["rate"] = figures["ok"] / seconds
    return figures


def profile_submissions(code: str, questions: list[tuple[str, list[str]]], count: int) -> str:
    """Where one submission's time goes: the product's view under cProfile, in this process (no server)."""
    from django.test import Client

    client = Client(enforce_csrf_checks=False, HTTP_HOST="127.0.0.1")
    generator = random.Random(7)
    profiler = cProfile.Profile()
    profiler.enable()
    for index in range(count):
        client.post(
            f"/khao-sat/{code}/",
            body(questions, "x", generator),
            content_type="application/x-www-form-urlencoded",
            HTTP_USER_AGENT=f"profile-{index}",
        )
    profiler.disable()
    output = io.StringIO()
    pstats.Stats(profiler, stream=output).sort_stats("cumulative").print_stats(60)
    return output.getvalue()


def record(line: str) -> None:
    print(line)
    results = ROOT / "bench" / "RESULTS.md"
    with results.open("a") as handle:
        handle.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="as run-demo: 2 × cores + 1")
    parser.add_argument("--server-threads", type=int, default=1, help="gunicorn threads per worker (run-demo: 1)")
    parser.add_argument("--smoke", action="store_true", help="a short run that records nothing")
    parser.add_argument("--profile", action="store_true", help="also print where a submission's time goes")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--connections", type=int, default=16, help="wrk: open connections")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as folder:
        directory = Path(folder)
        env = configure(directory)
        code, questions = prepare()
        port = free_port()
        server = start_server(env, port, directory / "gunicorn.log", options.workers, options.server_threads)
        try:
            if options.client == "wrk":
                token = csrf_token(port, code)
                floor = load_with_wrk(port, "/bench-floor/", questions, token, options.seconds, options.connections)
                real = load_with_wrk(port, f"/khao-sat/{code}/", questions, token, options.seconds, options.connections)
            else:
                floor = load(
                    port, "/bench-floor/", questions, options.seconds, options.processes, options.threads, 204, 1
                )
                real = load(
                    port,
                    f"/khao-sat/{code}/",
                    questions,
                    options.seconds,
                    options.processes,
                    options.threads,
                    302,
                    1000,
                )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        from django.db.models import Count

        from cchc.surveys.models.collection import RefusedSubmission, Response

        stored = Response.objects.count()
        refused = dict(RefusedSubmission.objects.values_list("reason").annotate(count=Count("pk")))
        summary = (
            f"floor {floor['rate']:,.0f}/s p50 {floor['p50']:.1f} ms p99 {floor['p99']:.1f} ms; "
            f"submissions {real['rate']:,.0f}/s p50 {real['p50']:.1f} ms p99 {real['p99']:.1f} ms "
            f"({real['ok']:,.0f} answered, {stored:,} stored, refused {refused}, {real['failed']:,.0f} failed)"
        )
        print(summary)
        if options.profile:
            print(profile_submissions(code, questions, 300))
        if options.smoke:
            return
        ratio = floor["rate"] / real["rate"] if real["rate"] else float("inf")
        clients = (
            f"wrk {options.connections}" if options.client == "wrk" else f"Python {options.processes}×{options.threads}"
        )
        verdict = "meets" if real["rate"] >= TARGET_RATE and real["p99"] <= TARGET_P99_MS else "misses"
        record(
            f"| {datetime.date.today():%Y-%m-%d} | surveys_submit | {clients} keep-alive "
            f"clients, {options.seconds:g} s, gunicorn {options.workers}×{options.server_threads}, SQLite | "
            f"floor {floor['rate']:,.0f}/s "
            f"(p99 {floor['p99']:.0f} ms) | {real['rate']:,.0f} submissions/s, p50 {real['p50']:.0f} ms, "
            f"p99 {real['p99']:.0f} ms | ratio {ratio:.2f} (floor ÷ product) | {verdict} target "
            f"≥ {TARGET_RATE}/s, p99 ≤ {TARGET_P99_MS} ms |"
        )


if __name__ == "__main__":
    main()
