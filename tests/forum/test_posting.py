"""Asking a question and replying, through the pages a member uses."""

import pytest
from django.urls import reverse

from forum import services
from forum.forms import BODY_MIN_LENGTH, TITLE_MIN_LENGTH
from forum.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Reply, Thread
from tests.html import parse

ASK_URL = reverse("forum:thread-create")


def _question(forum, /, **overrides):
    data = {
        "forum": forum.pk,
        "title": "Numbness in two fingers after cycling",
        "body": "After long rides my ring and little fingers go numb for hours.",
        "tags": "numbness, cycling",
    }
    return {**data, **overrides}


def _reply_url(thread):
    return reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})


def _form(response, action):
    """Return the form that posts to action on the page in response."""
    return parse(response).one(f'form[action="{action}"]')


def _error_beside(form, field):
    """Return the error shown beside field, checking the field points to it."""
    described_by = form.one(f"#id_{field}")["aria-describedby"].split()
    assert f"id_{field}_error" in described_by
    return form.one(f"#id_{field}_error").text


# --- Asking ---------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in_to_ask(client, db):
    response = client.get(ASK_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/ask/" in response["Location"]


def test_ask_form_preselects_forum_from_link(client, user, forum):
    client.force_login(user)
    response = client.get(ASK_URL + "?forum=neurology")
    assert response.status_code == 200
    assert response.context["form"].initial["forum"] == forum
    form = _form(response, ASK_URL)
    assert form.one('select[name="forum"]').value == str(forum.pk)
    assert form.one("#id_title")["aria-describedby"] == "id_title_helptext"
    assert form.one("#id_title_helptext").text.startswith(
        f"Between {TITLE_MIN_LENGTH} and {TITLE_MAX_LENGTH} characters"
    )


def test_member_asks_a_question(client, user, forum):
    client.force_login(user)
    response = client.post(ASK_URL, _question(forum))
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert thread.author == user
    assert sorted(thread.tags.names()) == ["cycling", "numbness"]
    page = parse(client.get(response["Location"]))
    assert page.one(".messages").text == "Your question is posted."
    page.get_by_role("heading", "Numbness in two fingers after cycling")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "This field is required."),
        ("body", " \n\t ", "This field is required."),
        ("title", "Too short", f"at least {TITLE_MIN_LENGTH} characters"),
        (
            "title",
            "x" * (TITLE_MAX_LENGTH + 1),
            f"at most {TITLE_MAX_LENGTH} characters",
        ),
        ("body", "Short", f"at least {BODY_MIN_LENGTH} characters"),
        ("body", "y" * (BODY_MAX_LENGTH + 1), "at most 10000 characters"),
        ("forum", "999999", "Choose one of the forums in the list."),
        ("tags", "a, b, c, d, e, f", "Use at most 5 topics."),
    ],
)
def test_bad_question_is_refused_and_keeps_what_was_typed(
    client, user, forum, field, value, message
):
    client.force_login(user)
    data = _question(forum, **{field: value})
    response = client.post(ASK_URL, data)
    assert response.status_code == 200
    assert not Thread.objects.exists()
    form = _form(response, ASK_URL)
    assert message in _error_beside(form, field)
    kept = "title" if field != "title" else "body"
    assert form.one(f'[name="{kept}"]').value == data[kept]


def test_asking_too_often_is_limited_and_keeps_the_text(client, user, forum, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "thread": (2, 3600)}
    client.force_login(user)
    for n in range(2):
        client.post(ASK_URL, _question(forum, title=f"Question number {n} here"))
    response = client.post(ASK_URL, _question(forum, title="A third question today"))
    assert response.status_code == 429
    assert Thread.objects.count() == 2
    form = _form(response, ASK_URL)
    assert "wait a while" in form.one(".alert-danger").text
    assert form.one('[name="title"]').value == "A third question today"
    assert form.one('[name="body"]').value == _question(forum)["body"]


# --- Replying -------------------------------------------------------------------


def test_member_replies_and_lands_on_the_reply(client, other_user, thread):
    client.force_login(other_user)
    response = client.post(_reply_url(thread), {"body": "I had this; it passed."})
    reply = Reply.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?sort=newest#reply-{reply.pk}")
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_anonymous_reply_is_sent_to_log_in(client, thread):
    response = client.post(_reply_url(thread), {"body": "Hello"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Reply.objects.exists()


def test_reply_needs_post(client, other_user, thread):
    client.force_login(other_user)
    assert client.get(_reply_url(thread)).status_code == 405


def test_blank_reply_is_refused_on_the_thread_page(client, other_user, thread):
    client.force_login(other_user)
    response = client.post(_reply_url(thread), {"body": "   "})
    assert response.status_code == 200
    form = _form(response, _reply_url(thread))
    assert _error_beside(form, "body") == "This field is required."
    assert not Reply.objects.exists()


def test_over_long_reply_is_refused_and_kept(client, other_user, thread):
    client.force_login(other_user)
    body = "z" * (BODY_MAX_LENGTH + 1)
    response = client.post(_reply_url(thread), {"body": body})
    assert response.status_code == 200
    form = _form(response, _reply_url(thread))
    assert "at most 10000 characters" in _error_beside(form, "body")
    assert form.one('[name="body"]').value == body
    assert not Reply.objects.exists()


def test_reply_to_locked_thread_is_403_and_keeps_text(
    client, other_user, thread, staff
):
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    client.force_login(other_user)
    response = client.post(_reply_url(thread), {"body": "My careful answer."})
    assert response.status_code == 403
    form = _form(response, _reply_url(thread))
    assert form.one(".alert-danger").text.startswith("This thread is locked")
    assert form.one('[name="body"]').value == "My careful answer."
    assert not Reply.objects.exists()


def test_reply_to_removed_thread_is_404(client, other_user, thread, staff):
    services.remove_thread(moderator=staff, thread=thread)
    client.force_login(other_user)
    response = client.post(_reply_url(thread), {"body": "Anyone?"})
    assert response.status_code == 404


def test_reply_to_nonexistent_thread_is_404(client, other_user, db):
    client.force_login(other_user)
    url = reverse("forum:reply-create", kwargs={"pk": 424242, "slug": "gone"})
    assert client.post(url, {"body": "Anyone?"}).status_code == 404


def test_replying_too_often_is_limited(client, other_user, thread, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": (1, 600)}
    client.force_login(other_user)
    client.post(_reply_url(thread), {"body": "First reply."})
    response = client.post(_reply_url(thread), {"body": "Second reply, too soon."})
    assert response.status_code == 429
    form = _form(response, _reply_url(thread))
    assert "Please wait a little" in form.one(".alert-danger").text
    assert form.one('[name="body"]').value == "Second reply, too soon."
    assert Reply.objects.count() == 1


def test_posts_need_a_csrf_token(user, forum):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(ASK_URL, _question(forum))
    assert response.status_code == 403
    assert not Thread.objects.exists()
