"""Questions for signed-in members only: a teaser for visitors, nothing else.

Visitors and search engines read the title and the first lines, with an
invitation to sign in; no list, search, feed, sitemap or related block
shows them the question, and its page asks not to be indexed. Members read
it whole. Its asker changes who reads it from its page, staff in the admin.
"""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import AuditEntry
from forum import services, visibility
from forum.models import Forum, Thread
from forum.recount import recount_counters
from tests.factories import ForumFactory, UserFactory
from tests.html import parse

# Past the teaser's TEASER_LENGTH characters.
HIDDEN_WORDS = "a diary of when it happens"
BODY = (
    "My doctor changed my tablets and the twitching started a week later. It "
    "comes in the evening, mostly in my calves and sometimes in my face, and "
    "it keeps me awake for an hour or so most nights. The pharmacist said to "
    f"keep {HIDDEN_WORDS}."
)
TITLE = "Twitching since my tablets were changed"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def private(forum, user):
    return services.post_thread(
        author=user,
        forum=forum,
        title=TITLE,
        body=BODY,
        tags=["medication"],
        members_only=True,
    )


@pytest.fixture
def public(forum, other_user):
    return services.post_thread(
        author=other_user,
        forum=forum,
        title="Twitching in my calves after running",
        body="Both calves flicker for an hour after a long run.",
        tags=["medication"],
    )


@pytest.fixture
def member(db):
    return UserFactory(username="curious_member")


def _text(response) -> str:
    return response.content.decode()


def _titles(response) -> list[str]:
    return [row.text for row in parse(response).select(".thread-title a")]


# --- What a visitor reads. -------------------------------------------------


def test_visitor_reads_the_title_and_first_lines_with_an_invitation(
    client, private, other_user
):
    services.post_reply(author=other_user, thread=private, body="Ask the GP.")
    response = client.get(private.get_absolute_url())
    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1").text == TITLE
    teaser = page.one(".teaser-text").text
    assert teaser.startswith("My doctor changed my tablets")
    assert len(teaser) <= visibility.TEASER_LENGTH
    assert HIDDEN_WORDS not in _text(response)
    assert "Ask the GP." not in _text(response)
    invitation = page.one(".members-only-invitation")
    assert "its 1 response" in invitation.text
    here = private.get_absolute_url()
    login = invitation.get_by_role("link", "Log in")
    assert login["href"] == f"{reverse('account_login')}?next={here}"
    join = invitation.get_by_role("link", "Join")
    assert join["href"] == f"{reverse('account_signup')}?next={here}"
    # Nothing to reply with, nothing to report, nobody named.
    assert page.select("form.reply-form, .reply-list, .post-actions") == []
    assert user_named(response, private.author) is False


def user_named(response, member) -> bool:
    html = _text(response)
    return member.username in html or member.get_absolute_url() in html


def test_teaser_ends_at_a_whole_word(private):
    text = visibility.teaser(private)
    assert len(text) <= visibility.TEASER_LENGTH
    assert text.endswith("\u2026")
    assert BODY.startswith(text[:-1])
    assert not BODY[len(text) - 1].isalnum()


def test_visitors_teaser_asks_search_engines_not_to_index_it(client, private):
    page = parse(client.get(private.get_absolute_url()))
    assert page.one('meta[name="robots"]')["content"] == "noindex"
    assert page.select('script[type="application/ld+json"]') == []
    assert page.select('link[type="application/atom+xml"]') == []
    assert HIDDEN_WORDS not in page.one('meta[name="description"]')["content"]


def test_member_reads_the_whole_question_still_unindexed(client, private, member):
    client.force_login(member)
    response = client.get(private.get_absolute_url())
    page = parse(response)
    assert HIDDEN_WORDS in page.one(".post-body").text
    assert page.one(".members-only-notice").text.startswith(
        "For signed-in members only."
    )
    assert page.one('meta[name="robots"]')["content"] == "noindex"
    # No QAPage data, no feed: nothing for a search engine or feed reader.
    assert page.select('script[type="application/ld+json"]') == []
    assert page.select('link[type="application/atom+xml"]') == []
    # Only the asker is offered the choice.
    assert page.select("#visibility form") == []


def test_public_question_page_is_indexed_as_before(client, public):
    page = parse(client.get(public.get_absolute_url()))
    assert page.select('meta[name="robots"]') == []
    assert len(page.select('script[type="application/ld+json"]')) == 1
    assert page.select("#visibility") == []


def test_removed_members_only_question_is_gone_for_visitors(client, private, staff):
    services.remove_thread(moderator=staff, thread=private)
    assert client.get(private.get_absolute_url()).status_code == 410


def test_teaser_costs_fewer_queries_than_the_question(
    client, private, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client.get(private.get_absolute_url())


# --- Left out of everything else a visitor reads. --------------------------


def test_visitors_lists_leave_it_out_and_members_see_it_labelled(
    client, forum, private, public, member
):
    tag_url = reverse("forum:tag", kwargs={"slug": "medication"})
    for url in (forum.get_absolute_url(), tag_url, f"{tag_url}?sort=newest"):
        response = client.get(url)
        assert _titles(response) == [public.title], url
        assert TITLE not in _text(response)
    client.force_login(member)
    page = parse(client.get(forum.get_absolute_url()))
    rows = {row.one(".thread-title a").text: row for row in page.select(".thread-row")}
    assert set(rows) == {TITLE, public.title}
    assert rows[TITLE].one(".members-only").text == "Members only"
    assert rows[public.title].select(".members-only") == []


def test_visitors_forum_page_counts_only_what_it_lists(client, forum, user):
    for n in range(3):
        services.post_thread(
            author=user,
            forum=forum,
            title=f"Private question number {n}",
            body="Nothing more to say yet.",
            members_only=bool(n % 2),
        )
    forum.refresh_from_db()
    assert (forum.thread_count, forum.members_only_count) == (3, 1)
    response = client.get(forum.get_absolute_url())
    assert response.context["page_obj"].paginator.count == 2
    index = parse(client.get(reverse("forum:index"))).one(".forum-card .meta")
    assert index.text.startswith("2 questions")


def test_popular_tags_for_visitors_count_only_public_questions(
    client, private, public, member
):
    def counts() -> dict[str, str]:
        page = parse(client.get(reverse("forum:index")))
        return {
            link["href"]: link.one(".tag-count").text
            for link in page.select(".popular-tags a")
        }

    medication = reverse("forum:tag", kwargs={"slug": "medication"})
    assert counts() == {medication: "1 question"}
    client.force_login(member)
    assert counts() == {medication: "2 questions"}


def test_visitors_search_never_finds_it_members_search_does(
    client, private, public, member
):
    url = reverse("forum:search")
    found = _titles(client.get(url, {"q": "twitching"}))
    assert found == [public.title]
    client.force_login(member)
    found = _titles(client.get(url, {"q": "twitching"}))
    assert sorted(found) == sorted([TITLE, public.title])


def test_similar_questions_for_visitors_leave_it_out(client, private, member):
    url = reverse("forum:similar-questions")
    assert TITLE not in _text(client.get(url, {"title": "Twitching since tablets"}))
    client.force_login(member)
    assert TITLE in _text(client.get(url, {"title": "Twitching since tablets"}))


def test_related_questions_shown_to_visitors_leave_it_out(client, private, public):
    for thread in (private, public):
        services.relate_thread(thread=thread)
    response = client.get(public.get_absolute_url())
    assert TITLE not in _text(response)
    assert response.context["related_threads"] == []


def test_related_questions_shown_to_members_say_it_is_for_members(
    client, private, public, member
):
    services.relate_thread(thread=public)
    client.force_login(member)
    related = parse(client.get(public.get_absolute_url())).one(".related-list li")
    assert related.get_by_role("link", TITLE)
    assert related.one(".meta").text.endswith("members only")


def test_feeds_leave_it_out_and_its_own_feed_is_gone(
    client, forum, private, public, member
):
    for url in (
        reverse("forum:forum-feed", kwargs={"slug": forum.slug}),
        reverse("forum:tag-feed", kwargs={"slug": "medication"}),
    ):
        feed = ET.fromstring(client.get(url).content)
        titles = [
            e.findtext("atom:title", namespaces=ATOM)
            for e in feed.findall("atom:entry", ATOM)
        ]
        assert titles == [public.title], url
    own = reverse("forum:thread-feed", kwargs={"pk": private.pk, "slug": private.slug})
    assert client.get(own).status_code == 404
    # A feed reader carries no session: a member's feed would be public.
    client.force_login(member)
    assert client.get(own).status_code == 404


def test_sitemap_leaves_out_the_question_and_topics_only_it_carries(
    client, private, public, forum, user
):
    services.post_thread(
        author=user,
        forum=forum,
        title="Another members-only question",
        body="Nothing more to say yet.",
        tags=["secret-topic"],
        members_only=True,
    )
    threads = _text(client.get(reverse("sitemap-section", args=["threads"])))
    assert public.get_absolute_url() in threads
    assert private.get_absolute_url() not in threads
    tags = _text(client.get(reverse("sitemap-section", args=["tags"])))
    assert "/tags/medication/" in tags
    assert "secret-topic" not in tags


def test_member_page_shows_visitors_only_that_a_private_post_exists(
    client, private, other_user, user
):
    services.post_reply(author=other_user, thread=private, body="Ask the GP, truly.")
    for member, tab in ((user, "threads"), (other_user, "replies")):
        response = client.get(f"{member.get_absolute_url()}?tab={tab}")
        (item,) = parse(response).one(".activity-list").children
        assert item.text.endswith("for signed-in members only just now")
        assert item.select("a") == []
        assert TITLE not in _text(response)
        assert forum_named(response, private.forum) is False
        assert "Ask the GP" not in _text(response)


def forum_named(response, forum: Forum) -> bool:
    return f"In {forum.name}" in parse(response).one(".activity-list").text


def test_member_page_shows_members_the_private_post(client, private, user, member):
    client.force_login(member)
    response = client.get(f"{user.get_absolute_url()}?tab=threads")
    (item,) = parse(response).one(".activity-list").children
    assert item.get_by_role("link", TITLE)
    assert item.one(".members-only").text == "Members only"


# --- Choosing who reads it. ------------------------------------------------


def test_asking_for_members_only_from_the_ask_page(client, forum, user):
    client.force_login(user)
    response = client.post(
        reverse("forum:thread-create"),
        {
            "forum": forum.pk,
            "title": TITLE,
            "body": BODY,
            "members_only": "on",
            "similar_seen": "1",
        },
    )
    thread = Thread.objects.get(title=TITLE)
    assert response.status_code == 302
    assert thread.is_members_only is True
    forum.refresh_from_db()
    assert forum.members_only_count == 1


def _toggle(client, thread, value: str):
    url = reverse(
        "forum:thread-visibility", kwargs={"pk": thread.pk, "slug": thread.slug}
    )
    return client.post(url, {"members_only": value})


def test_asker_makes_their_question_members_only_and_public_again(
    client, public, other_user
):
    client.force_login(other_user)
    page = parse(client.get(public.get_absolute_url()))
    assert page.one("#visibility").get_by_role(
        "button", "Show it to signed-in members only"
    )
    response = _toggle(client, public, "1")
    assert response.status_code == 302
    public.refresh_from_db()
    assert public.is_members_only is True
    page = parse(client.get(public.get_absolute_url()))
    assert page.one(".messages").text == (
        "Only signed-in members can read this question now. Visitors see its "
        "title and first lines."
    )
    assert page.one("#visibility").get_by_role("button", "Let everyone read it")
    _toggle(client, public, "0")
    public.refresh_from_db()
    assert public.is_members_only is False
    # The asker's own change is theirs, not staff's: nothing is audited.
    assert not AuditEntry.objects.exists()


def test_asker_sees_the_teaser_after_signing_out(client, public, other_user):
    client.force_login(other_user)
    _toggle(client, public, "1")
    client.logout()
    assert parse(client.get(public.get_absolute_url())).select(".teaser-text")


def test_another_member_cannot_change_who_reads_it(client, public, member):
    client.force_login(member)
    assert _toggle(client, public, "1").status_code == 403
    public.refresh_from_db()
    assert public.is_members_only is False
    with pytest.raises(PermissionDenied):
        visibility.set_members_only(member=member, thread=public, members_only=True)


def test_visitor_is_sent_to_log_in(client, public):
    response = _toggle(client, public, "1")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    public.refresh_from_db()
    assert public.is_members_only is False


def test_toggle_refuses_a_bad_choice_and_a_get(client, public, other_user):
    client.force_login(other_user)
    assert _toggle(client, public, "maybe").status_code == 400
    url = reverse(
        "forum:thread-visibility", kwargs={"pk": public.pk, "slug": public.slug}
    )
    assert client.get(url).status_code == 405
    public.refresh_from_db()
    assert public.is_members_only is False


def test_toggle_is_rate_limited(client, public, other_user, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "edit": (1, 600)}
    client.force_login(other_user)
    _toggle(client, public, "1")
    _toggle(client, public, "0")
    public.refresh_from_db()
    assert public.is_members_only is True


def test_setting_it_twice_changes_nothing(public, other_user, forum):
    for _ in range(2):
        visibility.set_members_only(member=other_user, thread=public, members_only=True)
    forum.refresh_from_db()
    assert forum.members_only_count == 1


def test_staff_change_it_in_the_admin_and_it_is_audited(
    admin_client, admin_user, public
):
    response = admin_client.post(
        reverse("admin:forum_thread_changelist"),
        {
            "action": "members_only_threads",
            "_selected_action": [public.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    public.refresh_from_db()
    assert public.is_members_only is True
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor) == ("thread.members_only", admin_user)
    listed = admin_client.get(
        reverse("admin:forum_thread_changelist"), {"is_members_only__exact": "1"}
    )
    assert list(listed.context["cl"].result_list) == [public]


# --- The forum's count of members-only threads. ---------------------------


def test_counter_follows_removal_restoration_and_repairs(
    private, public, staff, forum, other_user
):
    def count() -> int:
        return Forum.objects.get(pk=forum.pk).members_only_count

    assert count() == 1
    services.remove_thread(moderator=staff, thread=private)
    assert count() == 0
    # Changed while removed: nothing to count until it shows again.
    visibility.set_members_only(member=staff, thread=private, members_only=False)
    visibility.set_members_only(member=staff, thread=private, members_only=True)
    assert count() == 0
    services.restore_thread(moderator=staff, thread=private)
    assert count() == 1
    visibility.set_members_only(member=other_user, thread=public, members_only=True)
    assert count() == 2
    Forum.objects.filter(pk=forum.pk).update(members_only_count=7)
    assert recount_counters()["forums"] == 1
    assert count() == 2


def test_visitor_forum_page_queries_are_unchanged(
    client, forum, user, django_assert_num_queries
):
    other = ForumFactory()
    for n in range(6):
        services.post_thread(
            author=user,
            forum=forum if n % 3 else other,
            title=f"Question number {n} about nerves",
            body="Nothing more to say yet.",
            members_only=bool(n % 2),
        )
    with django_assert_num_queries(5):
        client.get(forum.get_absolute_url())
