"""A member applies to be verified, staff approve in the admin, the badge shows."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import ProfessionalCredential
from forum import services
from tests.factories import ForumFactory, UserFactory

from .helpers import log_in


@pytest.fixture
def conversation(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    asker = UserFactory(username="worried_walker")
    UserFactory(username="dr_okafor")
    UserFactory(username="moderator", is_staff=True, is_superuser=True)
    thread = services.post_thread(
        author=asker,
        forum=forum,
        title="Eyelid twitching for three weeks",
        body="My left eyelid has twitched on and off for three weeks.",
    )
    return thread


def test_member_applies_staff_approve_and_the_badge_shows(
    page,
    browser,
    live_server,
    conversation,
    assert_accessible,
    csp_violations,
    mailoutbox,
):
    thread = conversation
    log_in(page, live_server, "dr_okafor")
    page.goto(live_server.url + thread.get_absolute_url())
    page.get_by_label("Your reply", exact=False).fill(
        "Most eyelid twitching fades with sleep and less caffeine."
    )
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator(".reply").first
    expect(reply).to_contain_text("Most eyelid twitching fades")
    expect(reply.locator(".badge-professional")).to_have_count(0)

    # The account menu in the header opens without JavaScript: it is a
    # <details> element.
    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Professional verification").click()
    expect(page).to_have_url(re.compile(r"/account/verification/$"))
    assert_accessible("verification page, empty form")

    page.get_by_role("button", name="Send application").click()
    licence = page.locator("#id_licence_number")
    expect(licence).to_have_attribute("aria-invalid", "true")
    assert_accessible("verification page with errors")

    page.get_by_label("Profession", exact=False).select_option("physician")
    page.get_by_label("Specialty", exact=False).fill("Neurology")
    licence.fill("GMC-7654321")
    page.get_by_label("Licensing body", exact=False).fill("General Medical Council")
    page.get_by_label("Country or region", exact=False).fill("United Kingdom")
    page.get_by_role("button", name="Send application").click()
    expect(page.locator(".credential-state")).to_contain_text("Pending review")
    assert_accessible("verification page, pending")

    staff_context = browser.new_context()
    admin = staff_context.new_page()
    log_in(admin, live_server, "moderator")
    admin.goto(
        live_server.url + reverse("admin:accounts_professionalcredential_changelist")
    )
    row = admin.locator("#result_list tbody tr", has_text="dr_okafor")
    row.locator("input.action-select").check()
    admin.locator("select[name=action]").select_option("approve_credentials")
    admin.get_by_role("button", name="Run").click()
    expect(admin.get_by_text("Approve 1 application?")).to_be_visible()
    expect(admin.locator("body")).to_contain_text("GMC-7654321")
    admin.get_by_label("Note to the member", exact=False).fill("Register checked.")
    admin.get_by_role("button", name="Approve").click()
    expect(admin.locator(".messagelist")).to_contain_text("Approved 1 application")
    staff_context.close()

    page.goto(live_server.url + thread.get_absolute_url())
    reply = page.locator(".reply").first
    badge = reply.locator(".badge-professional")
    expect(badge).to_contain_text("Medical professional", ignore_case=True)
    expect(badge).to_contain_text("Neurologist")
    expect(reply.locator(".professional-disclaimer")).to_contain_text(
        "educational purposes"
    )
    assert csp_violations == []
    credential = ProfessionalCredential.objects.get(user__username="dr_okafor")
    assert credential.status == ProfessionalCredential.Status.APPROVED
    # The asker hears of the reply; the doctor of the decision.
    assert [message.to for message in mailoutbox] == [
        [thread.author.email],
        ["dr_okafor@example.com"],
    ]
