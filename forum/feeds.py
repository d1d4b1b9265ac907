"""Atom feeds: new questions in a forum or on a topic, a question's responses.

Feed readers see what any visitor sees: visible questions and responses
only, never a question for members only (its own feed is a 404), under the
name the site shows (never an erased member's, never an anonymous post's
author, never an e-mail address). Each feed costs two queries, the object
and its items.
Links use settings.SITE_URL, as the pages' canonical links do.

Feeds are not stored in the page cache, which keeps HTML pages only; they
are small, and readers poll them with If-Modified-Since, which the
Last-Modified header Django sets from the newest entry answers.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.timezone import localtime
from taggit.models import Tag

from .models import Forum, Reply, Thread
from .structured_data import author_name

FEED_ITEMS = 30


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _entry_id(kind: str, pk: int) -> str:
    """Return an entry's permanent id, which a new title or slug leaves alone.

    A tag URI (RFC 4151): feed readers tell entries apart by id, and a link
    changes when its question's title does.
    """
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{host},2026:{kind}/{pk}"


class _PostFeed(Feed):
    """What the feeds below share: Atom, and entries that are posts."""

    feed_type = Atom1Feed

    def item_author_name(self, item: Thread | Reply) -> str:
        return author_name(item)

    def item_description(self, item: Thread | Reply) -> str:
        # Rendered and sanitised when it was saved, like on the page.
        return item.body_html

    def item_link(self, item: Thread | Reply) -> str:
        return _absolute(item.get_absolute_url())

    def item_pubdate(self, item: Thread | Reply):
        return item.created_at

    def item_updateddate(self, item: Thread | Reply):
        return item.edited_at or item.created_at


class _QuestionsFeed(_PostFeed):
    def item_title(self, item: Thread) -> str:
        return item.title

    def item_guid(self, item: Thread) -> str:
        return _entry_id("question", item.pk)


class ForumQuestionsFeed(_QuestionsFeed):
    """The newest questions in one forum."""

    def get_object(self, request, slug):
        return get_object_or_404(Forum, slug=slug)

    def title(self, forum: Forum) -> str:
        return f"New questions in the {forum.name} Forum · Health Forum"

    def subtitle(self, forum: Forum) -> str:
        return forum.description or f"Questions asked in the {forum.name} Forum."

    def link(self, forum: Forum) -> str:
        return _absolute(forum.get_absolute_url())

    def feed_url(self, forum: Forum) -> str:
        return _absolute(reverse("forum:forum-feed", kwargs={"slug": forum.slug}))

    def items(self, forum: Forum):
        # The forum's "newest" list, on its index (thread_forum_newest_idx).
        return (
            Thread.objects.for_list()
            .public()
            .filter(forum=forum)
            .order_by("-created_at", "-id")[:FEED_ITEMS]
        )


class TagQuestionsFeed(_QuestionsFeed):
    """The newest questions on one topic, in every forum."""

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag: Tag) -> str:
        return f"New questions about {tag.name} · Health Forum"

    def subtitle(self, tag: Tag) -> str:
        return f"Questions tagged {tag.name}, from every forum."

    def link(self, tag: Tag) -> str:
        return _absolute(reverse("forum:tag", kwargs={"slug": tag.slug}))

    def feed_url(self, tag: Tag) -> str:
        return _absolute(reverse("forum:tag-feed", kwargs={"slug": tag.slug}))

    def items(self, tag: Tag):
        return (
            Thread.objects.for_list()
            .public()
            .filter(tags=tag)
            .order_by("-created_at", "-id")[:FEED_ITEMS]
        )


class _Moved(Exception):
    def __init__(self, url: str):
        self.url = url


class ThreadResponsesFeed(_PostFeed):
    """The newest responses to one question."""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except _Moved as moved:
            return redirect(moved.url, permanent=True)

    def get_object(self, request, pk, slug):
        thread = get_object_or_404(Thread.objects.visible().public(), pk=pk)
        if slug != thread.slug:
            # The question's title changed: its feed moved with its page.
            raise _Moved(self.feed_url(thread))
        return thread

    def title(self, thread: Thread) -> str:
        return f"Responses to “{thread.title}” · Health Forum"

    def subtitle(self, thread: Thread) -> str:
        return "The newest responses to a question asked in the forums."

    def link(self, thread: Thread) -> str:
        return _absolute(thread.get_absolute_url())

    def feed_url(self, thread: Thread) -> str:
        return _absolute(
            reverse("forum:thread-feed", kwargs={"pk": thread.pk, "slug": thread.slug})
        )

    def items(self, thread: Thread):
        # Each reply's thread is this one, already loaded (no query per link).
        return (
            thread.replies.visible()
            .select_related("author")
            .order_by("-created_at", "-id")[:FEED_ITEMS]
        )

    def item_title(self, item: Reply) -> str:
        when = date_format(localtime(item.created_at), "j F Y, H:i")
        return f"Response by {author_name(item)} on {when}"

    def item_guid(self, item: Reply) -> str:
        return _entry_id("response", item.pk)
