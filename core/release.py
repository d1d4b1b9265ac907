"""The release a stored page belongs to, so a deploy never serves old HTML.

A page's HTML depends on the templates, on the Python that renders them
(views, template tags, the Markdown renderer, forms) and on the installed
libraries. DJANGO_RELEASE, which the deploy sets to the commit it ships
(docs/deploy.md), names the release. Without it, a digest of everything the
HTML can depend on does: every template, static file and Python module of
the project, and the pinned requirements. Read once, at start-up.
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings

# Not part of what the site renders.
_SKIPPED_DIRS = {".git", ".venv", "node_modules", "staticfiles", "media", "tests"}
_SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".svg", ".md", ".toml"}


def _source_files(base: Path) -> list[Path]:
    files = []
    for folder, dirs, names in os.walk(base):
        # Pruned here, so the walk never enters .venv and its thousands of files.
        dirs[:] = [d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith(".")]
        files.extend(
            Path(folder, name) for name in names if Path(name).suffix in _SUFFIXES
        )
    return sorted(files)


def fingerprint(base: Path) -> str:
    """Return a digest of every file under base that the site's HTML depends on."""
    digest = hashlib.sha256()
    for path in _source_files(base):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


RELEASE = settings.PAGE_CACHE_RELEASE or fingerprint(settings.BASE_DIR)
