"""Each reply's HTML is stored and reused; every reader still sees their own state."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from forum import services
from tests.factories import PASSWORD, UserFactory, verify_professional

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _member(**kwargs):
    user = UserFactory(**kwargs)
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=user.username, password=PASSWORD)
    return user, client


def _rendered_replies(response) -> int:
    return [t.name for t in response.templates].count("forum/_reply.html")


def _vote_block(response, reply) -> str:
    html = response.content.decode()
    start = html.index(f'id="vote-{reply.pk}"')
    return html[start : html.index("</div>", start)]


@pytest.fixture
def replies(thread):
    return [
        services.post_reply(author=UserFactory(), thread=thread, body=f"Answer {n}.")
        for n in range(3)
    ]


def test_a_second_reader_in_the_same_state_reuses_every_reply(thread, replies):
    _, first = _member()
    _, second = _member()
    assert _rendered_replies(first.get(thread.get_absolute_url())) == 3
    response = second.get(thread.get_absolute_url())
    assert _rendered_replies(response) == 0
    for reply in replies:
        assert f"Answer {replies.index(reply)}." in response.content.decode()


def test_each_reader_sees_only_their_own_vote(thread, replies):
    voter, voter_client = _member()
    _, reader = _member()
    services.cast_helpful_vote(voter=voter, reply=replies[0], is_helpful=True)
    reader_page = reader.get(thread.get_absolute_url())
    voter_page = voter_client.get(thread.get_absolute_url())
    assert 'value="yes" class="vote-button" aria-pressed="true"' in _vote_block(
        voter_page, replies[0]
    )
    assert "You found this helpful" in _vote_block(voter_page, replies[0])
    assert "You found this helpful" not in _vote_block(reader_page, replies[0])
    # Both counted the same vote.
    assert "Helpful – 1" in _vote_block(reader_page, replies[0])


def test_a_new_vote_changes_the_count_every_reader_sees(thread, replies):
    voter, _ = _member()
    _, reader = _member()
    reader.get(thread.get_absolute_url())
    services.cast_helpful_vote(voter=voter, reply=replies[1], is_helpful=True)
    page = reader.get(thread.get_absolute_url())
    assert "Helpful – 1" in _vote_block(page, replies[1])
    assert _rendered_replies(page) == 1


def test_reused_replies_carry_the_readers_own_working_csrf_token(thread, replies):
    _, first = _member()
    first.get(thread.get_absolute_url())
    _, second = _member()
    page = second.get(thread.get_absolute_url())
    assert _rendered_replies(page) == 0
    token = CSRF_INPUT.search(_vote_block(page, replies[2])).group(1)
    response = second.post(
        reverse("forum:reply-vote", kwargs={"pk": replies[2].pk}),
        {"vote": "yes", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    replies[2].refresh_from_db()
    assert replies[2].helpful_count == 1


def test_an_author_gets_no_vote_form_on_their_own_reply(thread, replies):
    _, reader = _member()
    reader.get(thread.get_absolute_url())
    author = Client()
    assert author.login(username=replies[0].author.username, password=PASSWORD)
    page = author.get(thread.get_absolute_url())
    assert "<form" not in _vote_block(page, replies[0])
    assert "<form" in _vote_block(page, replies[1])


def test_locking_the_thread_takes_the_vote_forms_away(thread, replies, staff):
    _, reader = _member()
    reader.get(thread.get_absolute_url())
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    page = reader.get(thread.get_absolute_url())
    assert all("<form" not in _vote_block(page, reply) for reply in replies)


def test_a_new_badge_shows_on_stored_replies(thread, replies, staff):
    _, reader = _member()
    reader.get(thread.get_absolute_url())
    verify_professional(
        replies[0].author,
        staff,
        profession="pharmacist",
        specialty="",
        licence_number="GPhC-2071234",
        licensing_body="General Pharmaceutical Council",
    )
    page = reader.get(thread.get_absolute_url())
    html = page.content.decode()
    reply_html = html[html.index(f'id="{replies[0].anchor}"') :]
    assert "Medical professional" in reply_html[: reply_html.index("</li>")]


def test_each_sort_keeps_its_own_return_address(thread, replies):
    _, reader = _member()
    helpful = reader.get(thread.get_absolute_url(), {"sort": "helpful"})
    oldest = reader.get(thread.get_absolute_url(), {"sort": "oldest"})
    assert "sort=helpful#" in _vote_block(helpful, replies[0])
    assert "sort=oldest#" in _vote_block(oldest, replies[0])


def test_the_empty_reply_form_is_shared_but_a_rejected_reply_is_kept(thread):
    _, member = _member()
    member.get(thread.get_absolute_url())
    page = member.get(thread.get_absolute_url())
    token = CSRF_INPUT.search(page.content.decode()).group(1)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    rejected = member.post(url, {"body": "?", "csrfmiddlewaretoken": token})
    html = rejected.content.decode()
    assert "Ensure this value has at least 2 characters" in html
    assert ">\n?</textarea>" in html
    # The next reader still gets the empty form.
    _, other = _member()
    html = other.get(thread.get_absolute_url()).content.decode()
    assert ">\n</textarea>" in html
    assert "at least 2 characters (it has 1)" not in html


@pytest.mark.parametrize("stored", [False, True])
def test_the_reply_box_and_its_button_sit_in_one_form(thread, stored):
    _, member = _member()
    if stored:
        member.get(thread.get_absolute_url())
    html = member.get(thread.get_absolute_url()).content.decode()
    action = reverse(
        "forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug}
    )
    start = html.index(f'action="{action}"')
    form = html[start : html.index("</form>", start)]
    assert "<form" not in form
    assert 'name="body"' in form
    assert "Post reply" in form
