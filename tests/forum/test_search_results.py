"""What a search result shows: the number found, a marked excerpt, filters."""

import pytest
from django.urls import reverse

from forum import services
from forum.snippets import snippet
from tests.factories import ForumFactory, UserFactory, verify_professional
from tests.html import parse

URL = reverse("forum:search")


@pytest.fixture
def asked(forum, user, other_user, staff):
    sleep = ForumFactory(name="Sleep", slug="sleep")
    twitch = services.post_thread(
        author=user,
        forum=forum,
        title="Eyelid twitching for weeks",
        body="My eyelid has twitched for three weeks, mostly when I am tired.",
        tags=["twitching"],
    )
    insomnia = services.post_thread(
        author=other_user,
        forum=sleep,
        title="Awake at 3am with twitching legs",
        body="Every night my legs twitch and I wake up.",
        tags=["restless-legs"],
    )
    doctor = UserFactory(username="dr_lid")
    verify_professional(doctor, staff)
    services.post_reply(
        author=doctor, thread=twitch, body="Eyelid twitches are usually harmless."
    )
    return twitch, insomnia


def _results(response):
    return [
        row.one(".thread-title").text for row in parse(response).select(".thread-row")
    ]


def test_results_say_how_many_were_found_and_mark_the_words(client, asked):
    response = client.get(URL, {"q": "twitching"})
    page = parse(response)
    assert page.one(".search-count").text == "2 questions found"
    marked = {
        mark.text.lower()
        for excerpt in page.select(".search-snippet")
        for mark in excerpt.select("mark")
    }
    assert marked <= {"twitching", "twitched", "twitch", "twitches"}
    assert marked


def test_a_professionals_answer_is_shown_and_can_be_required(client, asked):
    twitch, _ = asked
    page = parse(client.get(URL, {"q": "twitching"}))
    rows = {row.one(".thread-title").text: row for row in page.select(".thread-row")}
    assert "Answered by a medical professional" in rows[twitch.title].text
    only = client.get(URL, {"q": "twitching", "answered": "professional"})
    assert _results(only) == [twitch.title]


def test_results_narrow_by_forum_and_topic(client, asked):
    twitch, insomnia = asked
    assert _results(client.get(URL, {"q": "twitching", "forum": "sleep"})) == [
        insomnia.title
    ]
    assert _results(client.get(URL, {"q": "twitching", "topic": "Twitching"})) == [
        twitch.title
    ]
    empty = parse(client.get(URL, {"q": "twitching", "topic": "migraine"}))
    assert "with these filters" in empty.one("main .empty").text
    assert empty.get_by_role("link", "Search everywhere")


def test_the_filters_keep_their_values_and_travel_with_the_pages(client, asked):
    page = parse(
        client.get(
            URL, {"q": "twitching", "forum": "sleep", "answered": "professional"}
        )
    )
    assert page.one("#search-forum option[selected]")["value"] == "sleep"
    assert "checked" in page.one("#search-professional").attrs


def test_the_excerpt_escapes_what_members_wrote():
    html = snippet("A <script>alert(1)</script> twitching eyelid", "twitching")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>twitching</mark>" in html


def test_the_excerpt_starts_near_the_first_match():
    text = "Background. " * 40 + "Then the tremor started in my right hand."
    html = snippet(text, "tremor")
    assert html.startswith("… ")
    assert "<mark>tremor</mark>" in html


def test_short_abbreviations_are_marked_as_words():
    html = snippet("My MRI was clear but the MS nurse wants another.", "MS")
    assert "<mark>MS</mark>" in html
    assert "<mark>MRI" not in html


def test_the_filters_stay_folded_until_one_is_used(client, asked):
    plain = parse(client.get(URL, {"q": "twitching"}))
    assert "open" not in plain.one("details.search-filters").attrs
    narrowed = parse(client.get(URL, {"q": "twitching", "forum": "sleep"}))
    filters = narrowed.one("details.search-filters")
    assert "open" in filters.attrs
    assert "(filters on)" in filters.one("summary").text


def test_a_thread_found_through_a_reply_shows_that_reply(client, forum, user):
    thread = services.post_thread(
        author=user, forum=forum, title="Hands go numb", body="Mostly at night."
    )
    services.post_reply(
        author=UserFactory(), thread=thread, body="I wore a **wrist splint**."
    )
    services.post_reply(author=UserFactory(), thread=thread, body="Splints help.")
    excerpt = parse(client.get(URL, {"q": "splint"})).one(".search-snippet")
    assert excerpt.text.startswith("In a reply: I wore a wrist splint.")
    assert [mark.text for mark in excerpt.select("mark")] == ["splint"]


def test_a_match_in_the_question_shows_the_question(client, asked):
    twitch, _ = asked
    row = next(
        row
        for row in parse(client.get(URL, {"q": "twitching"})).select(".thread-row")
        if row.one(".thread-title").text == twitch.title
    )
    excerpt = row.one(".search-snippet")
    assert not excerpt.text.startswith("In a reply")
    assert excerpt.text.startswith("My eyelid has twitched")
