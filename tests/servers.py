"""Real servers for the tests that run the site as production does.

PostgreSQL clusters (a primary, and a streaming replica made from it with
pg_basebackup), PgBouncer, a redis-server and the site under gunicorn, each
on a port of this pytest-xdist worker's own (tests/ports.py), plus a visitor
that drives the site over HTTP with its own cookies. PostgreSQL and
PgBouncer refuse to run as root, so under root they run as "postgres".
"""

import atexit
import contextlib
import functools
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from tests.html import Element, parse
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
IS_ROOT = os.geteuid() == 0


def _postgres_bin() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[-3]),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


POSTGRES_BIN = _postgres_bin()
PGBOUNCER = shutil.which("pgbouncer") or (
    "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
)
REDIS_SERVER = shutil.which("redis-server") or (
    "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
)


def scratch_directory(prefix: str) -> Path:
    """Return a new directory that the postgres user may write in, too."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    if IS_ROOT:
        shutil.chown(directory, "postgres")
    return directory


def wait_for(ready, timeout: float = 30.0, what: str = "the server") -> float:
    """Poll ready() until it is true; return how long that took."""
    started = time.monotonic()
    while not ready():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what}: not ready after {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - started


class Cluster:
    """A throwaway PostgreSQL cluster with trust authentication."""

    def __init__(self, directory: Path, name: str = "primary"):
        self.directory, self.name = directory, name
        self.data = directory / name
        self.port = free_port()

    def run(self, *args: str) -> str:
        command = [str(POSTGRES_BIN / args[0]), *args[1:]]
        if IS_ROOT:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, check=True, capture_output=True, text=True, cwd=self.directory
        ).stdout

    def create(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust")

    def start(self) -> None:
        """Start the cluster, on another port if another process took this one."""
        for attempt in range(3):
            options = (
                f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c full_page_writes=off"
            )
            log = str(self.directory / f"{self.name}.log")
            try:
                self.run(
                    "pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w",
                    "start",
                )  # fmt: skip
                return
            except subprocess.CalledProcessError:
                if attempt == 2:
                    raise
                self.port = free_port()

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop_if_running(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()

    def replica(self, name: str = "replica") -> "Cluster":
        """Copy this running cluster into a streaming replica of it (not started)."""
        replica = Cluster(self.directory, name)
        self.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(self.port), "-U",
            "postgres", "-D", str(replica.data), "-R", "-X", "stream",
            "--checkpoint=fast",
        )  # fmt: skip
        return replica

    def sql(self, query: str, database: str = "forum") -> str:
        """Run query as the superuser; return its rows as text."""
        return self.run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "-d", database, "-v", "ON_ERROR_STOP=1", "-qtAc", query,
        ).strip()  # fmt: skip

    def url(self, database: str = "forum") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


class PgBouncer:
    """A pgbouncer in transaction mode in front of one PostgreSQL server.

    It hands each transaction the next of several server connections in
    turn (server_round_robin), so that anything kept on a server connection
    between transactions (a cursor, a prepared statement, a SET) is lost at
    once instead of now and then.
    """

    def __init__(self, directory: Path, database: dict):
        self.directory, self.port = directory, free_port()
        self.user = database["USER"]
        self.config = directory / "pgbouncer.ini"
        users = directory / "userlist.txt"
        users.write_text(f'"{self.user}" "{database["PASSWORD"]}"\n')
        self.config.write_text(
            "[databases]\n"
            f"* = host={database['HOST'] or '127.0.0.1'} "
            f"port={database['PORT'] or 5432}\n"
            "[pgbouncer]\n"
            "listen_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\n"
            "unix_socket_dir =\n"
            "auth_type = trust\n"
            f"auth_file = {users}\n"
            f"admin_users = {self.user}\n"
            "pool_mode = transaction\n"
            "default_pool_size = 3\n"
            "min_pool_size = 3\n"
            "server_round_robin = 1\n"
            "query_wait_timeout = 2\n"
            "server_login_retry = 1\n"
            f"logfile = {directory / 'pgbouncer.log'}\n"
        )
        if IS_ROOT:
            for path in (self.config, users):
                shutil.chown(path, "postgres")
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        for attempt in range(3):
            command = [PGBOUNCER, str(self.config)]
            if IS_ROOT:
                command[1:1] = ["-u", "postgres"]
            self.process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            try:
                wait_for(self._answers, timeout=10, what="pgbouncer")
                return
            except AssertionError:
                self.stop()
                if attempt == 2:
                    raise
                self.port = free_port()
                text = self.config.read_text()
                self.config.write_text(
                    "\n".join(
                        f"listen_port = {self.port}"
                        if line.startswith("listen_port")
                        else line
                        for line in text.splitlines()
                    )
                    + "\n"
                )

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError("pgbouncer exited at start")
        try:
            return "pgbouncer" in self.show("DATABASES").lower()
        except subprocess.CalledProcessError:
            return False

    def show(self, what: str) -> str:
        """Return what PgBouncer's console shows for SHOW what, as text."""
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user]
            + ["-d", "pgbouncer", "-qtAc", f"SHOW {what}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class RedisServer:
    """A redis-server of the test's own, keeping nothing on disk."""

    def __init__(self, directory: Path):
        self.directory, self.port = directory, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        for attempt in range(3):
            self.process = subprocess.Popen(
                [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
                + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                wait_for(self._answers, timeout=10, what="redis-server")
                return
            except AssertionError:
                if attempt == 2:
                    raise
                self.port = free_port()
                self.url = f"redis://127.0.0.1:{self.port}/0"

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError("redis-server exited at start")
        import redis

        try:
            return redis.Redis(port=self.port, socket_timeout=1).ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def site_environment(database_url: str, **settings: str) -> dict[str, str]:
    """Return the environment of a production site on database_url.

    DEBUG is off and static files come through their manifest, as in
    production; settings add to it (REDIS_URL, DATABASE_REPLICA_URLS, ...).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PYTEST_"))
    }
    return env | {
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "servers-test-not-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_DEBUG": "0",
        "DJANGO_STATIC_ROOT": str(collected_static()),
        **settings,
    }


def manage(env: dict[str, str], *args: str) -> str:
    """Run manage.py with env; return what it printed."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@functools.cache
def collected_static() -> Path:
    """Collect the static files once per test process, for every site it starts."""
    directory = Path(tempfile.mkdtemp(prefix="site-static-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env |= {"DJANGO_SECRET_KEY": "x", "DJANGO_STATIC_ROOT": str(directory)}
    manage(env, "collectstatic", "--no-input", "-v", "0")
    return directory


class Site:
    """The site under gunicorn, in a process group of its own."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 1):
        self.env, self.log, self.workers = env, log, workers
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start gunicorn; try another port only if it exited (the port taken)."""
        for attempt in range(3):
            with self.log.open("a") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "config.wsgi"]
                    + ["--bind", f"127.0.0.1:{self.port}"]
                    + ["--workers", str(self.workers), "--log-level", "warning"],
                    cwd=ROOT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            deadline = time.monotonic() + 30
            while self.process.poll() is None and time.monotonic() < deadline:
                if Visitor(self).get("/healthz").status == 200:
                    return
                time.sleep(0.05)
            exited = self.process.poll() is not None
            self.stop()
            if not exited or attempt == 2:
                tail = "\n".join(self.log_text().splitlines()[-15:])
                raise AssertionError(f"gunicorn did not answer /healthz:\n{tail}")
            self.port = free_port()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@dataclass
class Answer:
    status: int
    html: str
    headers: dict
    seconds: float

    @property
    def page(self) -> Element:
        return parse(self.html)


class Visitor:
    """One browser: its own cookies, following redirects as a browser does."""

    def __init__(self, site: Site):
        self.site = site
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def at(self, site: Site) -> "Visitor":
        """Return the same browser visiting another site on this host."""
        other = Visitor(site)
        other.cookies, other.opener = self.cookies, self.opener
        return other

    def get(self, path: str) -> Answer:
        return self._send(path, None)

    def post(self, path: str, data: dict | list) -> Answer:
        return self._send(path, urllib.parse.urlencode(data, doseq=True).encode())

    def _send(self, path: str, body: bytes | None) -> Answer:
        url = path if path.startswith("http") else self.site.base + path
        started = time.monotonic()
        try:
            with self.opener.open(url, body, timeout=30) as response:
                status, html = response.status, response.read().decode()
                headers = dict(response.headers)
        except urllib.error.HTTPError as error:
            status, html, headers = (
                error.code,
                error.read().decode(),
                dict(error.headers),
            )
        except (urllib.error.URLError, ConnectionError):
            status, html, headers = 0, "", {}
        return Answer(status, html, headers, time.monotonic() - started)

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def log_in(self, username: str, password: str) -> Answer:
        form = self.get("/accounts/login/").page.one("main form")
        data = form_data(form) | {"login": username, "password": password}
        answer = self.post(form["action"], data)
        assert answer.status == 200, answer.status
        assert username in answer.page.one("header").text, "not signed in"
        return answer


def form_data(form: Element) -> dict[str, str]:
    """Return the values a form would send, leaving out its buttons."""
    return {
        field["name"]: field.value
        for field in form.select("input[name], textarea[name], select[name]")
        if field.attrs.get("type") not in ("submit", "button", "checkbox", "radio")
    }
