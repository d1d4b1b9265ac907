"""The real worker (`manage.py db_worker`) sends the mail a reply queued."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from forum import services
from notifications.models import Notification

# The worker is another process: it sees only committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


def database_url(tmp_path: Path) -> tuple[str, Path | None]:
    """Return a DATABASE_URL for the test database, and its copy if SQLite.

    SQLite's test database lives in this process's memory, so the worker
    gets a file copy of it; PostgreSQL's is shared as it is.
    """
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        url = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        )
        return url, None
    copy = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}", copy


def run_worker(url: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"EMAIL_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=url,
        DJANGO_SECRET_KEY="worker-test",
        DJANGO_SITE_URL="http://forum.test",
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval=0",
        ],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_db_worker_sends_the_queued_reply_mail(settings, thread, other_user, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reply = services.post_reply(
        author=other_user, thread=thread, body="Mine stopped once I slept more."
    )
    notification = Notification.objects.get(recipient=thread.author)
    (queued,) = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert notification.emailed_at is None  # Queued, not sent, by the post.

    url, copy = database_url(tmp_path)
    worker = run_worker(url)

    assert worker.returncode == 0, worker.stderr
    # Without EMAIL_URL the worker prints the mail, as under `make run`.
    printed = worker.stdout
    assert f"To: {thread.author.email}" in printed
    assert "Mine stopped once I slept more." in printed
    assert f"http://forum.test{reply.get_absolute_url()}" in printed
    assert "List-Unsubscribe: <http://forum.test/notifications/email/" in printed
    if copy is None:
        notification.refresh_from_db()
        emailed_at = notification.emailed_at
        status = DBTaskResult.objects.get().status
    else:
        with sqlite3.connect(copy) as db:
            (emailed_at,) = db.execute(
                "SELECT emailed_at FROM notifications_notification WHERE id = ?",
                [notification.pk],
            ).fetchone()
            (status,) = db.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult"
            ).fetchone()
    assert emailed_at is not None
    assert status == "SUCCESSFUL"
