"""What members follow, what they are told, and how they want to hear it.

This app sits above the forum and accounts: it imports both, and they learn
nothing of it. Their services send signals (forum.signals, accounts.signals)
inside their transactions; receivers.py writes follows and notifications in
the same transaction, so a notification exists exactly when its post does.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Follow(models.Model):
    """A member's wish to hear about one thread, forum or tag.

    Exactly one target is set. A thread's followers hear of its new replies;
    a forum's or a tag's hear of new questions there.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    thread = models.ForeignKey(
        "forum.Thread",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    forum = models.ForeignKey(
        "forum.Forum",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    tag = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, forum__isnull=True, tag__isnull=True)
                    | Q(thread__isnull=True, forum__isnull=False, tag__isnull=True)
                    | Q(thread__isnull=True, forum__isnull=True, tag__isnull=False)
                ),
                name="follow_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["member", "thread"],
                condition=Q(thread__isnull=False),
                name="follow_thread_once",
            ),
            models.UniqueConstraint(
                fields=["member", "forum"],
                condition=Q(forum__isnull=False),
                name="follow_forum_once",
            ),
            models.UniqueConstraint(
                fields=["member", "tag"],
                condition=Q(tag__isnull=False),
                name="follow_tag_once",
            ),
        ]
        indexes = [models.Index(fields=["member", "-created_at"])]

    def __str__(self):
        target = self.thread or self.forum or self.tag
        return f"{self.member} follows {target}"


class Kind(models.TextChoices):
    """What a notification is about, each with its own e-mail preference.

    Staff's decisions (MODERATION) are the exception: service messages, sent
    at once whatever the member chose (preferences.ALWAYS_IMMEDIATE).
    """

    REPLY = "reply", "New replies on threads you follow"
    PROFESSIONAL_REPLY = (
        "professional_reply",
        "Replies from verified medical professionals on threads you follow",
    )
    HELPFUL = "helpful", "Your replies voted helpful"
    NEW_THREAD = "new_thread", "New questions in forums and tags you follow"
    CREDENTIAL = "credential", "Decisions on your professional application"
    MODERATION = "moderation", "Decisions about your posts, reports and account"
    OUTCOME_REMINDER = (
        "outcome_reminder",
        "Reminders to share what happened next after you asked",
    )


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing a member is told about, in the site and perhaps by e-mail.

    A helpful-vote notification is batched: at most one per reply per day,
    whose count grows with each vote (a database constraint keeps it one).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Who caused it, where there is someone: the replier, the asker.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    thread = models.ForeignKey(
        "forum.Thread", on_delete=models.CASCADE, null=True, blank=True
    )
    reply = models.ForeignKey(
        "forum.Reply", on_delete=models.CASCADE, null=True, blank=True
    )
    credential = models.ForeignKey(
        "accounts.ProfessionalCredential",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    # What a moderation notification says, written when staff decided: the
    # reason they gave is kept only here and in the audit log.
    message = models.TextField(blank=True)
    # Helpful votes batched into this notification.
    count = models.PositiveIntegerField(default=1)
    # The day a helpful-vote batch belongs to (the site's time zone).
    day = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When an e-mail told the member, alone or in a digest; null until then.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The notifications page, newest first.
            models.Index(fields=["recipient", "-created_at", "-id"]),
            # The unread count.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            # The digest: what has not been e-mailed yet.
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(emailed_at__isnull=True),
                name="notification_not_emailed",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "reply", "day"],
                condition=Q(kind="helpful"),
                name="one_helpful_notification_per_reply_per_day",
            ),
            # An asker is reminded of each question once (reminders.py).
            models.UniqueConstraint(
                fields=["thread"],
                condition=Q(kind="outcome_reminder"),
                name="one_outcome_reminder_per_thread",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.recipient}"

    def get_absolute_url(self) -> str:
        """Where the notification leads: its reply, thread or application."""
        if self.reply_id is not None or self.kind == Kind.MODERATION:
            return reverse("notifications:open", kwargs={"pk": self.pk})
        if self.thread_id is not None:
            return self.thread.get_absolute_url()
        return reverse("accounts:verification")

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "In a daily digest"
    NEVER = "never", "Never"


# What a member gets until they choose otherwise.
DEFAULT_DELIVERY = {
    Kind.REPLY: Delivery.IMMEDIATELY,
    Kind.PROFESSIONAL_REPLY: Delivery.IMMEDIATELY,
    Kind.HELPFUL: Delivery.DAILY,
    Kind.NEW_THREAD: Delivery.DAILY,
    Kind.CREDENTIAL: Delivery.IMMEDIATELY,
    Kind.MODERATION: Delivery.IMMEDIATELY,
    # A nudge, not news: in the site unless the member asks for e-mail.
    Kind.OUTCOME_REMINDER: Delivery.NEVER,
}


class EmailPreference(models.Model):
    """A member's choice of how to hear of one kind; absent means the default."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_preferences",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    delivery = models.CharField(max_length=12, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind"], name="one_email_preference_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.kind} {self.delivery}"


class DigestSent(models.Model):
    """The daily digest a member was sent (or is being sent) on one day.

    Written before the digest is queued, so that running send_digests twice
    on one day mails nobody twice (a database constraint keeps it one).
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    notification_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "daily digest"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "day"], name="one_digest_per_member_per_day"
            )
        ]

    def __str__(self):
        return f"Digest for {self.member} on {self.day}"
