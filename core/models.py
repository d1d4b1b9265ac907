from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class CacheEntry(models.Model):
    """A row of the durable cache, settings.CACHES["default"] (core/cache.py).

    Django's DatabaseCache reads and writes this table with its own SQL; the
    model exists so that migrations create the table wherever the site runs
    (as createcachetable would, column for column) and so that test
    databases empty it between tests. Nothing else uses it.
    """

    cache_key = models.CharField(max_length=255, unique=True, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "core_cache"
        verbose_name_plural = "cache entries"

    def __str__(self):
        return self.cache_key


class ImmutableRecordError(Exception):
    """Raised by any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    """Audit entries are only ever added: updates and deletes are refused."""

    def update(self, **kwargs):
        raise ImmutableRecordError("Audit entries cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableRecordError("Audit entries cannot be changed.")

    def delete(self):
        raise ImmutableRecordError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One thing a member of staff did, to what, when and why.

    Written only by core.audit.record, from the services that staff actions
    go through. A row is never changed or deleted: the model and its
    queryset refuse, and on the database triggers refuse UPDATE and DELETE
    (migration 0002). The actor's username and the target's name are copied
    so that the entry still reads true after either changes.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    target_repr = models.CharField("target", max_length=300)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="audit_entry_target"
            )
        ]
        verbose_name_plural = "audit entries"

    def __str__(self):
        who = self.actor_username or "the site"
        return f"{who}: {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("Audit entries cannot be deleted.")
