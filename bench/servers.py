"""What the site runs with during the benchmark, and the gunicorn serving it.

The site runs as in production (DJANGO_DEBUG unset, manifest static files,
Redis as the shared cache and the page cache on), plus DJANGO_BENCH=1, which
installs the bench app and mounts its floor views.
"""

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from .load import get

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
BENCH_VOTE_RATE_LIMIT = "1000000/60"
DEFAULT_VOTE_RATE_LIMIT = "60/60"
WORKERS = 2


def bench_env(database_url: str) -> dict:
    """Return the environment for manage.py, gunicorn and the in-process pass.

    Redis is required: without a cache that every worker shares, the site
    turns its page cache off and the stored pages could not be measured.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    redis_url = env.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if not redis_answers(redis_url):
        raise SystemExit(
            f"Redis does not answer at {redis_url}: the benchmark measures the "
            "site with its shared cache and page cache. Start Redis, or set "
            "BENCH_REDIS_URL."
        )
    env.update(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "DJANGO_PAGE_CACHE": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": env.get("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_BENCH": "1",
            "DJANGO_VOTE_RATE_LIMIT": BENCH_VOTE_RATE_LIMIT,
            "DJANGO_REQUEST_LOG_LEVEL": env.get("DJANGO_REQUEST_LOG_LEVEL", "INFO"),
        }
    )
    return env


def redis_answers(url: str) -> bool:
    """Return whether a Redis server answers PING at url."""
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1
        ) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with config/gunicorn.py, in its own process group."""

    def __init__(self, env: dict, log_path: Path):
        self.port = free_port()
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(WORKERS),
            # Workers must not be recycled while their memory is watched.
            "GUNICORN_MAX_REQUESTS": "0",
        }
        self.log_path = log_path
        self.process = None

    def start(self) -> None:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "config/gunicorn.py",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log_path}")
            with contextlib.suppress(OSError):
                status, _ = get(self.port, "/healthz")
                if status == 200 and len(self.workers()) >= WORKERS:
                    logger.info(f"gunicorn is up on 127.0.0.1:{self.port}")
                    return
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer /healthz; see {self.log_path}")

    def workers(self) -> list[int]:
        """Return the worker pids: the master's children."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        if children.exists():
            return [int(pid) for pid in children.read_text().split()]
        # Kernels built without CONFIG_PROC_CHILDREN: read each process's parent.
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                    found.append(int(stat.parent.name))
        return found

    def worker_rss_kib(self) -> dict[int, int]:
        """Return each worker's resident memory in KiB, by pid."""
        return {pid: rss_kib(pid) for pid in self.workers()}

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._log.close()
        logger.info("gunicorn stopped")


def rss_kib(pid: int) -> int:
    """Return a process's resident memory (VmRSS) in KiB; 0 once it is gone."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
