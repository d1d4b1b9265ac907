"""Asking and replying anonymously: "Anonymous member" everywhere but the admin.

Nothing readers can see links an anonymous post to its author: not a page,
list, feed, search result, e-mail or notification, not the page source or
what the page cache stores, not a count on the author's page, not even which
pages the cache expires. Staff see the real author; every rule applies to
the real account.
"""

import json
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import services as accounts_services
from accounts.templatetags.accounts_tags import avatar
from core import pagecache
from forum import services
from forum.models import MemberActivity, Reply, Thread
from forum.privacy import export_member
from forum.recount import recount_counters
from notifications import preferences
from notifications.models import Delivery, Follow, Kind, Notification
from privacy import services as privacy_services
from tests.factories import UserFactory, verify_professional
from tests.html import parse

TITLE = "Embarrassing twitch in my face at work"
BODY = "It happens in meetings and people have started to notice it."
REPLY = "I had the same for a month; magnesium and sleep helped me."
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def shy(db):
    """The member who posts anonymously; their name is in no public page."""
    return UserFactory(username="margaret_quietly")


@pytest.fixture
def asked(forum, shy):
    return services.post_thread(
        author=shy,
        forum=forum,
        title=TITLE,
        body=BODY,
        tags=["twitching"],
        anonymous=True,
    )


@pytest.fixture
def answered(thread, shy):
    """An anonymous reply to another member's (user's) question."""
    return services.post_reply(author=shy, thread=thread, body=REPLY, anonymous=True)


def names(html: str, member) -> list[str]:
    """Return what in html could tell who member is: name, page or avatar."""
    marks = [
        member.username,
        member.get_absolute_url(),
        *(str(avatar(member, size)) for size in ("sm", "md", "lg")),
        f'avatar-c{member.avatar_colour}" aria-hidden="true">{member.initials}<',
    ]
    return [mark for mark in marks if mark in html]


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def public_urls(thread: Thread) -> list[str]:
    """Every page and feed a visitor can read that shows thread or its replies."""
    forum = thread.forum
    return [
        reverse("forum:index"),
        thread.get_absolute_url(),
        f"{thread.get_absolute_url()}?sort=newest",
        forum.get_absolute_url(),
        f"{forum.get_absolute_url()}?sort=newest",
        reverse("forum:tag", kwargs={"slug": "twitching"}),
        f"{reverse('forum:search')}?q=twitch",
        reverse("forum:forum-feed", kwargs={"slug": forum.slug}),
        reverse("forum:tag-feed", kwargs={"slug": "twitching"}),
        reverse("forum:thread-feed", kwargs={"pk": thread.pk, "slug": thread.slug}),
    ]


# --- What readers see. -----------------------------------------------------


def test_anonymous_question_names_nobody_on_any_public_page(client, asked, shy):
    for url in public_urls(asked):
        # Rendered, then served from the page cache where the page is stored.
        for _ in range(2):
            assert names(_page(client, url), shy) == [], url
    assert "hit" in {
        client.get(url).get(pagecache.HEADER) for url in public_urls(asked)
    }


def test_the_same_pages_name_an_author_who_posted_under_their_name(client, forum, shy):
    """The check above can fail: a named post names its author on each page."""
    named = services.post_thread(
        author=shy, forum=forum, title=TITLE, body=BODY, tags=["twitching"]
    )
    services.post_reply(author=shy, thread=named, body=REPLY)
    for url in public_urls(named)[1:]:
        assert names(_page(client, url), shy), url


def test_anonymous_reply_names_nobody_on_any_public_page(client, answered, shy):
    for url in public_urls(answered.thread):
        for _ in range(2):
            assert names(_page(client, url), shy) == [], url


def test_other_members_see_nobody_either(client, asked, shy, other_user):
    services.post_reply(author=shy, thread=asked, body=REPLY)
    client.force_login(other_user)
    for url in public_urls(asked):
        assert names(_page(client, url), shy) == [], url
    report = reverse("forum:thread-report", kwargs={"pk": asked.pk, "slug": asked.slug})
    page = parse(client.get(report))
    assert names(str(client.get(report).content), shy) == []
    assert "asked by an anonymous member" in page.one("main").text


def test_thread_page_shows_anonymous_member_with_a_neutral_avatar(client, asked):
    services.post_reply(
        author=asked.author, thread=asked, body="Thanks, all of you.", anonymous=True
    )
    page = parse(client.get(asked.get_absolute_url()))
    header = page.one(".thread header .author")
    assert header.one(".author-name").text == "Anonymous member"
    assert header.select("a") == []
    assert "avatar-anonymous" in header.one(".avatar").classes
    (reply,) = page.select(".reply article")
    assert reply.name == "Response by an anonymous member"
    # The asker's own reply says it is theirs, naming nobody.
    assert reply.one(".asker").text == "Asked this question"


def test_list_rows_show_anonymous_member(client, asked):
    for url in (asked.forum.get_absolute_url(), f"{reverse('forum:search')}?q=twitch"):
        (row,) = parse(client.get(url)).select(".thread-row")
        assert "Anonymous member" in row.one(".meta").text
        assert "avatar-anonymous" in row.one(".meta .avatar").classes


def test_author_is_told_the_post_is_theirs(client, asked, answered, shy):
    client.force_login(shy)
    for post in (asked, answered):
        page = parse(client.get(post.get_absolute_url()))
        own = page.select(".own-anonymous")
        assert [mark.text for mark in own] == ["You posted this anonymously"]


def test_others_are_not_told_it_is_theirs(client, answered, other_user):
    client.force_login(other_user)
    page = parse(client.get(answered.thread.get_absolute_url()))
    assert page.select(".own-anonymous") == []


def test_qapage_data_names_anonymous_member(client, asked, answered):
    services.post_reply(
        author=answered.author, thread=asked, body=REPLY, anonymous=True
    )
    for thread in (asked, answered.thread):
        html = _page(client, thread.get_absolute_url())
        start = html.index('<script type="application/ld+json">')
        block = html[start : html.index("</script>", start)].split(">", 1)[1]
        data = json.loads(block)["mainEntity"]
        assert names(block, answered.author) == []
        if thread == asked:
            assert data["author"]["name"] == "Anonymous member"
        authors = [answer["author"]["name"] for answer in data["suggestedAnswer"]]
        assert authors == ["Anonymous member"]


def test_feeds_name_anonymous_member(client, asked, answered):
    feeds = [
        reverse("forum:forum-feed", kwargs={"slug": asked.forum.slug}),
        reverse(
            "forum:thread-feed",
            kwargs={"pk": answered.thread_id, "slug": answered.thread.slug},
        ),
    ]
    for url in feeds:
        feed = ET.fromstring(client.get(url).content)
        (entry,) = [
            e
            for e in feed.findall("atom:entry", ATOM)
            if TITLE in ET.tostring(e, encoding="unicode")
            or REPLY in ET.tostring(e, encoding="unicode")
        ]
        assert entry.findtext("atom:author/atom:name", namespaces=ATOM) == (
            "Anonymous member"
        )


def test_professional_posting_anonymously_shows_no_badge(client, thread, staff):
    pro = UserFactory(username="dr_quiet")
    verify_professional(pro, staff)
    services.post_reply(author=pro, thread=thread, body=REPLY, anonymous=True)
    page = parse(client.get(thread.get_absolute_url()))
    (reply,) = page.select(".reply")
    assert "reply-professional" not in reply.classes
    assert reply.select(".badge-professional, .professional-disclaimer") == []
    # Neither the professionals' filter nor search's treat it as theirs.
    response = client.get(f"{thread.get_absolute_url()}?from=professionals")
    assert list(response.context["replies"]) == []
    search = client.get(
        reverse("forum:search"), {"q": "twitching", "answered": "professional"}
    )
    assert search.context["results"] == []


# --- Member pages and counts. ----------------------------------------------


def test_author_page_neither_lists_nor_counts_anonymous_posts(
    client, asked, answered, shy, user
):
    services.cast_helpful_vote(voter=user, reply=answered, is_helpful=True)
    services.post_reply(author=shy, thread=answered.thread, body="Named reply.")
    response = client.get(shy.get_absolute_url())
    assert response.context["stats"] == {"threads": 0, "replies": 1, "helpful": 0}
    html = response.content.decode()
    assert TITLE not in html and REPLY not in html
    (item,) = parse(response).one(".activity-list").children
    assert "Named reply." in item.text
    threads = client.get(f"{shy.get_absolute_url()}?tab=threads")
    assert threads.context["stats"]["threads"] == 0
    assert parse(threads).one("main .empty").text == "No questions yet."


def test_counts_stay_out_through_removal_restoration_and_recount(
    asked, answered, shy, staff, user
):
    services.cast_helpful_vote(voter=user, reply=answered, is_helpful=True)
    services.remove_reply(moderator=staff, reply=answered)
    services.restore_reply(moderator=staff, reply=answered)
    services.remove_thread(moderator=staff, thread=answered.thread)
    services.restore_thread(moderator=staff, thread=answered.thread)
    services.delete_own_thread(author=shy, thread=asked)
    assert not MemberActivity.objects.filter(member=shy, thread_count__gt=0).exists()
    activity = MemberActivity.objects.filter(member=shy).first()
    assert activity is None or (activity.reply_count, activity.helpful_received) == (
        0,
        0,
    )
    assert recount_counters()["members"] == 0


def test_anonymous_posts_never_expire_their_authors_page(
    asked, answered, shy, user, expires
):
    """Which pages the cache rebuilds must not name the author either."""
    for write in (
        lambda: services.post_reply(author=user, thread=asked, body="Ask a GP."),
        lambda: services.post_reply(
            author=shy, thread=answered.thread, body="More.", anonymous=True
        ),
        lambda: services.cast_helpful_vote(voter=user, reply=answered, is_helpful=True),
        lambda: services.edit_reply(editor=shy, reply=answered, body="Edited text."),
        lambda: services.post_thread(
            author=shy,
            forum=asked.forum,
            title="Another question asked quietly",
            body="Nothing more to say yet.",
            anonymous=True,
        ),
    ):
        with expires(exactly=False) as touched:
            write()
        assert f"member:{shy.username}" not in touched


def test_posting_under_ones_name_still_expires_ones_page(thread, shy, expires):
    with expires("lists", "thread", "member") as touched:
        services.post_reply(author=shy, thread=thread, body=REPLY)
    assert f"member:{shy.username}" in touched


# --- Posting anonymously, and the rules of the real account. ---------------


def test_asking_anonymously_from_the_ask_page(client, forum, shy):
    client.force_login(shy)
    form = parse(client.get(reverse("forum:thread-create")))
    assert form.get_by_role("checkbox", "Post this question anonymously")
    response = client.post(
        reverse("forum:thread-create"),
        {
            "forum": forum.pk,
            "title": TITLE,
            "body": BODY,
            "anonymous": "on",
            "similar_seen": "1",
        },
    )
    assert response.status_code == 302
    thread = Thread.objects.get(title=TITLE)
    assert (thread.author, thread.is_anonymous) == (shy, True)


def test_replying_anonymously_from_the_thread_page(client, thread, shy):
    client.force_login(shy)
    page = parse(client.get(thread.get_absolute_url()))
    assert page.get_by_role("checkbox", "Post this reply anonymously")
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    response = client.post(url, {"body": REPLY, "anonymous": "on"})
    assert response.status_code == 302
    reply = Reply.objects.get(body=REPLY)
    assert (reply.author, reply.is_anonymous) == (shy, True)


def test_anonymous_askers_replies_to_their_question_are_anonymous(client, asked, shy):
    client.force_login(shy)
    box = parse(client.get(asked.get_absolute_url())).get_by_role(
        "checkbox", "Post this reply anonymously"
    )
    assert "checked" in box.attrs and "disabled" in box.attrs
    url = reverse("forum:reply-create", kwargs={"pk": asked.pk, "slug": asked.slug})
    client.post(url, {"body": "Thank you, everyone."})
    assert Reply.objects.get(body="Thank you, everyone.").is_anonymous is True
    # The service holds the rule, whatever a form sends.
    reply = services.post_reply(author=shy, thread=asked, body="Again, thanks.")
    assert reply.is_anonymous is True


def test_banned_member_cannot_post_anonymously(client, forum, thread, shy, staff):
    accounts_services.sanction_member(
        moderator=staff, member=shy, kind="ban", reason="Spam"
    )
    shy.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.post_thread(
            author=shy, forum=forum, title=TITLE, body=BODY, anonymous=True
        )
    with pytest.raises(PermissionDenied):
        services.post_reply(author=shy, thread=thread, body=REPLY, anonymous=True)
    client.force_login(shy)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    response = client.post(url, {"body": REPLY, "anonymous": "on"})
    assert response.status_code == 403
    assert not Reply.objects.filter(author=shy).exists()


def test_rate_limit_counts_anonymous_posts_against_the_real_account(
    client, forum, shy, settings
):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "thread": (1, 3600)}
    client.force_login(shy)
    for n in range(2):
        response = client.post(
            reverse("forum:thread-create"),
            {
                "forum": forum.pk,
                "title": f"{TITLE} number {n}",
                "body": BODY,
                "anonymous": "on" if n == 0 else "",
                "similar_seen": "1",
            },
        )
    assert response.status_code == 429
    assert Thread.objects.filter(author=shy).count() == 1


def test_real_author_edits_and_deletes_others_cannot(client, answered, shy, user):
    edit = reverse("forum:reply-edit", kwargs={"pk": answered.pk})
    client.force_login(user)
    assert client.get(edit).status_code == 403
    report = client.get(reverse("forum:reply-report", kwargs={"pk": answered.pk}))
    assert "An anonymous member wrote:" in parse(report).one("main").text
    client.force_login(shy)
    assert client.post(edit, {"body": "Edited by me."}).status_code == 302
    delete = reverse("forum:reply-delete", kwargs={"pk": answered.pk})
    assert client.post(delete).status_code == 302
    answered.refresh_from_db()
    assert (answered.body, answered.is_removed) == ("Edited by me.", True)
    # Nobody reports their own post, anonymous or not.
    assert not services.can_report(shy, answered)


# --- Notifications and e-mail to others. ------------------------------------


def test_reply_notification_and_email_say_an_anonymous_member(
    client, thread, shy, user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(author=shy, thread=thread, body=REPLY, anonymous=True)
    notification = Notification.objects.get(recipient=user)
    assert notification.actor is None
    (message,) = [m for m in mailoutbox if m.to == [user.email]]
    assert message.subject.endswith(f"An anonymous member replied to “{thread.title}”")
    ((html, _),) = message.alternatives
    for text in (message.subject, message.body, html):
        assert names(text, shy) == []
    client.force_login(user)
    listed = parse(client.get(reverse("notifications:list"))).one(".notification-text")
    assert listed.text.startswith(
        "Unread: An anonymous member replied to your question"
    )
    assert names(client.get(reverse("notifications:list")).content.decode(), shy) == []


def test_professional_anonymous_reply_is_told_as_any_reply(
    thread, staff, user, django_capture_on_commit_callbacks
):
    pro = UserFactory(username="dr_quiet")
    verify_professional(pro, staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(author=pro, thread=thread, body=REPLY, anonymous=True)
    assert Notification.objects.get(recipient=user).kind == Kind.REPLY


def test_new_question_digest_says_an_anonymous_member(
    forum, shy, user, mailoutbox, django_capture_on_commit_callbacks
):
    Follow.objects.create(member=user, forum=forum)
    preferences.set_email_preferences(
        member=user, choices={Kind.NEW_THREAD: Delivery.IMMEDIATELY}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.post_thread(
            author=shy, forum=forum, title=TITLE, body=BODY, anonymous=True
        )
    assert Notification.objects.get(recipient=user).actor is None
    (message,) = mailoutbox
    assert "An anonymous member asked a new question" in message.subject
    ((html, _),) = message.alternatives
    for text in (message.subject, message.body, html):
        assert names(text, shy) == []
    assert len(mail.outbox) == 1


# --- Staff, export and erasure: the real account. --------------------------


def test_staff_see_the_real_author_in_the_admin(admin_client, asked, answered, shy):
    for model, post in (("thread", asked), ("reply", answered)):
        changelist = admin_client.get(
            reverse(f"admin:forum_{model}_changelist"), {"is_anonymous__exact": "1"}
        )
        assert list(changelist.context["cl"].result_list) == [post]
        assert shy.username in changelist.content.decode()
        change = admin_client.get(
            reverse(f"admin:forum_{model}_change", args=[post.pk])
        )
        assert shy.username in change.content.decode()


def test_moderation_queue_names_the_real_author(admin_client, answered, shy, user):
    services.report_post(reporter=user, post=answered, reason="misinformation")
    queue = parse(admin_client.get(reverse("admin:forum_report_queue")))
    heading = queue.one(".queue-item h2").text
    assert f"Reply by {shy.username} (posted anonymously)" in heading


def test_export_holds_anonymous_posts_marked_as_such(asked, answered, shy):
    data = export_member(shy)
    assert [(q["title"], q["anonymous"]) for q in data["questions"]] == [(TITLE, True)]
    assert [(r["text"], r["anonymous"]) for r in data["replies"]] == [(REPLY, True)]


def test_erasure_removes_anonymous_posts_with_the_rest(asked, answered, shy):
    privacy_services.delete_account(member=shy, remove_posts=True)
    asked.refresh_from_db()
    answered.refresh_from_db()
    assert asked.is_removed and answered.is_removed
    assert (asked.body, answered.body) == ("", "")


# --- Cost. ------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_thread_page_queries_are_unchanged_by_anonymous_posts(
    client, asked, count, django_assert_num_queries
):
    authors = UserFactory.create_batch(3)
    for n in range(count):
        services.post_reply(
            author=authors[n % 3], thread=asked, body=f"R{n}", anonymous=n % 2 == 0
        )
    # The seven of any thread page (tests/forum/test_thread_page.py).
    with django_assert_num_queries(7):
        response = client.get(asked.get_absolute_url())
    assert len(response.context["replies"]) == count
