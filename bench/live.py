"""Live-workshop benchmark: N simulated participants in one brainstorm and a dot vote, under
gunicorn.

Run with `make bench`. It creates its own database (PostgreSQL `nopsa_bench` when the server
answers, else an SQLite file), starts gunicorn as the README's deployment section describes,
simulates the participants with aiohttp on loopback, and in the same run measures the
throughput of a bare Django view (the floor) against an unchanged poll. Machines here are
shared and noisy: the figures are medians, and the floor comparison is a ratio.

Two phases, everyone polling at the app's interval throughout:
- brainstorm: each participant posts a note every 15–30 s;
- vote: the harness, as the facilitator, goes to a themes step, groups the notes into
  themes and, `--themes-seconds` later (5 s by default), opens the vote (through the app's
  services, so the phones redraw by their polls). A real themes step lasts minutes; five
  seconds let the whole room's redraws of the themes end before the vote opens, so that the
  vote's figures are the vote's, and `--themes-seconds 0` measures the two bursts as one.
  Each participant notices the ballot in its own poll, and within 0–5 s spends its budget:
  3 dots on 3 different themes, one request after the other.

Prints one line:
live-bench participants=… poll_p95_ms=… post_p95_ms=… visible_p95_ms=… errors=… lost=… dup=…
poll_cost_vs_floor=… vote_p95_ms=… over_budget=…

`poll_p95_ms` covers the brainstorm's polls (the vote phase's are on the `#` line), and
`over_budget` counts participants with more stored dots than the budget (it must be 0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MARKER = re.compile(rb"since=(\d+)&amp;sv=(\d+)")
WARM_UP_SECONDS = 10
NOTE_ID = re.compile(rb'id="note-([0-9a-f-]{36})"')
# The ballot: one "add a dot" button per theme, in the form that posts to /dots/.
BALLOT_ITEM = re.compile(rb'id="dot-add-([0-9a-f-]{36})"')
VOTE_ERROR = re.compile(rb'id="vote-error"[^>]*>([^<]*)<')
VOTE_SECONDS = 12  # after the vote opens: noticing it (one poll) + 0–5 s + 3 dots, with room
DOTS = 3
LETTERS = str.maketrans("0123456789", "ghijklmnop")


def pct(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))
    return values[index]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    explicit = os.environ.get("BENCH_DATABASE_URL")
    if explicit:
        return explicit
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return f"sqlite:///{ROOT / '.bench.sqlite3'}"
    return "postgres://postgres@127.0.0.1:5432/nopsa_bench"


def prepare(env: dict, participants: int) -> dict:
    """Fresh database, one live workshop with a public brainstorm, N joined participants."""
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-q",
                "-c",
                f"DROP DATABASE IF EXISTS {name}",
                "-c",
                f"CREATE DATABASE {name}",
            ],
            check=True,
            capture_output=True,
        )
    else:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return in_django(env, f"setup({participants})")


def django_call(env: dict, call: str) -> subprocess.Popen:
    """A `manage.py shell` that loads Django, then waits for the word "go" on its stdin before
    it runs `bench.setup.<call>` (`django_result` says it and reads the JSON result). A closed
    stdin (the benchmark interrupted) ends it without running the call."""
    code = (
        "import json, sys\nfrom bench import setup\n"
        "if sys.stdin.readline().strip() != 'go':\n    sys.exit(1)\n"
        f"print('BENCH-JSON ' + json.dumps(setup.{call}), flush=True)\n"
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def django_result(process: subprocess.Popen):
    out, _err = process.communicate("go\n")
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    line = next(line for line in out.splitlines() if line.startswith("BENCH-JSON "))
    return json.loads(line.removeprefix("BENCH-JSON "))


def in_django(env: dict, call: str):
    """Run `bench.setup.<call>` inside `manage.py shell` and return its JSON result."""
    return django_result(django_call(env, call))


def start_gunicorn(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "nopsa.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "30",
        "--no-control-socket",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    import urllib.request

    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor/", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("gunicorn did not start")


class Stats:
    """Latencies count from `measure_from` on: the first seconds, when everyone opens the
    page at once, are a warm-up (a real room joins over minutes). `end_at` is when the
    participants stop: unknown until the vote has opened."""

    measure_from = 0.0
    vote_from = float("inf")  # when the harness starts moving the workshop to the vote
    end_at = float("inf")

    def __init__(self):
        self.poll_ms: list[float] = []
        self.vote_poll_ms: list[float] = []
        self.post_ms: list[float] = []
        self.vote_ms: list[float] = []
        self.dots_accepted = 0
        self.posting = 0  # note posts on their way
        self.ballot_seen: list[float] = []  # wall-clock time each phone's poll brought it
        self.errors = 0
        self.error_kinds: dict[str, int] = {}
        self.posted: dict[str, float] = {}  # note id -> time the post was sent
        self.author: dict[str, int] = {}
        # (note id, participant) -> first time that participant's poll brought the note
        self.seen: dict[tuple[str, int], float] = {}
        self.sent_client_ids: set[str] = set()
        # (sent at, what, milliseconds) of every request, for `--trace`
        self.trace: list[tuple[float, str, float]] = []

    def fail(self, what: str) -> None:
        self.errors += 1
        self.error_kinds[what] = self.error_kinds.get(what, 0) + 1


async def vote(session, base, code, headers, stats, themes) -> None:
    """Spend the budget as a person does: a moment to read the ballot, then one dot after
    another on different themes."""
    import aiohttp

    await asyncio.sleep(random.uniform(0, 5))
    for item in random.sample(themes, min(DOTS, len(themes))):
        started = time.monotonic()
        try:
            async with session.post(
                f"{base}/live/{code}/dots/", data={"item": item, "action": "add"}, headers=headers
            ) as response:
                body = await response.read()
                stats.vote_ms.append((time.monotonic() - started) * 1000)
                stats.trace.append((started, "dot", stats.vote_ms[-1]))
                if response.status != 200:
                    stats.fail(f"vote {response.status}")
                elif refused := VOTE_ERROR.search(body):
                    stats.fail(f"vote refused ({refused.group(1).decode()[:50]})")
                else:
                    stats.dots_accepted += 1
        except (TimeoutError, aiohttp.ClientError) as exc:
            stats.fail(f"vote {type(exc).__name__}")


async def participant(session, base, info, index, stats, interval, brainstorm_end, post_every):
    import aiohttp

    cookies = {"nopsa_participant": info["cookies"][index]}
    headers = {"Cookie": f"nopsa_participant={cookies['nopsa_participant']}"}
    code = info["workshop"]
    # Everyone opens the page within the first seconds, as when a room scans the QR code.
    await asyncio.sleep(random.uniform(0, 5))
    for _attempt in range(3):
        try:
            async with session.get(f"{base}/live/{code}/", headers=headers) as response:
                body = await response.read()
                csrf = next(
                    (c for name, c in response.cookies.items() if name.endswith("csrftoken")),
                    None,
                )
                if response.status == 200:
                    break
                stats.fail(f"page {response.status}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            stats.fail(f"page {type(exc).__name__}")
    else:
        return
    match = MARKER.search(body)
    since, sv = (match.group(1).decode(), match.group(2).decode()) if match else ("0", "0")
    token = csrf.value if csrf else ""
    csrf_name = csrf.key if csrf else "csrftoken"
    headers = {
        "Cookie": f"nopsa_participant={cookies['nopsa_participant']}; {csrf_name}={token}",
        "X-CSRFToken": token,
        "HX-Request": "true",
        "Referer": f"{base}/live/{code}/",
    }
    next_post = time.monotonic() + random.uniform(1, post_every[1])
    voting = None
    await asyncio.sleep(random.uniform(0, interval))
    while time.monotonic() < stats.end_at:
        started = time.monotonic()
        try:
            async with session.get(
                f"{base}/live/{code}/poll/?since={since}&sv={sv}", headers=headers
            ) as response:
                body = await response.read()
                elapsed = time.monotonic() - started
                stats.trace.append(
                    (started, "poll" if response.status == 204 else "redraw", elapsed * 1000)
                )
                if started >= stats.vote_from:
                    stats.vote_poll_ms.append(elapsed * 1000)
                elif started >= stats.measure_from:
                    stats.poll_ms.append(elapsed * 1000)
                if response.status == 200:
                    now = time.monotonic()
                    match = MARKER.search(body)
                    if match:
                        since, sv = match.group(1).decode(), match.group(2).decode()
                    for note_id in NOTE_ID.findall(body):
                        stats.seen.setdefault((note_id.decode(), index), now)
                    themes = BALLOT_ITEM.findall(body)
                    if themes and voting is None:
                        stats.ballot_seen.append(time.time())
                        # Polls go on while the person votes, as the phone's do.
                        voting = asyncio.create_task(
                            vote(
                                session,
                                base,
                                code,
                                headers,
                                stats,
                                [t.decode() for t in themes],
                            )
                        )
                elif response.status != 204:
                    stats.fail(f"poll {response.status}")
        except (TimeoutError, aiohttp.ClientError) as exc:
            stats.fail(f"poll {type(exc).__name__}")
        if time.monotonic() >= next_post and time.monotonic() < brainstorm_end - 3:
            client_id = str(uuid.uuid4())
            data = {
                # Letters only: random digits are now and then a phone number, which the
                # identifier guard rightly refuses.
                "text": f"Havainto {index}: {client_id[:8].translate(LETTERS)}",
                "client_id": client_id,
                "category": "",
            }
            started = time.monotonic()
            stats.posting += 1
            try:
                async with session.post(
                    f"{base}/live/{code}/notes/", data=data, headers=headers
                ) as response:
                    await response.read()
                    if started >= stats.measure_from:
                        stats.post_ms.append((time.monotonic() - started) * 1000)
                    note_id = response.headers.get("X-Nopsa-Note")
                    if response.status == 200 and note_id:
                        stats.posted[note_id] = started
                        stats.author[note_id] = index
                        stats.sent_client_ids.add(client_id)
                    else:
                        stats.fail(f"post {response.status}")
            except (TimeoutError, aiohttp.ClientError) as exc:
                stats.fail(f"post {type(exc).__name__}")
            finally:
                stats.posting -= 1
            next_post = time.monotonic() + random.uniform(*post_every)
        await asyncio.sleep(max(0, interval - (time.monotonic() - started)))
    if voting is None:
        stats.fail("vote ballot never seen")
    else:
        await voting


async def open_vote(env, info, stats, brainstorm_end) -> dict:
    """The facilitator's part: when the brainstorm ends, themes and the vote, in Django (in
    another process, so that the participants go on polling meanwhile). The process starts
    now: the facilitator's browser is open before the vote, and starting Python and Django (a
    second of CPU) is no part of the workshop's load."""
    process = django_call(env, f"to_vote({info['workshop']!r})")
    try:
        await asyncio.sleep(max(0, brainstorm_end - time.monotonic()))
        # Like a facilitator, move on once the last notes are in (a note posted after the
        # step has changed is refused, which is right but no server error).
        while stats.posting and time.monotonic() < brainstorm_end + 10:
            await asyncio.sleep(0.05)
    except BaseException:  # cancelled or interrupted: no facilitator left waiting
        process.kill()
        raise
    stats.vote_from = time.monotonic()
    try:
        opened = await asyncio.get_running_loop().run_in_executor(None, django_result, process)
    finally:
        stats.end_at = time.monotonic() + VOTE_SECONDS
    return opened


async def simulate(env, base, info, participants, seconds, interval):
    import aiohttp

    stats = Stats()
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        stats.measure_from = time.monotonic() + WARM_UP_SECONDS
        brainstorm_end = time.monotonic() + WARM_UP_SECONDS + seconds
        opened, *_ = await asyncio.gather(
            open_vote(env, info, stats, brainstorm_end),
            *(
                participant(session, base, info, i, stats, interval, brainstorm_end, (15, 30))
                for i in range(participants)
            ),
        )
    return stats, opened


async def throughput(url, headers, seconds, connections):
    import aiohttp

    count = 0
    errors = 0
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        end_at = time.monotonic() + seconds

        async def loop():
            nonlocal count, errors
            while time.monotonic() < end_at:
                try:
                    async with session.get(url, headers=headers) as response:
                        await response.read()
                        if response.status in (200, 204):
                            count += 1
                        else:
                            errors += 1
                except (aiohttp.ClientError, TimeoutError):
                    errors += 1

        await asyncio.gather(*(loop() for _ in range(connections)))
    return count / seconds, errors


def print_trace(stats) -> None:
    """Second by second from 2 s before the vote: how many of each request were sent in that
    second and their p50/p95 in ms (`redraw`: a poll that brought a change)."""
    start = stats.vote_from - 2
    rows: dict[int, dict[str, list[float]]] = {}
    for sent, what, ms in stats.trace:
        if sent >= start:
            rows.setdefault(int(sent - start), {}).setdefault(what, []).append(ms)
    kinds = ("poll", "redraw", "dot")
    print("# trace  s  " + "  ".join(f"{k:>6} n   p50   p95" for k in kinds))
    for second in sorted(rows):
        cells = []
        for kind in kinds:
            values = rows[second].get(kind, [])
            cells.append(f"{len(values):>8} {pct(values, 50):>5.0f} {pct(values, 95):>5.0f}")
        print(f"# trace {second - 2:>2}  " + "  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--interval", type=float, default=1.0, help="poll interval, seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--themes-seconds",
        type=float,
        default=5.0,
        help="how long the themes step lasts before the vote opens (default: 5 s; 0: at once)",
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help="also print the vote phase second by second: requests sent and their p50/p95",
    )
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "false",
        "NOPSA_TESTING": "",
        "SECRET_KEY": "bench-" + "x7Qk2Lm9Pz" * 6,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "NOPSA_BENCH": "1",
        "NOPSA_POLL_INTERVAL_MS": str(int(args.interval * 1000)),
        "DJANGO_SETTINGS_MODULE": "nopsa.settings",
        "BENCH_THEMES_SECONDS": str(args.themes_seconds),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    info = prepare(env, args.participants)
    port = free_port()
    server = start_gunicorn(env, port, args.workers, args.threads)
    base = f"http://127.0.0.1:{port}"
    try:
        print(
            f"# database {env['DATABASE_URL'].split('@')[-1]}; "
            f"gunicorn {args.workers}x{args.threads} gthread",
            flush=True,
        )
        stats, opened = asyncio.run(
            simulate(env, base, info, args.participants, args.seconds, args.interval)
        )
        # Floor: a bare Django view vs an unchanged poll, same server, alternated, medians.
        poll_url = f"{base}/live/{info['workshop']}/poll/?since=999999999&sv=999999999"
        poll_headers = {"Cookie": f"nopsa_participant={info['cookies'][0]}"}
        floors, polls = [], []
        for _ in range(5):
            floor_rps, _e = asyncio.run(throughput(f"{base}/bench/floor/", {}, 3, 32))
            poll_rps, _e = asyncio.run(throughput(poll_url, poll_headers, 3, 32))
            floors.append(floor_rps)
            polls.append(poll_rps)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    stored = in_django(env, f"outcome({info['workshop']!r})")
    stored_ids = set(stored["note_ids"])
    lost = len([n for n in stats.posted if n not in stored_ids])
    dup = stored["duplicates"]
    # Note to other screens: for every note and every other participant whose poll brought it,
    # the time from sending the post to that poll's answer (not just the first screen's).
    visible, first_seen, seen_notes = [], {}, set()
    for (note_id, index), seen_at in stats.seen.items():
        posted_at = stats.posted.get(note_id)
        if posted_at is None or stats.author.get(note_id) == index:
            continue
        seen_notes.add(note_id)
        if posted_at >= stats.measure_from:
            delay = seen_at - posted_at
            visible.append(delay)
            first_seen[note_id] = min(first_seen.get(note_id, delay), delay)
    never_seen = len([n for n in stats.posted if n not in seen_notes])
    ratio = statistics.median(floors) / statistics.median(polls)
    dots = stored["dots"]
    over_budget = len([n for n in dots.values() if n > stored["budget"]])
    ballot_ms = [(seen - opened["vote_open_at"]) * 1000 for seen in stats.ballot_seen]
    print(
        f"# polls={len(stats.poll_ms)} posts={len(stats.posted)} never_seen_by_others={never_seen} "
        f"floor_rps={statistics.median(floors):.0f} "
        f"unchanged_poll_rps={statistics.median(polls):.0f} "
        f"poll_p50_ms={pct(stats.poll_ms, 50):.1f} "
        f"visible_first_screen_p95_ms={pct(list(first_seen.values()), 95) * 1000:.0f}"
    )
    print(
        f"# vote on {opened['themes']} themes of {opened['notes']} notes, budget "
        f"{stored['budget']}, results hidden while voting, opened {args.themes_seconds:g} s "
        f"after the themes step: dots_sent={len(stats.vote_ms)} "
        f"dots_accepted={stats.dots_accepted} dots_stored={sum(dots.values())} "
        f"voters_stored={len(dots)} vote_p50_ms={pct(stats.vote_ms, 50):.1f} "
        f"ballot_seen_p95_ms={pct(ballot_ms, 95):.0f} "
        f"vote_phase_poll_p95_ms={pct(stats.vote_poll_ms, 95):.1f}"
    )
    if args.trace:
        print(
            f"# the facilitator's themes and vote took {opened['seconds'] * 1000:.0f} ms "
            "from trace second 0"
        )
        print_trace(stats)
    if stats.error_kinds:
        print("# errors: " + ", ".join(f"{k}={v}" for k, v in sorted(stats.error_kinds.items())))
    print(
        f"live-bench participants={args.participants} "
        f"poll_p95_ms={pct(stats.poll_ms, 95):.1f} post_p95_ms={pct(stats.post_ms, 95):.1f} "
        f"visible_p95_ms={pct(visible, 95) * 1000:.0f} errors={stats.errors} lost={lost} dup={dup} "
        f"poll_cost_vs_floor={ratio:.2f} vote_p95_ms={pct(stats.vote_ms, 95):.1f} "
        f"over_budget={over_budget}"
    )


if __name__ == "__main__":
    main()
