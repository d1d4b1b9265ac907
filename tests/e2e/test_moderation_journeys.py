"""A member edits a reply and reports another; staff resolve the report in the
admin's moderation queue, and readers no longer see the reply (issue 13)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from forum import services
from forum.models import Report
from tests.factories import (
    MODERATOR_PERMISSIONS,
    PASSWORD,
    ForumFactory,
    ModeratorFactory,
    UserFactory,
)

from .helpers import log_in

TYPO = "Magnesium before bed helped my cramps; I take it with diner."
FIXED = "Magnesium before bed helped my cramps; I take it with dinner."
DANGEROUS = (
    "Stop your blood thinners for a week and the twitching will stop. "
    "Doctors only prescribe them to keep you coming back."
)
NOTE = "Stopping anticoagulants without a doctor can cause a stroke."
REMOVAL_REASON = "Tells members to stop prescribed medicine without a doctor."


@pytest.fixture
def conversation(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    thread = services.post_thread(
        author=UserFactory(username="worried_walker"),
        forum=forum,
        title="Calf muscle twitching every evening",
        body="For a month my left calf has twitched most evenings. Should I worry?",
    )
    own = services.post_reply(
        author=UserFactory(username="steady_hands"), thread=thread, body=TYPO
    )
    dangerous = services.post_reply(
        author=UserFactory(username="bold_claims"), thread=thread, body=DANGEROUS
    )
    return {"thread": thread, "own": own, "dangerous": dangerous}


def test_member_fixes_a_typo_then_reports_dangerous_advice(
    page, live_server, conversation, visit
):
    thread = conversation["thread"]
    log_in(page, live_server, "steady_hands")
    page.goto(live_server.url + thread.get_absolute_url())
    own = page.get_by_role("article", name="Response by steady_hands")
    other = page.get_by_role("article", name="Response by bold_claims")
    # Members edit only their own replies and report only other people's.
    expect(
        own.get_by_role("link", name="Report this reply to the staff")
    ).to_have_count(0)
    expect(other.get_by_role("link", name="Edit this reply")).to_have_count(0)
    expect(own.get_by_text(re.compile(r"^Edited\b"))).to_have_count(0)

    own.get_by_role("link", name="Edit this reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your reply")
    expect(page.get_by_label("Your reply")).to_have_value(TYPO)
    visit("edit my reply")
    page.get_by_label("Your reply").fill(FIXED)
    page.get_by_label("What did you change?").fill("Fixed a typo")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Your reply is updated.")).to_be_visible()
    expect(own.locator(".post-body")).to_have_text(FIXED)
    expect(own.get_by_text(re.compile(r"^Edited\b"))).to_be_visible()

    other.get_by_role("link", name="Report this reply to the staff").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a reply")
    expect(page.locator(".report-excerpt")).to_contain_text("bold_claims wrote:")
    visit("report a reply")
    page.get_by_label("Medical misinformation").check()
    page.get_by_label("Anything staff should know (optional)").fill(NOTE)
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text(re.compile(r"^Thank you for telling us\."))).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(thread.get_absolute_url())))
    # One report is not enough to hide a reply: it stays up until staff decide.
    expect(other.locator(".post-body")).to_have_text(DANGEROUS)
    visit("thread after reporting")

    other.get_by_role("link", name="Report this reply to the staff").click()
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"You reported this on .*\(medical misinformation\)")
    )
    expect(page.get_by_role("button", name="Send the report")).to_have_count(0)
    report = Report.objects.get(reply=conversation["dangerous"])
    assert (report.reporter.username, report.reason, report.note) == (
        "steady_hands",
        Report.Reason.MISINFORMATION,
        NOTE,
    )


def test_staff_remove_a_reported_reply_from_the_queue(
    page, browser, live_server, conversation, visit
):
    thread, dangerous = conversation["thread"], conversation["dangerous"]
    services.report_post(
        reporter=UserFactory(username="careful_reader"),
        post=dangerous,
        reason=Report.Reason.MISINFORMATION,
        note=NOTE,
    )
    ModeratorFactory(
        username="duty_moderator",
        permissions=[*MODERATOR_PERMISSIONS, "core.view_auditentry"],
    )

    # The admin sends staff through the site's log-in, then back.
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("Username or e-mail").fill("duty_moderator")
    page.get_by_label("Password", exact=False).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page).to_have_url(re.compile("/admin/$"))
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Open the moderation queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    item = page.get_by_role(
        "region", name=re.compile(r"^Reply by bold_claims in “Calf muscle twitching")
    )
    expect(item).to_contain_text("1 report")
    expect(item).to_contain_text(DANGEROUS)
    expect(item).to_contain_text(f"careful_reader: Medical misinformation — “{NOTE}”")
    visit("moderation queue")

    on_post = item.get_by_role("group", name="The post and its reports")
    on_post.get_by_label("Action").select_option(label="Remove the post")
    on_post.get_by_label("Reason").fill(REMOVAL_REASON)
    on_post.get_by_role("button", name="Apply to the post").click()
    expect(page.get_by_text("Done: remove the post.")).to_be_visible()
    expect(item).to_have_count(0)
    expect(page.get_by_text("No open reports. Thank you.")).to_be_visible()

    reader = browser.new_context()
    reader_page = reader.new_page()
    reader_page.goto(live_server.url + thread.get_absolute_url())
    expect(reader_page.get_by_role("heading", level=1)).to_have_text(thread.title)
    expect(
        reader_page.get_by_role("heading", level=2, name=re.compile(r"^\d+ Response"))
    ).to_have_text("1 Response")
    expect(
        reader_page.get_by_role("article", name="Response by steady_hands")
    ).to_be_visible()
    expect(
        reader_page.get_by_role("article", name="Response by bold_claims")
    ).to_have_count(0)
    expect(reader_page.get_by_text("Stop your blood thinners")).to_have_count(0)
    reader.close()

    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_role("link", name="Audit entries").click()
    row = page.get_by_role("row").filter(has_text="reply.remove")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("duty_moderator")
    expect(row).to_contain_text(REMOVAL_REASON)
    assert not Report.objects.open().exists()
