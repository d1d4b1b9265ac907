"""Every write to professional credentials and sanctions goes through here.

A credential moves through one small state machine, one transaction per step:

    pending --approve--> approved --revoke--> revoked
    pending --reject---> rejected
    pending --withdraw-> withdrawn

A member has at most one open (pending or approved) credential; after a
rejection, a withdrawal or a revocation they may apply again. The badge
fields on User are written only here, in the same transaction as the
decision, so the badge appears and disappears everywhere at once.
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import pagecache
from core.audit import record
from core.cache import page_cache

from . import signals
from .models import (
    DISCLAIMER_CACHE_KEY,
    CredentialDecision,
    ProfessionalCredential,
    ProfessionalDisclaimer,
    Sanction,
    User,
)
from .tasks import send_credential_decision

Status = ProfessionalCredential.Status

# The statuses each step may start from.
ALLOWED_FROM = {
    Status.APPROVED: {Status.PENDING},
    Status.REJECTED: {Status.PENDING},
    Status.WITHDRAWN: {Status.PENDING},
    Status.REVOKED: {Status.APPROVED},
}

# --- Permission predicates, shared by services, views, forms and admin. ----


def _is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_apply_for_verification(user) -> bool:
    """Return whether user may send an application: none of theirs is open."""
    return (
        _is_member(user)
        and not ProfessionalCredential.objects.filter(user=user).open().exists()
    )


def can_withdraw_application(user, credential: ProfessionalCredential) -> bool:
    """Return whether user may withdraw credential: their own, still pending."""
    return (
        _is_member(user)
        and credential.user_id == user.pk
        and credential.status == Status.PENDING
    )


def can_review_credentials(user) -> bool:
    """Return whether user may approve, reject and revoke credentials."""
    return (
        _is_member(user)
        and user.is_staff
        and user.has_perm("accounts.change_professionalcredential")
    )


def can_edit_disclaimer(user) -> bool:
    """Return whether user may replace the disclaimer above professionals' replies."""
    return (
        _is_member(user)
        and user.is_staff
        and user.has_perm("accounts.change_professionaldisclaimer")
    )


def can_review_credential(user, credential: ProfessionalCredential) -> bool:
    """Return whether user may decide on credential: staff, never their own."""
    return can_review_credentials(user) and credential.user_id != user.pk


def can_decide(user, credential: ProfessionalCredential, status: str) -> bool:
    """Return whether user may move credential to status now."""
    return (
        can_review_credential(user, credential)
        and credential.status in ALLOWED_FROM[status]
    )


# --- The member's side. -----------------------------------------------------


@transaction.atomic
def apply_for_verification(
    *,
    user: User,
    profession: str,
    licence_number: str,
    licensing_body: str,
    region: str,
    specialty: str = "",
    register_url: str = "",
    note: str = "",
) -> ProfessionalCredential:
    """Open a pending application for user to be verified as a professional."""
    if not _is_member(user):
        raise PermissionDenied("Only members can apply to be verified.")
    # Lock the member's row: two quick submissions must not both pass the
    # check below (the database constraint would refuse the second anyway).
    User.objects.select_for_update().get(pk=user.pk)
    if ProfessionalCredential.objects.filter(user=user).open().exists():
        raise ValidationError(
            "An application is already under review or approved.",
            code="open_application",
        )
    credential = ProfessionalCredential(
        user=user,
        profession=profession,
        specialty=specialty.strip(),
        licence_number=licence_number.strip(),
        licensing_body=licensing_body.strip(),
        region=region.strip(),
        register_url=register_url.strip(),
        note=note.strip(),
        status=Status.PENDING,
    )
    credential.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            credential.save()
    except IntegrityError:
        raise ValidationError(
            "An application is already under review or approved.",
            code="open_application",
        ) from None
    return credential


@transaction.atomic
def withdraw_application(
    *, user: User, credential: ProfessionalCredential
) -> ProfessionalCredential:
    """Withdraw user's pending application; staff no longer see it as waiting."""
    credential = ProfessionalCredential.objects.select_for_update().get(
        pk=credential.pk
    )
    if credential.user_id != user.pk or not _is_member(user):
        raise PermissionDenied("Members can withdraw only their own applications.")
    _check_transition(credential, Status.WITHDRAWN)
    credential.status = Status.WITHDRAWN
    credential.save(update_fields=["status", "updated_at"])
    return credential


# --- Staff decisions. -------------------------------------------------------


@transaction.atomic
def approve_credential(
    *, reviewer: User, credential: ProfessionalCredential, note: str = ""
) -> ProfessionalCredential:
    """Approve a pending credential and give its member the badge."""
    credential = _decide(
        credential, reviewer=reviewer, status=Status.APPROVED, note=note
    )
    _set_badge(credential.user, title=credential.title)
    return credential


@transaction.atomic
def reject_credential(
    *, reviewer: User, credential: ProfessionalCredential, reason: str
) -> ProfessionalCredential:
    """Refuse a pending credential, telling the member why."""
    _require_reason(reason)
    return _decide(credential, reviewer=reviewer, status=Status.REJECTED, note=reason)


@transaction.atomic
def revoke_credential(
    *, reviewer: User, credential: ProfessionalCredential, reason: str
) -> ProfessionalCredential:
    """Withdraw an approved credential and take the badge away."""
    _require_reason(reason)
    credential = _decide(
        credential, reviewer=reviewer, status=Status.REVOKED, note=reason
    )
    _set_badge(credential.user, title="")
    return credential


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError("A reason is required.", code="reason_required")


def _check_transition(credential: ProfessionalCredential, status: str) -> None:
    if credential.status not in ALLOWED_FROM[status]:
        raise ValidationError(
            f"A {credential.status} credential cannot become {status}.",
            code="invalid_transition",
        )


def _decide(
    credential: ProfessionalCredential, *, reviewer: User, status: str, note: str
) -> ProfessionalCredential:
    # Lock the row so that two staff deciding at once cannot both succeed.
    credential = (
        ProfessionalCredential.objects.select_for_update()
        .select_related("user")
        .get(pk=credential.pk)
    )
    if not can_review_credential(reviewer, credential):
        raise PermissionDenied(
            "Only staff can decide on a credential, never their own."
        )
    _check_transition(credential, status)
    now = timezone.now()
    decision = CredentialDecision(
        credential=credential,
        decision=status,
        decided_by=reviewer,
        decided_at=now,
        note=note.strip(),
    )
    decision.full_clean()
    credential.status = status
    credential.reviewed_by = reviewer
    credential.reviewed_at = now
    credential.review_note = decision.note
    credential.save(
        update_fields=[
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "updated_at",
        ]
    )
    decision.save()
    record(
        actor=reviewer,
        action=f"credential.{status}",
        target=credential,
        reason=decision.note,
    )
    _mail_member(credential)
    signals.credential_decided.send(
        sender=ProfessionalCredential, credential=credential
    )
    return credential


def _set_badge(user: User, *, title: str) -> None:
    User.objects.filter(pk=user.pk).update(
        is_medical_professional=bool(title), professional_title=title
    )
    user.is_medical_professional = bool(title)
    user.professional_title = title
    # The badge shows beside the member's name on every page they posted on.
    pagecache.touch(pagecache.scope("site"))
    # The forum counts the endorsements they gave again.
    signals.badge_changed.send(sender=User, member=user)


def _mail_member(credential: ProfessionalCredential) -> None:
    if not credential.user.email:
        return
    # Queued once the decision is committed and sent by a worker, never in
    # the request: a slow or failing mail server neither delays nor undoes
    # the decision, and a failed send is retried (accounts/tasks.py).
    transaction.on_commit(
        partial(send_credential_decision.enqueue, credential.pk, credential.status),
        robust=True,
    )


# --- The disclaimer. --------------------------------------------------------


@transaction.atomic
def update_professional_disclaimer(
    *, editor: User, text: str
) -> ProfessionalDisclaimer:
    """Replace the disclaimer shown above professionals' replies."""
    if not can_edit_disclaimer(editor):
        raise PermissionDenied("Only staff can edit the disclaimer.")
    disclaimer = ProfessionalDisclaimer(
        pk=ProfessionalDisclaimer.SINGLETON_PK, text=text.strip(), updated_by=editor
    )
    disclaimer.full_clean(validate_unique=False, validate_constraints=False)
    disclaimer.save()
    record(actor=editor, action="disclaimer.edit", target=disclaimer)
    transaction.on_commit(partial(page_cache().delete, DISCLAIMER_CACHE_KEY))
    pagecache.touch(pagecache.scope("site"))
    return disclaimer


# --- Sanctions: warnings, suspensions and bans. ----------------------------


def can_sanction(user, member: User) -> bool:
    """Return whether user may warn, suspend or ban member (never themselves)."""
    return (
        _is_member(user)
        and user.is_staff
        and user.has_perm("accounts.add_sanction")
        and member.pk != user.pk
        and not member.is_superuser
    )


def _sync_restriction(member: User) -> None:
    """Write member's standing restriction onto the row every service reads."""
    in_force = list(member.sanctions.in_force())
    bans = [s.created_at for s in in_force if s.kind == Sanction.Kind.BAN]
    ends = [s.ends_at for s in in_force if s.kind == Sanction.Kind.SUSPENSION]
    member.banned_at = min(bans) if bans else None
    member.suspended_until = max(ends) if ends else None
    member.save(update_fields=["banned_at", "suspended_until"])


@transaction.atomic
def sanction_member(
    *, moderator: User, member: User, kind: str, reason: str, until=None
) -> Sanction:
    """Warn, suspend (until a date) or ban member; they are told why.

    A suspended or banned member reads but cannot post, reply, vote, report
    or edit (forum.services checks User.is_restricted at every write).
    """
    member = User.objects.select_for_update().get(pk=member.pk)
    if not can_sanction(moderator, member):
        raise PermissionDenied("Only staff can sanction a member, never themselves.")
    _require_reason(reason)
    if kind == Sanction.Kind.SUSPENSION:
        if until is None or until <= timezone.now():
            raise ValidationError(
                "A suspension needs an end in the future.", code="until_required"
            )
    else:
        until = None
    sanction = Sanction(
        member=member,
        kind=kind,
        reason=reason.strip(),
        ends_at=until,
        issued_by=moderator,
    )
    sanction.full_clean()
    sanction.save()
    _sync_restriction(member)
    record(actor=moderator, action=f"member.{kind}", target=sanction, reason=reason)
    signals.member_sanctioned.send(sender=Sanction, sanction=sanction)
    return sanction


@transaction.atomic
def lift_sanction(*, moderator: User, sanction: Sanction, reason: str) -> Sanction:
    """End a suspension or ban early; the member may write again."""
    sanction = (
        Sanction.objects.select_for_update()
        .select_related("member")
        .get(pk=sanction.pk)
    )
    if not can_sanction(moderator, sanction.member):
        raise PermissionDenied("Only staff can lift a sanction.")
    _require_reason(reason)
    if sanction.lifted_at is None and sanction.kind != Sanction.Kind.WARNING:
        sanction.lifted_at = timezone.now()
        sanction.lifted_by = moderator
        sanction.save(update_fields=["lifted_at", "lifted_by"])
        _sync_restriction(sanction.member)
        record(actor=moderator, action="member.lift", target=sanction, reason=reason)
        signals.member_sanctioned.send(
            sender=Sanction, sanction=sanction, reason=reason.strip()
        )
    return sanction


def restriction_of(member: User) -> Sanction | None:
    """Return the ban, or the longest suspension, that keeps member from writing."""
    if not member.is_authenticated or not member.is_restricted:
        return None
    in_force = member.sanctions.in_force()
    return (
        in_force.filter(kind=Sanction.Kind.BAN).first()
        or in_force.order_by("-ends_at").first()
    )
