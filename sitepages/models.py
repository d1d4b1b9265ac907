from django.db import models
from django.urls import reverse

from forum.markdown import render_page_markdown


class SitePage(models.Model):
    """One of the footer's pages, written by staff in the admin.

    The set of pages is fixed (Slug): each has its own address and a link in
    the footer on every page. The body is Markdown, rendered and sanitised
    when it is saved, as members' posts are.
    """

    class Slug(models.TextChoices):
        ABOUT = "about", "About"
        GUIDELINES = "guidelines", "Community guidelines"
        PRIVACY = "privacy", "Privacy"
        TERMS = "terms", "Terms"
        CONTACT = "contact", "Contact"

    slug = models.CharField(max_length=20, choices=Slug.choices, unique=True)
    title = models.CharField(max_length=120)
    body = models.TextField(help_text="Markdown: the same formatting as a post.")
    body_html = models.TextField(editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_page_markdown(self.body)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(f"sitepages:{self.slug}")
