"""Asking anonymously and for members only, on a phone, in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from forum import services
from forum.models import Reply, Thread
from tests.factories import PASSWORD, ForumFactory, UserFactory

from .conftest import VIEWPORTS
from .helpers import log_in

TITLE = "Twitching face since my tablets changed"
LATER_WORDS = "keep a diary of when it happens"
BODY = (
    "My doctor changed my tablets and the twitching started a week later. It "
    "comes in the evening, mostly around my mouth and eye, and people at work "
    "have started to notice it, which I find hard. The pharmacist said to "
    f"{LATER_WORDS}."
)


@pytest.fixture
def community(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    UserFactory(username="quiet_asker")
    UserFactory(username="kind_reader")
    services.post_thread(
        author=UserFactory(username="someone_else"),
        forum=forum,
        title="Calf muscle twitching every evening",
        body="For a month my left calf has twitched most evenings.",
    )
    return forum


def test_member_asks_anonymously_for_members_only_on_a_phone(
    page, browser, live_server, community, csp_violations, visit
):
    page.set_viewport_size(VIEWPORTS["phone"])
    log_in(page, live_server, "quiet_asker")
    page.goto(live_server.url + "/ask/")
    page.get_by_label("Forum", exact=False).select_option(label="Neurology")
    page.get_by_label("Title", exact=False).fill(TITLE)
    page.get_by_label("Your question", exact=False).fill(BODY)
    page.get_by_label("Post this question anonymously").check()
    page.get_by_label("Only signed-in members can read it").check()
    visit("ask anonymously for members only")
    page.get_by_role("button", name="Post your question").click()

    expect(page.get_by_text("Your question is posted.")).to_be_visible()
    header = page.locator(".thread header")
    expect(header.locator(".author-name")).to_have_text("Anonymous member")
    expect(header).to_contain_text("You posted this anonymously")
    expect(header.get_by_role("link", name="quiet_asker")).to_have_count(0)
    expect(page.locator(".members-only-notice")).to_contain_text(
        "For signed-in members only."
    )
    visit("my anonymous question for members only")
    thread = Thread.objects.get(title=TITLE)
    assert (thread.author.username, thread.is_anonymous) == ("quiet_asker", True)
    assert thread.is_members_only

    # The asker lets everyone read it, then changes their mind.
    page.get_by_role("button", name="Let everyone read it").click()
    expect(page.get_by_text("Everyone can read this question now.")).to_be_visible()
    expect(page.locator(".members-only-notice")).to_have_count(0)
    page.get_by_role("button", name="Show it to signed-in members only").click()
    expect(
        page.get_by_text("Only signed-in members can read this question now.")
    ).to_be_visible()
    visit("back to members only")

    # Another member replies anonymously.
    reader = browser.new_context(viewport=VIEWPORTS["phone"])
    other = reader.new_page()
    log_in(other, live_server, "kind_reader")
    other.goto(live_server.url + thread.get_absolute_url())
    expect(other.locator(".post-body").first).to_contain_text(LATER_WORDS)
    expect(other.locator(".own-anonymous")).to_have_count(0)
    other.get_by_label("Your reply", exact=False).fill(
        "Mine started after a new medicine too; the pharmacist changed the brand."
    )
    other.get_by_label("Post this reply anonymously").check()
    other.get_by_role("button", name="Post reply").click()
    expect(other.get_by_text("Your reply is posted.")).to_be_visible()
    reply = other.locator(".reply").first
    expect(reply.locator(".author-name")).to_have_text("Anonymous member")
    expect(reply).to_contain_text("You posted this anonymously")
    assert Reply.objects.get(thread=thread).is_anonymous
    reader.close()

    # A visitor gets the title, the first lines and an invitation, on a phone.
    visitor_context = browser.new_context(viewport=VIEWPORTS["phone"])
    visitor = visitor_context.new_page()
    visitor.goto(live_server.url + thread.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator(".teaser-text")).to_contain_text("My doctor changed")
    expect(visitor.get_by_text(LATER_WORDS)).to_have_count(0)
    expect(visitor.get_by_text("Mine started after a new medicine")).to_have_count(0)
    expect(visitor.get_by_role("link", name="Log in").last).to_be_visible()
    expect(visitor.get_by_role("link", name="Join")).to_be_visible()
    assert visitor.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert "quiet_asker" not in visitor.content()
    # Its forum's list leaves it out for a visitor.
    visitor.goto(live_server.url + community.get_absolute_url())
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
    expect(
        visitor.get_by_role("link", name="Calf muscle twitching every evening")
    ).to_be_visible()
    visitor_context.close()
    assert csp_violations == []


def test_visitor_teaser_is_accessible_on_a_phone(page, live_server, community, visit):
    thread = services.post_thread(
        author=UserFactory(username="private_person"),
        forum=community,
        title=TITLE,
        body=BODY,
        members_only=True,
        anonymous=True,
    )
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(live_server.url + thread.get_absolute_url())
    invitation = page.locator(".members-only-invitation")
    expect(invitation).to_be_visible()
    visit("teaser of a question for members only")
    # Nothing on the narrow screen runs off its edge.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS["phone"]["width"]
    # The invitation is reachable from the keyboard, and leads back here.
    log_in_link = invitation.get_by_role("link", name="Log in")
    log_in_link.focus()
    expect(log_in_link).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_label("Username or e-mail").fill("private_person")
    page.get_by_label("Password", exact=False).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page.locator(".post-body").first).to_contain_text(LATER_WORDS)
    expect(page.locator(".thread header")).to_contain_text(
        "You posted this anonymously"
    )
    visit("the asker's own anonymous question")
