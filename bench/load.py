"""Load a page for a while and report its latency: wrk, or a Python client.

wrk is used when it is installed (`make bench` installs it when it runs as
root); the Python client, threads over keep-alive connections, stands in
for it otherwise and serves the memory scenario, which counts requests.
"""

import http.client
import json
import math
import shutil
import subprocess
import threading
import time
from pathlib import Path

REPORT_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"


def get(port: int, path: str, *, timeout: float = 30) -> tuple[int, bytes]:
    """Request path once from 127.0.0.1:port; return the status and body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of values (NaN for none)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))
    return ordered[index]


def python_load(
    port: int,
    path: str,
    *,
    headers: dict | None = None,
    connections: int = 8,
    seconds: float = 10.0,
    total: int | None = None,
) -> dict:
    """Load path from connections threads over keep-alive; return figures.

    Runs for seconds, or until total requests when total is given.
    """
    latencies, errors, statuses = [], [0], {}
    lock = threading.Lock()
    remaining = [total]
    deadline = time.monotonic() + seconds if total is None else math.inf

    def take() -> bool:
        if total is None:
            return time.monotonic() < deadline
        with lock:
            if remaining[0] <= 0:
                return False
            remaining[0] -= 1
            return True

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while take():
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            mine.append(time.perf_counter() - started)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if not 200 <= status < 400:
                    errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "client": "python",
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1) if elapsed else 0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "errors": errors[0],
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def wrk_load(
    port: int,
    path: str,
    *,
    headers: dict | None = None,
    connections: int = 8,
    threads: int = 2,
    seconds: int = 10,
) -> dict:
    """Load path with wrk and bench/wrk_report.lua; return figures."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        # Slow pages must be measured, not dropped as wrk's 2 s timeouts.
        "--timeout",
        "30s",
        "-s",
        str(REPORT_SCRIPT),
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    elapsed = figures["duration_us"] / 1e6
    return {
        "client": "wrk",
        "requests": figures["requests"],
        "seconds": round(elapsed, 2),
        "rps": round(figures["requests"] / elapsed, 1) if elapsed else 0,
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p95_ms": round(figures["p95_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "errors": sum(figures["errors"].values()),
        "error_kinds": figures["errors"],
    }


class Loader:
    """Warm a path up, then load it, with the client the options chose."""

    def __init__(
        self,
        port: int,
        *,
        connections: int,
        duration: int,
        warmup: float,
        wrk_threads: int,
        python_client: bool,
    ):
        self.port = port
        self.connections, self.duration, self.warmup = connections, duration, warmup
        self.wrk_threads = wrk_threads
        self.use_wrk = not python_client and shutil.which("wrk") is not None

    @property
    def name(self) -> str:
        if self.use_wrk:
            version = subprocess.run(
                ["wrk", "--version"], capture_output=True, text=True
            ).stdout
            return (version.splitlines() or ["wrk"])[0].split(" [")[0]
        return "python http.client (threads, keep-alive)"

    def measure(self, path: str, headers: dict | None = None) -> dict:
        """Return the latency figures of path under load, after a warm-up."""
        if self.warmup:
            python_load(
                self.port,
                path,
                headers=headers,
                connections=self.connections,
                seconds=self.warmup,
            )
        if self.use_wrk:
            return wrk_load(
                self.port,
                path,
                headers=headers,
                connections=self.connections,
                threads=self.wrk_threads,
                seconds=self.duration,
            )
        return python_load(
            self.port,
            path,
            headers=headers,
            connections=self.connections,
            seconds=self.duration,
        )
