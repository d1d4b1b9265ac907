"""One member asks, a verified professional answers, the asker hears of it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from forum.models import Reply
from tests.factories import ForumFactory, UserFactory, verify_professional

from .helpers import log_in, open_menu


@pytest.fixture
def community(transactional_db):
    ForumFactory(name="Neurology", slug="neurology")
    UserFactory(username="worried_walker")
    staff = UserFactory(username="moderator", is_staff=True, is_superuser=True)
    verify_professional(UserFactory(username="dr_bello"), staff, profession="physician")


def test_the_asker_sees_the_bell_and_lands_on_the_professionals_reply(
    page, browser, live_server, community, viewport, visit, csp_violations
):
    log_in(page, live_server, "worried_walker")
    bell = page.get_by_role("link", name=re.compile(r"^Notifications"))
    expect(bell).to_be_visible()
    expect(bell).to_have_accessible_name("Notifications")
    open_menu(page)
    page.get_by_role("link", name="Ask a question").first.click()
    page.get_by_label("Forum", exact=False).select_option(label="Neurology")
    page.get_by_label("Title", exact=False).fill("Tingling in both hands at night")
    page.get_by_label("Your question", exact=False).fill(
        "It wakes me most nights and fades by lunchtime. I am 48."
    )
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tingling in both hands at night"
    )
    # The asker follows their own question already.
    expect(page.get_by_role("button", name="Unfollow this thread")).to_be_visible()
    question_url = page.url

    doctor = browser.new_context(viewport=page.viewport_size).new_page()
    log_in(doctor, live_server, "dr_bello")
    doctor.goto(question_url)
    doctor.get_by_label("Your reply", exact=False).fill(
        "Night-time tingling in both hands is often a trapped nerve at the wrist."
    )
    doctor.get_by_role("button", name="Post reply").click()
    expect(doctor.get_by_text("Your reply is posted.")).to_be_visible()
    doctor.context.close()
    reply = Reply.objects.get(thread__title="Tingling in both hands at night")

    page.goto(live_server.url + reverse("forum:index"))
    expect(bell).to_have_accessible_name("Notifications, 1 unread")
    expect(bell).to_be_visible()
    expect(bell.locator(".bell-count")).to_have_text("1")
    visit("the bell lights up")

    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    item = page.locator(".notification").first
    expect(item).to_contain_text("Unread")
    expect(item).to_contain_text(
        "dr_bello (verified Neurologist) replied to your question "
        "“Tingling in both hands at night”"
    )
    visit("the notifications page")

    item.get_by_role("link", name=re.compile("replied to your question")).click()
    expect(page).to_have_url(re.compile(rf"#reply-{reply.pk}$"))
    landed = page.locator(f"#reply-{reply.pk}")
    expect(landed).to_contain_text("trapped nerve at the wrist")
    expect(landed).to_be_in_viewport()
    expect(bell).to_have_accessible_name("Notifications")
    visit("the reply")
    assert not csp_violations
