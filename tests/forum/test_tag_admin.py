"""Staff merge, rename and delete tags, and keep synonyms, in the admin."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from taggit.models import Tag

from core.models import AuditEntry
from forum import services
from forum.models import TagSynonym, Thread
from forum.tags import merge_tags, rename_tag
from tests.factories import ModeratorFactory, ResourceFactory, TagSynonymFactory
from tests.forum.test_admin import _change_form_data
from tests.html import parse

TAGS_URL = reverse("admin:taggit_tag_changelist")
MERGE_URL = reverse("admin:taggit_tag_merge_tags")
SYNONYMS_URL = reverse("admin:forum_tagsynonym_changelist")
INDEX_URL = reverse("forum:index")


def _tag_url(slug):
    return reverse("forum:tag", kwargs={"slug": slug})


def _ask(forum, author, *tags, title="A question about my symptoms"):
    return services.post_thread(
        author=author,
        forum=forum,
        title=title,
        body="A question body that is long enough.",
        tags=list(tags),
    )


def _merge(admin_client, tags, into):
    admin_client.post(
        TAGS_URL,
        {"action": "render_tag_form", "_selected_action": [tag.pk for tag in tags]},
    )
    return admin_client.post(MERGE_URL, {"new_tag_name": into})


def _popular(client):
    block = parse(client.get(INDEX_URL)).one(".popular-tags")
    return [link.name for link in block.by_role("link")]


@pytest.fixture
def tagged(forum, user):
    """Three questions: migraine; migraines; and both, on one question."""
    return [
        _ask(forum, user, "migraine", title="Migraine after bright light"),
        _ask(forum, user, "migraines", title="Migraines every weekend"),
        _ask(forum, user, "migraine", "migraines", title="Migraine and nausea"),
    ]


def test_changelist_shows_visible_question_counts(admin_client, tagged, staff):
    services.remove_thread(moderator=staff, thread=tagged[0])
    page = parse(admin_client.get(TAGS_URL))
    rows = {
        row.one(".field-name").text: row.one(".field-thread_count").text
        for row in page.select("#result_list tbody tr")
    }
    assert rows == {"migraine": "1", "migraines": "2"}


def test_merging_into_one_of_the_merged_names_keeps_every_post(
    admin_client, client, tagged
):
    migraine = Tag.objects.get(name="migraine")
    migraines = Tag.objects.get(name="migraines")
    assert _popular(client) == ["migraine 2 questions", "migraines 2 questions"]

    response = _merge(admin_client, [migraine, migraines], "Migraine")

    assert response.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["migraine"]
    for thread in tagged:
        assert list(Thread.objects.get(pk=thread.pk).tags.names()) == ["migraine"]
    synonym = TagSynonym.objects.get()
    assert (synonym.name, synonym.tag) == ("migraines", migraine)
    # Pages follow: the counts, the old tag's page, the kept one's.
    assert _popular(client) == ["migraine 3 questions"]
    assert client.get(_tag_url("migraines")).status_code == 404
    kept = parse(client.get(_tag_url("migraine")))
    assert "3 questions" in kept.one(".tag-summary").text
    entry = AuditEntry.objects.get(action="tag.merge")
    assert entry.reason == "Merged: migraines"


def test_merging_into_a_new_name_and_new_posts_follow_it(
    admin_client, client, forum, user, tagged
):
    _merge(admin_client, Tag.objects.all(), "  Migraine   Headache ")

    assert list(Tag.objects.values_list("name", flat=True)) == ["migraine-headache"]
    assert sorted(TagSynonym.objects.values_list("name", flat=True)) == [
        "migraine",
        "migraines",
    ]
    client.force_login(user)
    client.post(
        reverse("forum:thread-create"),
        {
            "forum": forum.pk,
            "title": "Migraine with a stiff neck",
            "body": "My neck aches on the same side as the migraine.",
            "tags": "Migraines",
        },
    )
    thread = Thread.objects.get(title="Migraine with a stiff neck")
    assert list(thread.tags.names()) == ["migraine-headache"]


def test_merging_moves_synonyms_and_article_tags_too(db, staff, tagged):
    migraines = Tag.objects.get(name="migraines")
    TagSynonymFactory(name="migrane", tag=migraines)
    article = ResourceFactory(tags=["migraines"])

    kept = merge_tags(staff=staff, tags=[migraines], into="migraine")

    assert TagSynonym.objects.get(name="migrane").tag == kept
    assert list(article.tags.names()) == ["migraine"]


def test_merging_with_nothing_selected_says_so(admin_client, tagged):
    response = admin_client.get(MERGE_URL)
    assert response.status_code == 200
    assert "No tags are selected" in parse(response).one("#content-main").text


def test_staff_who_may_only_view_tags_cannot_merge(client, tagged):
    viewer = ModeratorFactory(permissions=["taggit.view_tag"])
    client.force_login(viewer)
    assert client.get(MERGE_URL).status_code == 403
    assert client.post(MERGE_URL, {"new_tag_name": "migraine"}).status_code == 403
    assert Tag.objects.count() == 2


def test_only_staff_merge_or_rename_through_the_services(db, user, tagged):
    tag = Tag.objects.get(name="migraines")
    with pytest.raises(PermissionDenied):
        merge_tags(staff=user, tags=[tag], into="migraine")
    with pytest.raises(PermissionDenied):
        rename_tag(staff=user, tag=tag, name="headache")
    assert Tag.objects.count() == 2


def _rename(admin_client, tag, name):
    return admin_client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]),
        {
            "name": name,
            "synonyms-TOTAL_FORMS": "0",
            "synonyms-INITIAL_FORMS": "0",
        },
    )


def test_renaming_moves_the_page_and_keeps_the_old_name(admin_client, client, tagged):
    tag = Tag.objects.get(name="migraines")
    assert client.get(_tag_url("migraines")).status_code == 200

    response = _rename(admin_client, tag, "Frequent  Migraine")

    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("frequent-migraine", "frequent-migraine")
    assert TagSynonym.objects.get(name="migraines").tag == tag
    assert client.get(_tag_url("migraines")).status_code == 404
    page = parse(client.get(_tag_url("frequent-migraine")))
    assert page.one("h1").text == "frequent-migraine"
    assert "frequent-migraine 2 questions" in _popular(client)
    thread = parse(client.get(tagged[1].get_absolute_url()))
    link = thread.get_by_role("list", "Topics").get_by_role("link", "frequent-migraine")
    assert link["href"] == _tag_url("frequent-migraine")


def test_renaming_to_another_tags_name_is_refused(admin_client, tagged):
    tag = Tag.objects.get(name="migraines")

    response = _rename(admin_client, tag, "MIGRAINE")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["name"]
    assert "Merge selected tags" in errors[0]
    assert Tag.objects.count() == 2


def test_renaming_through_the_service_to_an_existing_name_merges(db, staff, tagged):
    kept = rename_tag(
        staff=staff, tag=Tag.objects.get(name="migraines"), name="Migraine"
    )
    assert kept.name == "migraine"
    assert Tag.objects.count() == 1


def test_deleting_a_tag_takes_it_off_posts_and_pages(admin_client, client, tagged):
    tag = Tag.objects.get(name="migraines")
    TagSynonymFactory(name="migrane", tag=tag)
    assert "migraines 2 questions" in _popular(client)

    response = admin_client.post(
        reverse("admin:taggit_tag_delete", args=[tag.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert client.get(_tag_url("migraines")).status_code == 404
    assert _popular(client) == ["migraine 2 questions"]
    assert list(Thread.objects.get(pk=tagged[1].pk).tags.all()) == []
    assert not TagSynonym.objects.exists()


def test_synonyms_are_kept_normalised_in_their_own_admin(admin_client, tagged):
    migraine = Tag.objects.get(name="migraine")

    response = admin_client.post(
        reverse("admin:forum_tagsynonym_add"),
        {"name": "  Migraine  Attacks ", "tag": migraine.pk},
    )

    assert response.status_code == 302
    assert TagSynonym.objects.get().name == "migraine-attacks"
    listing = parse(admin_client.get(SYNONYMS_URL + "?q=attacks"))
    assert listing.one("#result_list tbody .field-name").text == "migraine-attacks"


def test_synonyms_are_added_on_the_tag_page_too(admin_client, tagged):
    migraine = Tag.objects.get(name="migraine")

    response = admin_client.post(
        reverse("admin:taggit_tag_change", args=[migraine.pk]),
        {
            "name": "migraine",
            "synonyms-TOTAL_FORMS": "1",
            "synonyms-INITIAL_FORMS": "0",
            "synonyms-0-name": "Migrane",
            "synonyms-0-tag": migraine.pk,
        },
    )

    assert response.status_code == 302
    synonym = TagSynonym.objects.get()
    assert (synonym.name, synonym.tag) == ("migrane", migraine)


def test_tags_typed_on_a_thread_in_the_admin_follow_the_rule(admin_client, thread):
    TagSynonymFactory(name="twitches", tag=Tag.objects.get(name="twitching"))
    url = reverse("admin:forum_thread_change", args=[thread.pk])
    data = _change_form_data(admin_client.get(url))
    data["tags"] = "Twitches, Eyelid   Spasm"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert sorted(thread.tags.names()) == ["eyelid-spasm", "twitching"]
