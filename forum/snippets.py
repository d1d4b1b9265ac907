"""The excerpt of a search result, with the words searched for marked.

Built from plain text, every piece escaped before <mark> goes around the
matched words, so a post can never smuggle markup in through a search.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .search import parse, word_pattern

SNIPPET_LENGTH = 220


def _matcher(terms: str) -> re.Pattern | None:
    """Match the words looked for, in any of the forms a search finds.

    Left-out words (-aura) are not marked; short words (MS) only whole.
    """
    words = parse(terms).words
    if not words:
        return None
    return re.compile("|".join(word_pattern(word) for word in words), re.IGNORECASE)


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
