"""The backup script in docs/deploy.md really backs up and restores."""

import os
import shutil
import subprocess

import pytest
from django.conf import settings
from django.db import connection

from forum import services
from tests.factories import ForumFactory, UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or not shutil.which("pg_dump"),
    reason="the backup script is for PostgreSQL (run with DATABASE_URL=postgres://…)",
)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def test_backup_restores_with_identical_row_counts(transactional_db, tmp_path):
    forum = ForumFactory(slug="neurology")
    author, helper = UserFactory.create_batch(2)
    thread = services.post_thread(
        author=author, forum=forum, title="A thread to back up", body="Body text here."
    )
    services.post_reply(author=helper, thread=thread, body="A reply to back up too.")
    result = subprocess.run(
        [str(settings.BASE_DIR / "scripts" / "backup-restore-check")],
        env={
            **os.environ,
            "DATABASE_URL": _database_url(),
            "BACKUP_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical counts" in result.stdout
    assert list(tmp_path.glob("healthforum-*.dump"))
