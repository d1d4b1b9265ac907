"""Consent to the site holding what a member writes about their health.

The wording a member agrees to lives here, in code, one frozen version per
entry of WORDINGS: what we keep, who sees it, that they can withdraw at any
time, and what withdrawing means. In code rather than in a page staff edit,
because a consent is only worth the exact words it was given to: a
published version must never change (tests pin each one's fingerprint),
and a new one is a deliberate release, reviewed like any change, that asks
every member to agree again before they next write. Staff who want to
change it ask a developer to add a version.

Writing health content (asking, replying, editing one's own post) needs
consent to the current version; reading, voting, reporting and managing
the account never do. The forum's services call require_health_consent,
and its views lead a member without it to the consent page
(accounts.views.ask_for_health_consent).
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from .models import HealthDataConsent, User


@dataclass(frozen=True)
class ConsentWording:
    """One published version of what a member agrees to."""

    version: int
    title: str
    introduction: str
    # (heading, paragraph): what we keep, who sees it, withdrawing, and
    # what withdrawing means.
    points: tuple[tuple[str, str], ...]
    agreement: str
    # Shown to members who agreed to an earlier version; empty for the first.
    changes: str = ""

    @property
    def text(self) -> str:
        """Return the whole wording as plain text, as the member read it."""
        parts = [self.title, self.introduction]
        for heading, paragraph in self.points:
            parts += [heading, paragraph]
        parts.append(self.agreement)
        return "\n\n".join(parts)

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


# Never edit a version once published: add the next one instead.
WORDINGS: dict[int, ConsentWording] = {
    1: ConsentWording(
        version=1,
        title="Your health information",
        introduction=(
            "Health Forum is a place to talk about your health. To do that, "
            "we need your permission to keep what you write here."
        ),
        points=(
            (
                "What we keep",
                "Everything you write on Health Forum: your questions, your "
                "replies, and any changes you make to them. These often say "
                "something about your health, such as symptoms, conditions, "
                "medicines or tests.",
            ),
            (
                "Who sees it",
                "Other people can read your questions and replies. We never "
                "show your e-mail address with them. The staff who run the "
                "forum can read everything, to keep it safe. We do not sell "
                "what you write, and we do not use it for advertising.",
            ),
            (
                "You can change your mind",
                "You can withdraw your consent at any time, from your account "
                "settings under “Health information”. It is as easy as giving "
                "it, and you do not have to say why.",
            ),
            (
                "What withdrawing means",
                "After you withdraw, you can still read the forum and look "
                "after your account, but you cannot ask, reply or edit. We "
                "help you download a copy of what you wrote and delete your "
                "account. When you delete it, you choose whether your posts "
                "are removed or kept without your name.",
            ),
        ),
        agreement=(
            "I agree that Health Forum may keep what I write about my health, "
            "as explained above."
        ),
    ),
}

CONSENT_REQUIRED_MESSAGE = (
    "Before you post, please agree to us keeping what you write about your health."
)


def current_version() -> int:
    """Return the version members must have agreed to before they write."""
    return max(WORDINGS)


def current_wording() -> ConsentWording:
    return WORDINGS[current_version()]


class Status(models.TextChoices):
    CURRENT = "current", "Given (current wording)"
    OUTDATED = "outdated", "Given to an older wording"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NONE = "none", "Never given"


def status_of(member: User, *, ever_given: bool) -> Status:
    """Return member's consent status; ever_given, whether they have any row."""
    if member.health_consent_version == current_version():
        return Status.CURRENT
    if member.health_consent_version is not None:
        return Status.OUTDATED
    return Status.WITHDRAWN if ever_given else Status.NONE


def latest_consent(member: User) -> HealthDataConsent | None:
    """Return the consent member gave last, withdrawn or not: one query."""
    return HealthDataConsent.objects.filter(member=member).first()


# --- Permission predicates. ---------------------------------------------------


def has_current_consent(user) -> bool:
    """Return whether user agreed to the current wording: no query."""
    return getattr(user, "health_consent_version", None) == current_version()


def can_give_health_consent(user) -> bool:
    """Return whether user may give consent: any member with an account."""
    return bool(
        user and user.is_authenticated and user.is_active and not user.is_former_member
    )


class ConsentRequired(PermissionDenied):
    """The member has not agreed to the current wording, so may not write."""


def require_health_consent(user) -> None:
    """Refuse to let user write health content without current consent."""
    if not has_current_consent(user):
        raise ConsentRequired(CONSENT_REQUIRED_MESSAGE)


# --- Services. ----------------------------------------------------------------


@transaction.atomic
def give_health_consent(
    *, member: User, via: str, version: int | None = None
) -> HealthDataConsent:
    """Record that member agreed to version (the current one by default).

    Agreeing again to a version whose consent stands changes nothing and
    returns that consent. Agreeing to an older version than the one that
    stands (a page left open across a release) is recorded, and the newer
    one still counts.
    """
    if not can_give_health_consent(member):
        raise PermissionDenied("Only members can give consent.")
    version = current_version() if version is None else version
    if version not in WORDINGS:
        raise ValidationError("There is no such wording.", code="unknown_version")
    if via not in HealthDataConsent.Via.values:
        raise ValidationError("Say where the consent was given.", code="via")
    # Lock the member: two taps of the button record one consent.
    member_row = User.objects.select_for_update().get(pk=member.pk)
    consent = HealthDataConsent.objects.filter(
        member=member_row, version=version, withdrawn_at__isnull=True
    ).first()
    if consent is None:
        consent = HealthDataConsent.objects.create(
            member=member_row, version=version, given_via=via, given_at=timezone.now()
        )
    standing = member_row.health_consent_version
    if standing is None or version > standing:
        member_row.health_consent_version = version
        member_row.save(update_fields=["health_consent_version"])
    member.health_consent_version = member_row.health_consent_version
    return consent


@transaction.atomic
def withdraw_health_consent(*, member: User) -> int:
    """Withdraw every consent of member's that stands; return how many.

    From now on member cannot write health content until they agree again.
    Withdrawing twice changes nothing the second time (it returns 0).
    """
    if not can_give_health_consent(member):
        raise PermissionDenied("Only members can withdraw consent.")
    member_row = User.objects.select_for_update().get(pk=member.pk)
    withdrawn = HealthDataConsent.objects.filter(
        member=member_row, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
    if member_row.health_consent_version is not None:
        member_row.health_consent_version = None
        member_row.save(update_fields=["health_consent_version"])
    member.health_consent_version = None
    return withdrawn
