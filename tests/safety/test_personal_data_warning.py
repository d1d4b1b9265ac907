"""Personal data in a post: the form comes back once, with a note and a choice.

The member can edit it out or post it as it is; what they typed is kept.
"""

import pytest
from django.urls import reverse

from forum.models import Reply, Thread
from safety.screening import screen
from tests.html import parse

ASK_URL = reverse("forum:thread-create")
PHONE_BODY = "Numb fingers since Monday. Ring me on 07700 900123 if you know why."


def _question(forum, **overrides):
    return {
        "forum": forum.pk,
        "title": "Numb fingers after gardening",
        "body": PHONE_BODY,
        "tags": "numbness",
        "token": "a-token-of-the-form-0123456789",
        **overrides,
    }


def _reply_url(thread):
    return reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})


@pytest.fixture(autouse=True)
def _patterns(starting_set):
    return starting_set


def test_a_question_with_a_phone_number_comes_back_once_with_the_note(
    client, user, forum
):
    client.force_login(user)
    response = client.post(ASK_URL, _question(forum))
    assert response.status_code == 200
    assert not Thread.objects.exists()
    page = parse(response)
    # What they typed is kept, and the top of the form says why it is back.
    assert page.one("#id_body").text == PHONE_BODY
    assert page.one("#id_title").value == "Numb fingers after gardening"
    held = page.one(".safety-held-notice")
    assert "Your question is not posted yet." in held.text
    assert held.get_by_role("link", "Please read the note below it")["href"] == (
        "#safety-check-question"
    )
    note = page.one("#safety-check-question .personal-data-warning")
    assert "It looks like it contains a phone number." in note.text
    assert [m.text for m in note.select("mark")] == ["07700 900123"]


def test_post_anyway_posts_it_as_it_is(client, user, forum):
    client.force_login(user)
    client.post(ASK_URL, _question(forum))
    response = client.post(ASK_URL, _question(forum, personal_data="post_anyway"))
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert thread.body == PHONE_BODY


def test_the_post_button_posts_what_the_member_was_shown(client, user, forum):
    client.force_login(user)
    page = parse(client.post(ASK_URL, _question(forum)))
    seen = page.one('input[name="personal_data_seen"]').value
    assert seen == screen(body=PHONE_BODY).personal_data_seen
    response = client.post(ASK_URL, _question(forum, personal_data_seen=seen))
    assert response.status_code == 302
    assert Thread.objects.count() == 1


def test_new_personal_data_after_the_note_is_pointed_out_again(client, user, forum):
    client.force_login(user)
    seen = screen(body=PHONE_BODY).personal_data_seen
    body = PHONE_BODY + " Or e-mail jo@example.com."
    response = client.post(
        ASK_URL, _question(forum, body=body, personal_data_seen=seen)
    )
    assert response.status_code == 200
    assert not Thread.objects.exists()
    marks = parse(response).select("#safety-check-question mark")
    assert [m.text for m in marks] == ["07700 900123", "jo@example.com"]


def test_editing_it_out_posts_at_once(client, user, forum):
    client.force_login(user)
    client.post(ASK_URL, _question(forum))
    body = "Numb fingers since Monday. Has anyone had this after gardening?"
    response = client.post(ASK_URL, _question(forum, body=body))
    assert response.status_code == 302
    assert Thread.objects.get().body == body


def test_a_question_without_personal_data_posts_at_once(client, user, forum):
    client.force_login(user)
    body = "My fingers went numb for three weeks after gardening on 12/03/2025."
    response = client.post(ASK_URL, _question(forum, body=body))
    assert response.status_code == 302


def test_similar_questions_and_the_note_come_back_together(client, user, forum):
    from forum import services
    from tests.factories import UserFactory

    services.post_thread(
        author=UserFactory(),
        forum=forum,
        title="Numb fingers after gardening all day",
        body="Both hands, mostly the little fingers.",
    )
    client.force_login(user)
    page = parse(client.post(ASK_URL, _question(forum)))
    assert page.one(".similar-before-posting")
    assert page.one(".personal-data-warning")
    # Posting from the similar questions' panel posts what they saw.
    assert page.one('input[name="similar_seen"]')
    assert page.one('input[name="personal_data_seen"]')


def test_a_reply_with_an_email_address_comes_back_on_the_thread(client, user, thread):
    client.force_login(user)
    body = "Happy to talk it through: jo.bloggs@example.com"
    response = client.post(_reply_url(thread), {"body": body})
    assert response.status_code == 200
    assert not Reply.objects.exists()
    page = parse(response)
    assert "Your reply is not posted yet." in page.one(".safety-held-notice").text
    assert page.one("#id_body").text == body
    note = page.one("section.reply-form #safety-check-reply .personal-data-warning")
    assert note.one("h3").text == "This will be public"
    response = client.post(
        _reply_url(thread), {"body": body, "personal_data": "post_anyway"}
    )
    assert response.status_code == 302
    assert Reply.objects.get().body == body


def test_a_reply_without_personal_data_posts_at_once(client, user, thread):
    client.force_login(user)
    response = client.post(_reply_url(thread), {"body": "Mine went after a week."})
    assert response.status_code == 302
    assert Reply.objects.count() == 1


def test_an_edit_that_adds_personal_data_comes_back_once(client, user, thread):
    client.force_login(user)
    url = reverse("forum:thread-edit", kwargs={"pk": thread.pk, "slug": thread.slug})
    page = parse(client.get(url))
    assert page.one("#safety-check-question")["hx-vals"] == (
        '{"kind": "question", "editing": "1"}'
    )
    data = {"title": thread.title, "body": thread.body + " I'm at 12 Elm Street."}
    page = parse(client.post(url, data))
    assert "Your changes are not saved yet." in page.one(".safety-held-notice").text
    note = page.one(".personal-data-warning")
    assert note.one("h2").text == "This will be public"
    assert note.get_by_role("button", "Save anyway")
    response = client.post(url, {**data, "personal_data": "post_anyway"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.body.endswith("12 Elm Street.")


def test_a_reply_edit_is_checked_too(client, other_user, reply):
    client.force_login(other_user)
    url = reverse("forum:reply-edit", kwargs={"pk": reply.pk})
    response = client.post(url, {"body": "Ring 07700 900123 and ask for me."})
    assert response.status_code == 200
    assert parse(response).one("#safety-check-reply .personal-data-warning h2")
