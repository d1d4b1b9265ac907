"""Signing up asks, apart from everything else, for consent to keep health writing."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import consent
from accounts.adapter import AccountAdapter
from accounts.models import HealthDataConsent, User
from tests.factories import UserFactory
from tests.html import parse

PASSWORD = "calm-otter-river-42"
SIGNUP = {
    "email": "quiet.reader@example.com",
    "username": "quiet_reader",
    "password1": PASSWORD,
    "password2": PASSWORD,
}
# The fingerprint of every published wording. A published version must never
# change: members agreed to those exact words. To change the wording, add a
# version to accounts.consent.WORDINGS and its fingerprint here.
PUBLISHED = {
    1: "38803291af69b8027987b80a333baba72286e0b278d29fc19a3b9562872a1fa8",
}


def _signup(client, **data):
    return client.post(reverse("account_signup"), {**SIGNUP, **data})


def _a_second_version(monkeypatch) -> consent.ConsentWording:
    first = consent.WORDINGS[1]
    second = consent.ConsentWording(
        version=2,
        title=first.title,
        introduction=first.introduction,
        points=first.points,
        agreement=first.agreement,
        changes="We now say how long we keep what you write.",
    )
    monkeypatch.setitem(consent.WORDINGS, 2, second)
    return second


# --- The page. ---------------------------------------------------------------


def test_signup_explains_what_is_kept_who_sees_it_and_withdrawing(client, db):
    page = parse(client.get(reverse("account_signup")))
    box = page.one("section.consent-box")
    assert box.get_by_role("heading", "Your health information")
    headings = [h.text for h in box.by_role("heading")][1:]
    assert headings == [
        "What we keep",
        "Who sees it",
        "You can change your mind",
        "What withdrawing means",
    ]
    assert "withdraw your consent at any time" in box.text
    assert "you cannot ask, reply or edit" in box.text
    check = box.get_by_role(
        "checkbox",
        "I agree that Health Forum may keep what I write about my health, "
        "as explained above.",
    )
    assert "checked" not in check.attrs
    assert box.one('input[name="consent_version"]').value == "1"


def test_the_consent_box_comes_after_the_account_details(client, db):
    form = parse(client.get(reverse("account_signup"))).one("form.auth-form")
    names = [field["name"] for field in form.select("input[name]")]
    assert names.index("consent") > names.index("password2")
    assert form.get_by_role("button", "Sign up")


# --- Refused without it. -----------------------------------------------------


def test_signup_without_consent_is_refused_and_keeps_what_was_typed(client, db):
    response = _signup(client)
    assert response.status_code == 200
    page = parse(response)
    error = page.one("#id_consent_error")
    assert "Please tick the box to agree" in error.text
    assert "You can read the forum without an account" in error.text
    assert page.one("#id_consent")["aria-describedby"] == "id_consent_error"
    assert page.one("#id_consent")["aria-invalid"] == "true"
    assert page.one("#id_email").value == SIGNUP["email"]
    assert page.one("#id_username").value == SIGNUP["username"]
    # Passwords are never sent back.
    assert page.one("#id_password1").value == ""
    assert PASSWORD not in response.content.decode()
    assert not User.objects.exists()
    assert not HealthDataConsent.objects.exists()
    assert mail.outbox == []


def test_an_unticked_box_sent_as_off_is_refused_too(client, db):
    response = _signup(client, consent="")
    assert "consent" in response.context["form"].errors
    assert not User.objects.exists()


def test_a_wording_that_was_never_published_is_refused(client, db):
    response = _signup(client, consent="on", consent_version="99")
    assert response.status_code == 200
    assert "The explanation changed while this page was open" in parse(response).text
    # The page shows the current wording again, to agree to afresh.
    assert parse(response).one('input[name="consent_version"]').value == "1"
    assert not User.objects.exists()


# --- Recorded with it. -------------------------------------------------------


def test_signup_with_consent_records_it_and_its_version(client, db):
    response = _signup(client, consent="on", consent_version="1")
    assert response.status_code == 302
    member = User.objects.get(username="quiet_reader")
    (given,) = HealthDataConsent.objects.filter(member=member)
    assert (given.version, given.given_via) == (1, HealthDataConsent.Via.SIGNUP)
    assert given.withdrawn_at is None
    assert member.health_consent_version == 1
    assert consent.has_current_consent(member)


def test_signup_records_the_version_the_page_showed(client, db, monkeypatch):
    # A page loaded before a new wording was published: what the member read
    # is what is recorded, and they are asked again before they write.
    _a_second_version(monkeypatch)
    _signup(client, consent="on", consent_version="1")
    member = User.objects.get(username="quiet_reader")
    assert member.health_data_consents.get().version == 1
    assert not consent.has_current_consent(member)


def test_a_signup_that_sends_no_version_agrees_to_the_current_one(client, db):
    _signup(client, consent="on")
    member = User.objects.get(username="quiet_reader")
    assert member.health_data_consents.get().version == consent.current_version()


def test_a_signup_refused_for_another_reason_records_nothing(client, db):
    UserFactory(username="quiet_reader", email="first@example.com")
    _signup(client, consent="on")
    assert HealthDataConsent.objects.filter(member__email=SIGNUP["email"]).count() == 0


def test_a_signup_form_without_the_box_records_no_consent(rf, db):
    # An automatic social sign-up saves its user through the adapter with a
    # form that has no consent box: nothing is presumed, they are asked later.
    form = SimpleNamespace(
        cleaned_data={"email": "social@example.com", "username": "from_elsewhere"}
    )
    member = AccountAdapter().save_user(rf.post("/"), User(), form)
    assert member.pk is not None
    assert not HealthDataConsent.objects.filter(member=member).exists()
    assert member.health_consent_version is None


# --- The wording. ------------------------------------------------------------


def test_published_wording_never_changes():
    fingerprints = {
        version: wording.fingerprint for version, wording in consent.WORDINGS.items()
    }
    assert fingerprints == PUBLISHED


def test_each_wording_says_what_is_kept_who_sees_it_and_how_to_withdraw():
    for wording in consent.WORDINGS.values():
        headings = [heading for heading, _ in wording.points]
        assert headings[:2] == ["What we keep", "Who sees it"]
        assert "withdraw" in wording.text
        assert wording.agreement.startswith("I agree")


# --- The services. -----------------------------------------------------------


def test_agreeing_twice_records_one_consent(db):
    member = UserFactory(without_consent=True)
    first = consent.give_health_consent(member=member, via="consent_page")
    again = consent.give_health_consent(member=member, via="consent_page")
    assert first == again
    assert member.health_data_consents.count() == 1


def test_agreeing_to_an_older_wording_keeps_the_newer_standing(db, monkeypatch):
    _a_second_version(monkeypatch)
    member = UserFactory(without_consent=True)
    consent.give_health_consent(member=member, via="consent_page", version=2)
    consent.give_health_consent(member=member, via="consent_page", version=1)
    member.refresh_from_db()
    assert member.health_consent_version == 2
    assert member.health_data_consents.count() == 2


def test_an_unknown_version_or_origin_is_refused(db):
    member = UserFactory(without_consent=True)
    with pytest.raises(ValidationError):
        consent.give_health_consent(member=member, via="signup", version=7)
    with pytest.raises(ValidationError):
        consent.give_health_consent(member=member, via="guessed")
    assert not member.health_data_consents.exists()


def test_an_inactive_account_cannot_agree(db):
    member = UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        consent.give_health_consent(member=member, via="consent_page")


def test_the_factory_makes_consenting_members_unless_told_not_to(db):
    assert UserFactory().health_consent_version == consent.current_version()
    assert UserFactory(without_consent=True).health_consent_version is None
    assert not UserFactory(health_consent=False).health_data_consents.exists()
