"""The badge, the disclaimer and the professionals filter on public pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import DISCLAIMER_CACHE_KEY, ProfessionalDisclaimer
from core.cache import page_cache
from forum import services as forum_services
from forum.models import Reply
from tests.factories import UserFactory
from tests.html import parse

from .conftest import APPLICATION


def _verify(member, staff, **application):
    credential = services.apply_for_verification(
        user=member, **{**APPLICATION, **application}
    )
    return services.approve_credential(reviewer=staff, credential=credential)


def _reply(thread, author, body, *, minutes_ago=0, helpful=0):
    reply = forum_services.post_reply(author=author, thread=thread, body=body)
    Reply.objects.filter(pk=reply.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    for voter in UserFactory.create_batch(helpful):
        forum_services.cast_helpful_vote(voter=voter, reply=reply, is_helpful=True)
    return reply


def _ids(response):
    return [reply.pk for reply in response.context["replies"]]


def _badges(client, url):
    """Return the text of each professional badge on the page at url."""
    return [
        badge.text for badge in parse(client.get(url)).select(".badge-professional")
    ]


@pytest.fixture
def doctor(db, staff):
    member = UserFactory(username="dr_okafor")
    _verify(member, staff)
    member.refresh_from_db()
    return member


# --- The badge, everywhere at once. ---------------------------------------------------


def test_badge_appears_at_approval_and_goes_at_revocation(
    client, staff, thread, forum, django_capture_on_commit_callbacks
):
    member = UserFactory(username="dr_okafor")
    own_thread = forum_services.post_thread(
        author=member, forum=forum, title="A doctor's question", body="Body."
    )
    forum_services.post_reply(author=member, thread=thread, body="A careful answer.")
    pages = [
        thread.get_absolute_url(),
        own_thread.get_absolute_url(),
        member.get_absolute_url(),
        forum.get_absolute_url(),
    ]
    for url in pages:
        assert _badges(client, url) == [], url

    # The badge shows once the decision is committed, not before.
    with django_capture_on_commit_callbacks(execute=True):
        credential = _verify(member, staff)
    for url in pages[:3]:
        assert _badges(client, url) == ["Medical professional: Neurologist"], url
    assert _badges(client, forum.get_absolute_url()) == ["Medical professional"]

    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_credential(
            reviewer=staff, credential=credential, reason="Registration lapsed."
        )
    for url in pages:
        response = client.get(url)
        page = parse(response)
        assert "dr_okafor" in page.one("main").text, url
        assert page.select(".badge-professional") == [], url
        # Not in the text, nor in any attribute a screen reader might read.
        assert "Neurologist" not in response.content.decode(), url


def test_pending_application_shows_no_badge(client, thread, staff):
    member = UserFactory()
    services.apply_for_verification(user=member, **APPLICATION)
    forum_services.post_reply(author=member, thread=thread, body="Still waiting.")
    page = parse(client.get(thread.get_absolute_url()))
    reply = page.get_by_role("article", f"Response by {member.username}")
    assert reply.one(".post-body").text == "Still waiting."
    assert page.select(".badge-professional") == []


def test_profile_shows_what_the_badge_rests_on_but_never_the_licence(client, doctor):
    response = client.get(doctor.get_absolute_url())
    header = parse(response).one(".profile-header")
    assert header.one(".badge-professional").text == "Medical professional: Neurologist"
    credential = header.one(".profile-credential").text
    assert credential.startswith(
        "Physician, Neurology. Registered with General Medical Council "
        "(United Kingdom); verified by our staff on "
    )
    # Anywhere in the response, markup included, not just the visible text.
    html = response.content.decode()
    assert APPLICATION["licence_number"] not in html
    assert APPLICATION["register_url"] not in html
    assert APPLICATION["note"] not in html


# --- The disclaimer. -------------------------------------------------------------


def test_disclaimer_stands_above_a_professionals_reply_only(
    client, thread, doctor, other_user
):
    pro = _reply(thread, doctor, "Most eyelid twitching is harmless.", minutes_ago=5)
    lay = _reply(thread, other_user, "Mine stopped with more sleep.", minutes_ago=1)
    page = parse(client.get(thread.get_absolute_url() + "?sort=oldest"))
    assert len(page.select(".professional-disclaimer")) == 1
    # Inside the professional's reply, above what they wrote.
    disclaimer, body = page.one(f"#{pro.anchor}").select(
        ".professional-disclaimer, .post-body"
    )
    assert "professional-disclaimer" in disclaimer.classes
    assert "educational purposes" in disclaimer.text
    assert body.text == "Most eyelid twitching is harmless."
    lay_reply = page.one(f"#{lay.anchor}")
    assert lay_reply.select(".professional-disclaimer") == []
    assert lay_reply.one(".post-body").text == "Mine stopped with more sleep."


def test_no_professional_on_the_page_means_no_disclaimer(client, thread, reply):
    page = parse(client.get(thread.get_absolute_url()))
    assert page.one(f"#{reply.anchor} .post-body").text == reply.body
    assert page.select(".professional-disclaimer") == []
    assert "educational purposes" not in page.text


def test_staff_edited_disclaimer_shows_at_once(
    client, thread, doctor, staff, django_capture_on_commit_callbacks
):
    _reply(thread, doctor, "A general answer.")
    page = parse(client.get(thread.get_absolute_url()))
    assert "educational purposes" in page.one(".professional-disclaimer").text
    with django_capture_on_commit_callbacks(execute=True):
        services.update_professional_disclaimer(
            editor=staff, text="General information, not a diagnosis."
        )
    page = parse(client.get(thread.get_absolute_url()))
    disclaimer = page.one(".professional-disclaimer").text
    assert disclaimer == "Note: General information, not a diagnosis."
    assert "educational purposes" not in page.text


@pytest.mark.parametrize("count", [2, 30])
def test_disclaimer_is_read_once_per_page_whatever_the_replies(
    client, rendered_pages, thread, staff, count, django_assert_num_queries
):
    doctors = UserFactory.create_batch(2)
    for member in doctors:
        _verify(member, staff)
    for n in range(count):
        _reply(thread, doctors[n % 2], f"Answer {n}")
    thread.refresh_from_db()
    url = thread.get_absolute_url()
    client.get(url)  # Fills the caches: the sidebar's and the disclaimer's.
    # The thread with its author and forum, its tags, each reply's state on
    # the page, those replies (rendered, not stored, in this test), the
    # thread's related questions and its safety flags.
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["replies"]) == count
    # With the disclaimer's cache entry gone, one more query, not one a reply.
    page_cache().delete(DISCLAIMER_CACHE_KEY)
    with django_assert_num_queries(7):
        client.get(url)
    assert (
        page_cache().get(DISCLAIMER_CACHE_KEY)
        == ProfessionalDisclaimer.objects.current_text()
    )


# --- Professionals only, and the Helpful tie-break. --------------------------------


@pytest.fixture
def mixed_replies(thread, doctor, staff):
    nurse = UserFactory(username="nurse_jo")
    _verify(nurse, staff, profession="registered_nurse", specialty="")
    return {
        "lay_early": _reply(
            thread, UserFactory(), "Lay, two votes", minutes_ago=50, helpful=2
        ),
        "doctor": _reply(
            thread, doctor, "Doctor, two votes", minutes_ago=40, helpful=2
        ),
        "lay_top": _reply(
            thread, UserFactory(), "Lay, three votes", minutes_ago=30, helpful=3
        ),
        "nurse": _reply(thread, nurse, "Nurse, no votes", minutes_ago=20),
        "lay_late": _reply(thread, UserFactory(), "Lay, no votes", minutes_ago=10),
    }


def test_helpful_sort_puts_a_professional_first_among_equal_counts(
    client, thread, mixed_replies
):
    r = mixed_replies
    response = client.get(thread.get_absolute_url())
    assert _ids(response) == [
        r["lay_top"].pk,  # More votes still win.
        r["doctor"].pk,  # Two votes: the professional before the earlier reply.
        r["lay_early"].pk,
        r["nurse"].pk,  # No votes: the professional first again.
        r["lay_late"].pk,
    ]


def test_oldest_and_newest_ignore_the_badge(client, thread, mixed_replies):
    r = mixed_replies
    by_age = [r[k].pk for k in ("lay_early", "doctor", "lay_top", "nurse", "lay_late")]
    assert _ids(client.get(thread.get_absolute_url() + "?sort=oldest")) == by_age
    assert _ids(client.get(thread.get_absolute_url() + "?sort=newest")) == by_age[::-1]


@pytest.mark.parametrize(
    ("sort", "order"),
    [("helpful", ["doctor", "nurse"]), ("newest", ["nurse", "doctor"])],
)
def test_professionals_filter_combines_with_the_sort(
    client, thread, mixed_replies, sort, order
):
    response = client.get(
        thread.get_absolute_url() + f"?sort={sort}&from=professionals"
    )
    assert response.status_code == 200
    assert response.context["reply_filter"] == "professionals"
    assert _ids(response) == [mixed_replies[key].pk for key in order]
    page = parse(response)
    assert page.one(".filter-note").text.startswith("Showing 2 of 5 responses")
    # Sort links keep the filter; the filter links keep the sort.
    sorts = page.get_by_role("navigation", "Sort responses").by_role("link")
    assert {link.text: link["href"] for link in sorts} == {
        "Helpful": "?sort=helpful&from=professionals#responses-heading",
        "Oldest": "?sort=oldest&from=professionals#responses-heading",
        "Newest": "?sort=newest&from=professionals#responses-heading",
        "Endorsed": "?sort=endorsed&from=professionals#responses-heading",
    }
    filters = page.get_by_role("navigation", "Filter responses")
    everyone = filters.get_by_role("link", "All responses")
    assert everyone["href"] == f"?sort={sort}#responses-heading"
    assert "aria-current" not in everyone.attrs
    chosen = filters.get_by_role("link", "Medical professionals only")
    assert chosen["href"] == f"?sort={sort}&from=professionals#responses-heading"
    assert chosen["aria-current"] == "true"


def test_filter_keeps_to_the_url_across_pages(client, thread, doctor):
    for n in range(52):
        forum_services.post_reply(author=doctor, thread=thread, body=f"Answer {n}")
    forum_services.post_reply(author=UserFactory(), thread=thread, body="Lay answer")
    url = thread.get_absolute_url() + "?sort=oldest&from=professionals"
    pages = parse(client.get(url)).get_by_role("navigation", "Response pages")
    next_page = pages.get_by_role("link", "Next")
    assert next_page["href"] == "?sort=oldest&from=professionals&page=2"
    second = client.get(url + "&page=2")
    assert len(second.context["replies"]) == 2
    pages = parse(second).get_by_role("navigation", "Response pages")
    assert pages.one('[aria-current="page"]').text == "Page 2 of 2"


def test_filter_with_no_professional_answer_says_so(client, thread, reply):
    response = client.get(thread.get_absolute_url() + "?from=professionals")
    assert _ids(response) == []
    responses = parse(response).one("section.responses")
    assert responses.select(".reply-list") == []
    assert (
        responses.one(".empty").text
        == "No verified medical professional has answered yet."
    )


def test_unknown_filter_shows_everyone(client, thread, mixed_replies):
    response = client.get(thread.get_absolute_url() + "?from=aliens")
    assert response.context["reply_filter"] == "all"
    assert len(_ids(response)) == 5


@pytest.mark.parametrize("count", [3, 40])
def test_filtered_thread_page_costs_a_fixed_number_of_queries(
    client, rendered_pages, thread, doctor, count, django_assert_num_queries
):
    for n in range(count):
        forum_services.post_reply(author=doctor, thread=thread, body=f"Answer {n}")
    thread.refresh_from_db()
    url = thread.get_absolute_url() + "?from=professionals"
    client.get(url)
    # The thread, its tags, the count of the professionals' replies, their
    # states on the page, those replies, the related questions and the
    # safety flags.
    with django_assert_num_queries(7):
        client.get(url)


# --- The member's profile. ----------------------------------------------------------


def test_profile_lists_recent_replies_and_questions_without_removed_ones(
    client, thread, forum, doctor, staff
):
    kept = _reply(thread, doctor, "A reply that stays.")
    gone = _reply(thread, doctor, "A reply staff removed.")
    forum_services.remove_reply(moderator=staff, reply=gone)
    forum_services.post_thread(
        author=doctor, forum=forum, title="A question of mine", body="Body."
    )
    response = client.get(doctor.get_absolute_url())
    page = parse(response)
    assert response.context["stats"] == {"threads": 1, "replies": 1, "helpful": 0}
    (item,) = page.one(".activity-list").children
    assert "A reply that stays." in item.text
    link = item.get_by_role("link", f"Re: {thread.title}")
    assert link["href"] == kept.get_absolute_url()
    assert "A reply staff removed." not in page.text
    header = page.one(".profile-header")
    assert header.one(".avatar.avatar-lg").text == doctor.initials
    assert header.one(".meta").text.startswith("Member since ")
    questions = parse(client.get(doctor.get_absolute_url() + "?tab=threads"))
    (item,) = questions.one(".activity-list").children
    item.get_by_role("link", "A question of mine")


def test_own_profile_links_to_account_settings(client, doctor, user):
    client.force_login(doctor)
    own = parse(client.get(doctor.get_absolute_url()))
    settings = own.get_by_role("link", "Your account settings")
    assert settings["href"] == reverse("account_email")
    other = parse(client.get(user.get_absolute_url()))
    other.get_by_role("heading", user.username)
    assert other.by_role("link", "Your account settings") == []


@pytest.mark.parametrize("count", [2, 45])
@pytest.mark.parametrize(("who", "queries"), [("member", 3), ("professional", 4)])
def test_profile_costs_a_fixed_number_of_queries(
    client,
    rendered_pages,
    thread,
    staff,
    count,
    who,
    queries,
    django_assert_num_queries,
):
    member = UserFactory()
    if who == "professional":
        _verify(member, staff)
    for n in range(count):
        forum_services.post_reply(author=member, thread=thread, body=f"Reply {n}")
    url = member.get_absolute_url()
    client.get(url)  # Fills the sidebar's cache.
    # The member with their stored counters, the page's ids and those
    # replies; a professional's approved credential is one more.
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == min(count, 20)
