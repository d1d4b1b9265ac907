"""The staff admin: smoke tests, moderation actions and read-only votes."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import Forum, HelpfulVote, Reply, Thread
from tests.factories import ForumFactory, UserFactory
from tests.html import parse


def _changelist(model):
    return reverse(f"admin:forum_{model._meta.model_name}_changelist")


def _change(obj):
    return reverse(f"admin:forum_{obj._meta.model_name}_change", args=[obj.pk])


def _act(client, model, action, *objs):
    return client.post(
        _changelist(model),
        {"action": action, "_selected_action": [obj.pk for obj in objs]},
    )


def _change_form_data(response):
    """Return the POST data the change page's form would submit as it stands."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = field.widget.format_value(value) if value is not None else ""
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for inline_form in formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                key = inline_form.add_prefix(name)
                data[key] = getattr(value, "pk", value) or ""
    return data


@pytest.fixture
def vote(reply, user):
    return services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)


# --- Smoke tests. -----------------------------------------------------------


@pytest.mark.parametrize("model", [Forum, Thread, Reply, HelpfulVote])
def test_changelist_shows_every_model(admin_client, vote, model):
    response = admin_client.get(_changelist(model))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        (Forum, "Neuro", 1),
        (Forum, "Cardiology", 0),
        (Thread, "eyelid", 1),
        (Thread, "anxious_reader", 1),
        (Thread, "migraine", 0),
        (Reply, "slept", 1),
        (Reply, "helpful_neighbour", 1),
        (Reply, "migraine", 0),
        (HelpfulVote, "anxious_reader", 1),
        (HelpfulVote, "nobody_at_all", 0),
    ],
)
def test_changelist_search_finds_matches_only(
    admin_client, vote, model, query, expected
):
    response = admin_client.get(_changelist(model), {"q": query})
    assert response.status_code == 200
    assert response.context["cl"].result_count == expected


@pytest.mark.parametrize(
    ("model", "params", "expected"),
    [
        (Thread, {"removed": "no"}, 1),
        (Thread, {"removed": "yes"}, 0),
        (Thread, {"is_pinned__exact": "1"}, 0),
        (Thread, {"is_locked__exact": "0"}, 1),
        (Reply, {"removed": "no"}, 1),
        (Reply, {"removed": "yes"}, 0),
        (HelpfulVote, {"is_helpful__exact": "1"}, 1),
        (HelpfulVote, {"is_helpful__exact": "0"}, 0),
    ],
)
def test_changelist_filters_narrow_the_list(
    admin_client, vote, model, params, expected
):
    response = admin_client.get(_changelist(model), params)
    assert response.status_code == 200
    assert response.context["cl"].result_count == expected


def test_thread_and_reply_changelists_filter_by_forum(admin_client, reply):
    other = ForumFactory()
    forum_id = reply.thread.forum_id
    threads = admin_client.get(_changelist(Thread), {"forum__id__exact": other.pk})
    replies = admin_client.get(
        _changelist(Reply), {"thread__forum__id__exact": forum_id}
    )
    assert threads.status_code == replies.status_code == 200
    assert threads.context["cl"].result_count == 0
    assert replies.context["cl"].result_count == 1


def test_removed_filter_lists_only_removed_threads(admin_client, staff, thread):
    kept = services.post_thread(
        author=thread.author, forum=thread.forum, title="Kept", body="Still here."
    )
    services.remove_thread(moderator=staff, thread=thread)
    removed = admin_client.get(_changelist(Thread), {"removed": "yes"})
    visible = admin_client.get(_changelist(Thread), {"removed": "no"})
    assert list(removed.context["cl"].result_list) == [thread]
    assert list(visible.context["cl"].result_list) == [kept]


def test_thread_change_page_shows_its_replies_inline(admin_client, reply):
    response = admin_client.get(_change(reply.thread))
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert [form.instance for form in inline.formset.forms] == [reply]
    row = parse(response).one("tr#replies-0")
    assert row.one(".field-excerpt").text == "Mine stopped once I slept more."
    assert row.one(".field-author").text == "helpful_neighbour"


def test_forum_and_reply_change_pages_render(admin_client, reply):
    assert admin_client.get(_change(reply.thread.forum)).status_code == 200
    assert admin_client.get(_change(reply)).status_code == 200


def test_forum_add_page_renders(admin_client):
    response = admin_client.get(reverse("admin:forum_forum_add"))
    assert response.status_code == 200


# --- Thread actions. --------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "field", "before", "after"),
    [
        ("pin_threads", "is_pinned", False, True),
        ("unpin_threads", "is_pinned", True, False),
        ("lock_threads", "is_locked", False, True),
        ("unlock_threads", "is_locked", True, False),
    ],
)
def test_flag_actions_set_the_flag(admin_client, thread, action, field, before, after):
    Thread.objects.filter(pk=thread.pk).update(**{field: before})
    response = _act(admin_client, Thread, action, thread)
    assert response.status_code == 302
    thread.refresh_from_db()
    assert getattr(thread, field) is after


def test_flag_actions_leave_counters_alone(admin_client, reply):
    thread = reply.thread
    for action in ("pin_threads", "lock_threads", "unlock_threads", "unpin_threads"):
        _act(admin_client, Thread, action, thread)
    thread.refresh_from_db()
    thread.forum.refresh_from_db()
    assert thread.reply_count == 1
    assert (thread.forum.thread_count, thread.forum.reply_count) == (1, 1)


def test_pin_action_reports_how_many_threads(admin_client, thread):
    second = services.post_thread(
        author=thread.author, forum=thread.forum, title="Second", body="Another."
    )
    response = _act(admin_client, Thread, "pin_threads", thread, second)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Pinned 2 thread(s)."]
    assert Thread.objects.filter(is_pinned=True).count() == 2


def test_lock_action_stops_new_replies(admin_client, client, thread, other_user):
    _act(admin_client, Thread, "lock_threads", thread)
    client.force_login(other_user)
    url = reverse("forum:reply-create", args=[thread.pk, thread.slug])
    response = client.post(url, {"body": "Too late to answer?"})
    assert response.status_code == 403
    assert not Reply.objects.exists()


def test_remove_action_hides_thread_and_uncounts_it(admin_client, client, reply):
    thread = reply.thread
    response = _act(admin_client, Thread, "remove_threads", thread)
    assert response.status_code == 302
    thread.refresh_from_db()
    thread.forum.refresh_from_db()
    assert thread.removed_at is not None
    assert (thread.forum.thread_count, thread.forum.reply_count) == (0, 0)
    assert thread.reply_count == 1
    # Readers are told it was removed (see tests/forum/test_author_delete.py).
    assert client.get(thread.get_absolute_url()).status_code == 410


def test_remove_action_twice_uncounts_once(admin_client, reply):
    thread = reply.thread
    _act(admin_client, Thread, "remove_threads", thread)
    _act(admin_client, Thread, "remove_threads", thread)
    thread.forum.refresh_from_db()
    assert (thread.forum.thread_count, thread.forum.reply_count) == (0, 0)


def test_restore_action_shows_thread_and_counts_it_again(admin_client, client, reply):
    thread = reply.thread
    _act(admin_client, Thread, "remove_threads", thread)
    response = _act(admin_client, Thread, "restore_threads", thread)
    assert response.status_code == 302
    thread.refresh_from_db()
    thread.forum.refresh_from_db()
    assert thread.removed_at is None
    assert (thread.forum.thread_count, thread.forum.reply_count) == (1, 1)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_restore_action_on_visible_thread_changes_nothing(admin_client, reply):
    thread = reply.thread
    _act(admin_client, Thread, "restore_threads", thread)
    thread.forum.refresh_from_db()
    assert (thread.forum.thread_count, thread.forum.reply_count) == (1, 1)


def test_remove_action_on_several_threads_counts_each(admin_client, thread):
    second = services.post_thread(
        author=thread.author, forum=thread.forum, title="Second", body="Another."
    )
    services.post_reply(author=UserFactory(), thread=second, body="A reply.")
    _act(admin_client, Thread, "remove_threads", thread, second)
    thread.forum.refresh_from_db()
    assert (thread.forum.thread_count, thread.forum.reply_count) == (0, 0)
    _act(admin_client, Thread, "restore_threads", thread, second)
    thread.forum.refresh_from_db()
    assert (thread.forum.thread_count, thread.forum.reply_count) == (2, 1)


# --- Reply actions. ---------------------------------------------------------


def test_remove_replies_action_hides_reply_and_uncounts_it(
    admin_client, client, reply, vote
):
    thread = reply.thread
    response = _act(admin_client, Reply, "remove_replies", reply)
    assert response.status_code == 302
    reply.refresh_from_db()
    thread.refresh_from_db()
    thread.forum.refresh_from_db()
    assert reply.removed_at is not None
    assert (thread.reply_count, thread.helpful_count) == (0, 0)
    assert thread.forum.reply_count == 0
    page = parse(client.get(thread.get_absolute_url()))
    page.get_by_role("heading", "0 Responses")
    assert page.select(f"#{reply.anchor}") == []
    assert "Mine stopped once I slept more." not in page.text


def test_restore_replies_action_shows_reply_with_its_votes(
    admin_client, client, reply, vote
):
    thread = reply.thread
    _act(admin_client, Reply, "remove_replies", reply)
    response = _act(admin_client, Reply, "restore_replies", reply)
    assert response.status_code == 302
    reply.refresh_from_db()
    thread.refresh_from_db()
    thread.forum.refresh_from_db()
    assert reply.removed_at is None
    assert (thread.reply_count, thread.helpful_count) == (1, 1)
    assert thread.forum.reply_count == 1
    page = parse(client.get(thread.get_absolute_url()))
    shown = page.one(f"#{reply.anchor}")
    assert shown.one(".post-body").text == "Mine stopped once I slept more."
    assert shown.one(".helpful-count").text == "Helpful – 1"


def test_remove_replies_action_twice_uncounts_once(admin_client, reply):
    _act(admin_client, Reply, "remove_replies", reply)
    _act(admin_client, Reply, "remove_replies", reply)
    reply.thread.refresh_from_db()
    reply.thread.forum.refresh_from_db()
    assert reply.thread.reply_count == 0
    assert reply.thread.forum.reply_count == 0


# --- Read-only and site-only models. ----------------------------------------


def test_helpful_vote_add_page_is_forbidden(admin_client):
    response = admin_client.get(reverse("admin:forum_helpfulvote_add"))
    assert response.status_code == 403


def test_helpful_vote_change_page_is_read_only(admin_client, vote):
    response = admin_client.get(_change(vote))
    assert response.status_code == 200
    page = parse(response)
    helpful = page.one(".field-is_helpful .readonly")
    assert helpful.one("img")["alt"] == "True"
    assert page.select('[name="is_helpful"], [name="_save"]') == []
    form = page.one("form#helpfulvote_form")
    assert [button.name for button in form.by_role("button")] == ["Close"]


def test_helpful_vote_cannot_be_changed_by_post(admin_client, vote):
    response = admin_client.post(_change(vote), {"is_helpful": ""})
    assert response.status_code == 403
    vote.refresh_from_db()
    assert vote.is_helpful is True


def test_helpful_vote_cannot_be_deleted(admin_client, vote):
    url = reverse("admin:forum_helpfulvote_delete", args=[vote.pk])
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert HelpfulVote.objects.filter(pk=vote.pk).exists()


def test_helpful_vote_changelist_offers_no_delete_action(admin_client, vote):
    response = admin_client.post(
        _changelist(HelpfulVote),
        {"action": "delete_selected", "_selected_action": [vote.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert response.context["action_form"] is None
    assert HelpfulVote.objects.filter(pk=vote.pk).exists()


def test_thread_add_page_is_forbidden(admin_client):
    response = admin_client.get(reverse("admin:forum_thread_add"))
    assert response.status_code == 403


def test_reply_add_page_is_forbidden(admin_client):
    response = admin_client.get(reverse("admin:forum_reply_add"))
    assert response.status_code == 403


# --- Editing. ---------------------------------------------------------------


def test_editing_thread_body_re_renders_sanitised_html(admin_client, reply):
    thread = reply.thread
    url = _change(thread)
    data = _change_form_data(admin_client.get(url))
    data["body"] = "Now **worse**.\n\n<script>alert('x')</script>"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    thread.refresh_from_db()
    assert thread.body.startswith("Now **worse**.")
    body = parse(thread.body_html)
    assert body.one("p strong").text == "worse"
    assert body.select("script") == []
    assert "alert('x')" in body.text
    assert list(thread.tags.names()) == ["twitching"]
    assert thread.reply_count == 1
    assert Reply.objects.filter(pk=reply.pk, removed_at__isnull=True).exists()


def test_forum_position_is_editable_from_the_changelist(admin_client, forum):
    second = ForumFactory(name="Cardiology", slug="cardiology", position=5)
    Forum.objects.filter(pk=forum.pk).update(position=1)
    response = admin_client.post(
        _changelist(Forum),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(forum.pk),
            "form-0-position": "9",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.position == 9
    assert list(Forum.objects.all()) == [second, forum]


# --- Non-staff members. -----------------------------------------------------


@pytest.mark.parametrize("model", [Forum, Thread, Reply, HelpfulVote])
def test_member_is_sent_to_admin_login(client, user, model):
    client.force_login(user)
    url = _changelist(model)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_member_cannot_run_admin_actions(client, user, reply):
    client.force_login(user)
    thread = reply.thread
    for action in ("pin_threads", "lock_threads", "remove_threads"):
        response = _act(client, Thread, action, thread)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    _act(client, Reply, "remove_replies", reply)
    thread.refresh_from_db()
    thread.forum.refresh_from_db()
    reply.refresh_from_db()
    assert (thread.is_pinned, thread.is_locked, thread.removed_at) == (
        False,
        False,
        None,
    )
    assert reply.removed_at is None
    assert (thread.forum.thread_count, thread.forum.reply_count) == (1, 1)


def test_staff_moderator_can_run_actions(client, staff, thread):
    client.force_login(staff)
    _act(client, Thread, "pin_threads", thread)
    thread.refresh_from_db()
    assert thread.is_pinned is True
