"""Unsubscribing from a link in an e-mail, without logging in."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from notifications import emails, preferences
from notifications.models import Delivery, Kind
from tests.html import parse


def unsubscribe_url(token: str) -> str:
    return reverse("notifications:unsubscribe", kwargs={"token": token})


def delivery(member, kind):
    return preferences.delivery_for(member, kind)


def test_link_shows_a_confirmation_and_changes_nothing(client, user):
    token = emails.unsubscribe_token(user, Kind.REPLY)
    response = client.get(unsubscribe_url(token))
    assert response.status_code == 200
    page = parse(response)
    assert "New replies on threads you follow" in page.one("main").text
    assert page.one("main form[method=post] button").text == "Yes, stop these e-mails"
    assert delivery(user, Kind.REPLY) == Delivery.IMMEDIATELY


def test_pressing_the_button_stops_that_kind_only(client, user):
    token = emails.unsubscribe_token(user, Kind.REPLY)
    response = client.post(unsubscribe_url(token))
    assert response.status_code == 200
    assert "We will not e-mail you about" in response.text
    assert delivery(user, Kind.REPLY) == Delivery.NEVER
    assert delivery(user, Kind.PROFESSIONAL_REPLY) == Delivery.IMMEDIATELY


def test_one_click_post_from_a_mail_program_needs_no_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    token = emails.unsubscribe_token(user, Kind.PROFESSIONAL_REPLY)
    response = client.post(
        unsubscribe_url(token),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert delivery(user, Kind.PROFESSIONAL_REPLY) == Delivery.NEVER


def test_other_pages_still_need_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(
        reverse("notifications:email-preferences"),
        dict.fromkeys(preferences.EMAILED_KINDS, Delivery.NEVER),
    )
    assert response.status_code == 403
    assert delivery(user, Kind.REPLY) == Delivery.IMMEDIATELY


def test_digest_link_stops_every_daily_kind(client, user):
    preferences.set_email_preferences(member=user, choices={Kind.REPLY: Delivery.DAILY})
    client.post(unsubscribe_url(emails.unsubscribe_token(user, preferences.DIGEST)))
    assert delivery(user, Kind.REPLY) == Delivery.NEVER
    assert delivery(user, Kind.HELPFUL) == Delivery.NEVER
    assert delivery(user, Kind.NEW_THREAD) == Delivery.NEVER
    assert delivery(user, Kind.PROFESSIONAL_REPLY) == Delivery.IMMEDIATELY


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_token_gets_a_clear_page(client, user, other_user, method):
    token = emails.unsubscribe_token(user, Kind.REPLY)
    value, stamp, signature = token.rsplit(":", 2)
    forged = signing.b64_encode(
        f'{{"member":{other_user.pk},"what":"reply"}}'.encode()
    ).decode()
    for bad in [
        f"{forged}:{stamp}:{signature}",
        f"{value}:{stamp}:{signature[:-2]}xx",
        "not-a-token",
    ]:
        response = getattr(client, method)(unsubscribe_url(bad))
        assert response.status_code == 400
        assert "not one we recognise" in parse(response).one("h1").text
    assert delivery(other_user, Kind.REPLY) == Delivery.IMMEDIATELY
    assert delivery(user, Kind.REPLY) == Delivery.IMMEDIATELY


def test_token_for_another_purpose_is_refused(client, user):
    # Signed by this site, but with another salt: not an unsubscribe token.
    token = signing.TimestampSigner(salt="something.else").sign_object(
        {"member": user.pk, "what": "reply"}
    )
    response = client.post(unsubscribe_url(token))
    assert response.status_code == 400
    assert delivery(user, Kind.REPLY) == Delivery.IMMEDIATELY


@pytest.mark.parametrize("method", ["get", "post"])
def test_expired_token_gets_a_clear_page(client, user, monkeypatch, method):
    token = emails.unsubscribe_token(user, Kind.REPLY)
    monkeypatch.setattr(emails, "UNSUBSCRIBE_MAX_AGE", timedelta(seconds=-1))
    response = getattr(client, method)(unsubscribe_url(token))
    assert response.status_code == 400
    assert "expired" in parse(response).one("h1").text
    assert delivery(user, Kind.REPLY) == Delivery.IMMEDIATELY


def test_token_expires_after_sixty_days(client, user, monkeypatch):
    token = emails.unsubscribe_token(user, Kind.REPLY)
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 61 * 24 * 60 * 60)
    response = client.post(unsubscribe_url(token))
    assert response.status_code == 400
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 59 * 24 * 60 * 60)
    response = client.post(unsubscribe_url(token))
    assert response.status_code == 200


def test_preferences_page_saves_each_kind(client, user):
    client.force_login(user)
    url = reverse("notifications:email-preferences")
    page = parse(client.get(url))
    legends = [legend.text for legend in page.select("form fieldset legend")]
    assert legends == [Kind(kind).label for kind in preferences.CHOSEN_KINDS]
    checked = page.one('input[name="reply"][checked]')
    assert checked["value"] == Delivery.IMMEDIATELY
    assert page.one(f'label[for="{checked["id"]}"]').text == "Immediately"

    choices = dict.fromkeys(preferences.CHOSEN_KINDS, Delivery.DAILY)
    choices[Kind.HELPFUL] = Delivery.NEVER
    response = client.post(url, choices)
    assert response.status_code == 302
    assert delivery(user, Kind.REPLY) == Delivery.DAILY
    assert delivery(user, Kind.HELPFUL) == Delivery.NEVER


def test_preferences_page_needs_a_log_in(client, db):
    response = client.get(reverse("notifications:email-preferences"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
