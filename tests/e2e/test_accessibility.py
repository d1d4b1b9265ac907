"""WCAG 2.2 AA checks that need a real browser: axe on every page type,
reflow at 320 px with the largest text, keyboard use and tap-target sizes."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from forum import services
from tests.factories import ForumFactory, UserFactory

from .helpers import log_in, open_menu


@pytest.fixture
def site(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    member = UserFactory(username="steady_hands")
    helper = UserFactory(username="kind_stranger")
    thread = services.post_thread(
        author=member,
        forum=forum,
        title="Pins and needles in both feet at night",
        body="It starts when I lie down.\n\n- worse after walks\n- better by morning",
        tags=["numbness"],
    )
    reply = services.post_reply(
        author=helper, thread=thread, body="Worth asking for a vitamin B12 test."
    )
    return {"forum": forum, "thread": thread, "reply": reply, "member": member}


def _page_types(site) -> dict[str, str]:
    thread = site["thread"]
    return {
        "forum index": reverse("forum:index"),
        "forum page": site["forum"].get_absolute_url(),
        "unanswered list": site["forum"].get_absolute_url() + "?sort=unanswered",
        "thread page": thread.get_absolute_url(),
        "tag page": reverse("forum:tag", kwargs={"slug": "numbness"}),
        "member profile": site["member"].get_absolute_url(),
        "search results": reverse("forum:search") + "?q=feet",
        "search, no results": reverse("forum:search") + "?q=zebra",
        "not found": "/no-such-page/",
    }


ANONYMOUS_ONLY = {
    "log in": reverse("account_login"),
    "sign up": reverse("account_signup"),
    "password reset": reverse("account_reset_password"),
}
MEMBERS_ONLY = {
    "ask a question": reverse("forum:thread-create"),
    "e-mail addresses": reverse("account_email"),
    "change password": reverse("account_change_password"),
    "your data": reverse("privacy:export"),
    "delete your account": reverse("privacy:account-delete"),
    "health information": reverse("accounts:health-consent"),
    "withdraw consent": reverse("accounts:health-consent-withdraw"),
}


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_every_page_type_passes_axe(page, live_server, site, viewport, visit, who):
    pages = _page_types(site)
    if who == "member":
        UserFactory(username="axe_member")
        log_in(page, live_server, "axe_member")
        pages |= MEMBERS_ONLY
        thread = site["thread"]
        pages["report a question"] = reverse(
            "forum:thread-report", args=[thread.pk, thread.slug]
        )
    else:
        pages |= ANONYMOUS_ONLY
    for label, url in pages.items():
        page.goto(live_server.url + url)
        visit(f"{who} {label}")


def test_form_errors_are_tied_to_their_fields(
    page, live_server, site, assert_accessible
):
    UserFactory(username="hasty_typist")
    log_in(page, live_server, "hasty_typist")
    page.goto(live_server.url + reverse("forum:thread-create"))
    page.get_by_label("Title", exact=False).fill("Short")
    page.get_by_role("button", name="Post your question").click()
    title = page.locator("#id_title")
    expect(title).to_have_attribute("aria-invalid", "true")
    described = title.get_attribute("aria-describedby") or ""
    errors = " ".join(
        page.locator(f"#{ident}").inner_text() for ident in described.split() if ident
    )
    assert "at least 10 characters" in errors
    assert_accessible("ask form with errors")


@pytest.mark.parametrize("width", [320])
def test_largest_text_reflows_without_horizontal_scrolling(
    page, live_server, site, width
):
    page.set_viewport_size({"width": width, "height": 640})
    page.context.add_cookies(
        [{"name": "text_size", "value": "large", "url": live_server.url}]
    )
    for label, url in _page_types(site).items():
        page.goto(live_server.url + url)
        expect(page.locator("html")).to_have_class(re.compile("text-large"))
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{label} scrolls sideways by {overflow}px at {width}px"


def test_skip_link_is_first_and_moves_focus_to_the_content(page, live_server, site):
    page.goto(live_server.url + site["thread"].get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    expect(page.locator("#main")).to_be_focused()


def test_member_votes_with_the_keyboard_alone(page, live_server, site):
    UserFactory(username="keyboard_user")
    log_in(page, live_server, "keyboard_user")
    page.goto(live_server.url + site["thread"].get_absolute_url())
    widget = page.locator(f"#vote-{site['reply'].pk}")
    yes = widget.get_by_role("button", name="Yes")
    # Tab through the page until the Yes button has focus, as a person would.
    for _ in range(60):
        page.keyboard.press("Tab")
        if yes.evaluate("button => button === document.activeElement"):
            break
    expect(yes).to_be_focused()
    outline = yes.evaluate("button => getComputedStyle(button).outlineStyle")
    assert outline != "none", "the focused button shows no focus ring"
    page.keyboard.press("Enter")
    expect(widget).to_contain_text("Helpful – 1")
    # Focus stays on the pressed button after the in-place update.
    expect(widget.get_by_role("button", name="Yes")).to_be_focused()
    expect(page.locator("#announcer")).to_contain_text("Helpful – 1")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(widget).to_contain_text("You found this not helpful")


def test_vote_and_text_size_buttons_are_at_least_44px(page, live_server, site):
    UserFactory(username="big_targets")
    log_in(page, live_server, "big_targets")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + site["thread"].get_absolute_url())
    open_menu(page)
    targets = page.locator(".vote-button, .text-size-button, .sort-nav a")
    assert targets.count() >= 6
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (
            targets.nth(index).inner_text(),
            box,
        )


def test_reduced_motion_turns_off_transitions(browser, live_server, site):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(live_server.url + site["thread"].get_absolute_url())
    duration = page.locator(".vote-button").first.evaluate(
        "button => getComputedStyle(button).transitionDuration"
    )
    assert duration in {"0s", "0ms"}
    context.close()
