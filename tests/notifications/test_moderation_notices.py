"""Authors hear of staff's decisions about their posts, and of holds."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from notifications.models import Kind, Notification
from notifications.views import reply_url
from tests.factories import ModeratorFactory, UserFactory
from tests.html import parse

LIST = reverse("notifications:list")
TITLE = "Eyelid twitching for three weeks"
REASON = "It recommends a prescription dose without a doctor."


@pytest.fixture
def moderator(db):
    return ModeratorFactory(username="calm_moderator")


@pytest.fixture
def decide(moderator, django_capture_on_commit_callbacks):
    """Do a queue action as the moderator, its on-commit work run."""

    def act(post, action, reason=REASON):
        with django_capture_on_commit_callbacks(execute=True):
            return services.act_on_post(
                moderator=moderator, post=post, action=action, reason=reason
            )

    return act


def notices(member) -> list[Notification]:
    return list(
        Notification.objects.filter(recipient=member, kind=Kind.MODERATION).order_by(
            "created_at", "pk"
        )
    )


def shown(client, member) -> list[str]:
    """Return the moderation notices on member's notifications page, newest first."""
    client.force_login(member)
    page = parse(client.get(LIST))
    return [item.one("a").text for item in page.select(".notification-moderation")]


def test_removing_a_reply_tells_its_author_why(client, reply, decide, mailoutbox):
    decide(reply, "remove")

    assert shown(client, reply.author) == [
        f"Staff removed your reply to “{TITLE}”: it is no longer shown in the "
        f"thread. The reason staff gave: {REASON}"
    ]
    (notice,) = notices(reply.author)
    assert notice.reply == reply
    assert notice.actor is None  # No member of staff is named.
    (message,) = [m for m in mailoutbox if m.to == [reply.author.email]]
    assert f"A decision about your reply to “{TITLE}”" in message.subject
    assert REASON in message.body
    assert "Mine stopped once I slept more." in message.body  # Which reply.


def test_removing_a_question_leaves_its_author_the_page(
    client, thread, decide, mailoutbox
):
    decide(thread, "remove")

    assert shown(client, thread.author) == [
        f"Staff removed your question “{TITLE}”: only you and staff can still "
        f"see it. The reason staff gave: {REASON}"
    ]
    (notice,) = notices(thread.author)
    response = client.get(reverse("notifications:open", kwargs={"pk": notice.pk}))
    assert response["Location"] == thread.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200
    notice.refresh_from_db()
    assert not notice.is_unread


def test_a_removed_reply_leads_its_author_back_to_the_notices(client, reply, decide):
    decide(reply, "remove")
    (notice,) = notices(reply.author)
    client.force_login(reply.author)

    response = client.get(
        reverse("notifications:open", kwargs={"pk": notice.pk}), follow=True
    )

    assert response.redirect_chain[-1][0] == LIST
    alerts = [alert.text for alert in parse(response).select("[role=alert], .alert")]
    assert any("no longer shown" in alert for alert in alerts)


def test_showing_a_post_again_tells_its_author_and_leads_to_it(client, reply, decide):
    decide(reply, "remove")
    decide(reply, "restore", reason="The dose was the one on the leaflet.")

    assert shown(client, reply.author)[0] == (
        f"Staff restored your reply to “{TITLE}”: everyone can read it again. "
        "The reason staff gave: The dose was the one on the leaflet."
    )
    newest = notices(reply.author)[-1]
    response = client.get(reverse("notifications:open", kwargs={"pk": newest.pk}))
    reply.refresh_from_db()
    assert response["Location"] == reply_url(reply)


def test_locking_and_unlocking_a_question_tell_the_asker(client, reply, decide):
    decide(reply, "lock", reason="The discussion turned into an argument.")
    decide(reply, "unlock", reason="Calm again.")

    assert shown(client, reply.thread.author) == [
        f"Staff unlocked your question “{TITLE}”: it takes replies again. "
        "The reason staff gave: Calm again.",
        f"Staff locked your question “{TITLE}”: it takes no new replies. "
        "The reason staff gave: The discussion turned into an argument.",
    ]
    assert notices(reply.author) == []  # The replier's reply was not decided on.


def test_a_post_held_for_reports_tells_its_author_but_not_who_reported(
    client, reply, settings, mailoutbox, django_capture_on_commit_callbacks
):
    reporters = UserFactory.create_batch(settings.FORUM_REPORT_HOLD_THRESHOLD)
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters:
            services.report_post(reporter=reporter, post=reply, reason="spam")

    (text,) = shown(client, reply.author)
    assert text == (
        f"Your reply to “{TITLE}” is hidden while staff review reports about it. "
        "You will hear from us once they have decided."
    )
    (message,) = [m for m in mailoutbox if m.to == [reply.author.email]]
    for reporter in reporters:
        assert reporter.username not in text
        assert reporter.username not in message.body
        assert notices(reporter) == []


def test_a_new_members_post_with_links_is_held_and_they_are_told(
    client, thread, mailoutbox, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(username="new_here", date_joined=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.post_reply(
            author=newcomer,
            thread=thread,
            body="This helped me: [a guide](https://example.org/twitch).",
        )

    assert reply.held_for == "links"
    assert shown(client, newcomer) == [
        f"Your reply to “{TITLE}” contains links, so it waits for a moderator "
        "before others can see it: in their first day, new members’ links are "
        "checked first."
    ]
    assert [m.to for m in mailoutbox if m.to == [newcomer.email]] == [[newcomer.email]]
    # Held, it tells the thread's followers nothing yet.
    assert Notification.objects.filter(recipient=thread.author).count() == 0


def test_an_author_who_deleted_their_own_post_is_not_told_of_its_removal(
    reply, moderator, django_capture_on_commit_callbacks
):
    services.delete_own_reply(author=reply.author, reply=reply)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_reply(moderator=moderator, reply=reply, reason="Tidying up.")
    assert notices(reply.author) == []


def test_staff_who_moderate_their_own_post_are_not_told(
    forum, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    own = services.post_thread(
        author=moderator, forum=forum, title="Site news", body="Welcome, everyone."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.set_thread_flags(
            moderator=moderator, thread=own, is_locked=True, reason="Read only."
        )
    assert notices(moderator) == []


@pytest.mark.parametrize(
    "gone",
    [{"is_active": False}, {"erased_at": timezone.now()}],
    ids=["inactive", "erased"],
)
def test_inactive_or_erased_authors_are_told_nothing(reply, decide, mailoutbox, gone):
    type(reply.author).objects.filter(pk=reply.author_id).update(**gone)
    reply.author.refresh_from_db()
    decide(reply, "remove")
    assert notices(reply.author) == []
    assert [m for m in mailoutbox if reply.author.email in m.to] == []
