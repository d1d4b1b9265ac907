"""The asker shares what happened next and marks the replies that helped most."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forum import services
from forum.models import OUTCOME_MAX_LENGTH, Reply, Thread
from forum.outcomes import HELPED_MOST_LIMIT, mark_helped_most, share_outcome
from tests.factories import UserFactory
from tests.html import parse

OUTCOME = "My GP said it was **stress and caffeine**. It stopped after a month."


def _outcome_url(thread):
    return reverse("forum:thread-outcome", args=[thread.pk, thread.slug])


def _helped_url(reply):
    return reverse("forum:reply-helped", kwargs={"pk": reply.pk})


def _fresh(thread) -> Thread:
    return Thread.objects.get(pk=thread.pk)


@pytest.fixture
def replies(thread):
    return [
        services.post_reply(author=UserFactory(), thread=thread, body=f"Advice {n}")
        for n in range(HELPED_MOST_LIMIT + 1)
    ]


# --- The rules (forum.outcomes). --------------------------------------------


def test_the_asker_shares_an_outcome_rendered_and_sanitised(user, thread):
    share_outcome(asker=user, thread=thread, text=OUTCOME + "<script>alert(1)</script>")
    thread = _fresh(thread)
    assert thread.outcome_at is not None
    assert thread.outcome_edited_at is None
    assert "<strong>stress and caffeine</strong>" in thread.outcome_html
    assert "<script" not in thread.outcome_html


def test_editing_the_outcome_keeps_when_it_was_first_shared(user, thread):
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    shared_at = _fresh(thread).outcome_at
    share_outcome(asker=user, thread=thread, text="It came back in winter.")
    thread = _fresh(thread)
    assert thread.outcome_at == shared_at
    assert thread.outcome_edited_at is not None
    assert thread.outcome == "It came back in winter."


def test_only_the_asker_may_share_an_outcome(other_user, staff, thread):
    for member in (other_user, staff):
        with pytest.raises(PermissionDenied):
            share_outcome(asker=member, thread=thread, text=OUTCOME)
    assert _fresh(thread).outcome_at is None


def test_no_outcome_on_a_locked_or_removed_question(user, staff, thread):
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    with pytest.raises(PermissionDenied):
        share_outcome(asker=user, thread=thread, text=OUTCOME)
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=False)
    services.delete_own_thread(author=user, thread=thread)
    with pytest.raises(PermissionDenied):
        share_outcome(asker=user, thread=thread, text=OUTCOME)


def test_an_empty_or_overlong_outcome_is_refused(user, thread):
    for text in ("   ", "x" * (OUTCOME_MAX_LENGTH + 1)):
        with pytest.raises(ValidationError):
            share_outcome(asker=user, thread=thread, text=text)
    assert _fresh(thread).outcome == ""


def test_the_asker_marks_up_to_the_limit_of_replies(user, thread, replies):
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    for reply in replies[:HELPED_MOST_LIMIT]:
        mark_helped_most(asker=user, reply=reply)
    with pytest.raises(ValidationError, match="Take the mark off"):
        mark_helped_most(asker=user, reply=replies[-1])
    # Marking one again changes nothing; taking one off makes room.
    mark_helped_most(asker=user, reply=replies[0])
    mark_helped_most(asker=user, reply=replies[0], helped=False)
    mark_helped_most(asker=user, reply=replies[-1])
    marked = thread.replies.helped_most().values_list("pk", flat=True)
    assert set(marked) == {r.pk for r in replies[1:]}


def test_only_the_asker_marks_replies_and_only_after_sharing(
    user, other_user, thread, replies
):
    with pytest.raises(PermissionDenied):
        mark_helped_most(asker=user, reply=replies[0])
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    with pytest.raises(PermissionDenied):
        mark_helped_most(asker=other_user, reply=replies[0])
    own = services.post_reply(author=user, thread=thread, body="Thanks, all.")
    with pytest.raises(PermissionDenied):
        mark_helped_most(asker=user, reply=own)
    assert not Reply.objects.filter(helped_most_at__isnull=False).exists()


# --- The form, and who may use it. -------------------------------------------


def test_the_asker_shares_an_outcome_through_the_form(client, user, thread):
    client.force_login(user)
    page = parse(client.get(_outcome_url(thread)))
    assert page.get_by_role("heading", "Share what happened next")
    response = client.post(_outcome_url(thread), {"outcome": OUTCOME})
    assert response["Location"] == f"{thread.get_absolute_url()}#outcome"
    page = parse(client.get(thread.get_absolute_url()))
    outcome = page.one("section#outcome")
    assert "stress and caffeine" in outcome.one(".post-body").text
    assert outcome.get_by_role("link", "Edit what happened next")


def test_the_form_shows_the_outcome_to_edit(client, user, thread):
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    client.force_login(user)
    page = parse(client.get(_outcome_url(thread)))
    assert page.get_by_role("heading", "Edit what happened next")
    assert page.one("textarea").text == OUTCOME


def test_bad_input_keeps_what_was_typed(client, user, thread):
    client.force_login(user)
    typed = "x" * (OUTCOME_MAX_LENGTH + 5)
    response = client.post(_outcome_url(thread), {"outcome": typed})
    assert response.status_code == 200
    page = parse(response)
    assert page.one("textarea").text == typed
    assert "at most" in page.one(".invalid-feedback").text
    response = client.post(_outcome_url(thread), {"outcome": "\u200b"})
    assert parse(response).one(".invalid-feedback").text
    assert _fresh(thread).outcome == ""


def test_another_member_gets_403_from_the_form(client, other_user, thread):
    client.force_login(other_user)
    assert client.get(_outcome_url(thread)).status_code == 403
    response = client.post(_outcome_url(thread), {"outcome": OUTCOME})
    assert response.status_code == 403
    assert _fresh(thread).outcome == ""


def test_a_visitor_is_asked_to_log_in(client, thread):
    response = client.get(_outcome_url(thread))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_invitation_shows_to_the_asker_only(client, user, other_user, thread):
    client.force_login(user)
    page = parse(client.get(thread.get_absolute_url()))
    invite = page.one(".outcome-invite")
    assert invite.get_by_role("link", "share what happened next")["href"] == (
        _outcome_url(thread)
    )
    client.force_login(other_user)
    assert parse(client.get(thread.get_absolute_url())).select(".outcome-invite") == []


# --- Marking replies on the page. --------------------------------------------


def test_the_asker_marks_a_reply_from_the_page(client, user, thread, replies):
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    client.force_login(user)
    reply = replies[1]
    page = parse(client.get(thread.get_absolute_url()))
    box = page.one(f"#helped-{reply.pk}")
    assert [b.name for b in box.by_role("button")] == ["This helped me most"]
    back = f"{thread.get_absolute_url()}#{reply.anchor}"
    response = client.post(_helped_url(reply), {"helped": "yes", "next": back})
    assert response["Location"] == back
    page = parse(client.get(thread.get_absolute_url()))
    assert page.one(f"#helped-{reply.pk} .helped-most-mark").text == (
        "Helped the asker most"
    )
    outcome = page.one("section#outcome")
    link = outcome.get_by_role("link", f"The reply by {reply.author.username}")
    assert link["href"] == f"{thread.get_absolute_url()}?from=helped#{reply.anchor}"
    # The link's filter shows just the marked reply.
    response = client.get(thread.get_absolute_url() + "?from=helped")
    assert [state.pk for state in response.context["replies"]] == [reply.pk]


def test_a_fourth_mark_is_refused_with_a_message(client, user, thread, replies):
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    for reply in replies[:HELPED_MOST_LIMIT]:
        mark_helped_most(asker=user, reply=reply)
    client.force_login(user)
    response = client.post(_helped_url(replies[-1]), {"helped": "yes"}, follow=True)
    assert "You can mark up to 3 replies" in response.content.decode()
    assert Reply.objects.get(pk=replies[-1].pk).helped_most_at is None


def test_another_member_cannot_mark_replies(client, user, other_user, thread, replies):
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    client.force_login(other_user)
    response = client.post(_helped_url(replies[0]), {"helped": "yes"})
    assert response.status_code == 403
    page = parse(client.get(thread.get_absolute_url()))
    assert page.select(f"#helped-{replies[0].pk}") == []
    assert (
        client.post(_helped_url(replies[0]), {"helped": "perhaps"}).status_code == 400
    )


def test_readers_see_the_outcome_and_marks_but_no_buttons(
    client, user, thread, replies
):
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    mark_helped_most(asker=user, reply=replies[0])
    page = parse(client.get(thread.get_absolute_url()))
    outcome = page.one("section#outcome")
    assert "Shared by the member who asked" in outcome.one(".meta").text
    assert outcome.select(".outcome-actions") == []
    assert page.one(f"#helped-{replies[0].pk}").by_role("button") == []


# --- Lists and search. --------------------------------------------------------


def test_the_forum_list_filters_to_questions_with_an_outcome(
    client, forum, user, thread
):
    services.post_thread(
        author=user, forum=forum, title="Dizzy when standing", body="x" * 30
    )
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    response = client.get(forum.get_absolute_url() + "?sort=outcome")
    rows = parse(response).select(".thread-row")
    assert [row.one(".thread-title").text for row in rows] == [thread.title]
    assert "Outcome shared" in rows[0].one(".counts").text
    sorts = parse(response).get_by_role("navigation", "Sort questions")
    assert sorts.one("[aria-current]").text == "Has an outcome"


def test_an_empty_outcome_filter_says_so(client, forum, thread):
    response = client.get(forum.get_absolute_url() + "?sort=outcome")
    assert parse(response).one("main .empty").text == (
        "Nobody here has shared what happened next yet."
    )


def test_search_shows_and_filters_outcomes(client, forum, user, thread):
    services.post_thread(
        author=user, forum=forum, title="Eyelid twitching again", body="y" * 30
    )
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    response = client.get(reverse("forum:search"), {"q": "eyelid"})
    rows = parse(response).select(".thread-row")
    assert len(rows) == 2
    shared = [row for row in rows if row.select(".search-outcome")]
    assert len(shared) == 1
    assert (
        shared[0]
        .one(".search-outcome")
        .text.startswith("Outcome shared: My GP said it was stress and caffeine.")
    )
    response = client.get(reverse("forum:search"), {"q": "eyelid", "outcome": "1"})
    rows = parse(response).select(".thread-row")
    assert [row.one(".thread-title").text for row in rows] == [thread.title]
    assert parse(response).one("#search-outcome").attrs.get("checked") is not None


# --- What it costs. ----------------------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_a_thread_with_an_outcome_costs_one_query_more(
    client, user, thread, count, django_assert_num_queries
):
    repliers = UserFactory.create_batch(3)
    posted = [
        services.post_reply(author=repliers[n % 3], thread=thread, body=f"R{n}")
        for n in range(count)
    ]
    share_outcome(asker=user, thread=thread, text=OUTCOME)
    for reply in posted[:HELPED_MOST_LIMIT]:
        mark_helped_most(asker=user, reply=reply)
    # The seven of any thread page and the replies that helped most.
    with django_assert_num_queries(8):
        response = client.get(thread.get_absolute_url())
    assert len(response.context["replies"]) == count
