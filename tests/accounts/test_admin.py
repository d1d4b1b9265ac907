"""Staff review credentials in the admin; nobody else can grant the badge."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts import services
from accounts.models import (
    CredentialDecision,
    ProfessionalCredential,
    ProfessionalDisclaimer,
    User,
)
from forum import services as forum_services
from tests.factories import ProfessionalCredentialFactory, UserFactory
from tests.html import parse

from .conftest import APPLICATION

Status = ProfessionalCredential.Status
CHANGELIST = reverse("admin:accounts_professionalcredential_changelist")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _change(credential):
    return reverse("admin:accounts_professionalcredential_change", args=[credential.pk])


def _decide_url(credential, decision):
    return reverse(
        "admin:accounts_professionalcredential_decide", args=[credential.pk, decision]
    )


def _act(client, action, *credentials):
    """Post the changelist's action form, as the Go button does."""
    data = {
        "action": action,
        "_selected_action": [c.pk for c in credentials],
        "index": 0,
    }
    return client.post(CHANGELIST, data)


def _confirm(client, action, *credentials, note=""):
    """Post the confirmation page's form, as its button does."""
    data = {
        "action": action,
        "_selected_action": [c.pk for c in credentials],
        "confirm": "yes",
        "note": note,
    }
    return client.post(CHANGELIST, data)


def _badge(user):
    user.refresh_from_db()
    return user.is_medical_professional, user.professional_title


def _question(page):
    """Return the confirmation page's question, its first paragraph."""
    return page.one("#content").select("p")[0].text


def _application(page, member):
    """Return the confirmation page's block about member's application."""
    return page.get_by_role("heading", f"{member.username} ({member.email})").parent


# --- The queue. -------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", ["professionalcredential", "credentialdecision", "professionaldisclaimer"]
)
def test_changelists_answer_staff(staff_client, approved, model):
    response = staff_client.get(reverse(f"admin:accounts_{model}_changelist"))
    assert response.status_code == 200


def test_queue_lists_pending_first_oldest_first(staff_client, staff):
    older = ProfessionalCredentialFactory()
    decided = ProfessionalCredentialFactory()
    services.approve_credential(reviewer=staff, credential=decided)
    newer = ProfessionalCredentialFactory()
    response = staff_client.get(CHANGELIST)
    assert list(response.context["cl"].result_list) == [older, newer, decided]
    actions = parse(response).select('select[name="action"] option')
    assert [option.value for option in actions] == [
        "",
        "approve_credentials",
        "reject_credentials",
        "revoke_credentials",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dr_okafor", 1),
        ("dr_okafor@example.com", 1),
        ("GMC-7654321", 1),
        ("nobody_at_all", 0),
    ],
)
def test_queue_searches_by_member_email_and_licence(
    staff_client, pending, query, expected
):
    ProfessionalCredentialFactory()
    response = staff_client.get(CHANGELIST, {"q": query})
    assert response.context["cl"].result_count == expected


def test_queue_filters_by_status_and_profession(staff_client, pending, staff):
    nurse = ProfessionalCredentialFactory(profession="registered_nurse")
    services.approve_credential(reviewer=staff, credential=nurse)
    by_status = staff_client.get(CHANGELIST, {"status__exact": "pending"})
    assert list(by_status.context["cl"].result_list) == [pending]
    by_profession = staff_client.get(
        CHANGELIST, {"profession__exact": "registered_nurse"}
    )
    assert list(by_profession.context["cl"].result_list) == [nurse]


def test_change_page_shows_the_members_history_and_no_save(
    staff_client, applicant, staff, forum
):
    earlier = services.apply_for_verification(user=applicant, **APPLICATION)
    services.reject_credential(
        reviewer=staff, credential=earlier, reason="Blurry register page."
    )
    current = services.apply_for_verification(user=applicant, **APPLICATION)
    forum_services.post_thread(
        author=applicant, forum=forum, title="A question", body="Body text."
    )
    response = staff_client.get(_change(current))
    assert response.status_code == 200
    page = parse(response)
    history = page.one(".field-member_history .readonly")
    assert history.text.startswith("Joined ")
    assert "1 question and 0 replies posted" in history.text
    assert "Note: “Blurry register page.”" in history.text
    assert page.one(".field-badge_title .readonly").text == "Neurologist"
    # Read-only: the only button closes the page; decisions are links.
    form = page.one("form#professionalcredential_form")
    assert [button.name for button in form.by_role("button")] == ["Close"]
    assert page.select('[name="_save"]') == []
    tools = page.one(".object-tools").by_role("link")
    decisions = [link["href"] for link in tools if "/decide/" in link["href"]]
    assert decisions == [
        _decide_url(current, "approve"),
        _decide_url(current, "reject"),
    ]


def test_change_form_cannot_set_the_status(staff_client, pending, applicant):
    staff_client.post(
        _change(pending),
        {"status": "approved", "review_note": "sneaky", "licence_number": "X"},
    )
    pending.refresh_from_db()
    assert (pending.status, pending.licence_number) == (Status.PENDING, "GMC-7654321")
    assert _badge(applicant) == (False, "")


def test_staff_cannot_add_or_delete_credentials(staff_client, pending):
    add = reverse("admin:accounts_professionalcredential_add")
    assert staff_client.get(add).status_code == 403
    delete = reverse("admin:accounts_professionalcredential_delete", args=[pending.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert ProfessionalCredential.objects.filter(pk=pending.pk).exists()


# --- Approving, rejecting, revoking. -----------------------------------------------


def test_approve_asks_for_a_note_then_grants_the_badge(
    staff_client,
    staff,
    pending,
    applicant,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    page = _act(staff_client, "approve_credentials", pending)
    assert page.status_code == 200
    assert [c for c, _ in page.context["ready"]] == [pending]
    confirmation = parse(page)
    assert _question(confirmation).startswith("Approve 1 application?")
    application = _application(confirmation, applicant).text
    assert "Licence: GMC-7654321, General Medical Council" in application
    assert "History: Joined " in application
    confirmation.get_by_role("button", "Approve")
    assert _badge(applicant) == (False, "")  # Nothing happens before the confirmation.

    with django_capture_on_commit_callbacks(execute=True):
        response = _confirm(
            staff_client, "approve_credentials", pending, note="Register checked."
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    assert (pending.reviewed_by, pending.review_note) == (staff, "Register checked.")
    assert _badge(applicant) == (True, "Neurologist")
    decision = CredentialDecision.objects.get()
    assert (decision.decided_by, decision.note) == (staff, "Register checked.")
    assert [m.to for m in mailoutbox] == [[applicant.email]]


def test_reject_requires_a_reason(staff_client, pending, mailoutbox):
    response = _confirm(staff_client, "reject_credentials", pending, note="  ")
    assert response.status_code == 200
    page = parse(response)
    assert "id_note_error" in page.one("#id_note")["aria-describedby"].split()
    assert page.one("#id_note_error").text.startswith("Give the member a reason")
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert mailoutbox == []


def test_reject_records_and_mails_the_reason(
    staff_client, pending, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(staff_client, "reject_credentials", pending, note="Licence not found.")
    pending.refresh_from_db()
    assert (pending.status, pending.review_note) == (
        Status.REJECTED,
        "Licence not found.",
    )
    assert _badge(applicant) == (False, "")
    (message,) = mailoutbox
    assert "Licence not found." in message.body


def test_revoke_takes_the_badge_away(
    staff_client, approved, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    page = _act(staff_client, "revoke_credentials", approved)
    label = parse(page).one('label[for="id_note"]')
    assert label.text == "Reason (sent to the member):"
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(staff_client, "revoke_credentials", approved, note="Struck off.")
    approved.refresh_from_db()
    assert approved.status == Status.REVOKED
    assert _badge(applicant) == (False, "")
    assert list(
        CredentialDecision.objects.order_by("id").values_list("decision", flat=True)
    ) == ["approved", "revoked"]
    assert len(mailoutbox) == 1


def test_actions_skip_credentials_whose_status_does_not_allow_them(
    staff_client, staff, pending
):
    approved = ProfessionalCredentialFactory()
    services.approve_credential(reviewer=staff, credential=approved)
    page = _act(staff_client, "approve_credentials", pending, approved)
    assert page.context["unchanged"] == [approved]
    response = _confirm(staff_client, "approve_credentials", pending, approved)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    assert CredentialDecision.objects.count() == 2  # One each, none doubled.


def test_nothing_to_do_shows_no_confirm_button(staff_client, pending):
    page = _act(staff_client, "revoke_credentials", pending)
    assert page.context["ready"] == []
    confirmation = parse(page)
    assert confirmation.one(".errornote").text.startswith("Nothing to do")
    confirmation.get_by_role("link", "Back to the list")
    assert confirmation.select('[name="confirm"]') == []
    _confirm(staff_client, "revoke_credentials", pending, note="Why not.")
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_decide_from_the_change_page(staff_client, pending, applicant):
    url = _decide_url(pending, "approve")
    page = staff_client.get(url)
    assert page.status_code == 200
    assert _question(parse(page)).startswith("Approve 1 application?")
    response = staff_client.post(url, {"confirm": "yes", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == _change(pending)
    assert _badge(applicant) == (True, "Neurologist")


def test_unknown_decision_is_404(staff_client, pending):
    assert staff_client.get(_decide_url(pending, "promote")).status_code == 404


def test_staff_cannot_approve_their_own_application(staff_client, staff):
    own = services.apply_for_verification(user=staff, **APPLICATION)
    page = _act(staff_client, "approve_credentials", own)
    assert page.context["unchanged"] == [own]
    _confirm(staff_client, "approve_credentials", own)
    own.refresh_from_db()
    assert own.status == Status.PENDING
    assert _badge(staff) == (False, "")


# --- Refusals for anyone but reviewing staff. ---------------------------------------


def test_non_staff_member_cannot_use_the_admin(client, user, pending, applicant):
    client.force_login(user)
    for response in (
        _act(client, "approve_credentials", pending),
        _confirm(client, "approve_credentials", pending),
        client.post(_decide_url(pending, "approve"), {"confirm": "yes"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert _badge(applicant) == (False, "")


def test_anonymous_forged_post_changes_nothing(client, pending, applicant):
    response = _confirm(client, "approve_credentials", pending)
    assert response.status_code == 302
    assert _badge(applicant) == (False, "")


def test_staff_without_permission_are_refused(client, pending, applicant):
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(
        Permission.objects.get(codename="view_professionalcredential")
    )
    client.force_login(clerk)
    changelist = client.get(CHANGELIST)
    assert changelist.status_code == 200
    page = parse(changelist)
    page.one(f'#result_list a[href="{_change(pending)}"]')
    assert page.select('[value="approve_credentials"]') == []
    # A forged post of the action is ignored: the admin offers no such action.
    assert _confirm(client, "approve_credentials", pending).status_code == 200
    assert client.get(_decide_url(pending, "approve")).status_code == 403
    assert (
        client.post(_decide_url(pending, "approve"), {"confirm": "y"}).status_code
        == 403
    )
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert _badge(applicant) == (False, "")


def test_user_admin_cannot_set_the_badge(staff_client, user):
    url = reverse("admin:accounts_user_change", args=[user.pk])
    response = staff_client.get(url)
    form = response.context["adminform"].form
    assert "is_medical_professional" not in form.fields
    assert "professional_title" not in form.fields
    data = {
        "username": user.username,
        "email": user.email,
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "is_active": "on",
        "is_medical_professional": "on",
        "professional_title": "Surgeon General",
    }
    staff_client.post(url, data)
    user.refresh_from_db()
    assert (user.is_medical_professional, user.professional_title) == (False, "")
    assert User.objects.filter(is_medical_professional=True).count() == 0


# --- The disclaimer. -----------------------------------------------------------


def test_staff_add_then_edit_the_disclaimer(
    staff_client, staff, django_capture_on_commit_callbacks
):
    add = reverse("admin:accounts_professionaldisclaimer_add")
    page = staff_client.get(add)
    assert "educational purposes" in page.context["adminform"].form.initial["text"]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(add, {"text": "Read this as general information."})
    assert response.status_code == 302
    disclaimer = ProfessionalDisclaimer.objects.get()
    assert (disclaimer.text, disclaimer.updated_by) == (
        "Read this as general information.",
        staff,
    )
    assert ProfessionalDisclaimer.objects.current_text() == disclaimer.text
    assert staff_client.get(add).status_code == 403  # Only one.
    change = reverse("admin:accounts_professionaldisclaimer_change", args=[1])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(change, {"text": "Second thoughts."})
    assert ProfessionalDisclaimer.objects.current_text() == "Second thoughts."
    assert ProfessionalDisclaimer.objects.count() == 1
