from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager

from .markdown import render_markdown

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 10_000
# What happened next: a short follow-up, not a second question.
OUTCOME_MAX_LENGTH = 3000
REPORT_NOTE_MAX_LENGTH = 1000


class Hold(models.TextChoices):
    """Why a post waits, hidden, for staff to review it."""

    REPORTS = "reports", "Reported by several members"
    LINKS = "links", "Links from a new member"


class Forum(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Forums are listed by position, lowest first."
    )
    # Maintained by forum.services in the same transaction as the change.
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Visible threads for members only, which visitors' lists leave out.
    members_only_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:forum-detail", kwargs={"slug": self.slug})

    @property
    def public_thread_count(self) -> int:
        """Return how many of its visible threads a visitor may read."""
        return self.thread_count - self.members_only_count


class ThreadQuerySet(models.QuerySet):
    def visible(self) -> "ThreadQuerySet":
        """Return threads that have not been removed by staff."""
        return self.filter(removed_at__isnull=True)

    def unanswered(self) -> "ThreadQuerySet":
        """Return threads that nobody has replied to yet."""
        return self.filter(reply_count=0)

    def public(self) -> "ThreadQuerySet":
        """Return threads anyone may read, signed in or not (forum.visibility)."""
        return self.filter(is_members_only=False)

    def shown_to(self, user) -> "ThreadQuerySet":
        """Return the threads user may read: all for members, public for visitors."""
        return self if user.is_authenticated else self.public()

    def with_outcome(self) -> "ThreadQuerySet":
        """Return threads whose asker shared what happened next."""
        return self.filter(outcome_at__isnull=False)

    def for_list(self) -> "ThreadQuerySet":
        """Return visible threads with what a thread list row shows joined."""
        return self.visible().select_related("author", "forum")

    def search(self, terms: str) -> "ThreadQuerySet":
        """Return visible threads matching terms, in no particular order.

        forum.search describes what matches and ranks the matches
        (SearchResults): on PostgreSQL through the stored search vector and
        its GIN index, elsewhere with regular expressions.
        """
        from .search import matching

        return matching(self.visible(), terms)

    def for_detail(self, *, removed: bool = False) -> "ThreadQuerySet":
        """Return visible threads, or all, with author, forum and tags loaded."""
        threads = self if removed else self.visible()
        return threads.select_related("author", "forum").prefetch_related("tags")


class Thread(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="threads")
    # Members are deactivated, not deleted, so their posts and the counters
    # built on them stay consistent.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="threads"
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(max_length=80, allow_unicode=False)
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_activity_at = models.DateTimeField(default=timezone.now, editable=False)
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    helpful_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Helpful votes on the thread's visible replies.",
    )
    is_pinned = models.BooleanField("pinned", default=False)
    is_locked = models.BooleanField("locked", default=False)
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the author deleted the thread themselves, rather than staff.
    is_removed_by_author = models.BooleanField(
        "removed by its author", default=False, editable=False
    )
    # Why a post is hidden pending review, if it is (removed_at is set too):
    # reports reached the threshold, or a new member's post has links.
    held_for = models.CharField(
        max_length=16, choices=Hold.choices, blank=True, editable=False
    )
    tags = TaggableManager(blank=True)
    # Readable by signed-in members only; visitors and search engines get
    # a teaser (forum.visibility). The asker or staff change it.
    is_members_only = models.BooleanField(
        "for members only",
        default=False,
        help_text="Only signed-in members can read it; visitors see the title "
        "and its first lines.",
    )
    # Shown as "Anonymous member": only staff, in the admin, see who asked
    # (forum.anonymity).
    is_anonymous = models.BooleanField(
        "posted anonymously", default=False, editable=False
    )
    # The title, body and replies for full-text search, with the title's and
    # question's words marked, kept by PostgreSQL triggers (migrations 0003
    # and 0011, forum.search); empty on SQLite, where search matches words
    # with regular expressions.
    search_vector = SearchVectorField(null=True, editable=False)
    # What happened next, in the asker's words (forum.outcomes): what their
    # doctor said, what helped. Shown under the question once shared.
    outcome = models.TextField(max_length=OUTCOME_MAX_LENGTH, blank=True)
    outcome_html = models.TextField(blank=True, editable=False)
    outcome_at = models.DateTimeField(null=True, blank=True, editable=False)
    outcome_edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-id"]
        indexes = [
            # One index per ordering of a forum's thread list; removed threads
            # are never listed, so they stay out of the indexes.
            models.Index(
                fields=["forum", "-is_pinned", "-last_activity_at", "-id"],
                name="thread_forum_active_idx",
                condition=Q(removed_at__isnull=True),
            ),
            models.Index(
                fields=["forum", "-created_at", "-id"],
                name="thread_forum_newest_idx",
                condition=Q(removed_at__isnull=True),
            ),
            models.Index(
                fields=["forum", "-created_at", "-id"],
                name="thread_forum_unanswered_idx",
                condition=Q(removed_at__isnull=True, reply_count=0),
            ),
            models.Index(
                fields=["author", "-created_at"], name="thread_author_recent_idx"
            ),
            # A visitor's forum list leaves members-only threads out: one
            # index per ordering of it, too.
            models.Index(
                fields=["forum", "-is_pinned", "-last_activity_at", "-id"],
                name="thread_forum_public_active_idx",
                condition=Q(removed_at__isnull=True, is_members_only=False),
            ),
            models.Index(
                fields=["forum", "-created_at", "-id"],
                name="thread_forum_public_newest_idx",
                condition=Q(removed_at__isnull=True, is_members_only=False),
            ),
            models.Index(
                fields=["forum", "-created_at", "-id"],
                name="thread_forum_public_unansw_idx",
                condition=Q(
                    removed_at__isnull=True, is_members_only=False, reply_count=0
                ),
            ),
            # A common search looks first among the most recently active
            # threads, found along this (forum.search); tag pages, which
            # list threads across forums, walk it and the two below, one
            # per ordering.
            models.Index(
                fields=["-last_activity_at", "-id"],
                name="thread_active_idx",
                condition=Q(removed_at__isnull=True),
            ),
            models.Index(
                fields=["-created_at", "-id"],
                name="thread_newest_idx",
                condition=Q(removed_at__isnull=True),
            ),
            models.Index(
                fields=["-created_at", "-id"],
                name="thread_unanswered_idx",
                condition=Q(removed_at__isnull=True, reply_count=0),
            ),
            # A forum's questions with an outcome, latest shared first.
            models.Index(
                fields=["forum", "-outcome_at", "-id"],
                name="thread_forum_outcome_idx",
                condition=Q(removed_at__isnull=True, outcome_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        derived = set()
        if update_fields is None or "title" in update_fields:
            self.slug = slugify(self.title)[:80].strip("-") or "thread"
            derived.add("slug")
        if update_fields is None or "body" in update_fields:
            self.body_html = render_markdown(self.body)
            derived.add("body_html")
        if update_fields is None or "outcome" in update_fields:
            self.outcome_html = render_markdown(self.outcome) if self.outcome else ""
            derived.add("outcome_html")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:thread-detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def audit_label(self) -> str:
        """Name the thread in the audit log without its author's words."""
        return f"Question #{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


# A reply carries its author's professional badge unless posted anonymously:
# an anonymous reply is never sorted, filtered or marked as a professional's.
SHOWN_PROFESSIONAL = Q(author__is_medical_professional=True, is_anonymous=False)


def _shown_professional() -> models.Expression:
    return models.ExpressionWrapper(SHOWN_PROFESSIONAL, models.BooleanField())


class ReplyQuerySet(models.QuerySet):
    def visible(self) -> "ReplyQuerySet":
        """Return replies that have not been removed by staff."""
        return self.filter(removed_at__isnull=True)

    def readable(self) -> "ReplyQuerySet":
        """Return replies a reader can see: neither they nor their thread removed."""
        return self.visible().filter(thread__removed_at__isnull=True)

    def from_professionals(self) -> "ReplyQuerySet":
        """Return replies that show a verified medical professional's badge."""
        return self.filter(SHOWN_PROFESSIONAL)

    def endorsed(self) -> "ReplyQuerySet":
        """Return replies that a verified professional endorses as clinically sound."""
        return self.filter(endorsement_count__gt=0)

    def helped_most(self) -> "ReplyQuerySet":
        """Return replies the asker marked as helping them most, first marked first."""
        return self.filter(helped_most_at__isnull=False).order_by("helped_most_at")

    def sorted_by(self, sort: str) -> "ReplyQuerySet":
        """Order replies as a reader asked: helpful, oldest, newest or endorsed."""
        orderings = {
            # Most helpful first; among equals a verified professional's
            # reply, then the earlier reply, which had longer to be read.
            "helpful": [
                "-helpful_count",
                _shown_professional().desc(),
                "created_at",
                "id",
            ],
            "oldest": ["created_at", "id"],
            "newest": ["-created_at", "-id"],
            # Most endorsed by verified professionals, then most helpful.
            "endorsed": ["-endorsement_count", "-helpful_count", "created_at", "id"],
        }
        return self.order_by(*orderings[sort])

    def with_vote_of(self, user) -> "ReplyQuerySet":
        """Annotate each reply with user's vote: True, False or None."""
        if not user.is_authenticated:
            # Named all the same: a template's failed lookup of my_vote costs
            # a dir() of the reply, on every reply of every page.
            return self.annotate(
                my_vote=models.Value(None, output_field=models.BooleanField())
            )
        return self.annotate(
            my_vote=Subquery(
                HelpfulVote.objects.filter(reply=OuterRef("pk"), voter=user).values(
                    "is_helpful"
                )[:1]
            )
        )

    def with_endorsement_of(self, user) -> "ReplyQuerySet":
        """Annotate each reply with whether user endorsed it (my_endorsement)."""
        if not (user.is_authenticated and user.is_medical_professional):
            return self.annotate(
                my_endorsement=models.Value(False, output_field=models.BooleanField())
            )
        return self.annotate(
            my_endorsement=models.Exists(
                Endorsement.objects.filter(reply=OuterRef("pk"), endorser=user)
            )
        )

    def states_for_thread_page(self, user, sort: str) -> "ReplyQuerySet":
        """Return, in the page's order, what decides how each reply looks.

        Rows of (pk, helpful_count, author_id, author_is_professional,
        my_vote, created_at, edited_at, endorsement_count, my_endorsement,
        helped_most_at): enough to find each reply's stored HTML (see
        forum.fragments.thread_replies_html), which then loads only the replies not
        stored yet. Call it on thread.replies.
        """
        states = (
            self.visible()
            .with_vote_of(user)
            .with_endorsement_of(user)
            .annotate(author_is_professional=_shown_professional())
            .sorted_by(sort)
        )
        if not user.is_authenticated:
            states = states.annotate(
                my_vote=models.Value(None, output_field=models.BooleanField())
            )
        return states.values_list(
            "pk",
            "helpful_count",
            "author_id",
            "author_is_professional",
            "my_vote",
            # Whether the reader may still edit it, and its latest text.
            "created_at",
            "edited_at",
            # Endorsements and the asker's marks (forum.endorsements, outcomes).
            "endorsement_count",
            "my_endorsement",
            "helped_most_at",
            named=True,
        )


class Reply(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="replies"
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    not_helpful_count = models.PositiveIntegerField(default=0, editable=False)
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the author deleted the reply themselves, rather than staff.
    is_removed_by_author = models.BooleanField(
        "removed by its author", default=False, editable=False
    )
    # Why a post is hidden pending review, if it is (removed_at is set too):
    # reports reached the threshold, or a new member's post has links.
    held_for = models.CharField(
        max_length=16, choices=Hold.choices, blank=True, editable=False
    )
    # Shown as "Anonymous member" (forum.anonymity).
    is_anonymous = models.BooleanField(
        "posted anonymously", default=False, editable=False
    )
    # Endorsements by members who are verified professionals now, kept by
    # forum.endorsements in the same transaction as the change.
    endorsement_count = models.PositiveIntegerField(default=0, editable=False)
    # When the asker marked it as one of the replies that helped them most.
    helped_most_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "replies"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["thread", "-helpful_count", "created_at", "id"],
                name="reply_thread_helpful_idx",
                condition=Q(removed_at__isnull=True),
            ),
            models.Index(
                fields=["thread", "created_at", "id"],
                name="reply_thread_created_idx",
                condition=Q(removed_at__isnull=True),
            ),
            models.Index(
                fields=["author", "-created_at"], name="reply_author_recent_idx"
            ),
            models.Index(
                fields=[
                    "thread",
                    "-endorsement_count",
                    "-helpful_count",
                    "created_at",
                    "id",
                ],
                name="reply_thread_endorsed_idx",
                condition=Q(removed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"Reply by {self.author} on {self.thread}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_html = render_markdown(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}?sort=newest#reply-{self.pk}"

    @property
    def audit_label(self) -> str:
        """Name the reply in the audit log without its author's name or words."""
        return f"Reply #{self.pk} to question #{self.thread_id}"

    @property
    def anchor(self) -> str:
        return f"reply-{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class HelpfulVote(models.Model):
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="helpful_votes"
    )
    is_helpful = models.BooleanField("helpful")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reply", "voter"], name="one_vote_per_reply"
            ),
        ]

    def __str__(self):
        verdict = "helpful" if self.is_helpful else "not helpful"
        return f"{self.voter} found reply {self.reply_id} {verdict}"


class EndorsementQuerySet(models.QuerySet):
    def counted(self) -> "EndorsementQuerySet":
        """Return endorsements by members who are verified professionals now.

        A revoked credential takes the badge away, and with it the weight of
        every endorsement its holder gave; approved again, they count again.
        """
        return self.filter(endorser__is_medical_professional=True)


class Endorsement(models.Model):
    """A verified professional's word that a reply is clinically sound.

    Separate from readers' helpful votes: one per professional and reply (a
    database constraint), withdrawable, and public, with the endorser's name
    and specialty. Written only by forum.endorsements.
    """

    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, related_name="endorsements"
    )
    endorser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="endorsements"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reply", "endorser"], name="one_endorsement_per_reply"
            ),
        ]

    def __str__(self):
        return f"{self.endorser} endorses reply {self.reply_id}"


class MemberActivity(models.Model):
    """A member's stored activity counts, shown on their public page.

    Kept by forum.services with F() in the same transaction as the posts and
    votes they count; ``manage.py recount`` repairs them. A member who has
    never posted has no row, which reads as zeros.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="forum_activity",
    )
    thread_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    helpful_received = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "member activity"

    def __str__(self):
        return f"Activity of member {self.member_id}"


def member_activity_counts(member) -> dict[str, int]:
    """Return member's stored thread and reply counts, zeros if none.

    Named by settings.MEMBER_ACTIVITY_COUNTS for the accounts admin, which
    shows them to staff deciding on a credential without importing the forum.
    """
    counts = (
        MemberActivity.objects.filter(member=member)
        .values("thread_count", "reply_count")
        .first()
    )
    return counts or {"thread_count": 0, "reply_count": 0}


class PostTokenQuerySet(models.QuerySet):
    def stale(self) -> "PostTokenQuerySet":
        """Return tokens too old to guard against a repeated submission."""
        return self.filter(created_at__lt=timezone.now() - PostToken.LIFETIME)


class PostToken(models.Model):
    """The form token a question or reply was posted with, so it posts once.

    Each question and reply form carries a random token; the post and its
    token row are written in one transaction, and a second submission with
    the same token by the same member (Back and submit again, a double tap)
    finds the row and lands on the first post instead of posting again. The
    unique constraint settles two submissions racing each other. A token only
    matters while the page that carried it may still be resubmitted, so rows
    older than LIFETIME can be deleted at any time:
    ``PostToken.objects.stale().delete()``.
    """

    LIFETIME = timedelta(days=1)

    token = models.CharField(max_length=64)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PostTokenQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "token"], name="one_post_per_token"
            ),
            models.CheckConstraint(
                condition=Q(thread__isnull=True) ^ Q(reply__isnull=True),
                name="post_token_names_one_post",
            ),
        ]

    def __str__(self):
        return f"Post token of member {self.member_id}"

    @property
    def post(self) -> "Thread | Reply":
        return self.reply if self.reply_id else self.thread


class Revision(models.Model):
    """A version of a thread or reply as it stood before an edit replaced it.

    Written by forum.services whenever a post's text changes (an author's
    edit, staff's edit, a restored version), so nothing anyone wrote is lost.
    Readers see only the current text; staff read the history in the admin.
    """

    thread = models.ForeignKey(
        Thread,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
    )
    reply = models.ForeignKey(
        Reply,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
    )
    # The thread's title then; empty for a reply.
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    # Who replaced this version, when, and why.
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now, editable=False)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-edited_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True) ^ Q(reply__isnull=True),
                name="revision_names_one_post",
            ),
        ]

    def __str__(self):
        post = f"reply {self.reply_id}" if self.reply_id else f"thread {self.thread_id}"
        return f"Version of {post} replaced at {self.edited_at:%Y-%m-%d %H:%M}"

    @property
    def post(self) -> "Thread | Reply":
        return self.reply if self.reply_id else self.thread


class ReportQuerySet(models.QuerySet):
    def open(self) -> "ReportQuerySet":
        return self.filter(status=Report.Status.OPEN)


class Report(models.Model):
    """A member's report that a thread or reply needs staff to look at.

    One per member and post (database constraints). Written by
    forum.services.report_post; staff work the open ones in the admin's
    moderation queue, grouped by post. A report with no reporter is a flag
    the site raised itself (forum.services.flag_post), once per post.
    """

    class Reason(models.TextChoices):
        DANGER = "danger", "Someone may be in danger"
        MISINFORMATION = "misinformation", "Medical misinformation"
        NEEDS_SOURCE = "needs_source", "Needs a source"
        SPAM = "spam", "Spam or advertising"
        HARASSMENT = "harassment", "Harassment or abuse"
        PERSONAL_INFORMATION = "personal_info", "Personal information shared"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved: staff acted"
        DISMISSED = "dismissed", "Dismissed: nothing wrong"

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(max_length=REPORT_NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OPEN, editable=False
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True) ^ Q(reply__isnull=True),
                name="report_names_one_post",
            ),
            models.UniqueConstraint(
                fields=["reporter", "thread"],
                condition=Q(thread__isnull=False),
                name="report_thread_once",
            ),
            models.UniqueConstraint(
                fields=["reporter", "reply"],
                condition=Q(reply__isnull=False),
                name="report_reply_once",
            ),
            models.UniqueConstraint(
                fields=["thread"],
                condition=Q(reporter__isnull=True, thread__isnull=False),
                name="report_thread_flagged_once",
            ),
            models.UniqueConstraint(
                fields=["reply"],
                condition=Q(reporter__isnull=True, reply__isnull=False),
                name="report_reply_flagged_once",
            ),
        ]
        indexes = [
            # The queue: open reports, found by post.
            models.Index(
                fields=["thread", "reply"],
                condition=Q(status="open"),
                name="report_open_idx",
            ),
        ]

    def __str__(self):
        post = f"reply {self.reply_id}" if self.reply_id else f"thread {self.thread_id}"
        return f"{self.get_reason_display()}: {post}"

    @property
    def post(self) -> "Thread | Reply":
        return self.reply if self.reply_id else self.thread

    @property
    def is_automatic(self) -> bool:
        """Return whether the site raised this itself, not a member."""
        return self.reporter_id is None


class TagSynonym(models.Model):
    """A variant staff map to one tag: members typing it get the tag.

    The name is stored normalised (forum.tags.normalise_tag_name), so
    "Migraines" and "migraines " both find the same synonym.
    """

    name = models.CharField(
        max_length=100,
        unique=True,
        help_text="The variant members type, such as “migraines”. "
        "It is saved in lower case.",
    )
    tag = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.CASCADE,
        related_name="synonyms",
        help_text="The tag posts get instead.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "tag synonym"

    def __str__(self):
        return f"{self.name} → {self.tag.name}"


class RelatedThreadQuerySet(models.QuerySet):
    def shown_for(self, thread: Thread) -> "RelatedThreadQuerySet":
        """Return thread's stored related questions that readers may see, in order.

        Removed and held threads are left out here, as they are read, so that
        hiding one needs no recomputing; each row carries its thread's title,
        slug and forum, and nothing heavier. Slice it.
        """
        return (
            self.filter(thread=thread, related__removed_at__isnull=True)
            .select_related("related__forum")
            .only(
                "thread_id",
                "position",
                "related__id",
                "related__title",
                "related__slug",
                "related__is_members_only",
                "related__forum__id",
                "related__forum__name",
                "related__forum__slug",
            )
            .order_by("position")
        )


class RelatedThread(models.Model):
    """One of the questions a thread's page suggests reading next.

    Worked out by forum.related and stored by forum.services.relate_thread
    when a question is posted or retitled, and for every thread by
    ``manage.py relate_threads``; position 0 is the most related.
    """

    # The (thread, position) index serves every read, so no index of its own.
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="related_links", db_index=False
    )
    related = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="listed_in"
    )
    score = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField()

    objects = RelatedThreadQuerySet.as_manager()

    class Meta:
        ordering = ["thread", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "related"], name="related_thread_once"
            ),
            models.CheckConstraint(
                condition=~Q(related=models.F("thread")),
                name="related_thread_not_itself",
            ),
        ]
        indexes = [
            models.Index(
                fields=["thread", "position"], name="related_thread_order_idx"
            ),
        ]

    def __str__(self):
        return f"Thread {self.related_id} related to thread {self.thread_id}"
