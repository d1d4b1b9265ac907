"""The member's verification page: applying, the status, withdrawing."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import ProfessionalCredential
from tests.factories import UserFactory
from tests.html import parse

from .conftest import APPLICATION

Status = ProfessionalCredential.Status
URL = reverse("accounts:verification")


def _withdraw_url(credential):
    return reverse("accounts:verification-withdraw", kwargs={"pk": credential.pk})


def _status(page):
    """Return the status section and its details, term by term."""
    section = page.one("section.credential-status")
    rows = section.one("dl.credential-details").children
    return section, {row.one("dt").text: row.one("dd").text for row in rows}


def _message(page):
    return page.one(".messages").text


# --- Who may see it. ------------------------------------------------------------


def test_anonymous_reader_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.post(URL, APPLICATION)
    assert response.status_code == 302
    assert not ProfessionalCredential.objects.exists()


def test_anonymous_withdrawal_is_sent_to_log_in(client, pending):
    response = client.post(_withdraw_url(pending))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_account_pages_link_to_verification(client, user):
    client.force_login(user)
    for url in (reverse("account_email"), reverse("forum:index")):
        links = parse(client.get(url)).by_role("link", "Professional verification")
        assert links, url
        assert {link["href"] for link in links} == {URL}, url


# --- Applying. ------------------------------------------------------------------


def test_member_sees_the_form_and_no_status(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["latest"] is None
    page = parse(response)
    assert page.select("section.credential-status") == []
    page.get_by_role("heading", "Apply to be verified")
    form = page.one(f'form[action="{URL}"]')
    assert form.one('label[for="id_licence_number"]').text.startswith(
        "Licence or registration number"
    )
    # Exactly the application's fields: nothing that sets the badge.
    assert {control["name"] for control in form.select("[name]")} == {
        "csrfmiddlewaretoken",
        *APPLICATION,
    }


def test_member_applies_and_sees_it_pending(client, user, mailoutbox):
    client.force_login(user)
    response = client.post(URL, APPLICATION)
    assert response.status_code == 302
    assert response["Location"] == URL
    credential = ProfessionalCredential.objects.get(user=user)
    assert credential.status == Status.PENDING
    assert credential.licence_number == APPLICATION["licence_number"]
    response = client.get(URL)
    page = parse(response)
    assert "Your application is with our staff" in _message(page)
    status, details = _status(page)
    assert status.one(".credential-state").text == "Status: Pending review"
    assert details["Licence or registration number"] == "GMC-7654321"
    withdraw = status.one(f'form[action="{_withdraw_url(credential)}"]')
    withdraw.get_by_role("button", "Withdraw this application")
    assert response.context["form"] is None
    assert page.select(f'form[action="{URL}"]') == []
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("licence_number", "", "Enter your licence or registration number."),
        ("licence_number", "x" * 51, "at most 50 characters"),
        ("profession", "", "Choose your profession."),
        ("profession", "witch_doctor", "Select a valid choice."),
        ("note", "x" * 1001, "at most 1000 characters"),
        ("register_url", "not a link", "Enter a full web address"),
    ],
)
def test_bad_input_is_shown_beside_its_field(client, user, field, value, message):
    client.force_login(user)
    response = client.post(URL, {**APPLICATION, field: value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    page = parse(response)
    control = page.one(f"#id_{field}")
    assert control["aria-describedby"].split() == [
        f"id_{field}_helptext",
        f"id_{field}_error",
    ]
    assert message in page.one(f"#id_{field}_error").text
    assert not ProfessionalCredential.objects.exists()


def test_other_profession_needs_a_name(client, user):
    client.force_login(user)
    response = client.post(URL, {**APPLICATION, "profession": "other", "specialty": ""})
    assert "specialty" in response.context["form"].errors
    assert not ProfessionalCredential.objects.exists()


def test_second_application_while_one_is_pending_is_refused(client, applicant, pending):
    client.force_login(applicant)
    response = client.post(URL, {**APPLICATION, "licence_number": "OTHER-1"})
    assert response.status_code == 409
    form = parse(response).one(f'form[action="{URL}"]')
    assert "already have an application" in form.one(".alert-danger").text
    assert list(ProfessionalCredential.objects.values_list("pk", flat=True)) == [
        pending.pk
    ]


def test_forged_fields_cannot_set_the_badge_or_the_status(client, user):
    client.force_login(user)
    client.post(
        URL,
        {
            **APPLICATION,
            "status": "approved",
            "user": UserFactory().pk,
            "is_medical_professional": "on",
            "professional_title": "Chief of Medicine",
            "reviewed_by": user.pk,
        },
    )
    credential = ProfessionalCredential.objects.get()
    assert (credential.user, credential.status, credential.reviewed_by) == (
        user,
        Status.PENDING,
        None,
    )
    user.refresh_from_db()
    assert (user.is_medical_professional, user.professional_title) == (False, "")


# --- What each status shows. --------------------------------------------------


def test_approved_member_sees_the_badge_and_no_form(client, applicant, approved):
    client.force_login(applicant)
    response = client.get(URL)
    page = parse(response)
    assert response.context["form"] is None
    status, _ = _status(page)
    assert status.one(".credential-state").text == "Status: Approved"
    assert status.one(".badge-title").text == "Neurologist"
    assert status.by_role("button") == []
    assert page.select(f'form[action="{URL}"]') == []


def test_rejected_member_sees_the_reason_and_can_apply_again(
    client, applicant, pending, staff
):
    services.reject_credential(
        reviewer=staff, credential=pending, reason="The link shows another person."
    )
    client.force_login(applicant)
    response = client.get(URL)
    page = parse(response)
    status, _ = _status(page)
    assert status.one(".credential-state").text == "Status: Rejected"
    assert status.one(".review-note p").text == "The link shows another person."
    page.get_by_role("heading", "Apply again")
    page.one(f'form[action="{URL}"]')
    # The form starts from the last answers, except the note.
    form = response.context["form"]
    assert form.initial["licence_number"] == APPLICATION["licence_number"]
    assert "note" not in form.initial
    response = client.post(URL, {**APPLICATION, "register_url": ""})
    assert response.status_code == 302
    assert ProfessionalCredential.objects.filter(user=applicant).count() == 2
    page = client.get(URL)
    assert page.context["latest"].status == Status.PENDING
    assert [c.status for c in page.context["earlier"]] == [Status.REJECTED]
    history = parse(page).one("section.credential-history")
    history.get_by_role("heading", "Earlier applications")
    (earlier,) = history.by_role("listitem")
    assert earlier.text.startswith("Rejected: Physician, Neurology, sent ")
    assert earlier.one(".meta").text == "The link shows another person."


def test_revoked_member_sees_the_reason(client, applicant, approved, staff):
    services.revoke_credential(
        reviewer=staff, credential=approved, reason="Registration lapsed."
    )
    client.force_login(applicant)
    page = parse(client.get(URL))
    status, _ = _status(page)
    assert status.one(".credential-state").text == "Status: Revoked"
    assert status.one(".review-note p").text == "Registration lapsed."
    assert status.select(".badge-professional") == []
    page.get_by_role("heading", "Apply again")


# --- Withdrawing. ---------------------------------------------------------------


def test_member_withdraws_a_pending_application(client, applicant, pending):
    client.force_login(applicant)
    response = client.post(_withdraw_url(pending))
    assert response.status_code == 302
    assert response["Location"] == URL
    pending.refresh_from_db()
    assert pending.status == Status.WITHDRAWN
    page = parse(client.get(URL))
    assert "Your application is withdrawn." in _message(page)
    status, _ = _status(page)
    assert status.one(".credential-state").text == "Status: Withdrawn"
    page.get_by_role("heading", "Apply again")


def test_withdrawal_needs_a_post(client, applicant, pending):
    client.force_login(applicant)
    assert client.get(_withdraw_url(pending)).status_code == 405
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_withdrawing_someone_elses_application_is_forbidden(
    client, other_user, pending
):
    client.force_login(other_user)
    response = client.post(_withdraw_url(pending))
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_withdrawing_a_decided_application_changes_nothing(client, applicant, approved):
    client.force_login(applicant)
    response = client.post(_withdraw_url(approved), follow=True)
    assert "no longer waiting for review" in _message(parse(response))
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    applicant.refresh_from_db()
    assert applicant.is_medical_professional


def test_withdrawing_a_missing_application_is_404(client, user):
    client.force_login(user)
    url = reverse("accounts:verification-withdraw", kwargs={"pk": 987654})
    assert client.post(url).status_code == 404
