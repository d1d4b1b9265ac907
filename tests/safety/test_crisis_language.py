"""Crisis language: the crisis lines on the thread, and staff told at once, once."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import Report
from forum.queue import open_queue
from safety import services as safety_services
from safety.models import CrisisLine, ThreadFlag
from tests.factories import UserFactory
from tests.html import parse

CRISIS_BODY = "Since the diagnosis some days I feel there is no reason to live."


@pytest.fixture(autouse=True)
def _patterns(starting_set):
    return starting_set


@pytest.fixture
def told(settings, mailoutbox, django_capture_on_commit_callbacks):
    """Post with the managers named, and return what they were e-mailed."""
    settings.MANAGERS = ["duty@forum.example.org"]

    def post(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            post_made = function(**kwargs)
        return post_made, mailoutbox

    return post


def _ask(forum, body=CRISIS_BODY, author=None):
    return services.post_thread(
        author=author or UserFactory(),
        forum=forum,
        title="Living with a new diagnosis",
        body=body,
    )


def _panel(client, thread):
    panels = parse(client.get(thread.get_absolute_url())).select(".crisis-panel")
    return panels[0] if panels else None


def test_a_question_in_crisis_shows_the_crisis_lines_to_every_reader(client, forum):
    thread = _ask(forum)
    panel = _panel(client, thread)
    assert panel.one("h2").text == "If you are having thoughts of suicide or self-harm"
    assert "988 Suicide & Crisis Lifeline" in panel.text
    assert "Samaritans" in panel.text
    assert panel.get_by_role("link", "Call 116 123")["href"] == "tel:116123"
    assert "call your local emergency number" in panel.text


def test_it_goes_to_the_moderation_queue_once_and_the_managers_hear_at_once(
    forum, told
):
    author = UserFactory()
    thread, mail = told(
        services.post_thread,
        author=author,
        forum=forum,
        title="Living with a new diagnosis",
        body=CRISIS_BODY,
    )
    report = Report.objects.get()
    assert report.thread == thread
    assert report.reporter is None and report.is_automatic
    assert report.reason == Report.Reason.DANGER
    assert "Thoughts of suicide" in report.note
    items, total = open_queue()
    assert total == 1 and items[0].has_danger
    assert len(mail) == 1
    assert mail[0].to == ["duty@forum.example.org"]
    assert "The site's own check flagged the question" in mail[0].body
    assert "What it found:" in mail[0].body
    # Edited, still in crisis: no second report.
    told(
        services.edit_thread,
        editor=author,
        thread=thread,
        title=thread.title,
        body=CRISIS_BODY + " I can't go on like this.",
    )
    assert Report.objects.count() == 1


def test_a_reply_in_crisis_is_flagged_and_shows_the_lines_on_its_thread(
    client, forum, told
):
    thread = _ask(forum, body="How do people cope with the first months?")
    assert _panel(client, thread) is None
    reply, mail = told(
        services.post_reply,
        author=UserFactory(),
        thread=thread,
        body="Honestly I have been cutting myself to cope.",
    )
    assert Report.objects.get().reply == reply
    alerts = [m for m in mail if m.to == ["duty@forum.example.org"]]
    assert [m.subject for m in alerts] == [
        "[Health Forum] Urgent: a report says someone may be in danger "
        "(\u201cLiving with a new diagnosis\u201d)"
    ]
    assert _panel(client, thread)


def test_the_lines_go_when_the_reply_that_brought_them_is_removed(client, forum, staff):
    thread = _ask(forum, body="How do people cope with the first months?")
    reply = services.post_reply(
        author=UserFactory(), thread=thread, body="I want to kill myself most days."
    )
    assert _panel(client, thread)
    services.remove_reply(moderator=staff, reply=reply)
    assert _panel(client, thread) is None


@pytest.mark.parametrize(
    "body",
    [
        "I'm not suicidal, just worn out by the headaches.",
        "Our charity runs a suicide prevention walk every May.",
    ],
)
def test_negated_crisis_words_are_left_alone_but_topics_are_not(client, forum, body):
    thread = _ask(forum, body=body)
    assert bool(_panel(client, thread)) == ("prevention" in body)


def test_members_reports_still_hold_a_post_and_the_sites_flag_never_does(
    forum, settings
):
    settings.FORUM_REPORT_HOLD_THRESHOLD = 2
    thread = _ask(forum)
    services.report_post(reporter=UserFactory(), post=thread, reason="danger")
    thread.refresh_from_db()
    assert thread.held_for == ""  # one member and the site: not two members
    services.report_post(reporter=UserFactory(), post=thread, reason="danger")
    thread.refresh_from_db()
    assert thread.held_for == "reports"


def test_closing_the_sites_flag_tells_nobody_and_is_audited(forum, staff):
    thread = _ask(forum)
    closed = services.close_reports(
        moderator=staff, post=thread, outcome=Report.Status.RESOLVED, reason="Called"
    )
    assert closed == 1
    assert Report.objects.get().status == Report.Status.RESOLVED


def test_the_queue_names_the_sites_own_check(admin_client, forum):
    _ask(forum)
    page = parse(admin_client.get(reverse("admin:forum_report_queue")))
    item = page.one(".queue-item.danger")
    assert "the site's own check: Someone may be in danger" in item.text


def test_flag_post_flags_once_even_after_staff_closed_it(forum, staff):
    thread = _ask(forum, body="How do people cope with the first months?")
    first = services.flag_post(post=thread, reason="danger", note="First")
    services.close_reports(
        moderator=staff, post=thread, outcome=Report.Status.DISMISSED, reason="Fine"
    )
    assert services.flag_post(post=thread, reason="danger") is None
    assert list(Report.objects.all()) == [first]


def test_a_changed_crisis_line_shows_on_crisis_threads_at_once(client, forum, staff):
    thread = _ask(forum)
    client.get(thread.get_absolute_url())  # stored
    line = CrisisLine.objects.get(name="Samaritans")
    line.hours = "Day and night, every day of the year"
    safety_services.save_crisis_line(editor=staff, line=line)
    assert "Day and night, every day of the year" in _panel(client, thread).text


def test_a_crisis_thread_page_costs_one_query_more_for_the_lines_until_cached(
    client, forum, django_assert_num_queries, rendered_pages
):
    thread = _ask(forum)
    assert ThreadFlag.objects.filter(thread=thread).exists()
    # Thread, tags, related questions, flags, crisis lines, sidebar.
    with django_assert_num_queries(6):
        client.get(thread.get_absolute_url())
    # The lines are cached now (the sidebar too).
    with django_assert_num_queries(4):
        client.get(thread.get_absolute_url())
