"""The benchmark's own PostgreSQL database: create it, seed it once per size.

Nothing here loads Django: manage.py runs in a subprocess, and the seed
marker is read and written over a plain psycopg connection.
"""

import logging
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = (
    "postgres://healthforum:healthforum@127.0.0.1:5432/healthforum_bench"
)
# What seed_bench --reset demands of a database's name before replacing it.
BENCH_NAME_MARK = "bench"
SEED_ARGS = {
    "small": ["--size", "small"],
    "large": ["--size", "large"],
}
MARKER_TABLE = "bench_seed_marker"


def is_bench_database(name: str) -> bool:
    """Return whether a database's name marks it as a benchmark database.

    The name of a PostgreSQL database, or the file name (not the folder) of
    a SQLite one, must contain "bench": `healthforum_bench`, `bench.sqlite3`.
    """
    return BENCH_NAME_MARK in Path(str(name)).name.lower()


def database_name(url: str) -> str:
    """Return the name of the database that a postgres:// URL points at."""
    return _conninfo(url).get("dbname", "")


def _conninfo(url: str) -> dict:
    from psycopg.conninfo import conninfo_to_dict

    return conninfo_to_dict(url.replace("postgresql://", "postgres://", 1))


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist yet."""
    import psycopg

    info = _conninfo(url)
    name = info.get("dbname")
    if not name:
        raise SystemExit("The benchmark's database URL must name a database.")
    with psycopg.connect(**{**info, "dbname": "postgres"}, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            logger.info(f"Creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def read_marker(url: str) -> dict | None:
    """Return what the database was last seeded with, or None."""
    import psycopg

    with psycopg.connect(**_conninfo(url), autocommit=True) as conn:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (size text PRIMARY KEY, "
            "options text NOT NULL, seeded_at timestamptz NOT NULL, "
            "seconds double precision NOT NULL, threads bigint NOT NULL)"
        )
        row = conn.execute(
            f"SELECT size, options, seeded_at, seconds, threads FROM {MARKER_TABLE}"
        ).fetchone()
        if row is None:
            return None
        threads = conn.execute("SELECT count(*) FROM forum_thread").fetchone()[0]
    size, options, seeded_at, seconds, expected = row
    return {
        "size": size,
        "options": options,
        "seeded_at": seeded_at.isoformat(),
        "seconds": seconds,
        "threads_expected": expected,
        "threads_found": threads,
    }


def write_marker(url: str, size: str, options: str, seconds: float) -> None:
    """Record the size just seeded and how long it took."""
    import psycopg

    with psycopg.connect(**_conninfo(url), autocommit=True) as conn:
        threads = conn.execute("SELECT count(*) FROM forum_thread").fetchone()[0]
        conn.execute(f"DELETE FROM {MARKER_TABLE}")
        conn.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, now(), %s, %s)",
            [size, options, seconds, threads],
        )


def manage(env: dict, *args: str) -> None:
    """Run a manage.py command in a subprocess with env."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def seed_if_needed(url: str, size: str, *, reseed: bool, env: dict) -> dict:
    """Seed size unless the database already holds exactly it; say which."""
    options = " ".join(SEED_ARGS[size])
    marker = read_marker(url)
    if (
        not reseed
        and marker
        and marker["size"] == size
        and marker["options"] == options
        and marker["threads_found"] == marker["threads_expected"]
    ):
        logger.info(
            f"Reusing the {size} data seeded at {marker['seeded_at']} "
            f"(seeding took {marker['seconds']:.0f}s)"
        )
        return {**marker, "reused": True}
    logger.info(f"Seeding the {size} size (this replaces the benchmark data)")
    started = time.perf_counter()
    manage(env, "seed_bench", *SEED_ARGS[size], "--reset")
    seconds = time.perf_counter() - started
    write_marker(url, size, options, seconds)
    return {
        "size": size,
        "options": options,
        "seconds": round(seconds, 1),
        "seeded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "reused": False,
    }
