"""The demo resources that `make run` loads."""

import io

import pytest
from django.core.management import call_command

from forum.models import Forum
from resources.demo import RESOURCES
from resources.models import Resource
from resources.sidebar import get_sidebar


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_has_a_mix_of_articles_and_links_some_pinned(seeded):
    live = Resource.objects.published()
    assert live.count() >= 8
    assert live.filter(external_url="").count() >= 4
    assert live.exclude(external_url="").count() >= 3
    assert live.filter(is_pinned=True).count() >= 2
    assert live.filter(forums__slug="neurology").exists()
    assert live.filter(forums__isnull=True).exists()
    assert Resource.objects.filter(is_published=False).exists()
    assert any(resource.is_scheduled for resource in Resource.objects.all())


def test_demo_resources_pass_the_admins_checks(seeded):
    for resource in Resource.objects.all():
        resource.full_clean(exclude=["tags"])
        if resource.is_external:
            assert resource.external_url.startswith("https://")


def test_demo_readership_fills_the_sidebar(seeded):
    neurology = Forum.objects.get(slug="neurology")
    teasers = get_sidebar(neurology)
    assert len(teasers) == 6
    assert teasers[0]["title"] == "Simple habits for brain health"
    assert "When is a twitch worth a doctor's visit?" in [t["title"] for t in teasers]


def test_demo_is_idempotent(seeded):
    before = Resource.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Resource.objects.count() == before == len(RESOURCES)
