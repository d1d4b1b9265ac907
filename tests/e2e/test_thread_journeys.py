"""A reader and a member on the thread page, in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from forum import services
from tests.factories import PASSWORD, ForumFactory, UserFactory

from .helpers import log_in


@pytest.fixture
def conversation(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    asker = UserFactory(username="worried_walker")
    helper = UserFactory(username="been_there_too")
    thread = services.post_thread(
        author=asker,
        forum=forum,
        title="Calf muscle twitching every evening",
        body="For a month my left calf has twitched most evenings. **Should I worry?**",
        tags=["twitching"],
    )
    reply = services.post_reply(
        author=helper,
        thread=thread,
        body="Mine did the same after I started running; it faded with rest.",
    )
    return thread, reply


def test_member_votes_in_place_then_changes_the_vote(
    page, live_server, conversation, csp_violations, assert_accessible
):
    thread, reply = conversation
    UserFactory(username="careful_reader")
    log_in(page, live_server, "careful_reader")
    page.goto(live_server.url + thread.get_absolute_url())
    assert_accessible("thread page, signed in")

    # A marker on the window proves the page is not reloaded by the vote.
    page.evaluate("window.stillSamePage = true")
    widget = page.locator(f"#vote-{reply.pk}")
    expect(widget).to_contain_text("Helpful – 0")
    widget.get_by_role("button", name="Yes").click()
    expect(widget).to_contain_text("Helpful – 1")
    expect(page.locator("#announcer")).to_contain_text("Helpful – 1")
    expect(widget.get_by_role("button", name="Yes")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(widget.get_by_role("button", name="Yes")).to_be_focused()

    widget.get_by_role("button", name="No").click()
    expect(widget).to_contain_text("Helpful – 0")
    expect(widget).to_contain_text("You found this not helpful")

    widget.get_by_role("button", name="Withdraw my vote").click()
    expect(widget.get_by_role("button", name="Withdraw my vote")).to_have_count(0)
    assert page.evaluate("window.stillSamePage") is True
    reply.refresh_from_db()
    assert (reply.helpful_count, reply.not_helpful_count) == (0, 0)
    assert csp_violations == []


def test_voting_works_with_javascript_off(browser, live_server, conversation):
    thread, reply = conversation
    UserFactory(username="no_script_reader")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, "no_script_reader")
    page.goto(live_server.url + thread.get_absolute_url() + "?sort=oldest")
    page.locator(f"#vote-{reply.pk}").get_by_role("button", name="Yes").click()
    expect(page).to_have_url(re.compile(rf"\?sort=oldest#reply-{reply.pk}$"))
    expect(page.locator(f"#vote-{reply.pk}")).to_contain_text("Helpful – 1")
    context.close()


def test_anonymous_voter_logs_in_and_returns_to_the_reply(
    page, live_server, conversation
):
    thread, reply = conversation
    UserFactory(username="returning_reader")
    page.goto(live_server.url + thread.get_absolute_url())
    page.locator(f"#vote-{reply.pk}").get_by_role("button", name="Yes").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username or e-mail").fill("returning_reader")
    page.get_by_label("Password", exact=False).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page).to_have_url(
        re.compile(rf"{thread.get_absolute_url()}#reply-{reply.pk}$")
    )
    expect(page.locator(f"#vote-{reply.pk}")).to_be_visible()


def test_reader_switches_text_size_and_it_holds_on_the_next_page(
    page, live_server, conversation, assert_accessible
):
    thread, _ = conversation
    page.goto(live_server.url + thread.get_absolute_url())
    assert_accessible("thread page, anonymous")
    html = page.locator("html")
    expect(html).to_have_class(re.compile(r"\btext-medium\b"))
    base_size = page.evaluate(
        "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )

    page.get_by_role("button", name="Large text").click()
    expect(html).to_have_class(re.compile(r"\btext-large\b"))
    large_size = page.evaluate(
        "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    assert large_size > base_size
    expect(page).to_have_url(re.compile(re.escape(thread.get_absolute_url())))

    page.get_by_role("link", name="Neurology Forum").click()
    expect(html).to_have_class(re.compile(r"\btext-large\b"))
    expect(page.get_by_role("button", name="Large text")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_accessible("forum page, large text")


def test_reader_sorts_responses_by_helpful(page, live_server, conversation):
    thread, reply = conversation
    late = services.post_reply(
        author=UserFactory(),
        thread=thread,
        body="A later answer that many found useful.",
    )
    for voter in UserFactory.create_batch(2):
        services.cast_helpful_vote(voter=voter, reply=late, is_helpful=True)
    page.goto(live_server.url + thread.get_absolute_url() + "?sort=oldest")
    first = page.locator(".reply").first
    expect(first).to_have_id(f"reply-{reply.pk}")
    page.get_by_role("link", name="Helpful").click()
    expect(page).to_have_url(re.compile(r"\?sort=helpful"))
    expect(page.locator(".reply").first).to_have_id(f"reply-{late.pk}")
