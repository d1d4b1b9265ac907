"""The same question or reply sent twice (Back and again, a double tap) posts once."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from forum import services
from forum.models import PostToken, Reply, Thread
from tests.html import parse

ASK_URL = reverse("forum:thread-create")
ALREADY = "This was already posted."


def _reply_url(thread) -> str:
    return reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})


def _token(page, action: str) -> str:
    """Return the token in the form that posts to action on page."""
    return parse(page).one(f'form[action="{action}"] input[name="token"]').value


def _question(forum, token: str, **overrides) -> dict:
    return {
        "forum": forum.pk,
        "title": "Numbness in two fingers after cycling",
        "body": "After long rides my ring and little fingers go numb for hours.",
        "tags": "numbness",
        "token": token,
        **overrides,
    }


def _messages(page) -> list[str]:
    return [item.text for item in parse(page).select(".messages .alert")]


# --- The token in the forms. ------------------------------------------------


def test_each_rendering_of_the_forms_carries_a_new_token(client, user, thread):
    client.force_login(user)
    asked = {_token(client.get(ASK_URL), ASK_URL) for _ in range(2)}
    replied = {
        _token(client.get(thread.get_absolute_url()), _reply_url(thread))
        for _ in range(2)
    }
    assert len(asked) == len(replied) == 2
    assert all(len(token) >= 16 for token in asked | replied)


def test_a_refused_form_keeps_its_token(client, user, forum):
    client.force_login(user)
    token = _token(client.get(ASK_URL), ASK_URL)
    page = client.post(ASK_URL, _question(forum, token, title="Short"))
    assert page.status_code == 200
    assert _token(page, ASK_URL) == token


def test_pages_for_anonymous_readers_carry_no_token(client, thread):
    page = parse(client.get(thread.get_absolute_url()))
    assert page.select('input[name="token"]') == []


# --- Questions. -------------------------------------------------------------


def test_a_question_sent_twice_is_posted_once(client, user, forum):
    client.force_login(user)
    token = _token(client.get(ASK_URL), ASK_URL)
    first = client.post(ASK_URL, _question(forum, token))
    thread = Thread.objects.get()
    assert first["Location"] == thread.get_absolute_url()
    again = client.post(ASK_URL, _question(forum, token))
    assert again.status_code == 302
    assert again["Location"] == thread.get_absolute_url()
    assert Thread.objects.count() == 1
    forum.refresh_from_db()
    assert forum.thread_count == 1
    assert ALREADY in _messages(client.get(again["Location"]))


def test_questions_with_different_tokens_are_both_posted(client, user, forum):
    client.force_login(user)
    for _ in range(2):
        token = _token(client.get(ASK_URL), ASK_URL)
        # Asked again after the ask page showed the first as similar.
        client.post(ASK_URL, _question(forum, token, similar_seen="1"))
    assert Thread.objects.count() == 2


def test_a_question_without_a_token_is_still_posted(client, user, forum):
    client.force_login(user)
    client.post(ASK_URL, _question(forum, ""))
    # Asked again after the ask page showed the first as similar.
    client.post(ASK_URL, _question(forum, "not/a token!", similar_seen="1"))
    assert Thread.objects.count() == 2
    assert not PostToken.objects.exists()


def test_another_members_token_does_not_lead_to_their_question(
    client, user, other_user, forum
):
    client.force_login(user)
    token = _token(client.get(ASK_URL), ASK_URL)
    client.post(ASK_URL, _question(forum, token))
    theirs = Thread.objects.get()
    client.force_login(other_user)
    response = client.post(ASK_URL, _question(forum, token, title="My own question"))
    mine = Thread.objects.exclude(pk=theirs.pk).get()
    assert mine.author == other_user
    assert response["Location"] == mine.get_absolute_url()
    assert ALREADY not in _messages(client.get(response["Location"]))


# --- Replies. ---------------------------------------------------------------


def test_a_reply_sent_twice_is_posted_once(client, other_user, thread):
    client.force_login(other_user)
    token = _token(client.get(thread.get_absolute_url()), _reply_url(thread))
    data = {"body": "Mine passed after a week of rest.", "token": token}
    first = client.post(_reply_url(thread), data)
    reply = Reply.objects.get()
    assert first["Location"] == reply.get_absolute_url()
    again = client.post(_reply_url(thread), data)
    assert again["Location"] == reply.get_absolute_url()
    assert Reply.objects.count() == 1
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert ALREADY in _messages(client.get(again["Location"]))


def test_a_reply_sent_again_after_the_thread_was_locked_lands_on_it(
    client, other_user, thread, staff
):
    client.force_login(other_user)
    token = _token(client.get(thread.get_absolute_url()), _reply_url(thread))
    data = {"body": "Mine passed after a week of rest.", "token": token}
    client.post(_reply_url(thread), data)
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    again = client.post(_reply_url(thread), data)
    assert again["Location"] == Reply.objects.get().get_absolute_url()


def test_replies_with_different_tokens_are_both_posted(client, other_user, thread):
    client.force_login(other_user)
    for body in ("First thought.", "Second thought."):
        token = _token(client.get(thread.get_absolute_url()), _reply_url(thread))
        client.post(_reply_url(thread), {"body": body, "token": token})
    assert Reply.objects.count() == 2


def test_another_members_token_does_not_lead_to_their_reply(
    client, user, other_user, thread
):
    client.force_login(other_user)
    token = _token(client.get(thread.get_absolute_url()), _reply_url(thread))
    client.post(_reply_url(thread), {"body": "Rest helped me.", "token": token})
    client.force_login(user)
    response = client.post(_reply_url(thread), {"body": "Thanks!", "token": token})
    mine = Reply.objects.get(author=user)
    assert response["Location"] == mine.get_absolute_url()
    assert Reply.objects.count() == 2


def test_a_question_and_a_reply_never_share_a_member_token(user, thread):
    reply = services.post_reply(author=user, thread=thread, body="Still twitching.")
    PostToken.objects.create(member=user, token="a" * 32, thread=thread)
    with pytest.raises(IntegrityError):
        PostToken.objects.create(member=user, token="a" * 32, reply=reply)


def test_a_submission_that_loses_the_race_lands_on_the_winner(
    client, other_user, thread, monkeypatch
):
    """Two requests that both found no token: the second insert is refused."""
    client.force_login(other_user)
    token = _token(client.get(thread.get_absolute_url()), _reply_url(thread))
    data = {"body": "Mine passed after a week of rest.", "token": token}
    client.post(_reply_url(thread), data)
    winner = Reply.objects.get()
    # The second request looked (in the view, then in the service) before
    # the first had committed its token; only the constraint stops it.
    real = services.posted_with
    calls = []

    def early_looks_find_nothing(member, token):
        calls.append(token)
        return None if len(calls) <= 2 else real(member, token)

    monkeypatch.setattr(services, "posted_with", early_looks_find_nothing)
    again = client.post(_reply_url(thread), data)
    assert again["Location"] == winner.get_absolute_url()
    assert Reply.objects.count() == 1
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert len(calls) == 3
