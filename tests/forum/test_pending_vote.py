"""A vote cast before logging in is counted once the reader has logged in."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import signing
from django.urls import reverse

from forum import pending, services
from forum.models import HelpfulVote
from tests.factories import PASSWORD, UserFactory
from tests.html import parse

WHY = "Log in to vote on this reply; your vote will be counted when you do."


def _back(reply) -> str:
    return f"{reply.thread.get_absolute_url()}#{reply.anchor}"


def _vote_anonymously(client, reply, vote="yes"):
    """Press a vote button on the thread page as a reader not logged in."""
    page = parse(client.get(reply.thread.get_absolute_url()))
    form = page.one(f"#vote-{reply.pk} form")
    return client.post(
        form["action"],
        {"vote": vote, "next": form.one('input[name="next"]').value},
    )


def _log_in(client, member, next_url):
    return client.post(
        reverse("account_login"),
        {"login": member.username, "password": PASSWORD, "next": next_url},
    )


def _messages(page) -> list[str]:
    return [item.text for item in parse(page).select(".messages .alert")]


def _helpful(reply) -> int:
    reply.refresh_from_db()
    return reply.helpful_count


@pytest.fixture
def reader(db):
    return UserFactory(username="quiet_reader")


def test_the_log_in_page_says_why_and_the_vote_counts_after(client, reply, reader):
    response = _vote_anonymously(client, reply)
    assert response.status_code == 302
    log_in = client.get(response["Location"])
    assert WHY in _messages(log_in)
    next_url = parse(log_in).one('main form input[name="next"]').value
    assert next_url == _back(reply)
    assert not HelpfulVote.objects.exists()

    response = _log_in(client, reader, next_url)
    assert response["Location"] == _back(reply)
    assert client.session[SESSION_KEY] == str(reader.pk)
    vote = HelpfulVote.objects.get()
    assert (vote.voter, vote.reply, vote.is_helpful) == (reader, reply, True)
    assert _helpful(reply) == 1
    landing = client.get(response["Location"])
    assert "Your vote is counted: you found this reply helpful." in _messages(landing)
    own_vote = parse(landing).one(f"#vote-{reply.pk}")
    assert own_vote.get_by_role("button", "Yes")["aria-pressed"] == "true"


def test_a_no_vote_waits_too(client, reply, reader):
    _vote_anonymously(client, reply, "no")
    _log_in(client, reader, _back(reply))
    assert HelpfulVote.objects.get().is_helpful is False
    assert _helpful(reply) == 0


def test_the_pending_vote_is_cast_once(client, reply, reader):
    _vote_anonymously(client, reply)
    _log_in(client, reader, _back(reply))
    client.logout()
    _log_in(client, reader, _back(reply))
    assert HelpfulVote.objects.count() == 1
    assert _helpful(reply) == 1


def test_a_pending_vote_on_ones_own_reply_is_not_counted(client, reply, other_user):
    _vote_anonymously(client, reply)
    response = _log_in(client, other_user, _back(reply))
    assert response["Location"] == _back(reply)
    assert not HelpfulVote.objects.exists()
    landing = client.get(response["Location"])
    assert any("your own reply" in text for text in _messages(landing))


def test_a_pending_vote_on_a_thread_locked_since_is_not_counted(
    client, reply, reader, staff
):
    _vote_anonymously(client, reply)
    services.set_thread_flags(moderator=staff, thread=reply.thread, is_locked=True)
    response = _log_in(client, reader, _back(reply))
    assert not HelpfulVote.objects.exists()
    landing = client.get(response["Location"])
    assert any("locked" in text for text in _messages(landing))


def test_a_pending_vote_on_a_reply_removed_since_is_not_counted(
    client, reply, reader, staff
):
    _vote_anonymously(client, reply)
    services.remove_reply(moderator=staff, reply=reply)
    response = _log_in(client, reader, _back(reply))
    assert response.status_code == 302
    assert not HelpfulVote.objects.exists()
    landing = client.get(response["Location"])
    assert landing.status_code == 200
    assert any("removed" in text for text in _messages(landing))


def test_withdraw_leaves_nothing_pending(client, reply, reader):
    response = _vote_anonymously(client, reply, "withdraw")
    assert response.status_code == 302
    assert pending.SESSION_KEY not in client.session
    _log_in(client, reader, _back(reply))
    assert not HelpfulVote.objects.exists()


def _plant(client, value):
    session = client.session
    session[pending.SESSION_KEY] = value
    session.save()


def _signed(data, salt=pending.SALT) -> str:
    return signing.dumps(data, salt=salt)


@pytest.mark.parametrize(
    "forge",
    [
        lambda pk: f"reply={pk}&vote=yes",
        lambda pk: {"reply": pk, "vote": "yes"},
        lambda pk: _signed({"reply": pk, "vote": "yes"}, salt="another.purpose"),
        lambda pk: _signed({"reply": pk, "vote": "yes"})[:-2] + "xx",
        lambda pk: _signed({"reply": pk, "vote": "withdraw"}),
        lambda pk: _signed({"reply": pk, "vote": True}),
        lambda pk: _signed({"reply": str(pk), "vote": "yes"}),
        lambda pk: _signed({"reply": pk + 1000, "vote": "yes"}),
        lambda pk: _signed([pk, "yes"]),
    ],
    ids=[
        "unsigned text",
        "unsigned dict",
        "other salt",
        "bad signature",
        "withdraw",
        "not a verdict",
        "pk as text",
        "no such reply",
        "wrong shape",
    ],
)
def test_tampered_pending_data_is_ignored(client, reply, reader, forge):
    client.get(reverse("account_login"))
    _plant(client, forge(reply.pk))
    response = _log_in(client, reader, _back(reply))
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(reader.pk)
    assert pending.SESSION_KEY not in client.session
    assert not HelpfulVote.objects.exists()
    assert client.get(response["Location"]).status_code == 200


def test_an_expired_pending_vote_is_ignored(client, reply, reader, monkeypatch):
    _vote_anonymously(client, reply)
    monkeypatch.setattr(pending, "MAX_AGE", timedelta(seconds=-1))
    _log_in(client, reader, _back(reply))
    assert not HelpfulVote.objects.exists()
