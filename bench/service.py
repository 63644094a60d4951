"""The running service, end to end, next to the raw engine + `ffmpeg` measured in the same run.

    .venv/bin/python bench/service.py [--article FILE] [--voice en-us] [--modes embedded,redis]
                                      [--clients 8] [--load-seconds 5]

For each mode it starts the real processes itself, on loopback and free ports, with a fresh
NARRATOR_DATA_DIR, and stops them at the end:

  embedded   `narrator serve` (API + embedded broker + its worker child)
  redis      its own `redis-server`, `narrator serve` with NARRATOR_BROKER_URL (API only) and
             two `narrator worker --concurrency 1`
  redis-c2   the same with one `narrator worker --concurrency 2`

Then, per mode: a short warm-up narration (engines load in the worker processes; its time is
shown as "first narration (cold)"), the article POSTed (poll GET /v1/narrations/{id} every
POLL_S until ready), the time to the first byte of GET audio once ready, the same POST again
(must answer the same id, ready), the API process's CPU per GET of a status (STATUS_GETS of
them: what polling clients cost it), POST -> first audio byte on a second narration of the article
with every paragraph edited (nothing cached; GET audio on every poll: progressive playback
streams while rendering), and a load test: N clients POSTing distinct small articles for a few
seconds, counting accepted (202) POSTs per second and errors.

The raw pipeline (bench/raw.py: `espeak-ng -w` for an espeak voice, piper's own CLI for a
piper voice, then ffmpeg to MP3) runs RAW_RUNS times in the same run on the same article; its
median is the yardstick. Figures vary with machine load: the load average is printed with them.
Issue 12's goals: espeak embedded <= 1.2x its raw pipeline and two workers <= 0.7x; piper
embedded <= 0.7x piper's CLI.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench import raw  # noqa: E402
from narrator import schedule, supervisor, warm  # noqa: E402
from narrator.config import Settings  # noqa: E402
from narrator.contract import BATCH, INTERACTIVE, check_queues  # noqa: E402

PYTHON = sys.executable
POLL_S = 0.02
RAW_RUNS = 3
START_TIMEOUT_S = 60.0
# Celery workers and pool processes of each setup: `serve` runs a worker of the default
# concurrency and its live lane's one process (narrator.server); each `narrator worker` of
# interactive and batch work (its default queues), a pool and, by schedule.lane_queues, a
# lane of one process. The redis setups: (workers, pool processes each).
_LANE = int(bool(schedule.lane_queues(check_queues([INTERACTIVE, BATCH]))))
_WORKERS = {"redis": (2, 1), "redis-1": (1, 1), "redis-c2": (1, 2)}
CELERY_WORKERS = {"embedded": 2} | {m: n * (1 + _LANE) for m, (n, _) in _WORKERS.items()}
POOL_PROCESSES = {"embedded": supervisor.default_concurrency() + 1} | {
    m: n * (c + _LANE) for m, (n, c) in _WORKERS.items()
}
READY_TIMEOUT_S = 300.0
MAX_LOAD_REQUESTS = 20_000
STATUS_GETS = 300  # GETs of one status, for the API's CPU per answer
WARM_UP = "Warming up.\n\nThe engine loads once per worker.\n\nThen it stays.\n\nOne more line."


# --- processes --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Service:
    """The processes of one mode, their logs, and how to reach the API."""

    mode: str
    data_dir: Path
    base_url: str = ""
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)
    api_pid: int = 0  # the `narrator serve` process: the API (and, embedded, its supervisor)

    def spawn(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        log = self.data_dir / f"{name}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.procs.append(proc)
        self.logs.append(log)
        if name == "serve":
            self.api_pid = proc.pid

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.logs if p.exists())

    def stop(self) -> None:
        # In reverse order of start: the API, the workers, the broker last; each by its pid.
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _env(data_dir: Path, broker_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NARRATOR_")}
    env["NARRATOR_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(ROOT)
    if broker_url:
        env["NARRATOR_BROKER_URL"] = broker_url
    return env


def _wait_for(what: str, check: object, service: Service, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in service.procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{what}: a process exited early\n{service.log_text()[-3000:]}")
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what}: not ready after {timeout:.0f} s\n{service.log_text()[-3000:]}")


def _readyz(url: str) -> bool:
    try:
        return httpx.get(url + "/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextlib.contextmanager
def running(mode: str, workdir: Path) -> Iterator[Service]:
    data_dir = workdir / mode
    data_dir.mkdir()
    service = Service(mode, data_dir)
    port = free_port()
    service.base_url = f"http://127.0.0.1:{port}"
    narrator = [PYTHON, "-m", "narrator.cli"]
    try:
        if mode == "embedded":
            # --verbose: the worker's log ("... ready.") says when its engines are loaded.
            serve = [*narrator, "serve", "--verbose", "--port", str(port)]
            service.spawn("serve", serve, _env(data_dir, None))
        else:
            redis_port = free_port()
            service.spawn(
                "redis",
                [
                    "redis-server",
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(data_dir),
                ],
                _env(data_dir, None),
            )
            env = _env(data_dir, f"redis://127.0.0.1:{redis_port}/0")
            # Workers first: each migrates the database at start, the API then finds it ready.
            count, concurrency = _WORKERS[mode]
            for i in range(count):
                argv = [*narrator, "worker", "--concurrency", str(concurrency)]
                service.spawn(f"worker{i}", argv, env)
            service.spawn("serve", [*narrator, "serve", "--port", str(port)], env)
        _wait_for("the API", lambda: _readyz(service.base_url), service, START_TIMEOUT_S)
        _wait_for(
            "the workers",
            lambda: service.log_text().count(" ready.") >= CELERY_WORKERS[mode],
            service,
            START_TIMEOUT_S,
        )
        if warm.warms_piper(Settings.model_fields["default_voice"].default):  # env has none
            # Each pool process loads piper after it is ready (about 3 CPU-seconds): measured
            # from here, a figure is a running service's, not one start's.
            pools = POOL_PROCESSES[mode]
            _wait_for(
                "the voices",
                lambda: service.log_text().count(warm.WARM_LOG) >= pools,
                service,
                START_TIMEOUT_S,
            )
        yield service
    finally:
        service.stop()


# --- measurements -----------------------------------------------------------------------------


@dataclass
class Figures:
    mode: str
    cold_s: float = float("nan")
    ready_s: float = float("nan")  # the median of ready_runs
    ready_runs: list[float] = field(default_factory=list)
    first_byte_s: float = float("nan")  # GET audio once ready: request -> first body byte
    post_to_first_byte_s: float = float("nan")  # POST -> first audio byte (polling the audio)
    repeat_s: float = float("nan")
    repeat_same: bool = False
    status_cpu_ms: float = float("nan")  # the API process's CPU per GET of a status
    accepted_per_s: float = float("nan")
    load_errors: int = 0
    load_requests: int = 0
    duration_s: float = float("nan")


def _body(text: str, voice: str) -> dict[str, object]:
    return {"text": text, "voice": voice, "speed": 1.0, "format": "mp3"}


def narrate(
    client: httpx.Client, body: dict[str, object], *, first_byte: bool = False
) -> tuple[float, float, dict]:
    """POST, then poll until ready; (POST -> ready s, POST -> first audio byte s, status).

    first_byte: also GET the audio on every poll until a first byte arrives (progressive
    playback streams it while rendering). That stream costs the server an encoder, so the
    POST -> ready figure is taken on a narration that is not probed.
    """
    start = time.perf_counter()
    r = client.post("/v1/narrations", json=body)
    r.raise_for_status()
    status = r.json()
    first = float("nan")
    while status["status"] not in ("ready", "failed"):
        if time.perf_counter() - start > READY_TIMEOUT_S:
            raise RuntimeError(f"not ready after {READY_TIMEOUT_S} s: {status}")
        time.sleep(POLL_S)
        if first_byte and first != first:  # still nan
            with client.stream("GET", status["audio_url"]) as audio:
                if audio.status_code in (200, 206):
                    for piece in audio.iter_raw():
                        if piece:
                            first = time.perf_counter() - start
                            break
        status = client.get(status["status_url"]).json()
    ready = time.perf_counter() - start
    if status["status"] != "ready":
        raise RuntimeError(f"narration failed: {status.get('error')}")
    if first != first:
        first, _ = time_to_first_byte(client, status["audio_url"])
        first += ready
    return ready, first, status


def _cpu_s(pid: int) -> float:
    """User and system CPU seconds of process `pid` so far (its threads, not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_cpu_ms(client: httpx.Client, url: str, pid: int, count: int = STATUS_GETS) -> float:
    """The API process's CPU per answer to `count` GETs of a status (what polling clients
    cost it); includes what else that process does meanwhile (embedded: about 4 ms a second)."""
    before = _cpu_s(pid)
    for _ in range(count):
        client.get(url).raise_for_status()
    return (_cpu_s(pid) - before) / count * 1000


def edited(article: str, ending: str = "Again.") -> str:
    """`article` with every paragraph changed (no chunk of it is cached), about as long."""
    paragraphs = article.split("\n\n")
    return "\n\n".join(f"{p.rstrip()} {ending}" for p in paragraphs)


def time_to_first_byte(client: httpx.Client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with client.stream("GET", url) as r:
        r.raise_for_status()
        first = float("nan")
        size = 0
        for piece in r.iter_raw():
            if piece and first != first:
                first = time.perf_counter() - start
            size += len(piece)
    return first, size


async def load(base_url: str, voice: str, clients: int, seconds: float) -> tuple[int, int, float]:
    """(accepted, errors, elapsed s): `clients` loops POSTing distinct small articles."""
    accepted = errors = sent = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def one(client: httpx.AsyncClient, worker: int) -> None:
        nonlocal accepted, errors, sent
        n = 0
        while time.perf_counter() < deadline and sent < MAX_LOAD_REQUESTS:
            sent += 1
            n += 1
            text = f"Load test {worker} number {n}. A short article, distinct from the others."
            try:
                r = await client.post(
                    "/v1/narrations", json={**_body(text, voice), "queue": "batch"}
                )
                if r.status_code == 202:
                    accepted += 1
                else:
                    errors += 1
            except httpx.HTTPError:
                errors += 1

    start = time.perf_counter()
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
        await asyncio.gather(*(one(client, i) for i in range(clients)))
    return accepted, errors, time.perf_counter() - start


def measure_service(
    mode: str, workdir: Path, article: str, voice: str, clients: int, seconds: float, runs: int
) -> Figures:
    figures = Figures(mode)
    with (
        running(mode, workdir) as service,
        httpx.Client(base_url=service.base_url, timeout=30) as client,
    ):
        figures.cold_s, _, _ = narrate(client, _body(WARM_UP, voice))
        body = _body(article, voice)
        # The article, then versions of it with every paragraph changed (nothing cached):
        # one narration's time moves by a fifth between runs on a shared machine.
        _, _, status = first = narrate(client, body)
        figures.ready_runs = [first[0]]
        for i in range(1, runs):
            figures.ready_runs.append(
                narrate(client, _body(edited(article, f"Take {i}."), voice))[0]
            )
        figures.ready_s = statistics.median(figures.ready_runs)
        figures.duration_s = status.get("duration_s") or float("nan")
        figures.first_byte_s, _ = time_to_first_byte(client, status["audio_url"])
        start = time.perf_counter()
        again = client.post("/v1/narrations", json=body)
        figures.repeat_s = time.perf_counter() - start
        figures.repeat_same = (
            again.status_code == 200
            and again.json()["id"] == status["id"]
            and again.json()["status"] == "ready"
        )
        figures.status_cpu_ms = status_cpu_ms(client, status["status_url"], service.api_pid)
        _, figures.post_to_first_byte_s, _ = narrate(
            client, _body(edited(article), voice), first_byte=True
        )
        accepted, errors, elapsed = asyncio.run(load(service.base_url, voice, clients, seconds))
        figures.accepted_per_s = accepted / elapsed
        figures.load_errors = errors
        figures.load_requests = accepted + errors
    return figures


# Issue 12's goals, against the voice's own raw pipeline (no figure: the issue sets none).
GOALS = {
    "espeak": {"embedded": 1.2, "redis": 0.7, "redis-c2": 0.7},
    "piper": {"embedded": 0.7},
}


# --- report -----------------------------------------------------------------------------------


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(results: list[Figures], raw_s: list[float], args: argparse.Namespace) -> None:
    raw_median = statistics.median(raw_s)
    goals = GOALS["piper" if raw.is_piper(args.voice) else "espeak"]
    print(
        f"article {args.article.name}, voice {args.voice}, 1.0x, mp3; "
        f"{os.cpu_count()} CPUs, load average {_load_average()}"
    )
    print(
        f"raw {raw.name(args.voice)}: median {raw_median:.3f} s of "
        f"{', '.join(f'{t:.3f}' for t in raw_s)}"
    )
    head = f"{'':<34}" + "".join(f"{f.mode:>12}" for f in results)
    print(head)
    print("-" * len(head))

    def row(label: str, values: list[str]) -> None:
        print(f"{label:<34}" + "".join(f"{v:>12}" for v in values))

    row("audio (s)", [f"{f.duration_s:.1f}" for f in results])
    row("first narration, cold (s)", [f"{f.cold_s:.3f}" for f in results])
    row(f"POST -> ready (s), median of {args.runs}", [f"{f.ready_s:.3f}" for f in results])
    for i in range(args.runs):
        row(f"  run {i + 1}", [f"{f.ready_runs[i]:.3f}" for f in results])
    row("  / raw pipeline", [f"{f.ready_s / raw_median:.2f}x" for f in results])
    row("  goal", [f"<= {goals[f.mode]:.1f}x" if f.mode in goals else "-" for f in results])
    row(
        "  met",
        [
            ("yes" if f.ready_s / raw_median <= goals[f.mode] else "NO") if f.mode in goals else "-"
            for f in results
        ],
    )
    row("POST -> first audio byte (s) [1]", [f"{f.post_to_first_byte_s:.3f}" for f in results])
    row("  / raw pipeline", [f"{f.post_to_first_byte_s / raw_median:.2f}x" for f in results])
    row("GET audio, first byte (ms)", [f"{f.first_byte_s * 1000:.1f}" for f in results])
    row("repeat POST (ms)", [f"{f.repeat_s * 1000:.1f}" for f in results])
    row(
        "  same id, ready; < 50 ms",
        [
            ("yes" if f.repeat_same else "NO") + (", yes" if f.repeat_s < 0.05 else ", NO")
            for f in results
        ],
    )
    row("GET status, API CPU (ms)", [f"{f.status_cpu_ms:.2f}" for f in results])
    row(f"accepted POST/s ({args.clients} clients)", [f"{f.accepted_per_s:.1f}" for f in results])
    row("  errors / requests", [f"{f.load_errors}/{f.load_requests}" for f in results])
    print(
        "[1] on another narration of the article, every paragraph edited (nothing cached), "
        "GET audio every poll"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=HERE / "data" / "article_1000.txt")
    parser.add_argument("--voice", default="en-us", help="e.g. en-us, piper/en_US-joe-medium")
    parser.add_argument(
        "--modes",
        default="embedded,redis",
        help="comma-separated: embedded, redis, redis-1, redis-c2",
    )
    parser.add_argument(
        "--clients", type=int, default=8, help="concurrent clients in the load test"
    )
    parser.add_argument("--load-seconds", type=float, default=5.0)
    parser.add_argument(
        "--runs", type=int, default=3, help="narrations timed POST -> ready (the median counts)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the data directories and logs")
    args = parser.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = set(modes) - set(CELERY_WORKERS)
    if unknown:
        parser.error(f"unknown mode(s): {', '.join(sorted(unknown))}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if any(m.startswith("redis") for m in modes) and not shutil.which("redis-server"):
        parser.error("redis modes need redis-server on PATH")
    article = args.article.read_text()
    workdir = Path(tempfile.mkdtemp(prefix="narrator-bench-"))
    results: list[Figures] = []
    raw_s: list[float] = []
    try:
        raw_s.append(raw.pipeline_seconds(args.voice, article, workdir))
        for mode in modes:
            results.append(
                measure_service(
                    mode, workdir, article, args.voice, args.clients, args.load_seconds, args.runs
                )
            )
            raw_s.append(raw.pipeline_seconds(args.voice, article, workdir))
        while len(raw_s) < RAW_RUNS:
            raw_s.append(raw.pipeline_seconds(args.voice, article, workdir))
    finally:
        if args.keep:
            print(f"data and logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report(results, raw_s, args)


if __name__ == "__main__":
    main()
