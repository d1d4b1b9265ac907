"""Voting a reply helpful from the thread page, with and without htmx."""

from urllib.parse import unquote

from django.urls import reverse

from forum import services
from forum.models import HelpfulVote


def _vote_url(reply):
    return reverse("forum:reply-vote", kwargs={"pk": reply.pk})


def _back(reply):
    return f"{reply.thread.get_absolute_url()}?sort=oldest#reply-{reply.pk}"


def test_vote_without_javascript_redirects_back_to_the_reply(client, user, reply):
    client.force_login(user)
    response = client.post(_vote_url(reply), {"vote": "yes", "next": _back(reply)})
    assert response.status_code == 302
    assert response["Location"] == _back(reply)
    reply.refresh_from_db()
    assert reply.helpful_count == 1


def test_vote_with_htmx_returns_the_updated_widget(client, user, reply):
    client.force_login(user)
    response = client.post(
        _vote_url(reply),
        {"vote": "yes", "next": _back(reply)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<div class="vote" id="vote-{reply.pk}">')
    assert "Helpful – 1" in html
    assert 'value="yes" class="vote-button" aria-pressed="true"' in html
    assert "Withdraw my vote" in html


def test_member_changes_then_withdraws_a_vote(client, user, reply):
    client.force_login(user)
    htmx = {"HX-Request": "true"}
    client.post(_vote_url(reply), {"vote": "yes"}, headers=htmx)
    response = client.post(_vote_url(reply), {"vote": "no"}, headers=htmx)
    html = response.content.decode()
    assert "Helpful – 0" in html
    assert "You found this not helpful" in html
    assert HelpfulVote.objects.get().is_helpful is False
    response = client.post(_vote_url(reply), {"vote": "withdraw"}, headers=htmx)
    assert "Withdraw my vote" not in response.content.decode()
    assert not HelpfulVote.objects.exists()


def test_double_vote_counts_once(client, user, reply):
    client.force_login(user)
    client.post(_vote_url(reply), {"vote": "yes"})
    client.post(_vote_url(reply), {"vote": "yes"})
    reply.refresh_from_db()
    assert reply.helpful_count == 1
    assert HelpfulVote.objects.count() == 1


def test_anonymous_voter_is_sent_to_log_in_and_brought_back(client, reply):
    response = client.post(_vote_url(reply), {"vote": "yes", "next": _back(reply)})
    assert response.status_code == 302
    location = unquote(response["Location"])
    assert location.startswith(reverse("account_login"))
    assert f"next={_back(reply)}" in location
    assert not HelpfulVote.objects.exists()


def test_anonymous_htmx_vote_redirects_the_whole_page(client, reply):
    response = client.post(
        _vote_url(reply),
        {"vote": "yes", "next": _back(reply)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_vote_on_own_reply_is_403(client, other_user, reply):
    client.force_login(other_user)
    response = client.post(_vote_url(reply), {"vote": "yes"})
    assert response.status_code == 403
    assert not HelpfulVote.objects.exists()


def test_vote_on_locked_thread_is_403(client, user, reply, staff):
    services.set_thread_flags(moderator=staff, thread=reply.thread, is_locked=True)
    client.force_login(user)
    assert client.post(_vote_url(reply), {"vote": "yes"}).status_code == 403


def test_vote_on_removed_reply_is_404(client, user, reply, staff):
    services.remove_reply(moderator=staff, reply=reply)
    client.force_login(user)
    assert client.post(_vote_url(reply), {"vote": "yes"}).status_code == 404


def test_vote_on_reply_in_removed_thread_is_404(client, user, reply, staff):
    services.remove_thread(moderator=staff, thread=reply.thread)
    client.force_login(user)
    assert client.post(_vote_url(reply), {"vote": "yes"}).status_code == 404


def test_vote_on_nonexistent_reply_is_404(client, user):
    client.force_login(user)
    url = reverse("forum:reply-vote", kwargs={"pk": 31337})
    assert client.post(url, {"vote": "yes"}).status_code == 404


def test_unknown_vote_value_is_400(client, user, reply):
    client.force_login(user)
    response = client.post(_vote_url(reply), {"vote": "maybe"})
    assert response.status_code == 400
    assert not HelpfulVote.objects.exists()


def test_vote_needs_post(client, user, reply):
    client.force_login(user)
    assert client.get(_vote_url(reply)).status_code == 405


def test_offsite_next_is_ignored(client, user, reply):
    client.force_login(user)
    response = client.post(
        _vote_url(reply), {"vote": "yes", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == f"{reply.thread.get_absolute_url()}#reply-{reply.pk}"


def test_voting_too_fast_is_limited(client, user, reply, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "vote": (2, 60)}
    client.force_login(user)
    htmx = {"HX-Request": "true"}
    client.post(_vote_url(reply), {"vote": "yes"}, headers=htmx)
    client.post(_vote_url(reply), {"vote": "no"}, headers=htmx)
    response = client.post(_vote_url(reply), {"vote": "yes"}, headers=htmx)
    assert response.status_code == 429
    assert "please wait a minute" in response.content.decode()
    assert HelpfulVote.objects.get().is_helpful is False
