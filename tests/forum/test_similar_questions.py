"""The ask page suggests similar questions, to spare a member asking twice."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.pagecache import HEADER
from forum import services
from forum.models import Thread
from tests.factories import UserFactory
from tests.html import parse

ASK_URL = reverse("forum:thread-create")
SIMILAR_URL = reverse("forum:similar-questions")


def _ask(forum, title, **kwargs) -> Thread:
    return services.post_thread(
        author=UserFactory(),
        forum=forum,
        title=title,
        body="What I notice, how long for, and what I have tried so far.",
        **kwargs,
    )


def _similar(client, title: str):
    return client.get(SIMILAR_URL, {"title": title}, headers={"HX-Request": "true"})


def _question(forum, **overrides) -> dict:
    return {
        "forum": forum.pk,
        "title": "Eyelid twitching that will not stop",
        "body": "My lower eyelid has flickered for a month, worse with coffee.",
        "tags": "twitching, eyelid",
        "token": "a-token-of-the-form-0123456789",
        **overrides,
    }


# --- The fragment, as the title is typed. -----------------------------------


def test_similar_titles_are_suggested_best_first(client, forum):
    one_word = _ask(forum, "Twitching thumb when typing")
    both = _ask(forum, "Eyelid twitching for three weeks")
    _ask(forum, "Cold hands in the morning")
    response = _similar(client, "My eyelid keeps twitching")
    assert response.status_code == 200
    fragment = parse(response)
    links = fragment.select(".similar-list a")
    assert [link.text for link in links] == [
        f"{both.title} (opens in a new tab)",
        f"{one_word.title} (opens in a new tab)",
    ]
    assert [link["href"] for link in links] == [
        both.get_absolute_url(),
        one_word.get_absolute_url(),
    ]
    # They open in a new tab, so the form and what is typed in it stay.
    assert {(link["target"], link["rel"]) for link in links} == {("_blank", "noopener")}
    assert fragment.one(".similar-intro").text.startswith("Already asked?")
    assert fragment.select(".similar-list .meta")[0].text == (
        "Neurology Forum, 0 responses"
    )
    # A member who saw them is not asked again when posting.
    assert fragment.one('input[type="hidden"]').attrs == {
        "type": "hidden",
        "name": "similar_seen",
        "value": "1",
    }


def test_the_fragment_is_not_a_page(client, forum):
    _ask(forum, "Eyelid twitching for three weeks")
    content = _similar(client, "eyelid twitching").content.decode()
    assert "<html" not in content
    assert "<title" not in content
    assert "<nav" not in content


def test_at_most_five_are_suggested(client, forum):
    for n in range(8):
        _ask(forum, f"Migraine with aura, story {n}")
    assert len(parse(_similar(client, "migraine aura")).select("li")) == 5


@pytest.mark.parametrize("title", ["", "   ", "MS", "ab?", "what is this"])
def test_empty_short_or_empty_of_meaning_titles_return_nothing(
    client, forum, title, django_assert_num_queries
):
    _ask(forum, "What is MS and is this it?")
    with django_assert_num_queries(0):
        response = _similar(client, title)
    assert (response.status_code, response.content) == (200, b"")


def test_nothing_similar_returns_nothing(client, forum):
    _ask(forum, "Eyelid twitching for three weeks")
    assert _similar(client, "Ringing in my left ear").content == b""


def test_one_query_with_a_limit_however_many_match(
    client, forum, django_assert_num_queries
):
    for n in range(30):
        _ask(forum, f"Dizzy spells when standing, number {n}")
    with django_assert_num_queries(1) as captured:
        response = _similar(client, "dizzy when standing up")
    assert "LIMIT" in captured.captured_queries[0]["sql"].upper()
    assert len(parse(response).select("li")) == 5


def test_removed_and_held_questions_are_not_suggested(client, forum, staff):
    removed = _ask(forum, "Eyelid twitching for three weeks")
    services.remove_thread(moderator=staff, thread=removed)
    held = _ask(forum, "Eyelid twitching again today")
    Thread.objects.filter(pk=held.pk).update(
        removed_at=timezone.now(), held_for="reports"
    )
    assert _similar(client, "eyelid twitching").content == b""


def test_hostile_titles_and_queries_are_escaped(client, forum):
    hostile = _ask(forum, '<img src=x onerror="alert(1)"> twitching eyelid')
    response = _similar(client, '"><script>alert(2)</script> twitching eyelid')
    content = response.content.decode()
    assert "<img" not in content and "<script" not in content
    (link,) = parse(response).select(".similar-list a")
    assert link.text == f"{hostile.title} (opens in a new tab)"


def test_the_fragment_is_never_stored(client, forum):
    _ask(forum, "Eyelid twitching for three weeks")
    for _ in range(2):
        response = client.get(SIMILAR_URL, {"title": "eyelid twitching"})
        assert response.status_code == 200
        assert HEADER not in response


def test_a_long_title_is_cut_to_the_longest_a_title_may_be(client, forum):
    _ask(forum, "Eyelid twitching for three weeks")
    response = _similar(client, "eyelid twitching " + "x" * 5000)
    assert len(parse(response).select("li")) == 1


# --- The ask page. ----------------------------------------------------------


def test_the_title_asks_for_suggestions_as_it_is_typed(client, user):
    client.force_login(user)
    page = parse(client.get(ASK_URL))
    title = page.one("#id_title")
    assert title["hx-get"] == SIMILAR_URL
    assert title["hx-trigger"] == "input changed delay:500ms"
    assert title["hx-target"] == "#similar-questions"
    region = page.one("#similar-questions")
    assert region["aria-live"] == "polite"
    assert region.children == []
    # Right under the title, inside the form, before the question itself.
    form = page.one("#ask-form")
    fields = [e.attrs.get("id") for e in form.iter() if e.attrs.get("id")]
    assert fields.index("id_title") < fields.index("similar-questions")
    assert fields.index("similar-questions") < fields.index("id_body")
    assert page.select(".similar-before-posting") == []


# --- Without JavaScript: shown once, after the first submission. ------------


def test_without_javascript_similar_questions_come_before_posting(client, user, forum):
    earlier = _ask(forum, "Eyelid twitching for three weeks")
    client.force_login(user)
    response = client.post(ASK_URL, _question(forum))
    assert response.status_code == 200
    assert Thread.objects.count() == 1
    page = parse(response)
    section = page.one(".similar-before-posting")
    assert section.get_by_role("heading", "Has this been asked before?")
    (link,) = section.select(".similar-list a")
    assert link["href"] == earlier.get_absolute_url()
    button = section.get_by_role("button", "Post my question")
    assert (button["type"], button["form"]) == ("submit", "ask-form")
    # Everything typed is kept, and the same form token, so it posts once.
    form = page.one("#ask-form")
    typed = _question(forum)
    assert form.one('[name="title"]').value == typed["title"]
    assert form.one('[name="body"]').value == typed["body"]
    assert form.one('[name="tags"]').value == typed["tags"]
    assert form.one('[name="forum"]').value == str(forum.pk)
    assert form.one('[name="token"]').value == typed["token"]
    assert form.one('[name="similar_seen"]').value == "1"


def test_posting_after_seeing_them_posts_once(client, user, forum):
    _ask(forum, "Eyelid twitching for three weeks")
    client.force_login(user)
    client.post(ASK_URL, _question(forum))
    data = _question(forum, similar_seen="1")
    first = client.post(ASK_URL, data)
    mine = Thread.objects.get(author=user)
    assert first["Location"] == mine.get_absolute_url()
    # A double tap on the button lands on the same question.
    again = client.post(ASK_URL, data)
    assert again["Location"] == mine.get_absolute_url()
    assert Thread.objects.filter(author=user).count() == 1


def test_a_question_sharing_one_word_posts_at_once(client, user, forum):
    _ask(forum, "Twitching thumb when typing")
    client.force_login(user)
    response = client.post(ASK_URL, _question(forum))
    assert response.status_code == 302
    assert Thread.objects.filter(author=user).count() == 1


def test_a_form_with_mistakes_shows_them_before_any_suggestion(client, user, forum):
    _ask(forum, "Eyelid twitching for three weeks")
    client.force_login(user)
    response = client.post(ASK_URL, _question(forum, body="Too short"))
    page = parse(response)
    assert page.select(".similar-before-posting") == []
    assert page.one("#id_body")["aria-invalid"] == "true"
    assert not Thread.objects.filter(author=user).exists()


def test_only_a_get_is_answered(client, forum):
    response = client.post(SIMILAR_URL, {"title": "eyelid twitching"})
    assert response.status_code == 405
