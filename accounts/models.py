import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.cache import page_cache
from core.db import primary_reads

from .validators import (
    MIXED_SCRIPTS_MESSAGE,
    SKELETON_MAX_LENGTH,
    has_confusable_mix,
    skeleton,
)

# Background colours for generated avatars. Each one carries white initials
# at a contrast ratio of at least 4.5:1 (WCAG AA for normal text).
AVATAR_COLOURS = 12


class User(AbstractUser):
    """A member; the username is public, the e-mail address never is."""

    # Kept in step with approved credentials by the accounts services, so that
    # rendering a badge beside every post costs no query.
    is_medical_professional = models.BooleanField(
        "medical professional",
        default=False,
        editable=False,
        help_text="Set only by approving or revoking a professional credential.",
    )
    professional_title = models.CharField(
        max_length=80,
        blank=True,
        editable=False,
        help_text="Shown beside the badge, e.g. 'Neurologist'.",
    )
    # The username with look-alike differences removed (accounts.validators);
    # unique, so two names that read the same cannot both exist, even when
    # two sign-ups race.
    username_skeleton = models.CharField(max_length=SKELETON_MAX_LENGTH, editable=False)
    # Kept in step with the member's sanctions by accounts.services, so that
    # every writing service can refuse a suspended or banned member without
    # a query. The reasons live in Sanction.
    suspended_until = models.DateTimeField(null=True, blank=True, editable=False)
    banned_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the member deleted their account (or staff did on request):
    # the row stays, emptied of personal data, so the posts kept under "a
    # former member" and the votes counted anonymously keep their author.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The version of the health data consent wording the member agreed to,
    # while that consent stands; empty before they agree and once they
    # withdraw. Kept in step by accounts.consent, so that every writing
    # service can check it without a query. The history is HealthDataConsent.
    health_consent_version = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False
    )

    LOOKALIKE_MESSAGE = (
        "A member already has a name that looks the same as this one. "
        "Please choose another."
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(
                fields=["username_skeleton"],
                name="unique_username_skeleton",
                violation_error_message=(
                    "A member already has a name that looks the same."
                ),
            )
        ]

    def __str__(self):
        return self.username

    def save(self, *args, **kwargs):
        self.username_skeleton = skeleton(self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "username" in update_fields:
            kwargs["update_fields"] = {*update_fields, "username_skeleton"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:member-detail", kwargs={"username": self.username})

    def clean(self):
        """Refuse a name that looks like another member's (staff edits too)."""
        super().clean()
        if self.username_is_lookalike(self.username, exclude_pk=self.pk):
            raise ValidationError({"username": self.LOOKALIKE_MESSAGE})
        if has_confusable_mix(self.username):
            raise ValidationError({"username": MIXED_SCRIPTS_MESSAGE})

    @classmethod
    def username_is_lookalike(cls, username: str, exclude_pk=None) -> bool:
        """Return whether another member's name has username's skeleton."""
        others = cls._default_manager.filter(username_skeleton=skeleton(username))
        return others.exclude(pk=exclude_pk).exists()

    @property
    def is_banned(self) -> bool:
        return self.banned_at is not None

    @property
    def is_suspended(self) -> bool:
        return (
            self.suspended_until is not None and self.suspended_until > timezone.now()
        )

    @property
    def is_restricted(self) -> bool:
        """Return whether the member may read but not write (post, vote, report)."""
        return self.is_banned or self.is_suspended

    @property
    def is_former_member(self) -> bool:
        return self.erased_at is not None

    @property
    def initials(self) -> str:
        """Return one or two letters for the generated avatar."""
        parts = [p for p in self.username.replace("-", "_").split("_") if p]
        if len(parts) >= 2:
            return (parts[0][0] + parts[1][0]).upper()
        return self.username[:2].upper()

    @property
    def avatar_colour(self) -> int:
        """Return a stable colour index derived from the username."""
        digest = hashlib.blake2s(self.username.lower().encode()).digest()
        return digest[0] % AVATAR_COLOURS


class Profession(models.TextChoices):
    PHYSICIAN = "physician", "Physician"
    NURSE_PRACTITIONER = "nurse_practitioner", "Nurse practitioner"
    REGISTERED_NURSE = "registered_nurse", "Registered nurse"
    PHYSICIAN_ASSISTANT = "physician_assistant", "Physician assistant"
    PHARMACIST = "pharmacist", "Pharmacist"
    PHYSIOTHERAPIST = "physiotherapist", "Physiotherapist"
    PSYCHOLOGIST = "psychologist", "Psychologist"
    OTHER = "other", "Other health profession"


# A physician's badge names the specialist ("Neurologist") when the
# specialty is one readers know by that name; otherwise it says "Physician".
# Keys are lower case; British and American spellings both appear.
SPECIALIST_TITLES = {
    "anaesthesia": "Anaesthetist",
    "anaesthetics": "Anaesthetist",
    "anesthesiology": "Anaesthetist",
    "cardiology": "Cardiologist",
    "clinical neurophysiology": "Neurophysiologist",
    "dermatology": "Dermatologist",
    "emergency medicine": "Emergency physician",
    "endocrinology": "Endocrinologist",
    "family medicine": "Family physician",
    "gastroenterology": "Gastroenterologist",
    "general practice": "General practitioner",
    "geriatric medicine": "Geriatrician",
    "geriatrics": "Geriatrician",
    "haematology": "Haematologist",
    "hematology": "Haematologist",
    "nephrology": "Nephrologist",
    "neurology": "Neurologist",
    "neurophysiology": "Neurophysiologist",
    "neuroradiology": "Neuroradiologist",
    "neurosurgery": "Neurosurgeon",
    "obstetrics and gynaecology": "Obstetrician and gynaecologist",
    "obstetrics and gynecology": "Obstetrician and gynaecologist",
    "oncology": "Oncologist",
    "ophthalmology": "Ophthalmologist",
    "paediatric neurology": "Paediatric neurologist",
    "pediatric neurology": "Paediatric neurologist",
    "paediatrics": "Paediatrician",
    "pediatrics": "Paediatrician",
    "palliative medicine": "Palliative care physician",
    "psychiatry": "Psychiatrist",
    "pulmonology": "Pulmonologist",
    "radiology": "Radiologist",
    "rehabilitation medicine": "Rehabilitation physician",
    "respiratory medicine": "Respiratory physician",
    "rheumatology": "Rheumatologist",
    "sleep medicine": "Sleep physician",
    "sports medicine": "Sports physician",
    "urology": "Urologist",
}
TITLE_MAX_LENGTH = 80
# Notes are read by a person in one sitting; keep them to a few paragraphs.
NOTE_MAX_LENGTH = 1000


class CredentialQuerySet(models.QuerySet):
    def open(self) -> "CredentialQuerySet":
        """Return applications under review or approved: at most one per member."""
        return self.filter(status__in=ProfessionalCredential.OPEN_STATUSES)

    def pending(self) -> "CredentialQuerySet":
        """Return applications waiting for a staff decision."""
        return self.filter(status=ProfessionalCredential.Status.PENDING)

    def approved(self) -> "CredentialQuerySet":
        """Return credentials that currently carry the badge."""
        return self.filter(status=ProfessionalCredential.Status.APPROVED)


class ProfessionalCredential(models.Model):
    """A member's application to be verified as a medical professional.

    Its status moves only through accounts.services: pending becomes approved,
    rejected or withdrawn; approved becomes revoked. The member's badge on
    User follows the approved credential.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        REVOKED = "revoked", "Revoked"
        WITHDRAWN = "withdrawn", "Withdrawn"

    OPEN_STATUSES = (Status.PENDING, Status.APPROVED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credentials"
    )
    profession = models.CharField(max_length=32, choices=Profession.choices)
    specialty = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    licence_number = models.CharField("licence or registration number", max_length=50)
    licensing_body = models.CharField(max_length=150)
    region = models.CharField("country or region", max_length=100)
    register_url = models.URLField(
        "workplace or public register link", max_length=300, blank=True
    )
    note = models.TextField(
        "note to staff",
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_note = models.TextField(
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
        editable=False,
        help_text="Shown to the member on their verification page and e-mailed.",
    )

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = "professional credential"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["pending", "approved"]),
                name="one_open_credential_per_user",
                violation_error_message=(
                    "This member already has an application under review or "
                    "an approved credential."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="credential_queue_idx"),
            models.Index(fields=["licence_number"], name="credential_licence_idx"),
        ]

    def __str__(self):
        # Never the member's name: the audit log keeps this text for good,
        # and it must read true after the member's account is erased.
        return f"{self.title} application #{self.pk}"

    def clean(self):
        if self.profession == Profession.OTHER and not self.specialty.strip():
            raise ValidationError(
                {"specialty": "Name your profession here when you choose Other."}
            )

    @property
    def title(self) -> str:
        """Return the words the badge shows, e.g. 'Neurologist'."""
        specialty = " ".join(self.specialty.split())
        if self.profession == Profession.PHYSICIAN:
            return SPECIALIST_TITLES.get(specialty.lower(), "Physician")
        if self.profession == Profession.OTHER and specialty:
            return (specialty[0].upper() + specialty[1:])[:TITLE_MAX_LENGTH]
        if self.profession == Profession.OTHER:
            return "Health professional"
        return Profession(self.profession).label

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class CredentialDecision(models.Model):
    """One staff decision on a credential, kept as an audit trail."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        REVOKED = "revoked", "Revoked"

    credential = models.ForeignKey(
        ProfessionalCredential, on_delete=models.CASCADE, related_name="decisions"
    )
    decision = models.CharField(max_length=16, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="credential_decisions",
    )
    decided_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.decided_by} ({self.credential})"


DEFAULT_DISCLAIMER = (
    "This answer is for educational purposes only. Its author has not examined "
    "you, so it is not a substitute for a visit to your own doctor."
)
DISCLAIMER_MAX_LENGTH = 600
DISCLAIMER_CACHE_KEY = "accounts:professional-disclaimer"
# Bounded, so that a process whose local-memory cache missed an edit serves
# the new text within minutes; with Redis the edit clears it at once.
DISCLAIMER_CACHE_SECONDS = 10 * 60


class DisclaimerManager(models.Manager):
    def current_text(self) -> str:
        """Return the disclaimer shown above professionals' replies, cached."""
        text = page_cache().get(DISCLAIMER_CACHE_KEY)
        if text is None:
            # Stored: read from the primary (core/db.py).
            with primary_reads():
                row = self.filter(pk=ProfessionalDisclaimer.SINGLETON_PK).first()
            text = row.text if row else DEFAULT_DISCLAIMER
            page_cache().set(DISCLAIMER_CACHE_KEY, text, DISCLAIMER_CACHE_SECONDS)
        return text


class ProfessionalDisclaimer(models.Model):
    """The one site-wide notice shown above every professional's reply."""

    SINGLETON_PK = 1

    text = models.TextField(
        max_length=DISCLAIMER_MAX_LENGTH,
        default=DEFAULT_DISCLAIMER,
        validators=[MaxLengthValidator(DISCLAIMER_MAX_LENGTH)],
        help_text="Plain text, shown above every reply by a verified professional.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = DisclaimerManager()

    class Meta:
        verbose_name = "professional disclaimer"
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1), name="one_professional_disclaimer"
            )
        ]

    def __str__(self):
        return "Disclaimer above professionals' replies"


class SanctionQuerySet(models.QuerySet):
    def in_force(self) -> "SanctionQuerySet":
        """Return suspensions and bans that still restrict their member."""
        return self.filter(
            Q(kind=Sanction.Kind.BAN)
            | Q(kind=Sanction.Kind.SUSPENSION, ends_at__gt=timezone.now()),
            lifted_at__isnull=True,
        )


class Sanction(models.Model):
    """A warning, suspension or ban staff gave a member, and why.

    Written only by accounts.services, which keeps User.suspended_until and
    User.banned_at in step and records each one in the audit log.
    """

    class Kind(models.TextChoices):
        WARNING = "warning", "Warning"
        SUSPENSION = "suspension", "Suspension"
        BAN = "ban", "Ban"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    reason = models.TextField(
        max_length=NOTE_MAX_LENGTH, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)]
    )
    # When a suspension ends; empty for warnings and bans.
    ends_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    lifted_at = models.DateTimeField(null=True, blank=True, editable=False)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="suspension", ends_at__isnull=False)
                | (~Q(kind="suspension") & Q(ends_at__isnull=True)),
                name="sanction_suspension_has_end",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of member {self.member_id}"


class HealthDataConsent(models.Model):
    """A member's consent to the site holding what they write about their health.

    One row per time they agreed, to one version of the wording in
    accounts.consent; withdrawn_at is set when they take it back. Written
    only by accounts.consent, which keeps User.health_consent_version in step.
    The rows outlive an erasure, naming nobody: the record that consent was
    given, and when it ended, is what shows the site held the text lawfully.
    """

    class Via(models.TextChoices):
        SIGNUP = "signup", "Sign-up form"
        CONSENT_PAGE = "consent_page", "Consent page"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="health_data_consents",
    )
    version = models.PositiveSmallIntegerField("wording version")
    given_at = models.DateTimeField(default=timezone.now)
    given_via = models.CharField(max_length=16, choices=Via.choices)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "health data consent"
        ordering = ["-given_at", "-id"]
        indexes = [models.Index(fields=["member", "-given_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "version"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_consent_per_version",
            )
        ]

    def __str__(self):
        # Never the member's name, as for credentials: it outlives erasure.
        return f"Health data consent #{self.pk} (wording version {self.version})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
