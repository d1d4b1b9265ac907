"""The main journeys, at a phone size and a desktop size, every page scanned by axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from forum import services
from forum.models import Thread
from tests.factories import PASSWORD, ForumFactory, UserFactory

from .helpers import open_menu


@pytest.fixture
def community(transactional_db):
    neurology = ForumFactory(name="Neurology", slug="neurology", position=0)
    ForumFactory(name="Sleep", slug="sleep", position=1)
    asker, helper, second = (
        UserFactory(username="foggy_mornings"),
        UserFactory(username="old_hand"),
        UserFactory(username="night_owl"),
    )
    staff = UserFactory(username="moderator", is_staff=True, is_superuser=True)
    thread = services.post_thread(
        author=asker,
        forum=neurology,
        title="Foggy memory after a bad night's sleep",
        body="Most mornings I forget words for an hour or two. Is this normal at 52?",
        tags=["memory", "sleep"],
    )
    first = services.post_reply(
        author=helper, thread=thread, body="Mine clears after coffee and a walk."
    )
    useful = services.post_reply(
        author=second,
        thread=thread,
        body="A sleep study found apnoea in my case; worth asking your GP about.",
    )
    for voter in UserFactory.create_batch(2):
        services.cast_helpful_vote(voter=voter, reply=useful, is_helpful=True)
    return {
        "forum": neurology,
        "thread": thread,
        "first": first,
        "useful": useful,
        "staff": staff,
    }


def test_visitor_browses_forum_to_thread_and_sorts_by_helpful(
    page, live_server, community, viewport, visit
):
    page.goto(live_server.url)
    visit("forum index")
    page.get_by_role("link", name="Neurology").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neurology Forum")
    visit("forum page")
    page.get_by_role("link", name=community["thread"].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(community["thread"].title)
    page.get_by_role("link", name="Oldest").click()
    expect(page.locator(".reply").first).to_have_id(f"reply-{community['first'].pk}")
    page.get_by_role("link", name="Helpful").click()
    expect(page).to_have_url(re.compile(r"sort=helpful"))
    expect(page.locator(".reply").first).to_have_id(f"reply-{community['useful'].pk}")
    visit("thread sorted by helpful")


def test_newcomer_signs_up_confirms_asks_replies_and_votes(
    page, live_server, community, viewport, visit
):
    mail.outbox.clear()
    page.goto(live_server.url)
    open_menu(page)
    page.get_by_role("link", name="Sign up").click()
    visit("sign up")
    page.locator("#id_email").fill("new.member@example.com")
    page.locator("#id_username").fill("new_member")
    page.locator("#id_password1").fill("a-long-and-private-phrase")
    page.locator("#id_password2").fill("a-long-and-private-phrase")
    page.get_by_label("I agree that Health Forum may keep").check()
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("verify", re.I)
    )
    visit("check your e-mail")

    # The confirmation link comes from the message the site really sent.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page.goto(live_server.url + "/" + link.group(0).split("/", 3)[3])
    visit("confirm e-mail")
    # Confirming in the browser that signed up signs the newcomer in.
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()
    open_menu(page)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.get_by_role("link", name="Ask a question").first.click()
    visit("ask a question")
    page.get_by_label("Forum", exact=False).select_option(label="Neurology")
    page.get_by_label("Title", exact=False).fill("Hands tremble when I am tired")
    page.get_by_label("Your question", exact=False).fill(
        "Since the spring my hands shake a little in the evenings. I am 61."
    )
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_text("Your question is posted.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hands tremble when I am tired"
    )
    visit("my new question")

    page.goto(live_server.url + community["thread"].get_absolute_url())
    page.get_by_label("Your reply", exact=False).fill(
        "Mine improved with a regular bedtime."
    )
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()
    expect(page.locator(".reply").first).to_contain_text("Mine improved with a regular")

    widget = page.locator(f"#vote-{community['useful'].pk}")
    widget.get_by_role("button", name="Yes").click()
    expect(widget).to_contain_text("Helpful – 3")
    widget.get_by_role("button", name="No").click()
    expect(widget).to_contain_text("Helpful – 2")
    expect(widget).to_contain_text("You found this not helpful")
    visit("thread after voting")
    assert Thread.objects.filter(title="Hands tremble when I am tired").exists()


def test_reader_uses_text_size_and_contrast(
    page, live_server, community, viewport, visit
):
    page.goto(live_server.url + community["thread"].get_absolute_url())
    open_menu(page)
    page.get_by_role("button", name="Large text").click()
    open_menu(page)
    page.get_by_role("button", name="High contrast").click()
    html = page.locator("html")
    expect(html).to_have_class(re.compile(r"text-large.*contrast-high"))
    visit("large text, high contrast")
    page.get_by_role("link", name="Neurology Forum").click()
    expect(html).to_have_class(re.compile(r"text-large.*contrast-high"))
    visit("forum page, large text, high contrast")


def test_staff_pin_a_thread_in_the_admin_and_readers_see_it_first(
    page, live_server, community, viewport, visit
):
    forum = community["forum"]
    newer = services.post_thread(
        author=UserFactory(),
        forum=forum,
        title="Newer question about dizziness",
        body="Room spins when I roll over in bed.",
    )
    # The admin sends staff through the site's log-in, then back.
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username or e-mail").fill("moderator")
    page.get_by_label("Password", exact=False).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page).to_have_url(re.compile("/admin/$"))
    page.goto(live_server.url + "/admin/forum/thread/")
    page.get_by_role("checkbox", name=re.compile("Foggy memory")).check()
    page.locator("select[name=action]").select_option(label="Pin selected threads")
    page.locator("button[name=index]").click()
    expect(page.get_by_text("Pinned 1 thread(s).")).to_be_visible()

    page.goto(live_server.url + forum.get_absolute_url())
    first = page.locator(".thread-row").first
    expect(first).to_contain_text("Pinned")
    expect(first).to_contain_text("Foggy memory after a bad night's sleep")
    expect(page.locator(".thread-row").nth(1)).to_contain_text(newer.title)
    visit("forum with pinned thread")
