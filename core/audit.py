"""The audit log: what staff did, written by the services they act through.

Every staff action's service calls ``record`` in its own transaction, so an
entry exists exactly when the action happened. Entries are read in the admin
(core.admin.AuditEntryAdmin) and never changed or deleted (core.models).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def record(*, actor, action: str, target: models.Model, reason: str = "") -> AuditEntry:
    """Record that actor did action to target, for reason.

    actor is the member of staff, or None for a change with no known actor;
    action is a short code ("thread.remove"); target is the changed object,
    whose name is kept as it read at the time: its ``audit_label`` if it has
    one, else str(target). An entry outlives the erasure of any account, so
    a label must not carry what a member wrote or their name (a post is
    "Question #12", never its title).
    """
    return AuditEntry.objects.create(
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        action=action,
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=target.pk,
        target_repr=str(getattr(target, "audit_label", None) or target)[:300],
        reason=reason.strip(),
    )
