"""Staff-curated resource articles and the daily counts that rank them."""

from datetime import timedelta
from pathlib import PurePath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from taggit.managers import TaggableManager
from taggit.models import Tag

from forum.markdown import render_markdown
from forum.models import Forum

TITLE_MAX_LENGTH = 120
SUMMARY_MAX_LENGTH = 160
BODY_MAX_LENGTH = 30_000
IMAGE_MAX_BYTES = 2 * 1024 * 1024
POPULAR_DAYS = 30

# The formats Pillow may report for an upload, with the names each may
# carry. SVG is left out on purpose: it is a document that can carry script.
IMAGE_TYPES = {
    "JPEG": ("JPEG", {".jpg", ".jpeg"}),
    "PNG": ("PNG", {".png"}),
    "GIF": ("GIF", {".gif"}),
    "WEBP": ("WebP", {".webp"}),
}
IMAGE_ACCEPT = "image/jpeg,image/png,image/gif,image/webp"
NOT_AN_IMAGE = "This file is not a JPEG, PNG, GIF or WebP image."
# Larger than any photo an article needs; a small file that claims more
# pixels than this is a decompression bomb, refused before it is decoded.
IMAGE_MAX_PIXELS = 40_000_000


def validate_image_upload(file) -> None:
    """Refuse a new upload that is too large or is not a JPEG, PNG, GIF or WebP.

    Pillow reads the file (its header, then the whole image to check that it
    decodes), so the type is what the file is, not what the browser said; the
    name must agree with it so that the file is served as what it is. A file
    already stored was checked when it came in.
    """
    if getattr(file, "_committed", True):
        return
    if file.size > IMAGE_MAX_BYTES:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s. Save it smaller "
            "or in a compressed format and upload it again.",
            code="image_too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(IMAGE_MAX_BYTES),
            },
        )
    not_an_image = ValidationError(NOT_AN_IMAGE, code="not_an_image")
    file.seek(0)
    try:
        with Image.open(file) as image:
            kind = image.format
            if kind not in IMAGE_TYPES:
                raise not_an_image
            if image.width * image.height > IMAGE_MAX_PIXELS:
                raise ValidationError(
                    "This image is %(width)s × %(height)s pixels; make it smaller "
                    "and upload it again.",
                    code="image_too_many_pixels",
                    params={"width": image.width, "height": image.height},
                )
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        # Pillow's ways of saying the bytes are not an image it can decode.
        raise not_an_image from None
    finally:
        file.seek(0)
    label, extensions = IMAGE_TYPES[kind]
    if PurePath(file.name).suffix.lower() not in extensions:
        raise ValidationError(
            "This file is a %(kind)s image, but its name does not end in "
            "%(extensions)s. Rename it and upload it again.",
            code="image_name_mismatch",
            params={"kind": label, "extensions": " or ".join(sorted(extensions))},
        )


def render_article(text: str) -> str:
    """Return sanitised HTML for an article's Markdown, sections as h2.

    render_markdown turns a member's top headings into h4 so that a post
    cannot outshout its thread; an article is the page's main content, so
    those headings become its h2 sections again (h3 stays h3), keeping the
    page's outline in order under its h1.
    """
    html = render_markdown(text)
    return html.replace("<h4>", "<h2>").replace("</h4>", "</h2>")


class ResourceQuerySet(models.QuerySet):
    def published(self) -> "ResourceQuerySet":
        """Return resources readers may see: published, publish date reached."""
        return self.filter(is_published=True, published_at__lte=timezone.now())

    def for_forum(self, forum: Forum | None) -> "ResourceQuerySet":
        """Return resources meant for forum: aimed at it, or at every forum.

        With no forum (the forum index), every resource is meant for it.
        """
        if forum is None:
            return self
        aims = Resource.forums.through.objects.filter(resource=OuterRef("pk"))
        return self.filter(Exists(aims.filter(forum=forum)) | ~Exists(aims))

    def with_recent_views(self, days: int = POPULAR_DAYS) -> "ResourceQuerySet":
        """Annotate recent_view_count: views over the last days, today included."""
        since = timezone.localdate() - timedelta(days=days - 1)
        return self.annotate(recent_view_count=_views_since(since))

    def with_view_totals(self) -> "ResourceQuerySet":
        """Annotate recent_view_count and total_view_count (every day stored)."""
        return self.with_recent_views().annotate(total_view_count=_views_since(None))

    def for_sidebar(self, forum: Forum | None) -> "ResourceQuerySet":
        """Return published resources for forum in the sidebar's order.

        Pinned ones first, in the staff's order; then, on a forum's pages,
        those aimed at that forum; then the most read over the last 30
        days; the newest first among equals. One query, however many
        resources, forums and days there are.
        """
        resources = self.published().for_forum(forum).with_recent_views()
        ordering = [
            "-is_pinned",
            Case(When(is_pinned=True, then="position"), default=Value(0)),
        ]
        if forum is not None:
            aims = Resource.forums.through.objects.filter(
                resource=OuterRef("pk"), forum=forum
            )
            resources = resources.annotate(is_aimed=Exists(aims))
            ordering.append("-is_aimed")
        ordering += ["-recent_view_count", "-published_at", "-pk"]
        return resources.only(
            "title", "slug", "summary", "external_url", "is_pinned", "published_at"
        ).order_by(*ordering)

    def for_list(self) -> "ResourceQuerySet":
        """Return resources as the resources index lists them, newest first."""
        return self.defer("body", "body_html").order_by("-published_at", "-pk")

    def for_detail(self) -> "ResourceQuerySet":
        """Return resources with their tags and reviewer loaded, for the article."""
        return self.select_related("medical_reviewer").prefetch_related("tags")

    def review_overdue(self) -> "ResourceQuerySet":
        """Return resources whose next review date has passed."""
        return self.filter(next_review_on__lt=timezone.localdate())

    def review_due_within(self, days: int) -> "ResourceQuerySet":
        """Return resources whose next review falls in the next days, overdue too."""
        return self.filter(
            next_review_on__lte=timezone.localdate() + timedelta(days=days)
        )

    def never_reviewed(self) -> "ResourceQuerySet":
        """Return resources no verified professional has reviewed."""
        return self.filter(
            Q(medical_reviewer__isnull=True)
            | Q(medical_reviewer__is_medical_professional=False)
        )

    def related_to(self, resource: "Resource") -> "ResourceQuerySet":
        """Return other resources sharing resource's tags, most shared first.

        Without tags, return those aimed at one of its forums. Reads the
        tags prefetched by for_detail(), so it costs one query.
        """
        others = self.exclude(pk=resource.pk).for_list()
        tag_ids = [tag.pk for tag in resource.tags.all()]
        if tag_ids:
            return (
                others.filter(tags__in=tag_ids)
                .annotate(shared_tags=models.Count("tags"))
                .order_by("-shared_tags", "-published_at", "-pk")
            )
        aimed_at = Resource.forums.through.objects.filter(resource=resource).values(
            "forum"
        )
        return others.filter(forums__in=aimed_at).distinct()

    def topics(self) -> models.QuerySet:
        """Return the tags these resources carry, by name."""
        return Tag.objects.filter(pk__in=self.values("tags")).order_by("name")


def _views_since(since):
    days = ResourceDailyViews.objects.filter(resource=OuterRef("pk"))
    if since is not None:
        days = days.filter(day__gte=since)
    total = days.values("resource").annotate(total=Sum("view_count")).values("total")
    return Coalesce(Subquery(total), 0)


class Resource(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The last part of the page's address. Filled from the title.",
        error_messages={
            "unique": "Another resource already uses this slug. Choose another "
            "one, for example by adding a word from the title."
        },
    )
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text=(
            f"One line for the sidebar and the resources list, at most "
            f"{SUMMARY_MAX_LENGTH} characters."
        ),
    )
    body = models.TextField(
        "article",
        max_length=BODY_MAX_LENGTH,
        blank=True,
        help_text="Markdown. Leave empty when the resource is an external link.",
    )
    body_html = models.TextField(editable=False, blank=True)
    external_url = models.URLField(
        "external link",
        max_length=500,
        blank=True,
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message="Enter a full web address starting with https:// or http://.",
                code="not_a_web_address",
            )
        ],
        help_text=(
            "The address of an article on another site, instead of writing one "
            "here. Readers reach it through a link that counts their visit."
        ),
    )
    image = models.ImageField(
        upload_to="resources/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[validate_image_upload],
        help_text=(
            f"Optional. JPEG, PNG, GIF or WebP, at most "
            f"{IMAGE_MAX_BYTES // (1024 * 1024)} MB."
        ),
    )
    # Written by the image field on save, so that the page reserves the
    # image's space before it loads.
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "image description",
        max_length=200,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    forums = models.ManyToManyField(
        Forum,
        blank=True,
        related_name="resources",
        help_text="Shown first on these forums' pages. None: shown everywhere.",
    )
    tags = TaggableManager(
        "topics",
        blank=True,
        help_text=(
            "Comma-separated. Threads with the same tags are linked from the article."
        ),
    )
    is_published = models.BooleanField(
        "published",
        default=False,
        help_text="Readers see it only when this is ticked and the publish date "
        "has come.",
    )
    published_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        help_text="A date in the future schedules the resource.",
    )
    is_pinned = models.BooleanField(
        "pinned",
        default=False,
        help_text="Pinned resources lead the sidebar, in order of position.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among pinned resources, lowest first."
    )
    # Medical review: who wrote it, which verified professional checked it,
    # when, and when it is next due. Readers see all of it on the article,
    # and a mark while the review is overdue.
    written_by = models.CharField(
        max_length=150,
        blank=True,
        help_text="The author's name as readers should see it, e.g. 'Health "
        "Forum staff' or the external article's author.",
    )
    medical_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_resources",
        limit_choices_to={"is_medical_professional": True},
        help_text="A verified medical professional who checked it.",
    )
    last_reviewed_on = models.DateField("last reviewed", null=True, blank=True)
    next_review_on = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text="Readers are told the article is due for review after this "
        "date, until it is reviewed again.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(body="") & ~Q(external_url=""))
                | (~Q(body="") & Q(external_url="")),
                name="resource_body_or_link",
                violation_error_message=(
                    "A resource is either an article or an external link: fill "
                    "in exactly one of them."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                name="resource_published_idx",
                condition=Q(is_published=True),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_html = render_article(self.body) if self.body else ""
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("resources:resource-detail", kwargs={"slug": self.slug})

    def clean(self):
        self.body = self.body.strip()
        self.summary = " ".join(self.summary.split())
        errors = {}
        if self.body and self.external_url:
            message = (
                "Give either an article or an external link, not both: clear "
                "one of them."
            )
            errors = {"body": message, "external_url": message}
        elif not self.body and not self.external_url:
            errors = {
                "body": "Write the article here, or give an external link below.",
                "external_url": "Give the article's address, or write it above.",
            }
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = "Describe the image for readers who cannot see it."
        errors.update(self._review_errors())
        if errors:
            raise ValidationError(errors)

    def _review_errors(self) -> dict[str, str]:
        errors = {}
        reviewer = self.medical_reviewer
        if reviewer is not None and not reviewer.is_medical_professional:
            errors["medical_reviewer"] = (
                "Choose a member whose professional credential staff have verified."
            )
        if (reviewer is None) != (self.last_reviewed_on is None):
            errors["last_reviewed_on"] = (
                "Give both the reviewer and the date they reviewed it, or neither."
            )
        if self.last_reviewed_on and self.last_reviewed_on > timezone.localdate():
            errors["last_reviewed_on"] = "A review date cannot be in the future."
        if self.next_review_on and not self.last_reviewed_on:
            errors["next_review_on"] = "Set the next review once it has been reviewed."
        elif self.next_review_on and self.next_review_on <= self.last_reviewed_on:
            errors["next_review_on"] = "The next review comes after the last one."
        return errors

    @property
    def is_external(self) -> bool:
        return bool(self.external_url)

    @property
    def external_host(self) -> str:
        host = urlsplit(self.external_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def link_url(self) -> str:
        """Where a teaser links: the article, or the counted way out."""
        if self.external_url:
            return reverse("resources:resource-visit", kwargs={"slug": self.slug})
        return self.get_absolute_url()

    @property
    def is_reviewed(self) -> bool:
        """Return whether a verified professional's review stands behind it."""
        reviewer = self.medical_reviewer
        return bool(reviewer and reviewer.is_medical_professional)

    @property
    def review_is_overdue(self) -> bool:
        """Return whether its next review date has passed without a review."""
        return bool(self.next_review_on and self.next_review_on < timezone.localdate())

    @property
    def is_live(self) -> bool:
        return self.is_published and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.is_published and self.published_at > timezone.now()


class ResourceDailyViews(models.Model):
    """How many readers read a resource on one day (UTC).

    The sidebar ranks by the sum of the last 30 of these rows, so ranking
    never scans raw events; one row per resource and day also bounds the
    table at a few hundred rows per resource per year.
    """

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField()
    view_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "daily views"
        verbose_name_plural = "daily views"
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "day"], name="one_views_row_per_resource_day"
            ),
        ]

    def __str__(self):
        return f"{self.resource} on {self.day}: {self.view_count}"
