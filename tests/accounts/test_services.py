"""The verification state machine: every allowed and every refused step."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services
from accounts.models import (
    DISCLAIMER_CACHE_KEY,
    CredentialDecision,
    ProfessionalCredential,
    ProfessionalDisclaimer,
)
from accounts.tasks import send_credential_decision
from core.cache import page_cache
from tests.factories import ProfessionalCredentialFactory, UserFactory

from .conftest import APPLICATION

Status = ProfessionalCredential.Status


def _badge(user):
    user.refresh_from_db()
    return user.is_medical_professional, user.professional_title


def _credential_in(status, staff) -> ProfessionalCredential:
    """Return a credential brought to status through the services."""
    credential = services.apply_for_verification(user=UserFactory(), **APPLICATION)
    if status == Status.WITHDRAWN:
        services.withdraw_application(user=credential.user, credential=credential)
    elif status == Status.REJECTED:
        services.reject_credential(
            reviewer=staff, credential=credential, reason="Not on the register."
        )
    elif status in (Status.APPROVED, Status.REVOKED):
        services.approve_credential(reviewer=staff, credential=credential)
        if status == Status.REVOKED:
            services.revoke_credential(
                reviewer=staff, credential=credential, reason="Licence lapsed."
            )
    credential.refresh_from_db()
    assert credential.status == status
    return credential


# --- Applying. ----------------------------------------------------------------


def test_apply_opens_a_pending_application_without_a_badge(applicant):
    credential = services.apply_for_verification(user=applicant, **APPLICATION)
    assert credential.status == Status.PENDING
    assert credential.user == applicant
    assert credential.licence_number == "GMC-7654321"
    assert credential.reviewed_by is None
    assert _badge(applicant) == (False, "")
    assert not CredentialDecision.objects.exists()


def test_apply_strips_what_was_typed(applicant):
    credential = services.apply_for_verification(
        user=applicant,
        **{**APPLICATION, "licence_number": "  GMC-1  ", "region": " Wales "},
    )
    assert (credential.licence_number, credential.region) == ("GMC-1", "Wales")


def test_apply_needs_only_the_required_fields(applicant):
    credential = services.apply_for_verification(
        user=applicant,
        profession="registered_nurse",
        licence_number="NMC-12A3456B",
        licensing_body="Nursing and Midwifery Council",
        region="England",
    )
    assert (credential.specialty, credential.register_url, credential.note) == (
        "",
        "",
        "",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("licence_number", ""),
        ("licence_number", "   "),
        ("licensing_body", ""),
        ("region", ""),
        ("profession", "witch_doctor"),
        ("licence_number", "x" * 51),
        ("specialty", "x" * 81),
        ("licensing_body", "x" * 151),
        ("note", "x" * 1001),
        ("register_url", "not a link"),
        ("register_url", "javascript:alert(1)"),
    ],
)
def test_apply_refuses_bad_input_and_saves_nothing(applicant, field, value):
    with pytest.raises(ValidationError) as error:
        services.apply_for_verification(user=applicant, **{**APPLICATION, field: value})
    assert field in error.value.message_dict
    assert not ProfessionalCredential.objects.exists()


def test_other_profession_must_be_named(applicant):
    with pytest.raises(ValidationError) as error:
        services.apply_for_verification(
            user=applicant, **{**APPLICATION, "profession": "other", "specialty": ""}
        )
    assert "specialty" in error.value.message_dict


@pytest.mark.parametrize("status", [Status.PENDING, Status.APPROVED])
def test_second_open_application_is_refused(staff, status):
    credential = _credential_in(status, staff)
    with pytest.raises(ValidationError) as error:
        services.apply_for_verification(user=credential.user, **APPLICATION)
    assert error.value.code == "open_application"
    assert ProfessionalCredential.objects.filter(user=credential.user).count() == 1


@pytest.mark.parametrize("status", [Status.REJECTED, Status.WITHDRAWN, Status.REVOKED])
def test_member_may_apply_again_once_nothing_is_open(staff, status):
    credential = _credential_in(status, staff)
    assert services.can_apply_for_verification(credential.user)
    again = services.apply_for_verification(user=credential.user, **APPLICATION)
    assert again.status == Status.PENDING
    assert ProfessionalCredential.objects.filter(user=credential.user).count() == 2


def test_inactive_member_cannot_apply(db):
    inactive = UserFactory(is_active=False)
    assert not services.can_apply_for_verification(inactive)
    with pytest.raises(PermissionDenied):
        services.apply_for_verification(user=inactive, **APPLICATION)


# --- Withdrawing. -------------------------------------------------------------


def test_member_withdraws_own_pending_application(pending, applicant):
    assert services.can_withdraw_application(applicant, pending)
    credential = services.withdraw_application(user=applicant, credential=pending)
    assert credential.status == Status.WITHDRAWN
    assert not CredentialDecision.objects.exists()
    assert _badge(applicant) == (False, "")


def test_nobody_withdraws_someone_elses_application(pending, other_user, staff):
    for intruder in (other_user, staff):
        assert not services.can_withdraw_application(intruder, pending)
        with pytest.raises(PermissionDenied):
            services.withdraw_application(user=intruder, credential=pending)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


@pytest.mark.parametrize(
    "status", [Status.APPROVED, Status.REJECTED, Status.REVOKED, Status.WITHDRAWN]
)
def test_only_a_pending_application_can_be_withdrawn(staff, status):
    credential = _credential_in(status, staff)
    before = _badge(credential.user)
    with pytest.raises(ValidationError) as error:
        services.withdraw_application(user=credential.user, credential=credential)
    assert error.value.code == "invalid_transition"
    credential.refresh_from_db()
    assert credential.status == status
    assert _badge(credential.user) == before


# --- Staff decisions: the allowed steps. ---------------------------------------


def test_approval_gives_the_badge_and_records_who_and_when(
    pending, applicant, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        credential = services.approve_credential(
            reviewer=staff, credential=pending, note="Checked the register."
        )
    assert credential.status == Status.APPROVED
    assert credential.reviewed_by == staff
    assert credential.reviewed_at is not None
    assert credential.review_note == "Checked the register."
    assert _badge(applicant) == (True, "Neurologist")
    (decision,) = CredentialDecision.objects.all()
    assert (decision.credential, decision.decision, decision.decided_by) == (
        credential,
        "approved",
        staff,
    )
    assert decision.decided_at == credential.reviewed_at
    (message,) = mailoutbox
    assert message.to == [applicant.email]
    assert message.subject == (
        "[Health Forum] You are verified as a medical professional"
    )
    assert "Neurologist" in message.body
    assert "Checked the register." in message.body


def test_rejection_tells_the_member_why_and_gives_no_badge(
    pending, applicant, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        credential = services.reject_credential(
            reviewer=staff,
            credential=pending,
            reason="The number is not on the council's register.",
        )
    assert credential.status == Status.REJECTED
    assert credential.review_note == "The number is not on the council's register."
    assert (credential.reviewed_by, _badge(applicant)) == (staff, (False, ""))
    assert CredentialDecision.objects.get().decision == "rejected"
    (message,) = mailoutbox
    assert (
        message.subject
        == "[Health Forum] Your verification application was not approved"
    )
    assert "The number is not on the council's register." in message.body
    # Plain text: nothing in a reason is HTML-escaped.
    assert "&#x27;" not in message.body


def test_revocation_takes_the_badge_away(
    approved, applicant, staff, mailoutbox, django_capture_on_commit_callbacks
):
    assert _badge(applicant) == (True, "Neurologist")
    with django_capture_on_commit_callbacks(execute=True):
        credential = services.revoke_credential(
            reviewer=staff, credential=approved, reason="Registration lapsed."
        )
    assert credential.status == Status.REVOKED
    assert credential.review_note == "Registration lapsed."
    assert _badge(applicant) == (False, "")
    assert list(
        CredentialDecision.objects.order_by("decided_at", "id").values_list(
            "decision", flat=True
        )
    ) == ["approved", "revoked"]
    (message,) = mailoutbox
    assert (
        message.subject
        == "[Health Forum] Your medical professional badge has been removed"
    )
    assert "Registration lapsed." in message.body


def test_mail_waits_for_the_commit(
    pending, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.approve_credential(reviewer=staff, credential=pending)
    assert mailoutbox == []
    # Queued for a worker once committed (accounts/tasks.py), never sent here.
    queued = send_credential_decision.enqueue
    assert [callback.func for callback in callbacks].count(queued) == 1


def test_member_without_an_address_gets_no_mail(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    member = UserFactory(email="", verified_email=False)
    credential = services.apply_for_verification(user=member, **APPLICATION)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_credential(reviewer=staff, credential=credential)
    assert mailoutbox == []
    assert _badge(member) == (True, "Neurologist")


@pytest.mark.parametrize("reason", ["", "   "])
@pytest.mark.parametrize("step", ["reject", "revoke"])
def test_refusals_need_a_reason(staff, step, reason):
    status = Status.PENDING if step == "reject" else Status.APPROVED
    credential = _credential_in(status, staff)
    service = getattr(services, f"{step}_credential")
    with pytest.raises(ValidationError) as error:
        service(reviewer=staff, credential=credential, reason=reason)
    assert error.value.code == "reason_required"
    credential.refresh_from_db()
    assert credential.status == status


def test_over_long_note_is_refused(pending, staff, applicant):
    with pytest.raises(ValidationError):
        services.approve_credential(reviewer=staff, credential=pending, note="x" * 1001)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert _badge(applicant) == (False, "")
    assert not CredentialDecision.objects.exists()


# --- Staff decisions: the refused steps. ---------------------------------------

REFUSED = [
    ("approve", Status.APPROVED),
    ("approve", Status.REJECTED),
    ("approve", Status.REVOKED),
    ("approve", Status.WITHDRAWN),
    ("reject", Status.APPROVED),
    ("reject", Status.REJECTED),
    ("reject", Status.REVOKED),
    ("reject", Status.WITHDRAWN),
    ("revoke", Status.PENDING),
    ("revoke", Status.REJECTED),
    ("revoke", Status.REVOKED),
    ("revoke", Status.WITHDRAWN),
]


def _decide(step, reviewer, credential):
    if step == "approve":
        return services.approve_credential(reviewer=reviewer, credential=credential)
    service = getattr(services, f"{step}_credential")
    return service(reviewer=reviewer, credential=credential, reason="Because.")


@pytest.mark.parametrize(("step", "status"), REFUSED)
def test_refused_transitions_change_nothing(
    staff, step, status, mailoutbox, django_capture_on_commit_callbacks
):
    credential = _credential_in(status, staff)
    before_badge = _badge(credential.user)
    before_decisions = CredentialDecision.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        _decide(step, staff, credential)
    assert error.value.code == "invalid_transition"
    credential.refresh_from_db()
    assert credential.status == status
    assert _badge(credential.user) == before_badge
    assert CredentialDecision.objects.count() == before_decisions
    assert mailoutbox == []


@pytest.mark.parametrize("step", ["approve", "reject", "revoke"])
def test_non_staff_cannot_decide(staff, other_user, step):
    status = Status.APPROVED if step == "revoke" else Status.PENDING
    credential = _credential_in(status, staff)
    before = _badge(credential.user)
    with pytest.raises(PermissionDenied):
        _decide(step, other_user, credential)
    credential.refresh_from_db()
    assert credential.status == status
    assert _badge(credential.user) == before


def test_staff_without_the_review_permission_cannot_decide(pending, applicant):
    clerk = UserFactory(is_staff=True)
    assert not services.can_review_credentials(clerk)
    with pytest.raises(PermissionDenied):
        services.approve_credential(reviewer=clerk, credential=pending)
    assert _badge(applicant) == (False, "")


def test_inactive_staff_cannot_decide(pending):
    former = UserFactory(is_staff=True, is_superuser=True, is_active=False)
    with pytest.raises(PermissionDenied):
        services.approve_credential(reviewer=former, credential=pending)


def test_staff_cannot_approve_their_own_application(staff):
    own = services.apply_for_verification(user=staff, **APPLICATION)
    with pytest.raises(PermissionDenied):
        services.approve_credential(reviewer=staff, credential=own)
    assert _badge(staff) == (False, "")


def test_a_stale_object_cannot_sneak_past_the_rules(pending, staff):
    # The service reads the row afresh, so an old in-memory status is ignored.
    stale = ProfessionalCredential.objects.get(pk=pending.pk)
    services.reject_credential(reviewer=staff, credential=pending, reason="No.")
    with pytest.raises(ValidationError):
        services.approve_credential(reviewer=staff, credential=stale)
    assert _badge(pending.user) == (False, "")


def test_titles_follow_profession_and_specialty(staff):
    nurse = ProfessionalCredentialFactory(
        profession="registered_nurse", specialty="Neuroscience nursing"
    )
    services.approve_credential(reviewer=staff, credential=nurse)
    assert _badge(nurse.user) == (True, "Registered nurse")


# --- The disclaimer. ------------------------------------------------------------


def test_staff_edit_the_disclaimer_and_the_cache_is_cleared(
    staff, django_capture_on_commit_callbacks
):
    assert "educational purposes" in ProfessionalDisclaimer.objects.current_text()
    assert page_cache().get(DISCLAIMER_CACHE_KEY) is not None
    with django_capture_on_commit_callbacks(execute=True):
        disclaimer = services.update_professional_disclaimer(
            editor=staff, text="  General information only; see your own doctor.  "
        )
    assert disclaimer.text == "General information only; see your own doctor."
    assert disclaimer.updated_by == staff
    assert page_cache().get(DISCLAIMER_CACHE_KEY) is None
    assert ProfessionalDisclaimer.objects.current_text() == disclaimer.text
    # Saving again changes the one row, never adds another.
    with django_capture_on_commit_callbacks(execute=True):
        services.update_professional_disclaimer(editor=staff, text="Second version.")
    assert ProfessionalDisclaimer.objects.get().text == "Second version."


@pytest.mark.parametrize("text", ["", "x" * 601])
def test_disclaimer_must_be_present_and_short(staff, text):
    with pytest.raises(ValidationError):
        services.update_professional_disclaimer(editor=staff, text=text)
    assert not ProfessionalDisclaimer.objects.exists()


def test_members_cannot_edit_the_disclaimer(user):
    with pytest.raises(PermissionDenied):
        services.update_professional_disclaimer(editor=user, text="Trust me.")
    assert not ProfessionalDisclaimer.objects.exists()
