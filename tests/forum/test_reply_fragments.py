"""Each reply's HTML is stored and reused; every reader still sees their own state."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from forum import services
from tests.factories import PASSWORD, UserFactory, verify_professional
from tests.html import parse

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _member(**kwargs):
    user = UserFactory(**kwargs)
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=user.username, password=PASSWORD)
    return user, client


def _rendered_replies(response) -> int:
    return [t.name for t in response.templates].count("forum/_reply.html")


def _vote_block(response, reply):
    """Return reply's vote box, parsed; fail if the page has none."""
    return parse(response).one(f"#vote-{reply.pk}")


def _return_address(response, reply) -> str:
    """Return where reply's vote form sends the reader back to."""
    return parse(response).one(f'#vote-{reply.pk} input[name="next"]')["value"]


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
    yes = _vote_block(voter_page, replies[0]).get_by_role("button", "Yes")
    assert yes["aria-pressed"] == "true"
    assert "You found this helpful" in _vote_block(voter_page, replies[0]).text
    assert "You found this helpful" not in _vote_block(reader_page, replies[0]).text
    # Both counted the same vote.
    assert "Helpful – 1" in _vote_block(reader_page, replies[0]).text


def test_a_new_vote_changes_the_count_every_reader_sees(thread, replies):
    voter, _ = _member()
    _, reader = _member()
    reader.get(thread.get_absolute_url())
    services.cast_helpful_vote(voter=voter, reply=replies[1], is_helpful=True)
    page = reader.get(thread.get_absolute_url())
    assert "Helpful – 1" in _vote_block(page, replies[1]).text
    assert _rendered_replies(page) == 1


def test_reused_replies_carry_the_readers_own_working_csrf_token(thread, replies):
    _, first = _member()
    first.get(thread.get_absolute_url())
    _, second = _member()
    page = second.get(thread.get_absolute_url())
    assert _rendered_replies(page) == 0
    token = _vote_block(page, replies[2]).one('input[name="csrfmiddlewaretoken"]')[
        "value"
    ]
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
    assert _vote_block(page, replies[0]).select("form") == []
    assert len(_vote_block(page, replies[1]).select("form")) == 1


def test_locking_the_thread_takes_the_vote_forms_away(thread, replies, staff):
    _, reader = _member()
    reader.get(thread.get_absolute_url())
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    page = reader.get(thread.get_absolute_url())
    assert all(_vote_block(page, reply).select("form") == [] for reply in replies)


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
    page = parse(reader.get(thread.get_absolute_url()))
    assert "Medical professional" in page.one(f"#{replies[0].anchor}").text


def test_each_sort_keeps_its_own_return_address(thread, replies):
    _, reader = _member()
    url = thread.get_absolute_url()
    helpful = reader.get(url, {"sort": "helpful"})
    oldest = reader.get(url, {"sort": "oldest"})
    # Helpful is the default order, so its address is the thread's own.
    assert _return_address(helpful, replies[0]) == f"{url}#{replies[0].anchor}"
    assert (
        _return_address(oldest, replies[0]) == f"{url}?sort=oldest#{replies[0].anchor}"
    )


def test_the_empty_reply_form_is_shared_but_a_rejected_reply_is_kept(thread):
    _, member = _member()
    member.get(thread.get_absolute_url())
    page = parse(member.get(thread.get_absolute_url()))
    token = page.one('.reply-form input[name="csrfmiddlewaretoken"]')["value"]
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    rejected = parse(member.post(url, {"body": "?", "csrfmiddlewaretoken": token}))
    form = rejected.one(f'form[action="{url}"]')
    assert "Ensure this value has at least 2 characters" in form.text
    assert form.one('textarea[name="body"]').value.strip() == "?"
    # The next reader still gets the empty form.
    _, other = _member()
    form = parse(other.get(thread.get_absolute_url())).one(f'form[action="{url}"]')
    assert form.one('textarea[name="body"]').value.strip() == ""
    assert "at least 2 characters" not in form.text


@pytest.mark.parametrize("stored", [False, True])
def test_the_reply_box_and_its_button_sit_in_one_form(thread, stored):
    _, member = _member()
    if stored:
        member.get(thread.get_absolute_url())
    page = parse(member.get(thread.get_absolute_url()))
    action = reverse(
        "forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug}
    )
    form = page.one(f'form[action="{action}"]')
    assert form.select("form") == []
    form.one('textarea[name="body"]')
    form.get_by_role("button", "Post reply")
