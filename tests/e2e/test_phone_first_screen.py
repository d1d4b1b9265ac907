"""On a phone, a thread's first screen holds the question and the emergency line."""

import pytest
from playwright.sync_api import expect

from forum import services
from tests.factories import ForumFactory, UserFactory

from .conftest import VIEWPORTS
from .helpers import log_in

PHONE = VIEWPORTS["phone"]


@pytest.fixture
def thread(transactional_db):
    return services.post_thread(
        author=UserFactory(username="worried_walker"),
        forum=ForumFactory(name="Neurology", slug="neurology"),
        title="My left arm went weak and numb this morning and my speech was slurred",
        body="It lasted about twenty minutes and then went away. Should I worry?",
    )


def test_the_question_and_the_emergency_line_share_the_first_screen(
    page, live_server, thread, visit
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + thread.get_absolute_url())

    header = page.locator("header.site-header").bounding_box()
    urgent = page.get_by_text("Need help now? When to call an emergency number")
    title = page.get_by_role("heading", level=1)
    expect(urgent).to_be_visible()
    assert header["height"] < PHONE["height"] * 0.15
    urgent_box, title_box = urgent.bounding_box(), title.bounding_box()
    assert urgent_box["y"] + urgent_box["height"] <= title_box["y"]
    # The question's title starts well inside the first screen.
    assert title_box["y"] < PHONE["height"] / 2
    visit("phone thread, menu folded")

    urgent.click()
    expect(page.locator(".urgent-compact").get_by_text("straight away")).to_be_visible()


def test_the_phone_menu_opens_and_closes_from_the_keyboard(
    page, live_server, thread, visit
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + thread.get_absolute_url())
    menu = page.get_by_role("button", name="Menu")
    forums = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Forums"
    )
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(forums).to_be_hidden()

    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(forums).to_be_visible()
    expect(page.get_by_role("search", name="Site search")).to_be_visible()
    visit("phone thread, menu open")

    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(forums).to_be_hidden()
    expect(menu).to_be_focused()


def test_wide_screens_keep_the_header_open_and_the_sidebar_box(
    page, live_server, thread
):
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(live_server.url + thread.get_absolute_url())
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Forums")
    ).to_be_visible()
    expect(page.locator(".urgent-compact")).to_be_hidden()
    expect(page.get_by_role("heading", name="Need help now?")).to_be_visible()


def test_without_javascript_the_menu_stays_open(browser, live_server, thread):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + thread.get_absolute_url())
        expect(
            page.get_by_role("navigation", name="Main").get_by_role(
                "link", name="Forums"
            )
        ).to_be_visible()
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    finally:
        context.close()


def test_a_members_bell_stays_beside_the_menu(page, live_server, thread):
    UserFactory(username="careful_reader")
    log_in(page, live_server, "careful_reader")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + thread.get_absolute_url())
    expect(page.get_by_role("button", name="Menu")).to_have_attribute(
        "aria-expanded", "false"
    )
    bell = page.get_by_role("link", name="Notifications")
    expect(bell).to_be_visible()
    assert bell.bounding_box()["y"] < 80
