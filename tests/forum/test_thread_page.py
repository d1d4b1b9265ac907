from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.models import Reply
from tests.factories import UserFactory
from tests.html import parse


def _reply_at(thread, author, body, *, minutes_ago):
    reply = services.post_reply(author=author, thread=thread, body=body)
    at = timezone.now() - timedelta(minutes=minutes_ago)
    Reply.objects.filter(pk=reply.pk).update(created_at=at)
    return reply


def _vote_many(reply, count):
    for voter in UserFactory.create_batch(count):
        services.cast_helpful_vote(voter=voter, reply=reply, is_helpful=True)


@pytest.fixture
def three_replies(thread):
    first = _reply_at(thread, UserFactory(), "First, no votes.", minutes_ago=30)
    second = _reply_at(thread, UserFactory(), "Second, two votes.", minutes_ago=20)
    third = _reply_at(thread, UserFactory(), "Third, two votes.", minutes_ago=10)
    _vote_many(second, 2)
    _vote_many(third, 2)
    return first, second, third


def _order(response):
    return [reply.pk for reply in response.context["replies"]]


def _vote(page, reply):
    """Return the vote block under reply, which is there for every reader."""
    return page.one(f"#{reply.anchor} #vote-{reply.pk}")


def test_reader_sees_question_and_responses(client, thread, reply):
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    page = parse(response)
    page.get_by_role("heading", "Eyelid twitching for three weeks")
    page.get_by_role("heading", "1 Response")
    answer = page.get_by_role("article", "Response by helpful_neighbour")
    assert answer.one(".post-body").text == "Mine stopped once I slept more."
    vote = _vote(page, reply)
    assert vote.one("legend").text == "Was this helpful?"
    assert [button.name for button in vote.by_role("button")] == ["Yes", "No"]
    assert vote.one(".helpful-count").text == "Helpful – 0"
    origin = page.one(".forum-origin")
    assert origin.text == "You are reading content posted in the Neurology Forum."
    forum_url = reverse("forum:forum-detail", kwargs={"slug": "neurology"})
    assert origin.get_by_role("link", "Neurology Forum")["href"] == forum_url


def test_helpful_sort_is_default_most_votes_first_ties_oldest_first(
    client, thread, three_replies
):
    first, second, third = three_replies
    response = client.get(thread.get_absolute_url())
    assert response.context["sort"] == "helpful"
    assert _order(response) == [second.pk, third.pk, first.pk]


def test_oldest_sort(client, thread, three_replies):
    first, second, third = three_replies
    response = client.get(thread.get_absolute_url() + "?sort=oldest")
    assert _order(response) == [first.pk, second.pk, third.pk]


def test_newest_sort(client, thread, three_replies):
    first, second, third = three_replies
    response = client.get(thread.get_absolute_url() + "?sort=newest")
    assert _order(response) == [third.pk, second.pk, first.pk]


def test_unknown_sort_falls_back_to_helpful(client, thread, three_replies):
    response = client.get(thread.get_absolute_url() + "?sort=drop-table")
    assert response.status_code == 200
    assert response.context["sort"] == "helpful"


def test_sort_links_mark_the_current_choice(client, thread, three_replies):
    page = parse(client.get(thread.get_absolute_url() + "?sort=oldest"))
    sorts = page.get_by_role("navigation", "Sort responses")
    (current,) = sorts.select("[aria-current]")
    assert (current.text, current["aria-current"]) == ("Oldest", "true")
    assert current["href"] == "?sort=oldest#responses-heading"
    assert len(sorts.by_role("link")) == 4


def test_removed_reply_is_hidden(client, thread, reply, staff):
    services.remove_reply(moderator=staff, reply=reply)
    page = parse(client.get(thread.get_absolute_url()))
    page.get_by_role("heading", "0 Responses")
    assert page.select(f"#{reply.anchor}") == []
    assert "Mine stopped once I slept more." not in page.text


def test_removed_thread_is_gone_for_readers(client, thread, staff):
    services.remove_thread(moderator=staff, thread=thread)
    assert client.get(thread.get_absolute_url()).status_code == 410


def test_nonexistent_thread_is_404(client, db):
    url = reverse("forum:thread-detail", kwargs={"pk": 987654, "slug": "nothing"})
    assert client.get(url).status_code == 404


def test_wrong_slug_redirects_to_canonical_url(client, thread):
    url = reverse("forum:thread-detail", kwargs={"pk": thread.pk, "slug": "old-title"})
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == thread.get_absolute_url()


def test_member_sees_own_vote_pressed(client, thread, reply, user):
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    client.force_login(user)
    vote = _vote(parse(client.get(thread.get_absolute_url())), reply)
    pressed = {
        button.name: button.attrs.get("aria-pressed")
        for button in vote.by_role("button")
    }
    assert pressed == {"Yes": "true", "No": "false", "Withdraw my vote": None}
    assert vote.get_by_role("button", "Yes")["value"] == "yes"
    assert vote.one(".vote-status").text == "· You found this helpful"


def test_author_sees_no_vote_buttons_on_own_reply(client, thread, reply, other_user):
    client.force_login(other_user)
    vote = _vote(parse(client.get(thread.get_absolute_url())), reply)
    assert vote.select("form, legend") == []
    assert vote.by_role("button") == []
    assert vote.one(".helpful-count").text == "Helpful – 0"


def test_locked_thread_shows_no_reply_form_or_votes(client, thread, reply, staff, user):
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    client.force_login(user)
    page = parse(client.get(thread.get_absolute_url()))
    notice = page.one("article.thread .locked-notice").text
    assert notice.startswith("This thread is locked")
    answer_area = page.one("section.reply-form")
    assert answer_area.select("form") == []
    assert "This thread is locked" in answer_area.text
    assert page.by_role("button", "Post reply") == []
    vote = _vote(page, reply)
    assert vote.select("form, legend") == []
    assert vote.one(".helpful-count").text == "Helpful – 0"


def test_anonymous_reader_is_invited_to_log_in(client, thread):
    page = parse(client.get(thread.get_absolute_url()))
    answer_area = page.one("section.reply-form")
    assert answer_area.one("p").text == "Log in or sign up to reply."
    log_in = answer_area.get_by_role("link", "Log in")
    assert log_in["href"].startswith(reverse("account_login") + "?next=")
    assert answer_area.select("form") == []
    assert page.by_role("button", "Post reply") == []


def test_thread_body_html_is_the_only_markup_marked_safe(client, forum, user):
    thread = services.post_thread(
        author=user,
        forum=forum,
        title="<b>Bold</b> title with <script>x</script>",
        body="Body with <em>raw</em> html and **markdown**.",
    )
    response = client.get(thread.get_absolute_url())
    page = parse(response)
    title = page.one("h1#thread-title")
    assert title.text == "<b>Bold</b> title with <script>x</script>"
    assert title.children == []
    body = page.one("article.thread .post-body")
    assert body.text == "Body with <em>raw</em> html and markdown."
    assert body.select("em") == []
    assert body.one("strong").text == "markdown"
    # Not even in an attribute, such as the page's description.
    assert "<script>x</script>" not in response.content.decode()


def test_replies_paginate(client, thread):
    author = UserFactory()
    for n in range(55):
        services.post_reply(author=author, thread=thread, body=f"Reply number {n}")
    page_two = client.get(thread.get_absolute_url() + "?sort=oldest&page=2")
    assert len(page_two.context["replies"]) == 5
    pages = parse(page_two).get_by_role("navigation", "Response pages")
    assert pages.one('[aria-current="page"]').text == "Page 2 of 2"


def _thread_with_replies(thread, count):
    authors = UserFactory.create_batch(3)
    for n in range(count):
        reply = services.post_reply(author=authors[n % 3], thread=thread, body=f"R{n}")
        if n % 2:
            services.cast_helpful_vote(
                voter=authors[(n + 1) % 3], reply=reply, is_helpful=True
            )
    thread.refresh_from_db()


@pytest.mark.parametrize("count", [5, 50])
def test_anonymous_thread_page_costs_a_fixed_number_of_queries(
    client, thread, count, django_assert_num_queries
):
    _thread_with_replies(thread, count)
    # The thread with its author and forum, its tags, the state of each reply
    # on the page, those replies with their authors (none is stored yet), its
    # stored related questions, its safety flags (safety.hooks), and the
    # Popular Resources sidebar on a cold cache.
    with django_assert_num_queries(7):
        response = client.get(thread.get_absolute_url())
    assert len(response.context["replies"]) == count


@pytest.mark.parametrize("count", [5, 100])
def test_member_thread_page_costs_a_fixed_number_of_queries(
    client, thread, user, count, django_assert_num_queries
):
    _thread_with_replies(thread, count)
    client.force_login(user)
    # Session and member, then the same seven as for a reader (the member's
    # own votes come in the replies' states), whether they follow the thread,
    # and their unread count for the bell, which is then cached.
    with django_assert_num_queries(11):
        client.get(thread.get_absolute_url() + "?sort=newest")
    # With every reply's HTML, the sidebar and the unread count stored, the
    # replies themselves are not loaded at all; the follow state and the
    # related questions and the safety flags always are.
    with django_assert_num_queries(8):
        response = client.get(thread.get_absolute_url() + "?sort=newest")
    assert response.status_code == 200
