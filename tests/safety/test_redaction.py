"""Staff remove personal data from a post, its earlier versions and its page."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEntry
from forum import services
from forum.models import Revision
from safety import services as safety_services
from safety.models import Redaction
from tests.factories import UserFactory
from tests.html import parse

REMOVED = "[removed by staff]"


@pytest.fixture
def edited(forum, user):
    """A question whose phone number is in its text and in an earlier version."""
    thread = services.post_thread(
        author=user,
        forum=forum,
        title="Numb lips - ring 07700 900123",
        body="Numb lips for a week. Ring me on 07700 900123 or\n"
        "write to jo@example.com.",
    )
    return services.edit_thread(
        editor=user,
        thread=thread,
        title=thread.title,
        body=thread.body + " It is worse in the cold.",
    )


def _redact(staff, post, *passages, reason="At the member's request"):
    return safety_services.redact_post(
        staff=staff, post=post, passages=passages, reason=reason
    )


def test_redaction_replaces_the_text_everywhere_it_is_kept(staff, edited, expires):
    with expires("lists", "members", "thread"):
        replaced = _redact(staff, edited, "07700 900123", "jo@example.com")
    edited.refresh_from_db()
    assert edited.title == f"Numb lips - ring {REMOVED}"
    assert "07700" not in edited.body and "jo@example" not in edited.body
    assert edited.body.count(REMOVED) == 2
    assert "07700" not in edited.body_html and REMOVED in edited.body_html
    assert edited.slug == "numb-lips-ring-removed-by-staff"
    assert edited.edited_at is not None
    (version,) = Revision.objects.filter(thread=edited)
    assert "07700" not in version.title + version.body
    assert "jo@example" not in version.body
    assert replaced.in_post == 3 and replaced.in_versions == 3


def test_a_passage_is_found_across_spacing_and_line_breaks(staff, edited):
    _redact(staff, edited, "or write   to jo@example.com")
    edited.refresh_from_db()
    assert f"900123 {REMOVED}." in edited.body


def test_the_record_and_the_audit_log_keep_what_was_done_never_the_text(staff, edited):
    _redact(staff, edited, "07700 900123", reason="Phone number, asked by the member")
    redaction = Redaction.objects.get()
    assert (redaction.thread, redaction.staff, redaction.passages) == (edited, staff, 1)
    entry = AuditEntry.objects.get(action="thread.redact")
    assert entry.actor == staff
    assert entry.target_repr == f"Question #{edited.pk}"
    assert entry.reason.startswith("Phone number, asked by the member")
    assert "07700" not in entry.reason + entry.target_repr


def test_readers_see_the_redacted_page_at_once(client, staff, edited):
    client.get(edited.get_absolute_url())  # stored
    _redact(staff, edited, "07700 900123")
    edited.refresh_from_db()
    response = client.get(edited.get_absolute_url(), follow=True)
    assert "07700" not in response.content.decode()
    assert REMOVED in parse(response).one(".post-body").text


def test_a_reply_and_its_stored_fragment_are_redacted(
    client, staff, thread, other_user
):
    reply = services.post_reply(
        author=other_user, thread=thread, body="Call my clinic on 020 7946 0018."
    )
    client.force_login(UserFactory())
    client.get(thread.get_absolute_url())  # the reply's HTML is stored
    _redact(staff, reply, "020 7946 0018")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "7946" not in page
    assert f"Call my clinic on {REMOVED}." in page


def test_only_staff_who_may_change_posts_redact(edited, user):
    with pytest.raises(PermissionDenied):
        _redact(user, edited, "07700 900123")
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_thread"))
    with pytest.raises(PermissionDenied):
        _redact(viewer, edited, "07700 900123")


@pytest.mark.parametrize(
    ("passages", "reason", "message"),
    [
        (["not in the post"], "Asked", "None of that text is in the post"),
        (["  ", ""], "Asked", "Choose or type the text to remove."),
        (["07700 900123"], "  ", "Say why, for the record."),
    ],
)
def test_a_redaction_that_would_do_nothing_is_refused(
    staff, edited, passages, reason, message
):
    with pytest.raises(ValidationError) as refused:
        _redact(staff, edited, *passages, reason=reason)
    assert message in " ".join(refused.value.messages)
    assert not Redaction.objects.exists()


# --- In the admin. ----------------------------------------------------------


def _redact_url(kind, pk):
    return reverse("admin:safety_redaction_redact", args=[kind, pk])


def test_the_posts_admin_page_links_to_redaction(admin_client, edited):
    page = parse(
        admin_client.get(reverse("admin:forum_thread_change", args=[edited.pk]))
    )
    link = page.get_by_role("link", "Remove personal data")
    assert link["href"] == _redact_url("thread", edited.pk)


def test_the_redaction_page_offers_what_the_site_found(admin_client, edited):
    page = parse(admin_client.get(_redact_url("thread", edited.pk)))
    labels = [label.text for label in page.select("#redaction_form label")]
    assert "A phone number: 07700 900123" in labels
    assert "An e-mail address: jo@example.com" in labels


def test_staff_tick_what_to_remove_and_land_back_on_the_post(admin_client, edited):
    response = admin_client.post(
        _redact_url("thread", edited.pk),
        {"found": ["07700 900123"], "typed": "jo@example.com", "reason": "Asked"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:forum_thread_change", args=[edited.pk]
    )
    edited.refresh_from_db()
    assert "07700" not in edited.body and "jo@example" not in edited.body
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages == [
        f"Removed: 3 place(s) in the post and 3 in its earlier versions now read "
        f"\u201c{REMOVED}\u201d."
    ]


def test_the_redaction_page_says_what_is_missing(admin_client, edited):
    response = admin_client.post(_redact_url("thread", edited.pk), {"reason": "Asked"})
    assert response.status_code == 200
    assert "Tick or type the text to remove." in parse(response).text
    response = admin_client.post(
        _redact_url("thread", edited.pk), {"typed": "nowhere to be seen", "reason": "x"}
    )
    assert "None of that text is in the post" in parse(response).text


def test_the_redaction_page_is_for_staff_who_may_change_posts(client, edited):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_thread"))
    client.force_login(viewer)
    assert client.get(_redact_url("thread", edited.pk)).status_code == 403
    assert client.get(_redact_url("thread", 999_999)).status_code == 404
    assert client.get(_redact_url("poll", edited.pk)).status_code == 404


def test_a_reply_is_redacted_from_its_admin_page(admin_client, thread, other_user):
    reply = services.post_reply(
        author=other_user, thread=thread, body="I'm at 12 Elm Street if you need me."
    )
    page = parse(admin_client.get(reverse("admin:forum_reply_change", args=[reply.pk])))
    assert page.get_by_role("link", "Remove personal data")["href"] == _redact_url(
        "reply", reply.pk
    )
    admin_client.post(
        _redact_url("reply", reply.pk), {"found": ["12 Elm Street"], "reason": "Asked"}
    )
    reply.refresh_from_db()
    assert reply.body == f"I'm at {REMOVED} if you need me."


def test_the_redaction_list_shows_what_was_done(admin_client, staff, edited):
    _redact(staff, edited, "07700 900123")
    page = parse(admin_client.get(reverse("admin:safety_redaction_changelist")))
    assert page.get_by_role("link", f"Question #{edited.pk}")
    assert "07700" not in page.text
