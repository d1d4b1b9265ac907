"""What accounts hold about one member: exported, and erased on request.

Called by the privacy app (see forum/privacy.py for the forum's part): the
member's profile and e-mail addresses, their professional applications
with staff's decisions, the warnings, suspensions and bans staff gave
them, and their consents to holding their health data. Erasing empties
the User row rather than deleting it, so that the posts kept under "a
former member" and the votes counted anonymously keep an author.
"""

import secrets
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils import timezone

from .consent import WORDINGS
from .models import HealthDataConsent, ProfessionalCredential, Sanction, User

FORMER_MEMBER_PREFIX = "former-member-"
# The session engines that keep sessions in the database's table.
DATABASE_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def export_member(member: User) -> dict:
    """Return everything accounts hold about member, as plain data."""
    credentials = (
        ProfessionalCredential.objects.filter(user=member)
        .prefetch_related("decisions")
        .order_by("created_at", "pk")
    )
    return {
        "profile": {
            "username": member.username,
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "date_joined": member.date_joined,
            "last_login": member.last_login,
            "medical_professional": member.is_medical_professional,
            "professional_title": member.professional_title,
            "suspended_until": member.suspended_until,
            "banned_at": member.banned_at,
        },
        "email_addresses": [
            {
                "email": address.email,
                "verified": address.verified,
                "primary": address.primary,
            }
            for address in EmailAddress.objects.filter(user=member).order_by("pk")
        ],
        "professional_applications": [
            {
                "id": credential.pk,
                "profession": credential.get_profession_display(),
                "specialty": credential.specialty,
                "licence_number": credential.licence_number,
                "licensing_body": credential.licensing_body,
                "region": credential.region,
                "register_url": credential.register_url,
                "note_to_staff": credential.note,
                "applied_at": credential.created_at,
                "status": credential.get_status_display(),
                "reviewed_at": credential.reviewed_at,
                "review_note": credential.review_note,
                # Staff's decisions, oldest first; who decided stays staff's.
                "decisions": [
                    {
                        "decision": decision.get_decision_display(),
                        "decided_at": decision.decided_at,
                        "note": decision.note,
                    }
                    for decision in sorted(
                        credential.decisions.all(),
                        key=lambda d: (d.decided_at, d.pk),
                    )
                ],
            }
            for credential in credentials
        ],
        "warnings_and_suspensions": [
            {
                "kind": sanction.get_kind_display(),
                "reason": sanction.reason,
                "given_at": sanction.created_at,
                "ends_at": sanction.ends_at,
                "lifted_at": sanction.lifted_at,
            }
            for sanction in Sanction.objects.filter(member=member).order_by(
                "created_at", "pk"
            )
        ],
        # Each time they agreed, oldest first, with the very words they saw.
        "consents": [
            {
                "about": "Keeping what you write about your health",
                "wording_version": consent.version,
                "wording": WORDINGS[consent.version].text,
                "given_at": consent.given_at,
                "given_on": consent.get_given_via_display(),
                "withdrawn_at": consent.withdrawn_at,
            }
            for consent in HealthDataConsent.objects.filter(member=member).order_by(
                "given_at", "pk"
            )
        ],
    }


def former_member_username() -> str:
    """Return a new username that names nobody: former-member-<random>."""
    return f"{FORMER_MEMBER_PREFIX}{secrets.token_hex(6)}"


def erase_member(member: User) -> User:
    """Erase member's personal data, in the caller's transaction.

    The row stays, emptied: an opaque username, no e-mail address or names,
    a password that matches nothing, inactive, with erased_at set. Their
    e-mail addresses, professional applications (with staff's decisions on
    them) and sessions go; so the member is signed out everywhere and can
    never sign in again. Staff's record of sanctions stays, naming nobody,
    and so does the record of their consents, each ended now if it stood:
    when consent was given and withdrawn is what shows the site held their
    words lawfully, and without the person it says nothing about anyone.
    """
    member = User.objects.select_for_update().get(pk=member.pk)
    EmailAddress.objects.filter(user=member).delete()
    # Their decisions and the member's notifications about them go too.
    ProfessionalCredential.objects.filter(user=member).delete()
    _end_sessions(member)
    HealthDataConsent.objects.filter(member=member, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    member.health_consent_version = None
    member.username = former_member_username()
    member.email = member.first_name = member.last_name = ""
    member.set_unusable_password()
    member.is_active = member.is_staff = member.is_superuser = False
    member.is_medical_professional = False
    member.professional_title = ""
    member.last_login = None
    member.erased_at = timezone.now()
    member.save(
        update_fields=[
            "username",
            "email",
            "first_name",
            "last_name",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "is_medical_professional",
            "professional_title",
            "last_login",
            "erased_at",
            "health_consent_version",
        ]
    )
    member.groups.clear()
    member.user_permissions.clear()
    # The admin's history names the member as it read when staff changed it.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(member.pk),
    ).update(object_repr=member.username)
    return member


def _end_sessions(member: User) -> None:
    """Delete every session member is signed in with, on every device.

    Sessions are not indexed by member, so each is read (expired ones too,
    which would otherwise wait for clearsessions); an erasure is rare. The
    new unusable password alone would end them at their next request, as
    Django checks the password's hash; this leaves nothing behind.
    """
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.iterator():
        if session.get_decoded().get(SESSION_KEY) == str(member.pk):
            # Through the engine, so that a cached copy goes as well.
            store(session_key=session.session_key).delete()
