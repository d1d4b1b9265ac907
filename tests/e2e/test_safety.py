"""Safety on a phone: the banner while a question is typed, the personal-data
note, and a thread's banner on the first screen, every page scanned by axe."""

from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from forum import services
from forum.models import Thread
from safety.models import SafetyPattern
from safety.screening import forget_cached
from tests.factories import ForumFactory, UserFactory

from .conftest import VIEWPORTS
from .helpers import log_in

PHONE = VIEWPORTS["phone"]
BANNER = "If this is happening now, call an emergency number"


@pytest.fixture
def community(transactional_db):
    # A browser test's database is emptied after it, data migrations' rows
    # too: the starting patterns and crisis lines go back in.
    if not SafetyPattern.objects.exists():
        import_module("safety.migrations.0002_starting_set").add_starting_set(
            apps, None
        )
    forget_cached()
    return {
        "forum": ForumFactory(name="Neurology", slug="neurology"),
        "member": UserFactory(username="worried_walker"),
    }


def _ask_page(page, live_server, community):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, community["member"].username)
    page.goto(live_server.url + "/ask/")
    page.get_by_label("Forum").select_option(label="Neurology")


def test_the_banner_appears_while_a_question_is_typed(
    page, live_server, community, visit
):
    _ask_page(page, live_server, community)
    page.get_by_label("Title").fill("Dad's face looks different this evening")
    page.get_by_label("Your question").press_sequentially(
        "One side of his face is drooping and his words are slurred."
    )
    banner = page.locator("#safety-check-question .safety-banner")
    expect(banner.get_by_role("heading", name=BANNER)).to_be_visible()
    expect(banner).to_contain_text("can be a sign of stroke")
    expect(banner.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    visit("ask page, emergency banner while typing")

    # Typed away, it goes; the question still posts as it stands.
    page.get_by_label("Your question").fill("He seems fine now, just tired.")
    expect(banner).to_have_count(0)
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dad's face looks different this evening"
    )


def test_the_personal_data_note_appears_and_post_anyway_posts(
    page, live_server, community, visit
):
    _ask_page(page, live_server, community)
    page.get_by_label("Title").fill("Numb fingers after gardening")
    page.get_by_label("Your question").fill(
        "My fingers go numb after weeding. Ring me on 07700 900123 if you know why."
    )
    note = page.locator("#safety-check-question .personal-data-warning")
    expect(note.get_by_role("heading", name="This will be public")).to_be_visible()
    expect(note.locator("mark")).to_have_text("07700 900123")
    visit("ask page, personal data note")

    note.get_by_role("button", name="Post anyway").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Numb fingers after gardening"
    )
    assert "07700 900123" in Thread.objects.get().body


def test_a_threads_banner_and_title_share_the_phones_first_screen(
    page, live_server, community, visit
):
    thread = services.post_thread(
        author=community["member"],
        forum=community["forum"],
        title="My left arm went weak and numb this morning and my speech was slurred",
        body="It lasted about twenty minutes and then went away. Should I worry?",
    )
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + thread.get_absolute_url())
    title = page.get_by_role("heading", level=1)
    banner = page.locator(".safety-banner")
    expect(banner.get_by_role("heading", name=BANNER)).to_be_visible()
    # Under a five-line title, what to do (the heading, the numbers to call)
    # is still on the first screen; why follows below.
    title_box = title.bounding_box()
    numbers_box = banner.locator(".emergency-numbers").bounding_box()
    assert title_box["y"] + title_box["height"] <= banner.bounding_box()["y"]
    assert numbers_box["y"] + numbers_box["height"] <= PHONE["height"]
    visit("phone thread with the emergency banner")


def test_a_thread_in_crisis_lists_the_lines_accessibly(
    page, live_server, community, visit
):
    thread = services.post_thread(
        author=community["member"],
        forum=community["forum"],
        title="Tired of everything",
        body="Some nights I feel there is no reason to live.",
    )
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + thread.get_absolute_url())
    panel = page.locator(".crisis-panel")
    expect(panel.get_by_role("link", name="Call 116 123")).to_have_attribute(
        "href", "tel:116123"
    )
    visit("phone thread with the crisis lines")
