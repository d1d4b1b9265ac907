"""Without consent to the current wording a member reads but does not write.

Asking, replying and editing one's own posts need it; they lead to the
consent page, which sends what was typed on once the member agrees. Voting,
reporting, reading and looking after the account never need it.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import consent
from accounts.consent import ConsentRequired
from accounts.models import HealthDataConsent
from forum import services
from forum.models import Reply, Thread
from tests.factories import UserFactory
from tests.html import parse

ASK_URL = reverse("forum:thread-create")
CONSENT_URL = reverse("accounts:health-consent")
QUESTION = {
    "title": "Pins and needles in my left hand at night",
    "body": "It wakes me most nights and eases when I shake my hand.",
    "tags": "numbness",
}


@pytest.fixture
def newcomer(db):
    """A member from before consent was asked: they never agreed."""
    return UserFactory(username="long_standing", without_consent=True)


@pytest.fixture
def signed_in(client, newcomer):
    client.force_login(newcomer)
    return client


def _reply_url(thread):
    return reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})


def _consent_form(response):
    return parse(response).one(f'form[action="{CONSENT_URL}"]')


def _sent_on(form) -> dict[str, str]:
    """Return what a browser sends from form, the box ticked."""
    data = {field["name"]: field.value for field in form.select("input[name]")}
    data["health-consent"] = "on"
    return data


def _a_second_version(monkeypatch):
    first = consent.WORDINGS[1]
    monkeypatch.setitem(
        consent.WORDINGS,
        2,
        consent.ConsentWording(
            version=2,
            title=first.title,
            introduction=first.introduction,
            points=first.points,
            agreement=first.agreement,
            changes="We now say how long we keep what you write.",
        ),
    )


# --- The services refuse. ----------------------------------------------------


def test_services_refuse_a_question_or_reply_without_consent(newcomer, forum, thread):
    with pytest.raises(ConsentRequired):
        services.post_thread(author=newcomer, forum=forum, **QUESTION)
    with pytest.raises(ConsentRequired):
        services.post_reply(author=newcomer, thread=thread, body="Same for me.")
    assert Thread.objects.count() == 1
    assert not Reply.objects.exists()


def test_services_refuse_an_author_editing_after_withdrawing(user, thread):
    consent.withdraw_health_consent(member=user)
    with pytest.raises(ConsentRequired):
        services.edit_thread(editor=user, thread=thread, title=thread.title, body="x")


def test_staff_edit_others_posts_without_consent_of_their_own(thread):
    moderator = UserFactory(is_staff=True, is_superuser=True, without_consent=True)
    services.edit_thread(
        editor=moderator,
        thread=thread,
        title=thread.title,
        body="Edited by staff to remove a phone number.",
    )
    thread.refresh_from_db()
    assert thread.body == "Edited by staff to remove a phone number."


def test_voting_and_reporting_need_no_consent(newcomer, reply):
    services.cast_helpful_vote(voter=newcomer, reply=reply, is_helpful=True)
    services.report_post(reporter=newcomer, post=reply, reason="misinformation")
    reply.refresh_from_db()
    assert reply.helpful_count == 1


def test_an_outdated_consent_is_refused_like_none(user, forum, monkeypatch):
    _a_second_version(monkeypatch)
    with pytest.raises(ConsentRequired):
        services.post_thread(author=user, forum=forum, **QUESTION)


# --- Asking: led to the consent page, and back. ------------------------------


def test_the_ask_page_leads_to_the_consent_page_and_back(signed_in, forum):
    response = signed_in.get(f"{ASK_URL}?forum=neurology")
    assert response.status_code == 302
    assert response["Location"] == f"{CONSENT_URL}?next=%2Fask%2F%3Fforum%3Dneurology"
    page = signed_in.get(response["Location"])
    form = _consent_form(page)
    assert form.one('input[name="health-next"]').value == "/ask/?forum=neurology"
    assert form.get_by_role("button", "Agree")
    response = signed_in.post(CONSENT_URL, _sent_on(form))
    assert response.status_code == 302
    assert response["Location"] == "/ask/?forum=neurology"
    assert signed_in.get(response["Location"]).status_code == 200


def test_a_question_sent_without_consent_is_kept_on_the_consent_page(
    signed_in, newcomer, forum
):
    response = signed_in.post(ASK_URL, {"forum": forum.pk, **QUESTION})
    assert response.status_code == 403
    assert not Thread.objects.exists()
    page = parse(response)
    assert page.get_by_role("heading", "What you wrote is kept")
    assert page.one("#kept-1").text == QUESTION["title"]
    assert page.one("#kept-2").text == QUESTION["body"]
    form = _consent_form(response)
    assert form.one('input[name="title"]').value == QUESTION["title"]
    assert form.one('input[name="body"]').value == QUESTION["body"]
    assert form.one('input[name="forum"]').value == str(forum.pk)
    assert form.one('input[name="health-next"]').value == ASK_URL
    assert form.get_by_role("button", "Agree and post")
    assert "I agree that Health Forum may keep" in form.text


def test_agreeing_posts_the_question_that_was_kept(signed_in, newcomer, forum):
    refused = signed_in.post(ASK_URL, {"forum": forum.pk, **QUESTION})
    response = signed_in.post(CONSENT_URL, _sent_on(_consent_form(refused)))
    # The browser sends the same body on to the ask page (307).
    assert response.status_code == 307
    assert response["Location"] == ASK_URL
    response = signed_in.post(
        CONSENT_URL, _sent_on(_consent_form(refused)), follow=True
    )
    thread = Thread.objects.get()
    assert (thread.author, thread.title, thread.body) == (
        newcomer,
        QUESTION["title"],
        QUESTION["body"],
    )
    assert response.redirect_chain[-1][0] == thread.get_absolute_url()
    messages = [str(m) for m in response.context["messages"]]
    assert "Thank you. Your consent is recorded." in messages
    assert "Your question is posted." in messages
    (given,) = HealthDataConsent.objects.filter(member=newcomer)
    assert given.given_via == HealthDataConsent.Via.CONSENT_PAGE


def test_not_ticking_the_box_keeps_the_question_and_posts_nothing(
    signed_in, newcomer, forum
):
    refused = signed_in.post(ASK_URL, {"forum": forum.pk, **QUESTION})
    data = _sent_on(_consent_form(refused))
    del data["health-consent"]
    response = signed_in.post(CONSENT_URL, data)
    assert response.status_code == 400
    page = parse(response)
    assert "Please tick the box to agree" in page.one("#id_health-consent_error").text
    assert page.one("#kept-2").text == QUESTION["body"]
    assert _consent_form(response).one('input[name="body"]').value == QUESTION["body"]
    assert not Thread.objects.exists()
    assert not HealthDataConsent.objects.exists()


# --- Replying and editing. ---------------------------------------------------


def test_agreeing_posts_the_reply_that_was_kept(signed_in, newcomer, thread):
    url = _reply_url(thread)
    refused = signed_in.post(url, {"body": "Mine eased with a wrist splint."})
    assert refused.status_code == 403
    assert not Reply.objects.exists()
    response = signed_in.post(
        CONSENT_URL, _sent_on(_consent_form(refused)), follow=True
    )
    reply = Reply.objects.get()
    assert (reply.author, reply.body) == (newcomer, "Mine eased with a wrist splint.")
    assert response.redirect_chain[-1][0] == reply.get_absolute_url()


def test_an_author_without_consent_is_asked_before_editing(client, newcomer, forum):
    thread = Thread.objects.create(
        forum=forum,
        author=newcomer,
        title="Written before consent was asked",
        body="An old question.",
        created_at=timezone.now(),
        last_activity_at=timezone.now(),
    )
    client.force_login(newcomer)
    edit_url = reverse(
        "forum:thread-edit", kwargs={"pk": thread.pk, "slug": thread.slug}
    )
    response = client.get(edit_url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{CONSENT_URL}?next=")
    data = {"title": thread.title, "body": "An old question, made clearer."}
    refused = client.post(edit_url, data)
    assert refused.status_code == 403
    client.post(CONSENT_URL, _sent_on(_consent_form(refused)), follow=True)
    thread.refresh_from_db()
    assert thread.body == "An old question, made clearer."


def test_a_member_whose_consent_is_outdated_is_asked_again(
    client, user, forum, monkeypatch
):
    _a_second_version(monkeypatch)
    client.force_login(user)
    response = client.post(ASK_URL, {"forum": forum.pk, **QUESTION})
    assert response.status_code == 403
    page = parse(response)
    assert "We have changed how we explain this since you agreed" in page.text
    assert "We now say how long we keep what you write." in page.text
    form = _consent_form(response)
    assert form.one('input[name="health-consent_version"]').value == "2"
    client.post(CONSENT_URL, _sent_on(form), follow=True)
    assert Thread.objects.get().author == user
    versions = set(user.health_data_consents.values_list("version", flat=True))
    assert versions == {1, 2}


def test_a_restricted_member_is_told_of_the_restriction_not_asked(
    client, newcomer, staff, forum
):
    from accounts import services as accounts_services

    accounts_services.sanction_member(
        moderator=staff, member=newcomer, kind="ban", reason="Spam"
    )
    client.force_login(newcomer)
    response = client.post(ASK_URL, {"forum": forum.pk, **QUESTION})
    assert response.status_code == 403
    assert "Your account is banned" in parse(response).text


# --- What never needs consent. -----------------------------------------------


def test_voting_through_the_page_needs_no_consent(signed_in, reply):
    url = reverse("forum:reply-vote", kwargs={"pk": reply.pk})
    response = signed_in.post(url, {"vote": "yes"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.helpful_count == 1


@pytest.mark.parametrize(
    "url_name",
    ["privacy:export", "privacy:account-delete", "account_email", "forum:index"],
)
def test_reading_and_the_account_pages_need_no_consent(signed_in, url_name):
    assert signed_in.get(reverse(url_name)).status_code == 200


def test_the_thread_page_reads_without_consent(signed_in, thread):
    response = signed_in.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert parse(response).get_by_role("heading", thread.title)


# --- The consent page itself. ------------------------------------------------


def test_visitors_are_asked_to_log_in_first(client, db):
    response = client.get(CONSENT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_consent_page_explains_before_asking(signed_in):
    page = parse(signed_in.get(CONSENT_URL))
    assert page.get_by_role("heading", "Your health information")
    assert "Before you ask a question or reply" in page.one(".lead").text
    for heading in ("What we keep", "Who sees it", "What withdrawing means"):
        assert page.get_by_role("heading", heading)
    assert not page.select('a[href="/account/health-data/withdraw/"]')


def test_a_member_who_agreed_sees_when_and_can_withdraw(client, user):
    client.force_login(user)
    page = parse(client.get(CONSENT_URL))
    given = user.health_data_consents.get()
    assert page.one(".lead time")["datetime"] == given.given_at.isoformat()
    assert page.get_by_role("link", "Withdraw your consent")["href"] == reverse(
        "accounts:health-consent-withdraw"
    )
    assert not page.select(f'form[action="{CONSENT_URL}"]')


def test_agreeing_without_a_next_page_stays_on_the_consent_page(signed_in, newcomer):
    form = _consent_form(signed_in.get(CONSENT_URL))
    response = signed_in.post(CONSENT_URL, _sent_on(form))
    assert response["Location"] == CONSENT_URL
    assert consent.has_current_consent(newcomer.__class__.objects.get(pk=newcomer.pk))


def test_an_offsite_next_is_ignored(signed_in):
    form = _consent_form(signed_in.get(CONSENT_URL))
    data = {**_sent_on(form), "health-next": "https://evil.example.com/"}
    assert signed_in.post(CONSENT_URL, data)["Location"] == CONSENT_URL


def test_an_offsite_next_never_carries_a_kept_post_away(signed_in, forum):
    refused = signed_in.post(ASK_URL, {"forum": forum.pk, **QUESTION})
    data = {**_sent_on(_consent_form(refused)), "health-next": "//evil.example.com/"}
    response = signed_in.post(CONSENT_URL, data)
    assert response.status_code == 302
    assert response["Location"] == CONSENT_URL


def test_the_consent_form_needs_its_csrf_token(newcomer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(newcomer)
    response = client.post(CONSENT_URL, {"health-consent": "on"})
    assert response.status_code == 403
    assert not HealthDataConsent.objects.exists()


def test_the_consent_page_costs_a_fixed_number_of_queries(
    signed_in, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert signed_in.get(CONSENT_URL).status_code == 200
