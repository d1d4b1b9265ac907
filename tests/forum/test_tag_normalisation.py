"""Typed tags become one tag: lower case, single hyphens, staff synonyms."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from forum import services
from forum.forms import ThreadForm
from forum.models import TagSynonym, Thread
from forum.tags import normalise_tag_name, resolve_tag_names, split_tag_input
from tests.factories import TagFactory, TagSynonymFactory
from tests.html import parse

ASK_URL = reverse("forum:thread-create")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Migraine", "migraine"),
        ("  migraine  ", "migraine"),
        ("Multiple   Sclerosis", "multiple-sclerosis"),
        ("multiple\tsclerosis\n", "multiple-sclerosis"),
        ("multiple - sclerosis", "multiple-sclerosis"),
        ("-restless--legs-", "restless-legs"),
        ("ＭＳ", "ms"),  # full-width letters, as some phone keyboards type
        ('"restless legs"', "restless-legs"),
        ("long-covid", "long-covid"),
    ],
)
def test_a_name_is_lower_cased_trimmed_and_hyphenated(typed, stored):
    assert normalise_tag_name(typed) == stored


def test_commas_separate_tags_and_spaces_do_not():
    assert split_tag_input("Multiple Sclerosis, fatigue ,, Fatigue") == [
        "multiple-sclerosis",
        "fatigue",
    ]


def test_semicolons_and_line_breaks_separate_tags_too():
    assert split_tag_input("numbness; tingling\nfeet") == [
        "numbness",
        "tingling",
        "feet",
    ]


def test_staff_synonyms_map_variants_to_one_tag(db):
    TagSynonymFactory(name="migraines", tag=TagFactory(name="migraine"))
    TagSynonymFactory(name="ms", tag=TagFactory(name="multiple-sclerosis"))

    assert resolve_tag_names(["Migraines", "MS", "migraine", "sleep"]) == [
        "migraine",
        "multiple-sclerosis",
        "sleep",
    ]


def _form(forum, tags: str) -> ThreadForm:
    return ThreadForm(
        {
            "forum": forum.pk,
            "title": "Headaches every morning",
            "body": "They start when I wake and fade by noon.",
            "tags": tags,
        }
    )


def test_the_question_form_normalises_and_applies_synonyms(forum):
    TagSynonymFactory(name="migraines", tag=TagFactory(name="migraine"))
    form = _form(forum, " Migraines,  Morning   Headache , MIGRAINE")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["tags"] == ["migraine", "morning-headache"]


def test_five_topics_are_counted_after_synonyms_join_them(forum):
    TagSynonymFactory(name="migraines", tag=TagFactory(name="migraine"))
    form = _form(forum, "migraine, migraines, a, b, c, d")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["tags"] == ["migraine", "a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("a, b, c, d, e, f", "Use at most 5 topics."),
        ("x" * 41, "Keep each topic under 40 characters."),
        ("headache, ???", "Use letters or numbers in each topic."),
    ],
)
def test_the_question_form_refuses_unusable_topics(forum, typed, message):
    form = _form(forum, typed)
    assert not form.is_valid()
    assert form.errors["tags"] == [message]


def test_a_question_posted_with_a_variant_gets_the_one_tag(client, user, forum):
    migraine = TagFactory(name="migraine")
    TagSynonymFactory(name="migraines", tag=migraine)
    client.force_login(user)

    response = client.post(
        ASK_URL,
        {
            "forum": forum.pk,
            "title": "Migraines with flashing lights",
            "body": "I see zigzag lines for twenty minutes before the pain.",
            "tags": "Migraines, Visual  Aura",
        },
    )

    assert response.status_code == 302
    thread = Thread.objects.get(title="Migraines with flashing lights")
    assert sorted(thread.tags.names()) == ["migraine", "visual-aura"]
    assert Tag.objects.filter(name__iexact="migraines").exists() is False
    page = parse(client.get(thread.get_absolute_url()))
    link = page.get_by_role("list", "Topics").get_by_role("link", "visual-aura")
    assert link["href"] == reverse("forum:tag", kwargs={"slug": "visual-aura"})


def test_an_older_tag_in_capitals_is_reused_not_doubled(client, user, forum):
    older = TagFactory(name="Tinnitus")
    client.force_login(user)

    client.post(
        ASK_URL,
        {
            "forum": forum.pk,
            "title": "Ringing in one ear only",
            "body": "A high ringing in my left ear for a month now.",
            "tags": "tinnitus",
        },
    )

    thread = Thread.objects.get(title="Ringing in one ear only")
    assert list(thread.tags.all()) == [older]
    assert Tag.objects.filter(name__iexact="tinnitus").count() == 1


def test_typed_spaces_find_the_hyphenated_tag_already_in_use(forum):
    TagFactory(name="restless-legs")
    form = _form(forum, "Restless Legs")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["tags"] == ["restless-legs"]


def test_the_service_normalises_tags_however_they_arrive(forum, user):
    TagSynonym.objects.create(
        name="migraines", tag=Tag.objects.create(name="migraine", slug="migraine")
    )
    thread = services.post_thread(
        author=user,
        forum=forum,
        title="Headaches every weekend",
        body="They start on Saturday mornings.",
        tags=["Migraines", "  Sleep   Problems "],
    )
    assert sorted(thread.tags.names()) == ["migraine", "sleep-problems"]
