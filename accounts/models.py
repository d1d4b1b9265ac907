import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse

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

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.username

    def get_absolute_url(self):
        return reverse("forum:member-detail", kwargs={"username": self.username})

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
