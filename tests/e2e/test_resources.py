"""Staff publish a resource in the admin; a reader finds it in the sidebar."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from forum import services as forum_services
from resources.models import Resource
from tests.factories import ForumFactory, UserFactory

PASSWORD = "correct-horse-battery"
TITLE = "When is a twitch worth a doctor's visit?"


@pytest.fixture
def neurology(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    forum_services.post_thread(
        author=UserFactory(username="worried_walker"),
        forum=forum,
        title="Calf muscle twitching every evening",
        body="For a month my left calf has twitched most evenings.",
        tags=["twitching"],
    )
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    return forum


def _staff_publish(browser, live_server):
    context = browser.new_context()
    staff = context.new_page()
    admin_csp = []
    staff.on(
        "console",
        lambda message: (
            admin_csp.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    add_url = reverse("admin:resources_resource_add")
    # The admin's log-in sends staff through the site's, keeping next.
    staff.goto(f"{live_server.url}{reverse('admin:login')}?next={add_url}")
    staff.get_by_label("Username or e-mail").fill("editor")
    staff.get_by_label("Password", exact=False).fill(PASSWORD)
    staff.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(staff).to_have_url(re.compile(re.escape(add_url)))

    staff.get_by_label("Title").press_sequentially(TITLE)
    # The slug is filled from the title as staff type it.
    expect(staff.locator("#id_slug")).to_have_value(
        "when-is-a-twitch-worth-a-doctors-visit"
    )
    staff.get_by_label("Summary").fill("Most twitches are harmless; here is when")
    expect(staff.locator("#id_summary_counter")).to_contain_text(
        "40 of 160 characters used"
    )
    staff.get_by_label("Summary").fill(
        "Most twitches are harmless. These signs mean it is time to get checked."
    )
    staff.get_by_role("textbox", name="Article").fill(
        "## Worth a visit when\n\n- you notice **real weakness**;\n"
        "- a muscle looks thinner than its twin."
    )
    staff.get_by_label("Neurology").check()
    staff.get_by_label("Topics").fill("twitching")
    staff.locator("#id_is_published").check()
    staff.get_by_role("button", name="Save", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("was added successfully")
    context.close()
    assert admin_csp == []


def test_staff_publish_a_resource_and_a_reader_sees_it_in_the_sidebar(
    browser, page, live_server, neurology, csp_violations, assert_accessible
):
    page.goto(live_server.url + neurology.get_absolute_url())
    sidebar = page.get_by_role("region", name="Popular Resources")
    expect(sidebar).to_contain_text("not published any resources yet")

    _staff_publish(browser, live_server)
    assert Resource.objects.get().is_live

    page.reload()
    link = sidebar.get_by_role("link", name=TITLE)
    expect(link).to_be_visible()
    expect(sidebar).to_contain_text("Most twitches are harmless.")
    assert_accessible("forum page with the resources sidebar")

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("heading", name="Worth a visit when")).to_be_visible()
    forum_link = page.get_by_role("link", name="Calf muscle twitching every evening")
    expect(forum_link).to_be_visible()
    assert_accessible("resource article page")

    page.get_by_role("link", name="Resources", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resources")
    page.get_by_label("Forum").select_option("neurology")
    page.get_by_role("button", name="Show resources").click()
    expect(page).to_have_url(re.compile(r"\?forum=neurology"))
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    assert_accessible("resources index, filtered")
    assert csp_violations == []
