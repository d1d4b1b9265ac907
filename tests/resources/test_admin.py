"""The admin staff use every day to write, schedule and curate resources."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from resources.models import SUMMARY_MAX_LENGTH, Resource
from resources.sidebar import get_sidebar
from tests.factories import ResourceDailyViewsFactory, ResourceFactory
from tests.html import parse

from .conftest import PNG

CHANGELIST = reverse("admin:resources_resource_changelist")
ADD = reverse("admin:resources_resource_add")


def _form(**overrides):
    when = timezone.now() - timedelta(hours=1)
    data = {
        "title": "Simple habits for brain health",
        "slug": "simple-habits-for-brain-health",
        "summary": "Sleep, movement and company help the brain most.",
        "body": "Move most days and **sleep well**.",
        "external_url": "",
        "image_alt": "",
        "tags": "memory, sleep",
        "is_published": "on",
        "published_at_0": when.strftime("%Y-%m-%d"),
        "published_at_1": when.strftime("%H:%M:%S"),
        "position": "0",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _errors(response, field):
    return response.context["adminform"].form.errors.get(field, [])


def _titles(forum=None):
    return [teaser["title"] for teaser in get_sidebar(forum)]


@pytest.fixture
def admin(client, staff):
    client.force_login(staff)
    return client


# --- Smoke. -----------------------------------------------------------------


def test_changelist_search_and_filters(admin, db):
    ResourceFactory(title="Migraine treatments")
    ResourceFactory(title="Dizziness", body="", external_url="https://www.nhs.uk/")
    ResourceFactory(title="Later", published_at=timezone.now() + timedelta(days=1))
    ResourceFactory(title="A draft", is_published=False)
    assert admin.get(CHANGELIST).status_code == 200

    def titles(query):
        response = admin.get(CHANGELIST + query)
        assert response.status_code == 200
        return {r.title for r in response.context["cl"].result_list}

    assert titles("?q=migraine") == {"Migraine treatments"}
    assert titles("?kind=link") == {"Dizziness"}
    assert titles("?status=scheduled") == {"Later"}
    assert titles("?status=draft") == {"A draft"}
    assert titles("?status=live") == {"Migraine treatments", "Dizziness"}


def test_changelist_shows_view_counts_and_preview_links(admin, db):
    resource = ResourceFactory(title="Counted")
    today = timezone.localdate()
    ResourceDailyViewsFactory(resource=resource, day=today, view_count=4)
    ResourceDailyViewsFactory(
        resource=resource, day=today - timedelta(days=40), view_count=10
    )
    response = admin.get(CHANGELIST)
    row = response.context["cl"].result_list[0]
    assert (row.recent_view_count, row.total_view_count) == (4, 14)
    cells = parse(response).one("#result_list tbody tr")
    assert cells.one(".field-recent_views").text == "4"
    assert cells.one(".field-total_views").text == "14"
    preview = cells.get_by_role("link", "View Counted")
    assert preview["href"] == resource.get_absolute_url()


def test_add_page_shows_the_summary_limit_and_the_counter_script(admin, db):
    page = parse(admin.get(ADD))
    summary = page.one("#id_summary")
    assert summary["maxlength"] == str(SUMMARY_MAX_LENGTH)
    assert summary["aria-describedby"] == "id_summary_helptext"
    help_text = page.one("#id_summary_helptext").text
    assert f"at most {SUMMARY_MAX_LENGTH} characters" in help_text
    scripts = [script["src"] for script in page.select("script[src]")]
    assert static("resources/admin_resource.js") in scripts
    image = page.one('input[name="image"]')
    assert (image["type"], image["accept"]) == (
        "file",
        "image/jpeg,image/png,image/gif,image/webp",
    )


def test_change_page_shows_counts_read_only_and_a_preview(admin, db):
    resource = ResourceFactory()
    ResourceDailyViewsFactory(resource=resource, view_count=3)
    response = admin.get(reverse("admin:resources_resource_change", args=[resource.pk]))
    form = response.context["adminform"].form
    assert "recent_views" not in form.fields
    page = parse(response)
    assert page.one(".field-recent_views .readonly").text == "3"
    assert page.select('[name="recent_views"]') == []
    content_type = ContentType.objects.get_for_model(Resource)
    view_on_site = page.get_by_role("link", "View on site")
    assert view_on_site["href"] == reverse(
        "admin:view_on_site", args=[content_type.pk, resource.pk]
    )
    assert response.context["original"].recent_view_count == 3


# --- Writing resources. -----------------------------------------------------


def test_staff_add_an_article_and_the_sidebar_shows_it_at_once(admin, forum):
    assert _titles(forum) == []
    response = admin.post(ADD, _form(forums=[forum.pk]))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert list(resource.forums.all()) == [forum]
    assert sorted(resource.tags.names()) == ["memory", "sleep"]
    assert parse(resource.body_html).one("p strong").text == "sleep well"
    assert _titles(forum) == [resource.title]


def test_staff_add_an_external_link(admin, db):
    response = admin.post(
        ADD, _form(body="", external_url="https://www.nhs.uk/conditions/migraine/")
    )
    assert response.status_code == 302
    assert Resource.objects.get().external_host == "nhs.uk"


def test_staff_upload_an_image(admin, db, media_root):
    image = SimpleUploadedFile("brain.png", PNG, content_type="image/png")
    response = admin.post(ADD, _form(image=image, image_alt="A drawing of a brain"))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.image.name.startswith("resources/")
    assert (media_root / resource.image.name).read_bytes() == PNG
    # Measured from the decoded image, so the page can reserve its space.
    assert (resource.image_width, resource.image_height) == (3, 2)


def test_editing_keeps_an_existing_image_without_checking_it_again(
    admin, db, media_root
):
    admin.post(
        ADD,
        _form(
            image=SimpleUploadedFile("brain.png", PNG), image_alt="A drawing of a brain"
        ),
    )
    resource = Resource.objects.get()
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    response = admin.post(url, _form(title="Renamed", image_alt="A drawing of a brain"))
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Renamed"
    assert resource.image


def test_staff_change_a_title_and_the_sidebar_follows(admin, db):
    resource = ResourceFactory(title="Old title", slug="old-title")
    assert _titles() == ["Old title"]
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    response = admin.post(url, _form(title="New title", slug="old-title"))
    assert response.status_code == 302
    assert _titles() == ["New title"]


def test_staff_delete_and_the_sidebar_follows(admin, db):
    resource = ResourceFactory(title="Going away")
    assert _titles() == ["Going away"]
    url = reverse("admin:resources_resource_delete", args=[resource.pk])
    assert admin.post(url, {"post": "yes"}).status_code == 302
    assert _titles() == []


def test_staff_bulk_delete_and_the_sidebar_follows(admin, db):
    resources = ResourceFactory.create_batch(2)
    assert len(_titles()) == 2
    response = admin.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [r.pk for r in resources],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert _titles() == []


def test_scheduling_keeps_a_resource_out_of_the_sidebar(admin, db):
    later = timezone.now() + timedelta(days=2)
    response = admin.post(
        ADD,
        _form(
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 302
    assert Resource.objects.get().is_scheduled
    assert _titles() == []


# --- Bad input: clear errors, nothing saved. --------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        (
            {"external_url": "https://www.nhs.uk/"},
            "external_url",
            "not both",
        ),
        ({"body": ""}, "body", "or give an external link"),
        ({"body": "  "}, "external_url", "or write it above"),
        (
            {"body": "", "external_url": "ftp://files.example.com/a.pdf"},
            "external_url",
            "https://",
        ),
        (
            {"body": "", "external_url": "javascript:alert(1)"},
            "external_url",
            "valid URL",
        ),
        (
            {"summary": "x" * (SUMMARY_MAX_LENGTH + 1)},
            "summary",
            f"at most {SUMMARY_MAX_LENGTH} characters",
        ),
        ({"title": ""}, "title", "required"),
        ({"slug": "not a slug!"}, "slug", "slug"),
    ],
)
def test_bad_input_gets_a_clear_error(admin, db, overrides, field, words):
    response = admin.post(ADD, _form(**overrides))
    assert response.status_code == 200
    assert any(words in str(message) for message in _errors(response, field)), _errors(
        response, field
    )
    assert not Resource.objects.exists()


def test_duplicate_slug_gets_a_clear_error(admin, db):
    ResourceFactory(slug="simple-habits-for-brain-health")
    response = admin.post(ADD, _form())
    assert "Another resource already uses this slug" in str(_errors(response, "slug"))
    assert Resource.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("notes.png", b"just some text, not an image", "not a JPEG, PNG"),
        ("drawing.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a JPEG"),
        ("brain.gif", PNG, "PNG image, but its name does not end in .png"),
        ("huge.png", PNG + b"\x00" * (2 * 1024 * 1024), "the limit is 2"),
    ],
)
def test_bad_images_get_a_clear_error(admin, db, media_root, name, content, words):
    upload = SimpleUploadedFile(name, content)
    response = admin.post(ADD, _form(image=upload, image_alt="Something"))
    assert response.status_code == 200
    assert words in str(_errors(response, "image")), _errors(response, "image")
    assert not Resource.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_an_image_without_a_description_gets_a_clear_error(admin, db, media_root):
    upload = SimpleUploadedFile("brain.png", PNG)
    response = admin.post(ADD, _form(image=upload))
    assert "Describe the image" in str(_errors(response, "image_alt"))


# --- The list: editable columns and actions. --------------------------------


def _changelist_edit(admin, resources, changes):
    data = {
        "form-TOTAL_FORMS": str(len(resources)),
        "form-INITIAL_FORMS": str(len(resources)),
        "_save": "Save",
    }
    for index, resource in enumerate(resources):
        data[f"form-{index}-id"] = str(resource.pk)
        data[f"form-{index}-position"] = str(
            changes.get(resource.pk, {}).get("position", resource.position)
        )
        if changes.get(resource.pk, {}).get("is_published", resource.is_published):
            data[f"form-{index}-is_published"] = "on"
    return admin.post(CHANGELIST, data)


def test_list_edits_position_and_published_and_the_sidebar_follows(admin, db):
    a = ResourceFactory(title="A", is_pinned=True, position=0)
    b = ResourceFactory(title="B", is_pinned=True, position=1)
    c = ResourceFactory(title="C")
    assert _titles() == ["A", "B", "C"]
    # The changelist orders pinned first, by position: A, B, then C.
    response = _changelist_edit(
        admin, [a, b, c], {a.pk: {"position": 5}, c.pk: {"is_published": False}}
    )
    assert response.status_code == 302, response.context["cl"].formset.errors
    assert _titles() == ["B", "A"]


@pytest.mark.parametrize(
    ("action", "check"),
    [
        ("publish_resources", lambda r: r.is_published),
        ("unpublish_resources", lambda r: not r.is_published),
        ("pin_resources", lambda r: r.is_pinned),
        ("unpin_resources", lambda r: not r.is_pinned),
    ],
)
def test_actions(admin, db, action, check):
    resource = ResourceFactory(is_published=action == "unpublish_resources")
    if action == "unpin_resources":
        Resource.objects.filter(pk=resource.pk).update(is_pinned=True)
    response = admin.post(
        CHANGELIST, {"action": action, "_selected_action": [resource.pk]}
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert check(resource)


def test_publishing_in_the_list_shows_in_the_sidebar_at_once(admin, db):
    draft = ResourceFactory(title="Fresh article", is_published=False)
    assert _titles() == []
    admin.post(
        CHANGELIST, {"action": "publish_resources", "_selected_action": [draft.pk]}
    )
    assert _titles() == ["Fresh article"]


def test_daily_views_are_read_only(admin, db):
    row = ResourceDailyViewsFactory()
    changelist = reverse("admin:resources_resourcedailyviews_changelist")
    assert admin.get(changelist).status_code == 200
    assert admin.get(changelist + "?q=" + row.resource.title[:8]).status_code == 200
    add = reverse("admin:resources_resourcedailyviews_add")
    assert admin.get(add).status_code == 403


def test_members_cannot_reach_the_admin(client, user):
    client.force_login(user)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("field", ["title", "summary", "body"])
def test_text_that_shows_nothing_is_refused(admin, db, field):
    # Zero-width spaces and a word joiner: something typed, nothing to read.
    response = admin.post(ADD, _form(**{field: "\u200b\u200b\u2060"}))
    assert response.status_code == 200
    assert "nothing a reader can see" in str(_errors(response, field))
    assert not Resource.objects.exists()
