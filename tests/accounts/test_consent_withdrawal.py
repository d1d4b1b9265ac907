"""A member withdraws consent from their account: posting stops, and the
download and deletion are offered."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import consent
from accounts.models import HealthDataConsent
from forum.models import Thread
from tests.factories import UserFactory
from tests.html import parse

CONSENT_URL = reverse("accounts:health-consent")
WITHDRAW_URL = reverse("accounts:health-consent-withdraw")
EXPORT_URL = reverse("privacy:export")
DELETE_URL = reverse("privacy:account-delete")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_account_menu_links_to_health_information(signed_in):
    page = parse(signed_in.get(EXPORT_URL))
    sidebar = page.one('nav[aria-label="Account settings"]')
    assert sidebar.get_by_role("link", "Health information")["href"] == CONSENT_URL


def test_the_confirmation_page_explains_what_withdrawing_leads_to(signed_in):
    response = signed_in.get(WITHDRAW_URL)
    assert response.status_code == 200
    main = parse(response).one("main")
    assert main.get_by_role("heading", "Withdraw your consent")
    assert "You can no longer ask questions, reply, or edit your posts." in main.text
    assert "You can still read the forum" in main.text
    assert main.get_by_role("link", "Download a copy")["href"] == EXPORT_URL
    assert main.get_by_role("link", "Delete your account")["href"] == DELETE_URL
    form = main.one(f'form[action="{WITHDRAW_URL}"]')
    assert form["method"] == "post"
    assert form.get_by_role("button", "Withdraw my consent")
    assert form.get_by_role("link", "No, keep it")["href"] == CONSENT_URL


def test_looking_at_the_confirmation_withdraws_nothing(signed_in, user):
    signed_in.get(WITHDRAW_URL)
    user.refresh_from_db()
    assert consent.has_current_consent(user)
    assert user.health_data_consents.get().withdrawn_at is None


def test_withdrawing_records_when_and_stops_posting(signed_in, user, forum):
    response = signed_in.post(WITHDRAW_URL)
    assert response.status_code == 302
    assert response["Location"] == CONSENT_URL
    given = user.health_data_consents.get()
    assert given.withdrawn_at is not None
    user.refresh_from_db()
    assert user.health_consent_version is None
    refused = signed_in.post(
        reverse("forum:thread-create"),
        {
            "forum": forum.pk,
            "title": "Tingling lips after a new medicine",
            "body": "It started two days after I began the tablets.",
        },
    )
    assert refused.status_code == 403
    assert not Thread.objects.exists()


def test_after_withdrawing_the_page_offers_the_download_and_the_deletion(
    signed_in, user
):
    response = signed_in.post(WITHDRAW_URL, follow=True)
    main = parse(response).one("main")
    given = user.health_data_consents.get()
    assert "You withdrew your consent on" in main.one(".lead").text
    assert main.one(".lead time")["datetime"] == given.withdrawn_at.isoformat()
    steps = main.one("section.panel")
    assert steps.get_by_role("heading", "What you can do next")
    download = steps.one(f'form[action="{EXPORT_URL}"]')
    assert download["method"] == "post"
    assert download.get_by_role("button", "Download my data")
    assert steps.get_by_role("link", "Delete my account")["href"] == DELETE_URL
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Your consent is withdrawn. You can no longer ask, reply or edit."
    ]
    # Changing their mind is one tick away.
    assert main.one(f'form[action="{CONSENT_URL}"]').get_by_role("button", "Agree")


def test_the_download_offered_works_after_withdrawing(signed_in, user):
    signed_in.post(WITHDRAW_URL)
    response = signed_in.post(EXPORT_URL)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_deletion_offered_works_after_withdrawing(signed_in, user):
    signed_in.post(WITHDRAW_URL)
    response = signed_in.post(
        DELETE_URL, {"posts": "remove", "confirmation": "correct-horse-battery"}
    )
    assert response["Location"] == reverse("privacy:account-deleted")
    user.refresh_from_db()
    assert user.is_former_member


def test_withdrawing_twice_changes_nothing_the_second_time(signed_in, user):
    signed_in.post(WITHDRAW_URL, follow=True)
    first = user.health_data_consents.get().withdrawn_at
    response = signed_in.post(WITHDRAW_URL, follow=True)
    assert user.health_data_consents.get().withdrawn_at == first
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Your consent was already withdrawn."]


def test_withdrawing_what_was_never_given_changes_nothing(client, db):
    member = UserFactory(without_consent=True)
    client.force_login(member)
    response = client.post(WITHDRAW_URL, follow=True)
    assert not member.health_data_consents.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["You had not given consent, so nothing changed."]


def test_with_nothing_to_withdraw_the_page_says_so(client, db):
    client.force_login(UserFactory(without_consent=True))
    main = parse(client.get(WITHDRAW_URL)).one("main")
    assert "there is nothing to withdraw" in main.text
    assert not main.select(f'form[action="{WITHDRAW_URL}"]')


def test_agreeing_again_after_withdrawing_adds_to_the_history(signed_in, user):
    signed_in.post(WITHDRAW_URL)
    signed_in.post(CONSENT_URL, {"health-consent": "on", "health-consent_version": 1})
    rows = list(user.health_data_consents.order_by("given_at", "pk"))
    assert [row.withdrawn_at is None for row in rows] == [False, True]
    user.refresh_from_db()
    assert consent.has_current_consent(user)


def test_an_outdated_consent_can_be_withdrawn_too(signed_in, user, monkeypatch):
    first = consent.WORDINGS[1]
    monkeypatch.setitem(
        consent.WORDINGS,
        2,
        consent.ConsentWording(2, first.title, first.introduction, first.points, "Ok"),
    )
    assert "Withdraw my consent" in parse(signed_in.get(WITHDRAW_URL)).text
    signed_in.post(WITHDRAW_URL)
    assert not HealthDataConsent.objects.filter(withdrawn_at__isnull=True).exists()


def test_visitors_are_asked_to_log_in(client, db):
    response = client.post(WITHDRAW_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_withdrawing_needs_the_forms_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(WITHDRAW_URL).status_code == 403
    assert user.health_data_consents.get().withdrawn_at is None


def test_withdrawing_is_a_get_or_a_post_only(signed_in):
    assert signed_in.put(WITHDRAW_URL).status_code == 405
