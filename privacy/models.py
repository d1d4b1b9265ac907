import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class DataExportQuerySet(models.QuerySet):
    def expired(self) -> "DataExportQuerySet":
        """Return exports past their expiry, ready or not: to be deleted."""
        return self.filter(expires_at__lte=timezone.now())

    def current(self) -> "DataExportQuerySet":
        """Return exports that have not expired yet."""
        return self.filter(expires_at__gt=timezone.now())


class DataExport(models.Model):
    """A member's data, prepared in the background because there is a lot of it.

    Written by privacy.services.request_export and filled by the task
    privacy.tasks.build_export. Only its member, logged in, may download it
    (privacy.views.export_download), and only until expires_at; expired rows
    are deleted (``manage.py delete_expired_exports``, and whenever a member
    asks for a new export). The id is random, so a link names nothing.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set when the file is ready; empty while the task prepares it.
    ready_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(editable=False)
    # The JSON file, exactly as the member downloads it.
    content = models.TextField(blank=True, editable=False)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["member", "-created_at"]),
            models.Index(fields=["expires_at"]),
        ]

    def __str__(self):
        return f"Data export of member {self.member_id}"

    def get_absolute_url(self):
        return reverse("privacy:export-download", kwargs={"pk": self.pk})

    @property
    def is_ready(self) -> bool:
        return self.ready_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
