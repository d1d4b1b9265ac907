"""What DATABASE_REPLICA_URLS and DATABASE_POOLER make of the settings.

config/settings.py is read afresh in a subprocess for each environment, as
a web process would read it.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

PRIMARY = "postgres://forum:secret@db.internal:5432/forum"
NAMES = (
    "DATABASES",
    "DATABASE_REPLICAS",
    "DATABASE_ROUTERS",
    "DATABASE_READ_YOUR_WRITES_SECONDS",
    "MIDDLEWARE",
)


def _settings(**env: str) -> dict:
    code = (
        "import json\n"
        "from config import settings as s\n"
        f"print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}, default=str))"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_", "REDIS_"))
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment | {"DJANGO_SECRET_KEY": "x", **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return json.loads(result.stdout)


def test_without_replicas_there_is_one_database_and_the_router_is_idle():
    found = _settings(DATABASE_URL=PRIMARY)
    assert list(found["DATABASES"]) == ["default"]
    assert found["DATABASE_REPLICAS"] == []
    # Installed, with nothing to route.
    assert found["DATABASE_ROUTERS"] == ["core.db.ReplicaRouter"]
    assert "core.middleware.ReadYourWritesMiddleware" in found["MIDDLEWARE"]


def test_replicas_are_read_with_the_primarys_options_and_no_pool():
    found = _settings(
        DATABASE_URL=PRIMARY,
        DATABASE_REPLICA_URLS=(
            "postgres://forum:secret@replica-a.internal/forum?sslmode=require,"
            "postgres://forum:secret@replica-b.internal:6432/forum"
        ),
    )
    assert found["DATABASE_REPLICAS"] == ["replica1", "replica2"]
    primary = found["DATABASES"]["default"]
    first, second = found["DATABASES"]["replica1"], found["DATABASES"]["replica2"]
    assert (first["HOST"], second["HOST"]) == (
        "replica-a.internal",
        "replica-b.internal",
    )
    assert second["PORT"] == 6432
    assert "pool" in primary["OPTIONS"]
    for replica in (first, second):
        assert "pool" not in replica["OPTIONS"]
        assert replica["OPTIONS"]["options"] == primary["OPTIONS"]["options"]
        assert replica["OPTIONS"]["connect_timeout"] == 2
        assert (replica["CONN_MAX_AGE"], replica["CONN_HEALTH_CHECKS"]) == (60, True)
        # Tests never build a database on a replica.
        assert replica["TEST"] == {"MIRROR": "default"}
    assert first["OPTIONS"]["sslmode"] == "require"
    # The window outlasts the lag limit (5 s) and the check interval (2 s).
    assert found["DATABASE_READ_YOUR_WRITES_SECONDS"] == 8.0


def test_the_window_follows_the_lag_limit_unless_set():
    found = _settings(DATABASE_URL=PRIMARY, DATABASE_REPLICA_MAX_LAG="20")
    assert found["DATABASE_READ_YOUR_WRITES_SECONDS"] == 23.0
    found = _settings(DATABASE_URL=PRIMARY, DATABASE_READ_YOUR_WRITES_SECONDS="3")
    assert found["DATABASE_READ_YOUR_WRITES_SECONDS"] == 3.0


def test_behind_pgbouncer_nothing_outlives_a_transaction():
    found = _settings(
        DATABASE_URL=PRIMARY,
        DATABASE_REPLICA_URLS="postgres://forum:secret@replica-a.internal/forum",
        DATABASE_POOLER="pgbouncer",
    )
    for database in found["DATABASES"].values():
        assert database["DISABLE_SERVER_SIDE_CURSORS"] is True
        # PgBouncer refuses the "options" startup parameter.
        assert "options" not in database["OPTIONS"]
    # The site keeps its own pool of cheap connections to PgBouncer.
    assert "pool" in found["DATABASES"]["default"]["OPTIONS"]


def test_without_a_pooler_server_side_cursors_stay():
    found = _settings(DATABASE_URL=PRIMARY)
    assert "DISABLE_SERVER_SIDE_CURSORS" not in found["DATABASES"]["default"]


def test_an_unknown_pooler_is_refused():
    with pytest.raises(RuntimeError, match="DATABASE_POOLER is either unset or"):
        _settings(DATABASE_URL=PRIMARY, DATABASE_POOLER="pgpool")
