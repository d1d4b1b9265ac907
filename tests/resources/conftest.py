from datetime import timedelta

import pytest
from django.utils import timezone

from resources import services

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40


@pytest.fixture
def media_root(settings, tmp_path):
    """Keep uploaded images out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_resource(db):
    """Return a function creating a resource through the service, live by default."""

    def make(title, **kwargs):
        defaults = {
            "slug": title.lower().replace(" ", "-").replace("'", ""),
            "summary": f"A short summary of {title.lower()}.",
            "body": "" if kwargs.get("external_url") else f"All about {title}.",
            "is_published": True,
            "published_at": timezone.now() - timedelta(days=1),
        }
        return services.create_resource(title=title, **{**defaults, **kwargs})

    return make
