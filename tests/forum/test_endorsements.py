"""Verified professionals endorse replies as clinically sound, once each."""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import ProfessionalCredential
from forum import services
from forum.endorsements import endorse_reply, withdraw_endorsement
from forum.models import Endorsement, Reply
from forum.recount import recount_counters
from privacy import services as privacy_services
from tests.factories import UserFactory, verify_professional
from tests.html import parse

HTMX = {"HX-Request": "true"}


@pytest.fixture
def neurologist(staff):
    member = UserFactory(username="dr_okafor")
    verify_professional(member, staff, profession="physician", specialty="Neurology")
    return member


@pytest.fixture
def nurse(staff):
    member = UserFactory(username="nurse_jo")
    verify_professional(
        member, staff, profession="registered_nurse", specialty="Stroke care"
    )
    return member


def _count(reply) -> int:
    reply.refresh_from_db()
    return reply.endorsement_count


def _endorse_url(reply):
    return reverse("forum:reply-endorse", kwargs={"pk": reply.pk})


def _endorsements(response, reply):
    return parse(response).one(f"#{reply.anchor} #endorse-{reply.pk}")


# --- The rules (forum.endorsements). ----------------------------------------


def test_a_verified_professional_endorses_a_reply_once(neurologist, reply):
    first = endorse_reply(endorser=neurologist, reply=reply)
    again = endorse_reply(endorser=neurologist, reply=reply)
    assert first == again
    assert Endorsement.objects.count() == 1
    assert _count(reply) == 1


def test_a_member_who_is_not_a_professional_cannot_endorse(user, reply):
    with pytest.raises(PermissionDenied):
        endorse_reply(endorser=user, reply=reply)
    assert not Endorsement.objects.exists()
    assert _count(reply) == 0


def test_a_professional_cannot_endorse_their_own_reply(neurologist, thread):
    own = services.post_reply(author=neurologist, thread=thread, body="My advice.")
    with pytest.raises(PermissionDenied):
        endorse_reply(endorser=neurologist, reply=own)
    assert _count(own) == 0


def test_nobody_endorses_in_a_locked_thread_or_a_removed_reply(
    neurologist, thread, reply, staff
):
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    with pytest.raises(PermissionDenied):
        endorse_reply(endorser=neurologist, reply=reply)
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=False)
    services.remove_reply(moderator=staff, reply=reply)
    with pytest.raises(PermissionDenied):
        endorse_reply(endorser=neurologist, reply=reply)
    assert not Endorsement.objects.exists()


def test_a_suspended_professional_cannot_endorse(neurologist, reply, staff):
    accounts_services.sanction_member(
        moderator=staff,
        member=neurologist,
        kind="suspension",
        reason="Unsafe advice",
        until=timezone.now() + timedelta(days=3),
    )
    with pytest.raises(PermissionDenied):
        endorse_reply(endorser=neurologist, reply=reply)


def test_withdrawing_takes_the_endorsement_back_and_twice_changes_nothing(
    neurologist, nurse, reply
):
    endorse_reply(endorser=neurologist, reply=reply)
    endorse_reply(endorser=nurse, reply=reply)
    withdraw_endorsement(endorser=neurologist, reply=reply)
    withdraw_endorsement(endorser=neurologist, reply=reply)
    assert _count(reply) == 1
    assert list(Endorsement.objects.values_list("endorser__username", flat=True)) == [
        "nurse_jo"
    ]


def test_a_member_who_is_not_a_professional_cannot_withdraw_either(user, reply):
    with pytest.raises(PermissionDenied):
        withdraw_endorsement(endorser=user, reply=reply)


def test_a_revoked_professionals_endorsements_stop_counting_and_come_back(
    neurologist, nurse, reply, thread, staff, client
):
    other = services.post_reply(
        author=UserFactory(), thread=thread, body="Rest and fluids helped me."
    )
    for endorsed in (reply, other):
        endorse_reply(endorser=neurologist, reply=endorsed)
    endorse_reply(endorser=nurse, reply=reply)
    accounts_services.revoke_credential(
        reviewer=staff,
        credential=ProfessionalCredential.objects.approved().get(user=neurologist),
        reason="The licence lapsed.",
    )
    assert (_count(reply), _count(other)) == (1, 0)
    endorsements = _endorsements(client.get(thread.get_absolute_url()), reply)
    assert "Endorsed by 1 medical professional " in endorsements.text
    assert [link.text for link in endorsements.by_role("link")] == ["nurse_jo"]
    # The rows stay, for the admin: approved again, they count again.
    assert Endorsement.objects.filter(endorser=neurologist).count() == 2
    verify_professional(
        neurologist, staff, profession="physician", specialty="Neurology"
    )
    assert (_count(reply), _count(other)) == (2, 1)


def test_a_revoked_professional_can_no_longer_endorse(neurologist, reply, staff):
    accounts_services.revoke_credential(
        reviewer=staff,
        credential=ProfessionalCredential.objects.approved().get(user=neurologist),
        reason="The licence lapsed.",
    )
    with pytest.raises(PermissionDenied):
        endorse_reply(endorser=neurologist, reply=reply)


def test_a_professional_who_deletes_their_account_leaves_no_endorsement(
    neurologist, nurse, reply
):
    endorse_reply(endorser=neurologist, reply=reply)
    endorse_reply(endorser=nurse, reply=reply)
    privacy_services.delete_account(member=neurologist, remove_posts=False)
    assert _count(reply) == 1
    assert not Endorsement.objects.filter(endorser=neurologist).exists()


def test_recount_repairs_an_endorsement_count_that_drifted(neurologist, reply):
    endorse_reply(endorser=neurologist, reply=reply)
    Reply.objects.filter(pk=reply.pk).update(endorsement_count=7)
    assert recount_counters()["replies"] == 1
    assert _count(reply) == 1


# --- On the thread page, without and with htmx. ------------------------------


def test_endorsing_without_javascript_shows_who_endorses_it(
    client, neurologist, nurse, reply, thread
):
    back = f"{thread.get_absolute_url()}#{reply.anchor}"
    for professional in (neurologist, nurse):
        client.force_login(professional)
        response = client.post(_endorse_url(reply), {"endorse": "yes", "next": back})
        assert (response.status_code, response["Location"]) == (302, back)
    client.logout()
    endorsements = _endorsements(client.get(thread.get_absolute_url()), reply)
    assert endorsements.one(".endorsed-by").text.endswith(
        "Endorsed by 2 medical professionals as clinically sound:"
    )
    items = [item.text for item in endorsements.select(".endorser-list li")]
    assert items == [
        "dr_okafor, Neurologist",
        "nurse_jo, Registered nurse (Stroke care)",
    ]
    links = [link["href"] for link in endorsements.by_role("link")]
    assert links == [neurologist.get_absolute_url(), nurse.get_absolute_url()]
    # Readers are offered no button.
    assert endorsements.by_role("button") == []


def test_endorsing_with_htmx_swaps_in_the_endorsement_box(client, neurologist, reply):
    client.force_login(neurologist)
    response = client.post(_endorse_url(reply), {"endorse": "yes"}, headers=HTMX)
    assert response.status_code == 200
    box = parse(response).one(f"#endorse-{reply.pk}")
    assert "Endorsed by 1 medical professional " in box.text
    assert "You endorse this reply as clinically sound." in box.text
    assert [b.name for b in box.by_role("button")] == ["Withdraw my endorsement"]
    response = client.post(_endorse_url(reply), {"endorse": "withdraw"}, headers=HTMX)
    box = parse(response).one(f"#endorse-{reply.pk}")
    assert [b.name for b in box.by_role("button")] == ["Endorse as clinically sound"]
    assert box.select(".endorsed-by") == []
    assert _count(reply) == 0


def test_a_professional_sees_the_endorse_button_under_others_replies_only(
    client, neurologist, reply, thread
):
    own = services.post_reply(author=neurologist, thread=thread, body="My view.")
    client.force_login(neurologist)
    page = parse(client.get(thread.get_absolute_url()))
    buttons = page.one(f"#endorse-{reply.pk}").by_role("button")
    assert [b.name for b in buttons] == ["Endorse as clinically sound"]
    assert page.select(f"#endorse-{own.pk}") == []


def test_a_member_who_is_not_a_professional_gets_403_and_no_endorsement(
    client, user, reply
):
    client.force_login(user)
    assert client.post(_endorse_url(reply), {"endorse": "yes"}).status_code == 403
    response = client.post(_endorse_url(reply), {"endorse": "yes"}, headers=HTMX)
    assert response.status_code == 403
    assert "Only verified medical professionals" in response.content.decode()
    assert not Endorsement.objects.exists()


def test_an_unknown_choice_is_refused_with_400(client, neurologist, reply):
    client.force_login(neurologist)
    response = client.post(_endorse_url(reply), {"endorse": "maybe"})
    assert response.status_code == 400
    assert not Endorsement.objects.exists()


def test_a_visitor_is_sent_to_log_in_and_brought_back(client, reply, thread):
    back = f"{thread.get_absolute_url()}#{reply.anchor}"
    response = client.post(_endorse_url(reply), {"endorse": "yes", "next": back})
    location = unquote(response["Location"])
    assert location.startswith(reverse("account_login"))
    assert f"next={back}" in location
    response = client.post(_endorse_url(reply), {"endorse": "yes"}, headers=HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_endorsing_very_quickly_is_rate_limited_like_voting(
    client, neurologist, thread, settings
):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "endorse": (2, 60)}
    replies = [
        services.post_reply(author=UserFactory(), thread=thread, body=f"Tip {n}")
        for n in range(3)
    ]
    client.force_login(neurologist)
    for reply in replies[:2]:
        client.post(_endorse_url(reply), {"endorse": "yes"}, headers=HTMX)
    response = client.post(_endorse_url(replies[2]), {"endorse": "yes"}, headers=HTMX)
    assert response.status_code == 429
    assert "please wait a minute" in parse(response).one("[role=alert]").text
    assert _count(replies[2]) == 0
    response = client.post(_endorse_url(replies[2]), {"endorse": "yes"}, follow=True)
    assert "You are endorsing very quickly" in response.content.decode()
    assert _count(replies[2]) == 0


def test_a_stored_reply_shows_a_changed_endorser_at_once(
    client, neurologist, nurse, reply, thread, user
):
    endorse_reply(endorser=neurologist, reply=reply)
    client.force_login(user)
    client.get(thread.get_absolute_url())  # Stores the reply's HTML.
    # One professional takes theirs back and another endorses: the count
    # is the same, the name is not.
    withdraw_endorsement(endorser=neurologist, reply=reply)
    endorse_reply(endorser=nurse, reply=reply)
    endorsements = _endorsements(client.get(thread.get_absolute_url()), reply)
    assert [link.text for link in endorsements.by_role("link")] == ["nurse_jo"]


# --- Sorting and filtering a thread's replies. -------------------------------


@pytest.fixture
def three_replies(thread, neurologist, nurse):
    """Oldest first: one endorsed once, one with votes, one endorsed twice."""
    replies = []
    for minutes_ago, body in ((30, "Once."), (20, "Voted."), (10, "Twice.")):
        reply = services.post_reply(author=UserFactory(), thread=thread, body=body)
        at = timezone.now() - timedelta(minutes=minutes_ago)
        Reply.objects.filter(pk=reply.pk).update(created_at=at)
        replies.append(reply)
    once, voted, twice = replies
    endorse_reply(endorser=neurologist, reply=once)
    for professional in (neurologist, nurse):
        endorse_reply(endorser=professional, reply=twice)
    for voter in UserFactory.create_batch(3):
        services.cast_helpful_vote(voter=voter, reply=voted, is_helpful=True)
    return once, voted, twice


def _order(response):
    return [state.pk for state in response.context["replies"]]


def test_readers_sort_replies_by_endorsements(client, thread, three_replies):
    once, voted, twice = three_replies
    response = client.get(thread.get_absolute_url() + "?sort=endorsed")
    assert _order(response) == [twice.pk, once.pk, voted.pk]
    sorts = parse(response).get_by_role("navigation", "Sort responses")
    assert sorts.one("[aria-current]").text == "Endorsed"


def test_readers_filter_a_thread_to_endorsed_replies(client, thread, three_replies):
    once, voted, twice = three_replies
    # In the default order, most helpful first: neither has a vote, so the
    # older comes first.
    response = client.get(thread.get_absolute_url() + "?from=endorsed")
    assert _order(response) == [once.pk, twice.pk]
    page = parse(response)
    assert page.one(".filter-note").text.startswith(
        "Showing 2 of 3 responses: those verified medical professionals endorse"
    )
    chips = page.get_by_role("navigation", "Filter responses")
    assert chips.one("[aria-current]").text == "Endorsed by professionals"


def test_a_thread_without_endorsements_says_so_when_filtered(client, thread, reply):
    response = client.get(thread.get_absolute_url() + "?from=endorsed")
    assert parse(response).one(".responses .empty").text == (
        "No verified medical professional has endorsed a reply here yet."
    )


def test_search_narrows_to_questions_with_an_endorsed_answer(
    client, forum, user, neurologist
):
    endorsed = services.post_thread(
        author=user, forum=forum, title="Twitching calf at night", body="Calf twitch."
    )
    services.post_thread(
        author=user, forum=forum, title="Twitching thumb all day", body="Thumb twitch."
    )
    answer = services.post_reply(
        author=UserFactory(), thread=endorsed, body="Magnesium and sleep."
    )
    endorse_reply(endorser=neurologist, reply=answer)
    response = client.get(reverse("forum:search"), {"q": "twitching", "endorsed": "1"})
    results = parse(response).select(".thread-row")
    assert [row.one(".thread-title").text for row in results] == [
        "Twitching calf at night"
    ]
    assert "Endorsed answer" in results[0].one(".meta").text
    assert parse(response).one("#search-endorsed").attrs.get("checked") is not None


# --- What it costs, and what staff see. --------------------------------------


def _endorsed_thread(thread, professionals, count):
    authors = UserFactory.create_batch(3)
    for n in range(count):
        reply = services.post_reply(author=authors[n % 3], thread=thread, body=f"R{n}")
        for professional in professionals[: n % 3]:
            endorse_reply(endorser=professional, reply=reply)
    thread.refresh_from_db()


@pytest.mark.parametrize("count", [5, 50])
def test_a_page_of_endorsed_replies_costs_one_query_more_whatever_its_size(
    client, thread, neurologist, nurse, count, django_assert_num_queries
):
    _endorsed_thread(thread, [neurologist, nurse], count)
    # The seven of any thread page (tests/forum/test_thread_page.py) and one
    # for the endorsers of every endorsed reply on the page.
    with django_assert_num_queries(8):
        response = client.get(thread.get_absolute_url())
    assert len(response.context["replies"]) == count
    assert response.content.decode().count("Endorsed by 2 medical") == count // 3


@pytest.mark.parametrize("count", [5, 100])
def test_a_professional_on_a_page_of_endorsed_replies_costs_a_fixed_count(
    client, thread, neurologist, nurse, count, django_assert_num_queries
):
    _endorsed_thread(thread, [neurologist, nurse], count)
    client.force_login(neurologist)
    # The member's eleven (tests/forum/test_thread_page.py) and the endorsers.
    with django_assert_num_queries(12):
        client.get(thread.get_absolute_url() + "?sort=endorsed")
    # Stored: the replies are not loaded again, their endorsers still are,
    # to name each reply's stored HTML.
    with django_assert_num_queries(9):
        response = client.get(thread.get_absolute_url() + "?sort=endorsed")
    assert response.status_code == 200


def test_staff_read_endorsements_in_the_admin(admin_client, neurologist, reply):
    endorse_reply(endorser=neurologist, reply=reply)
    changelist = reverse("admin:forum_endorsement_changelist")
    response = admin_client.get(changelist, {"q": "dr_okafor"})
    assert response.status_code == 200
    rows = parse(response).select("#result_list tbody tr")
    assert len(rows) == 1
    assert "dr_okafor" in rows[0].text
    assert admin_client.get(reverse("admin:forum_endorsement_add")).status_code == 403
    change = admin_client.get(reverse("admin:forum_reply_change", args=[reply.pk]))
    assert "Endorsement count" in change.content.decode()
