from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from forum.models import Reply, Thread

from .patterns import PATTERN_HELP, Line, PatternError, compile_phrases

PHRASES_MAX_LENGTH = 4000
MESSAGE_MAX_LENGTH = 600


class PatternQuerySet(models.QuerySet):
    def active(self) -> "PatternQuerySet":
        """Return the patterns the site looks for now."""
        return self.filter(is_active=True)


class SafetyPattern(models.Model):
    """Words that describe an emergency sign, or crisis, and what to tell the reader.

    Staff write the phrases in safety.patterns' language in the admin. A
    question that matches shows the message in a banner to its author while
    they write it and to everyone on its page (safety.services stores which
    questions match, and works it out again when staff change a pattern).
    """

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", "Emergency sign"
        CRISIS = "crisis", "Crisis language (suicide, self-harm)"

    kind = models.CharField(
        max_length=16,
        choices=Kind.choices,
        default=Kind.EMERGENCY,
        help_text="An emergency sign shows the call-now banner; crisis language "
        "shows the crisis lines and tells staff at once.",
    )
    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="A short name for staff, such as “Face drooping”; readers "
        "never see it.",
    )
    phrases = models.TextField(
        max_length=PHRASES_MAX_LENGTH,
        help_text=PATTERN_HELP,
    )
    message = models.TextField(
        max_length=MESSAGE_MAX_LENGTH,
        help_text="What the banner says when a post matches: one or two calm, "
        "plain sentences saying why this needs help now. Plain text.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Only active patterns are looked for."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Messages show in this order, lowest first."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PatternQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "name"]
        verbose_name = "safety pattern"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        try:
            compile_phrases(self.phrases or "")
        except PatternError as error:
            raise ValidationError({"phrases": error.messages}) from None

    @property
    def lines(self) -> tuple[Line, ...]:
        """Return the compiled phrases (cached by their text)."""
        return compile_phrases(self.phrases)


_PHONE_CHARACTERS = RegexValidator(
    r"^\+?[0-9 ()-]+$", "Use digits, spaces, brackets, dashes and a leading +."
)


class CrisisLineQuerySet(models.QuerySet):
    def shown(self) -> "CrisisLineQuerySet":
        """Return the lines readers see, grouped by region in staff's order."""
        return self.filter(is_active=True).order_by("position", "region", "name")


class CrisisLine(models.Model):
    """A crisis line shown beside crisis language, with how to reach it."""

    region = models.CharField(
        max_length=80,
        help_text="Where it answers, as readers would say it: “United States”, "
        "“UK and Ireland”. Lines are grouped under it.",
    )
    name = models.CharField(max_length=120)
    description = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: who it is for, in a few words.",
    )
    phone = models.CharField(
        max_length=32,
        blank=True,
        validators=[_PHONE_CHARACTERS],
        help_text="The number to call, as readers dial it there.",
    )
    text_number = models.CharField(
        max_length=32,
        blank=True,
        validators=[_PHONE_CHARACTERS],
        help_text="The number to text, if it takes texts.",
    )
    text_keyword = models.CharField(
        max_length=40,
        blank=True,
        help_text="Optional: the word to text, such as “SHOUT”.",
    )
    url = models.URLField(
        "web address", blank=True, help_text="Its own site, starting https://."
    )
    hours = models.CharField(
        max_length=80, help_text="When it answers: “24 hours, every day”."
    )
    position = models.PositiveSmallIntegerField(
        default=0,
        help_text="Lines and their regions show in this order, lowest first.",
    )
    is_active = models.BooleanField("shown", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CrisisLineQuerySet.as_manager()

    class Meta:
        ordering = ["position", "region", "name"]

    def __str__(self):
        return f"{self.name} ({self.region})"

    def clean(self):
        super().clean()
        if not (self.phone or self.text_number):
            raise ValidationError("Give a number to call, a number to text, or both.")
        if self.text_keyword and not self.text_number:
            raise ValidationError(
                {"text_keyword": "A word to text needs a number to text it to."}
            )
        if self.url and not self.url.startswith("https://"):
            raise ValidationError({"url": "Use the line's secure address (https://)."})

    @property
    def phone_href(self) -> str:
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")

    @property
    def text_href(self) -> str:
        return "sms:" + "".join(c for c in self.text_number if c.isdigit() or c == "+")

    @property
    def url_label(self) -> str:
        """Return the address as readers would type it, without https://www."""
        return self.url.removeprefix("https://").removeprefix("www.").rstrip("/")


class ThreadFlagQuerySet(models.QuerySet):
    def shown_on(self, thread: Thread) -> "ThreadFlagQuerySet":
        """Return thread's flags that readers see, with their patterns: one query.

        A flag from a reply counts while the reply is visible; a pattern
        staff switched off counts no more, before it is worked out again.
        """
        return (
            self.filter(thread=thread, pattern__is_active=True)
            .filter(Q(reply__isnull=True) | Q(reply__removed_at__isnull=True))
            .select_related("pattern")
            .order_by("pattern__position", "pattern__name")
        )


class ThreadFlag(models.Model):
    """A pattern that a question (or, for crisis language, a reply) matches.

    Written by safety.services when a post is written and when staff change
    the patterns, so that a thread page reads them in one query. What
    matched is not kept: it is the member's text, worked out again on demand.
    """

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="safety_flags"
    )
    reply = models.ForeignKey(
        Reply,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="safety_flags",
    )
    pattern = models.ForeignKey(
        SafetyPattern, on_delete=models.CASCADE, related_name="flags"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ThreadFlagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "pattern"],
                condition=Q(reply__isnull=True),
                name="thread_flag_once",
            ),
            models.UniqueConstraint(
                fields=["reply", "pattern"],
                condition=Q(reply__isnull=False),
                name="reply_flag_once",
            ),
        ]

    def __str__(self):
        post = (
            f"reply {self.reply_id}" if self.reply_id else f"question {self.thread_id}"
        )
        return f"{self.pattern.name} in {post}"


class Redaction(models.Model):
    """Staff removed personal data from a post and from its earlier versions.

    A record of what was done, never of what was removed: the point was to
    remove it. Written by safety.services.redact_post with its audit entry.
    """

    thread = models.ForeignKey(
        Thread,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redactions",
    )
    reply = models.ForeignKey(
        Reply,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redactions",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=300)
    passages = models.PositiveSmallIntegerField(
        help_text="How many different pieces of text staff removed."
    )
    in_post = models.PositiveIntegerField(
        "places in the post", help_text="Where they were replaced in the post."
    )
    in_versions = models.PositiveIntegerField(
        "places in earlier versions",
        help_text="Where they were replaced in the post's earlier versions.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True) ^ Q(reply__isnull=True),
                name="redaction_names_one_post",
            ),
        ]

    def __str__(self):
        post = (
            f"reply {self.reply_id}" if self.reply_id else f"question {self.thread_id}"
        )
        return f"Redaction of {post} on {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def post(self) -> "Thread | Reply":
        return self.reply if self.reply_id else self.thread
