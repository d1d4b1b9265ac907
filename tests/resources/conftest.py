from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image

from resources import services


def image_bytes(kind: str, size=(3, 2)) -> bytes:
    """Return a real, decodable image of kind (a Pillow format name)."""
    buffer = BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, kind)
    return buffer.getvalue()


PNG = image_bytes("PNG")


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
