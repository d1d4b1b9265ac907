"""The excerpt of a search result, with the words searched for marked.

Built from plain text, every piece escaped before <mark> goes around the
matched words, so a post can never smuggle markup in through a search. A
thread found through its replies shows the first reply that has the words.
"""

import re

from django.db import connection
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from core.text import html_to_text

from .models import Reply
from .search import parse, word_pattern

SNIPPET_LENGTH = 220


def _matcher(terms: str) -> re.Pattern | None:
    """Match the words looked for, in any of the forms a search finds.

    Left-out words (-aura) are not marked; short words (MS) only whole.
    """
    words = parse(terms).words
    if not words:
        return None
    return re.compile(_pattern(words), re.IGNORECASE)


def _pattern(words: list[str]) -> str:
    return "|".join(word_pattern(word) for word in words)


def has_match(text: str, terms: str) -> bool:
    """Say whether text has one of the words searched for, in any form."""
    matcher = _matcher(terms)
    return bool(matcher and matcher.search(text))


def first_matching_replies(thread_ids: list[int], terms: str) -> dict[int, str]:
    """Return, by thread, the plain text of its first reply with a word searched for.

    One query for all the threads, or none for no threads.
    """
    words = parse(terms).words
    if not thread_ids or not words:
        return {}
    pattern = _pattern(words)
    replies = Reply.objects.visible().filter(thread_id__in=thread_ids)
    if connection.vendor == "postgresql":
        # PostgreSQL's regular expressions spell a word boundary \y.
        replies = replies.filter(body__iregex=pattern.replace(r"\b", r"\y"))
        replies = replies.order_by("thread_id", "created_at", "id").distinct(
            "thread_id"
        )
    else:
        replies = replies.filter(body__iregex=pattern).order_by("created_at", "id")
    first = {}
    for thread_id, body_html in replies.values_list("thread_id", "body_html"):
        first.setdefault(thread_id, html_to_text(body_html))
    return first


def snippet(text: str, terms: str, length: int = SNIPPET_LENGTH) -> SafeString:
    """Return about length characters of text around its first match, marked."""
    matcher = _matcher(terms)
    first = matcher.search(text) if matcher else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    excerpt = text[start:end]
    pieces = ["… " if start else ""]
    last = 0
    for match in matcher.finditer(excerpt) if matcher else ():
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group(0)))
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    pieces.append(" …" if end < len(text) else "")
    # Only escaped text and format_html's output are joined.
    return mark_safe("".join(pieces))
