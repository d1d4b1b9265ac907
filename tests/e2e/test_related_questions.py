"""Related questions after a thread, and similar ones while asking, in Chromium."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from forum import services
from tests.factories import ForumFactory, UserFactory

from .helpers import log_in


@pytest.fixture
def asked(transactional_db):
    """Two questions on one topic; posting them worked out their related lists."""
    forum = ForumFactory(name="Neurology", slug="neurology")
    feet = services.post_thread(
        author=UserFactory(username="first_asker"),
        forum=forum,
        title="Pins and needles in both feet at night",
        body="It starts when I lie down and is gone by the morning.",
        tags=["numbness"],
    )
    toes = services.post_thread(
        author=UserFactory(username="long_walker"),
        forum=forum,
        title="Numb toes after long walks",
        body="After about five miles my toes go numb for an hour or so.",
        tags=["numbness"],
    )
    UserFactory(username="second_asker")
    return feet, toes


def test_a_reader_finishing_a_thread_finds_related_questions(
    page, live_server, asked, viewport, visit
):
    feet, toes = asked
    page.goto(live_server.url + feet.get_absolute_url())
    related = page.get_by_role("region", name="Related questions")
    link = related.get_by_role("link", name=toes.title)
    expect(link).to_be_visible()
    visit("thread page with related questions")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(toes.title)
    back = page.get_by_role("region", name="Related questions")
    expect(back.get_by_role("link", name=feet.title)).to_be_visible()


def test_typing_a_title_suggests_similar_questions_and_keeps_the_form(
    page, live_server, asked, viewport, visit, csp_violations
):
    feet, _ = asked
    log_in(page, live_server, "second_asker")
    page.goto(live_server.url + reverse("forum:thread-create"))
    page.get_by_label("Forum", exact=False).select_option(label="Neurology")
    body = "Both feet tingle in bed most nights since the spring. I am 58."
    page.get_by_label("Your question", exact=False).fill(body)
    title = page.get_by_label("Title", exact=False)
    title.press_sequentially("Pins and needles in my feet", delay=20)
    suggestions = page.locator("#similar-questions")
    expect(suggestions).to_have_attribute("aria-live", "polite")
    suggestion = suggestions.get_by_role("link", name=re.compile(feet.title))
    expect(suggestion).to_be_visible()
    visit("ask form with similar questions")

    # A suggestion opens in a new tab: the form keeps what was typed.
    with page.context.expect_page() as opened:
        suggestion.click()
    tab = opened.value
    expect(tab.get_by_role("heading", level=1)).to_have_text(feet.title)
    tab.close()
    expect(title).to_have_value("Pins and needles in my feet")
    expect(page.get_by_label("Your question", exact=False)).to_have_value(body)

    # Having seen them, the member posts without being asked again.
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_text("Your question is posted.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Pins and needles in my feet"
    )
    assert csp_violations == []


def test_suggestions_go_when_the_title_no_longer_matches(page, live_server, asked):
    log_in(page, live_server, "second_asker")
    page.goto(live_server.url + reverse("forum:thread-create"))
    title = page.get_by_label("Title", exact=False)
    title.press_sequentially("Numb toes", delay=20)
    suggestions = page.locator("#similar-questions")
    expect(suggestions.get_by_role("link")).to_have_count(1)
    title.fill("")
    title.press_sequentially("Ringing ears", delay=20)
    expect(suggestions.get_by_role("link")).to_have_count(0)
    expect(suggestions).to_be_empty()
