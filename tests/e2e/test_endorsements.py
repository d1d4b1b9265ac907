"""On a phone: a professional endorses a reply, the asker says what happened next."""

import pytest
from playwright.sync_api import expect

from forum import services
from tests.factories import ForumFactory, UserFactory, verify_professional

from .helpers import log_in

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def conversation(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    staff = UserFactory(username="moderator", is_staff=True, is_superuser=True)
    asker = UserFactory(username="worried_walker")
    helper = UserFactory(username="been_there_too")
    professional = UserFactory(username="dr_okafor")
    verify_professional(
        professional, staff, profession="physician", specialty="Neurology"
    )
    thread = services.post_thread(
        author=asker,
        forum=forum,
        title="Hands go numb at night and wake me",
        body="For two months my right hand has gone numb most nights.",
    )
    reply = services.post_reply(
        author=helper,
        thread=thread,
        body="A wrist splint at night stopped mine within a fortnight.",
    )
    return thread, reply


def test_professional_endorses_in_place_and_asker_shares_the_outcome(
    page, browser, live_server, conversation, csp_violations, visit
):
    thread, reply = conversation
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "dr_okafor")
    page.goto(live_server.url + thread.get_absolute_url())
    visit("thread page, professional")

    # A marker on the window proves the page is not reloaded.
    page.evaluate("window.stillSamePage = true")
    box = page.locator(f"#endorse-{reply.pk}")
    box.get_by_role("button", name="Endorse as clinically sound").click()
    expect(box).to_contain_text("Endorsed by 1 medical professional")
    expect(box.get_by_role("link", name="dr_okafor")).to_be_visible()
    withdraw = box.get_by_role("button", name="Withdraw my endorsement")
    expect(withdraw).to_be_focused()
    expect(page.locator("#announcer")).to_contain_text("You endorse this reply")
    assert page.evaluate("window.stillSamePage") is True
    visit("thread page, endorsed")

    asker = browser.new_context(viewport=PHONE)
    mine = asker.new_page()
    log_in(mine, live_server, "worried_walker")
    mine.goto(live_server.url + thread.get_absolute_url())
    expect(mine.locator(f"#endorse-{reply.pk}")).to_contain_text(
        "dr_okafor, Neurologist"
    )
    mine.get_by_role("link", name="share what happened next").click()
    mine.get_by_role("button", name="Share it").click()
    field = mine.get_by_label("What happened next")
    expect(field).to_have_attribute("aria-invalid", "true")
    field.fill("My GP confirmed **carpal tunnel**. The night splint helped.")
    mine.get_by_role("button", name="Share it").click()
    outcome = mine.locator("section#outcome")
    expect(outcome).to_contain_text("carpal tunnel")
    expect(mine.get_by_text("Thank you for sharing what happened next")).to_be_visible()

    mine.locator(f"#helped-{reply.pk}").get_by_role(
        "button", name="This helped me most"
    ).click()
    expect(mine.locator(f"#helped-{reply.pk}")).to_contain_text("Helped the asker most")
    expect(
        outcome.get_by_role("link", name="The reply by been_there_too")
    ).to_be_visible()
    assert mine.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    asker.close()
    assert csp_violations == []


def test_outcome_form_and_thread_pass_the_accessibility_scan_on_a_phone(
    page, live_server, conversation, visit
):
    thread, reply = conversation
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "worried_walker")
    page.goto(live_server.url + thread.get_absolute_url())
    page.get_by_role("link", name="share what happened next").click()
    page.get_by_role("button", name="Share it").click()
    expect(page.get_by_label("What happened next")).to_have_attribute(
        "aria-invalid", "true"
    )
    visit("outcome form with an error")
    page.get_by_label("What happened next").fill("It was stress; it eased by itself.")
    page.get_by_role("button", name="Share it").click()
    page.locator(f"#helped-{reply.pk}").get_by_role(
        "button", name="This helped me most"
    ).click()
    expect(page.locator("section#outcome")).to_contain_text("been_there_too")
    visit("thread with an outcome and a reply marked")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
