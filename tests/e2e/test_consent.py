"""Consent to keeping health writing, on a phone: at sign-up, before a first
reply (what was typed is posted once agreed), and withdrawn again."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import HealthDataConsent, User
from forum import services
from forum.models import Reply
from tests.factories import ForumFactory, UserFactory

from .conftest import VIEWPORTS
from .helpers import log_in, open_menu

AGREEMENT = "I agree that Health Forum may keep"


@pytest.fixture
def phone(page):
    page.set_viewport_size(VIEWPORTS["phone"])
    return page


@pytest.fixture
def thread(transactional_db):
    return services.post_thread(
        author=UserFactory(username="night_walker"),
        forum=ForumFactory(name="Neurology", slug="neurology"),
        title="Legs restless every evening",
        body="From about nine each evening my legs will not keep still.",
    )


def test_signing_up_on_a_phone_asks_for_consent_apart(
    phone, live_server, transactional_db, visit, csp_violations
):
    phone.goto(live_server.url + reverse("account_signup"))
    expect(phone.get_by_role("heading", name="Your health information")).to_be_visible()
    visit("sign up")
    phone.locator("#id_email").fill("evening.reader@example.com")
    phone.locator("#id_username").fill("evening_reader")
    phone.locator("#id_password1").fill("calm-otter-river-42")
    phone.locator("#id_password2").fill("calm-otter-river-42")
    phone.get_by_role("button", name="Sign up").click()

    # Refused without the box, with what was typed kept (passwords aside).
    error = phone.locator("#id_consent_error")
    expect(error).to_contain_text("Please tick the box to agree")
    expect(phone.locator("#id_username")).to_have_value("evening_reader")
    expect(phone.get_by_label(AGREEMENT)).not_to_be_checked()
    visit("sign up, consent missing")
    assert not User.objects.exists()

    phone.locator("#id_password1").fill("calm-otter-river-42")
    phone.locator("#id_password2").fill("calm-otter-river-42")
    phone.get_by_label(AGREEMENT).check()
    phone.get_by_role("button", name="Sign up").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(
        re.compile("verify", re.I)
    )
    given = HealthDataConsent.objects.get(member__username="evening_reader")
    assert (given.version, given.given_via) == (1, "signup")
    assert csp_violations == []


def test_a_member_who_never_agreed_replies_and_is_asked_once(
    phone, live_server, thread, visit, csp_violations
):
    UserFactory(username="from_before", without_consent=True)
    log_in(phone, live_server, "from_before")
    phone.goto(live_server.url + thread.get_absolute_url())
    phone.get_by_label("Your reply").fill("Stretching my calves before bed helps me.")
    phone.get_by_role("button", name=re.compile("post reply", re.I)).click()

    expect(phone.get_by_role("heading", name="What you wrote is kept")).to_be_visible()
    expect(phone.get_by_label("Your text")).to_have_value(
        "Stretching my calves before bed helps me."
    )
    visit("asked for consent, reply kept")
    assert not Reply.objects.exists()

    phone.get_by_label(AGREEMENT).check()
    phone.get_by_role("button", name="Agree and post").click()
    expect(phone).to_have_url(re.compile(re.escape(thread.get_absolute_url())))
    expect(phone.get_by_text("Your reply is posted.")).to_be_visible()
    reply = Reply.objects.get()
    assert reply.body == "Stretching my calves before bed helps me."
    assert reply.author.username == "from_before"
    assert csp_violations == []


def test_withdrawing_on_a_phone_leads_to_the_download_and_deletion(
    phone, live_server, transactional_db, visit, csp_violations
):
    member = UserFactory(username="changed_my_mind")
    log_in(phone, live_server, "changed_my_mind")
    open_menu(phone)
    phone.get_by_text("changed_my_mind").first.click()
    phone.get_by_role("link", name="Health information").click()
    phone.get_by_role("link", name="Withdraw your consent").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Withdraw your consent")
    visit("withdraw, confirm")

    phone.get_by_role("button", name="Withdraw my consent").click()
    expect(phone.get_by_text("You withdrew your consent on")).to_be_visible()
    expect(phone.get_by_role("button", name="Download my data")).to_be_visible()
    expect(phone.get_by_role("link", name="Delete my account")).to_be_visible()
    visit("withdrawn, next steps")
    assert member.health_data_consents.get().withdrawn_at is not None

    with phone.expect_download() as download:
        phone.get_by_role("button", name="Download my data").click()
    assert download.value.suggested_filename.startswith("health-forum-my-data-")
    phone.get_by_role("link", name="Delete my account").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Delete your account")
    assert csp_violations == []
