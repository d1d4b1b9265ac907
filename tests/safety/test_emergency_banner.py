"""A question describing an emergency sign shows a call-now banner on its page.

To its author as soon as it is posted, and to every reader after, the
stored page too; a negated mention shows nothing.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.pagecache import HEADER
from forum import services
from safety import services as safety_services
from safety.models import SafetyPattern, ThreadFlag
from tests.factories import UserFactory
from tests.html import parse

ASK_URL = reverse("forum:thread-create")
FACE = (
    "Woke up with half my face drooping",
    "My husband noticed it at breakfast. Is this something to worry about?",
)
BANNER_TITLE = "If this is happening now, call an emergency number"


def _ask(forum, title, body, author=None):
    return services.post_thread(
        author=author or UserFactory(), forum=forum, title=title, body=body
    )


def _banner(response):
    banners = parse(response).select(".safety-banner")
    return banners[0] if banners else None


@pytest.fixture(autouse=True)
def _patterns(starting_set):
    return starting_set


def test_the_asker_sees_the_banner_on_their_new_question(client, user, forum):
    client.force_login(user)
    response = client.post(
        ASK_URL,
        {"forum": forum.pk, "title": FACE[0], "body": FACE[1], "tags": ""},
        follow=True,
    )
    assert response.status_code == 200
    banner = _banner(response)
    assert banner.one("h2").text == BANNER_TITLE
    assert "can be a sign of stroke" in banner.text
    assert "Do not wait for an answer here." in banner.text
    assert banner.get_by_role("link", "999")["href"] == "tel:999"
    # The question still posted, as it stands.
    assert response.context["thread"].title == FACE[0]


def test_every_reader_sees_the_banner_near_the_top_and_from_the_cache(client, forum):
    thread = _ask(forum, *FACE)
    first = client.get(thread.get_absolute_url())
    again = client.get(thread.get_absolute_url())
    assert again[HEADER] == "hit"
    for response in (first, again):
        page = parse(response)
        article = page.one("article.thread")
        parts = article.children
        # Title and author first, then the banner, then what they wrote.
        assert parts[0].tag == "header"
        assert "safety-banner" in parts[1].classes
        assert "post-body" in parts[2].classes
        assert page.get_by_role("heading", BANNER_TITLE)


def test_each_sign_found_says_its_own_message(client, forum):
    thread = _ask(
        forum,
        "Dad's face is drooping and his speech is slurred",
        "It started twenty minutes ago while we were eating.",
    )
    paragraphs = [
        p.text for p in _banner(client.get(thread.get_absolute_url())).select("p")
    ][1:]
    face = SafetyPattern.objects.get(name="Face drooping").message
    speech = SafetyPattern.objects.get(name="Speech trouble").message
    assert paragraphs[:2] == [face, speech]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "No face drooping, just a headache",
            "I checked in the mirror: my face is not drooping at all.",
        ),
        (
            "Eyelid twitching for three weeks",
            "My left eyelid flickers, mostly in the evening.",
        ),
        (
            "Tingling in my hands at night",
            "Without any weakness in my arms; it fades by morning.",
        ),
    ],
)
def test_an_ordinary_or_negated_question_shows_no_banner(client, forum, title, body):
    thread = _ask(forum, title, body)
    assert _banner(client.get(thread.get_absolute_url())) is None
    assert not ThreadFlag.objects.filter(thread=thread).exists()


def test_editing_the_sign_out_takes_the_banner_away(client, forum):
    author = UserFactory()
    thread = _ask(forum, *FACE, author=author)
    assert _banner(client.get(thread.get_absolute_url()))
    services.edit_thread(
        editor=author,
        thread=thread,
        title="My face felt stiff this morning",
        body="It eased after a warm shower. My face is not drooping.",
    )
    thread.refresh_from_db()
    assert _banner(client.get(thread.get_absolute_url())) is None


def test_a_pattern_switched_off_leaves_its_pages_at_once(
    client, forum, staff, django_capture_on_commit_callbacks
):
    thread = _ask(forum, *FACE)
    client.get(thread.get_absolute_url())  # stored
    pattern = SafetyPattern.objects.get(name="Face drooping")
    pattern.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        safety_services.save_pattern(editor=staff, pattern=pattern)
    assert _banner(client.get(thread.get_absolute_url())) is None
    # The background reassessment has dropped the stored flag too.
    assert not ThreadFlag.objects.filter(thread=thread).exists()


def test_a_reply_naming_a_sign_does_not_put_a_banner_on_the_thread(client, forum):
    thread = _ask(forum, "Bell's palsy recovery stories", "How long did yours take?")
    services.post_reply(
        author=UserFactory(),
        thread=thread,
        body="A drooping face should always be checked at once: it can be a stroke.",
    )
    assert _banner(client.get(thread.get_absolute_url())) is None


def test_the_author_of_a_held_question_sees_its_banner(client, forum):
    newcomer = UserFactory(date_joined=timezone.now())
    thread = _ask(
        forum,
        FACE[0],
        "Is this like the pictures on www.example.org? Please help.",
        author=newcomer,
    )
    assert thread.held_for == "links"
    client.force_login(newcomer)
    assert _banner(client.get(thread.get_absolute_url()))


@pytest.mark.parametrize("flagged", [False, True])
def test_a_thread_page_costs_one_query_more_for_its_flags(
    client, forum, flagged, django_assert_num_queries, rendered_pages
):
    thread = _ask(forum, *(FACE if flagged else ("Cold feet at night", "Every night.")))
    # The thread with its author and forum, its tags, its related questions,
    # its flags with their patterns, the sidebar: flagged or not.
    with django_assert_num_queries(5):
        response = client.get(thread.get_absolute_url())
    assert bool(_banner(response)) == flagged
