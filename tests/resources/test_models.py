"""Resource rules that hold however a resource is written."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from resources.models import Resource, validate_image_upload
from tests.factories import ResourceFactory

from .conftest import PNG, image_bytes


def test_article_is_rendered_and_sanitised_at_save(db):
    resource = ResourceFactory(
        body="## Sleep well\n\nRest **matters**.<script>alert(1)</script>"
        "\n\n[bad](javascript:alert(1))"
    )
    assert "<strong>matters</strong>" in resource.body_html
    assert "<script" not in resource.body_html
    assert 'href="javascript' not in resource.body_html
    # An article's sections sit right under the page's h1.
    assert "<h2>Sleep well</h2>" in resource.body_html


def test_an_external_link_has_no_article_html(db):
    resource = ResourceFactory(body="", external_url="https://www.nhs.uk/")
    assert resource.body_html == ""
    assert resource.is_external
    assert resource.link_url == f"/resources/{resource.slug}/visit/"


def test_an_article_links_to_its_own_page(db):
    resource = ResourceFactory(slug="brain-health")
    assert (
        resource.link_url == resource.get_absolute_url() == "/resources/brain-health/"
    )


def test_published_means_flag_set_and_date_reached(db):
    live = ResourceFactory()
    ResourceFactory(is_published=False)
    ResourceFactory(published_at=timezone.now() + timedelta(hours=1))
    assert list(Resource.objects.published()) == [live]


def test_scheduled_and_draft_states(db):
    scheduled = ResourceFactory(published_at=timezone.now() + timedelta(hours=1))
    draft = ResourceFactory(is_published=False)
    assert scheduled.is_scheduled and not scheduled.is_live
    assert not draft.is_scheduled and not draft.is_live


def test_database_refuses_both_article_and_link(db):
    with pytest.raises(IntegrityError):
        ResourceFactory(body="Text", external_url="https://www.nhs.uk/")


def test_database_refuses_neither_article_nor_link(db):
    with pytest.raises(IntegrityError):
        ResourceFactory(body="", external_url="")


@pytest.mark.parametrize(
    ("body", "url", "fields"),
    [
        ("Text", "https://www.nhs.uk/", {"body", "external_url"}),
        ("   ", "", {"body", "external_url"}),
    ],
)
def test_clean_names_the_fields_to_fix(db, body, url, fields):
    resource = Resource(title="T", slug="t", summary="S", body=body, external_url=url)
    with pytest.raises(ValidationError) as error:
        resource.full_clean(exclude=["tags"])
    assert fields <= set(error.value.message_dict)


@pytest.mark.parametrize(
    "url", ["ftp://example.com/file", "javascript:alert(1)", "//example.com/x"]
)
def test_external_link_must_be_http_or_https(db, url):
    resource = Resource(title="T", slug="t", summary="S", external_url=url)
    with pytest.raises(ValidationError) as error:
        resource.full_clean(exclude=["tags"])
    assert "external_url" in error.value.message_dict


def test_an_image_needs_a_description(db, media_root):
    resource = Resource(
        title="T",
        slug="t",
        summary="S",
        body="B",
        image=SimpleUploadedFile("brain.png", PNG, content_type="image/png"),
    )
    with pytest.raises(ValidationError) as error:
        resource.full_clean(exclude=["tags"])
    assert list(error.value.message_dict) == ["image_alt"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not_an_image"),
        ("notes.txt", b"plain text pretending", "not_an_image"),
        ("photo.jpg", PNG, "image_name_mismatch"),
        ("photo.png", PNG + b"\x00" * (2 * 1024 * 1024), "image_too_large"),
        # The right first bytes, then nothing an image decoder can read.
        ("photo.png", PNG[:16] + b"\x00" * 40, "not_an_image"),
        ("photo.gif", b"GIF89a" + b"\x00" * 20, "not_an_image"),
        # A small file that claims more pixels than any article needs.
        ("bomb.png", image_bytes("PNG", (8000, 6000)), "image_too_many_pixels"),
    ],
)
def test_image_upload_checks(name, content, code):
    upload = SimpleUploadedFile(name, content)
    field_file = Resource(image=upload).image
    with pytest.raises(ValidationError) as error:
        validate_image_upload(field_file)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.png", PNG),
        ("scan.JPG", image_bytes("JPEG")),
        ("scan.gif", image_bytes("GIF")),
        ("scan.webp", image_bytes("WEBP")),
    ],
)
def test_real_images_pass(name, content):
    validate_image_upload(Resource(image=SimpleUploadedFile(name, content)).image)
