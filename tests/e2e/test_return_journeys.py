"""Readers who log in or sign up from a thread come back to where they were."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from forum import services
from tests.factories import PASSWORD, ForumFactory, UserFactory

WHY = "Log in to vote on this reply; your vote will be counted when you do."


@pytest.fixture
def conversation(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    thread = services.post_thread(
        author=UserFactory(username="night_shift_nurse"),
        forum=forum,
        title="Pins and needles in both feet at night",
        body="Most nights my feet tingle for an hour before I fall asleep.",
    )
    reply = services.post_reply(
        author=UserFactory(username="slept_it_off"),
        thread=thread,
        body="Mine eased once my vitamin levels were checked and sorted.",
    )
    return thread, reply


def test_anonymous_yes_is_counted_after_logging_in(
    page, live_server, conversation, visit, csp_violations
):
    thread, reply = conversation
    UserFactory(username="tingling_too")
    page.goto(live_server.url + thread.get_absolute_url())
    visit("thread page, anonymous")

    page.locator(f"#vote-{reply.pk}").get_by_role("button", name="Yes").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("status")).to_contain_text(WHY)
    visit("log-in page, saying why")

    page.get_by_label("Username or e-mail").fill("tingling_too")
    page.get_by_label("Password", exact=False).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page).to_have_url(
        re.compile(rf"{re.escape(thread.get_absolute_url())}#reply-{reply.pk}$")
    )
    widget = page.locator(f"#vote-{reply.pk}")
    expect(widget).to_contain_text("Helpful – 1")
    expect(widget.get_by_role("button", name="Yes")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("status")).to_contain_text("Your vote is counted")
    visit("back on the reply, vote counted")
    reply.refresh_from_db()
    assert reply.helpful_count == 1
    assert csp_violations == []


def test_new_member_signs_up_from_a_thread_and_lands_back_on_it(
    page, live_server, conversation, visit
):
    thread, _ = conversation
    page.goto(live_server.url + thread.get_absolute_url())
    page.get_by_role("banner").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/\?next="))
    page.locator("#id_email").fill("feet.at.night@example.com")
    page.locator("#id_username").fill("feet_at_night")
    page.locator("#id_password1").fill("calm-otter-river-42")
    page.locator("#id_password2").fill("calm-otter-river-42")
    page.get_by_label("I agree that Health Forum may keep").check()
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("verify", re.I)
    )

    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    page.goto(live_server.url + link.group(0))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(thread.get_absolute_url())}$"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    visit("back on the thread, signed in")
    assert User.objects.get(username="feet_at_night").is_active
