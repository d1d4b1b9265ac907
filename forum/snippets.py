"""The excerpt of a search result, with the words searched for marked.

Built from plain text, every piece escaped before <mark> goes around the
matched words, so a post can never smuggle markup in through a search.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

_WORD = re.compile(r"\w+")
SNIPPET_LENGTH = 220


def _word_starts(terms: str) -> list[str]:
    """Return how each searched word begins, so "twitching" marks "twitches"."""
    starts = []
    for word in _WORD.findall(terms.lower()):
        if word in ("or", "and", "not"):
            continue
        start = word[: max(4, len(word) - 3)] if len(word) > 5 else word
        if start not in starts:
            starts.append(start)
    return starts


def _matcher(terms: str) -> re.Pattern | None:
    starts = _word_starts(terms)
    if not starts:
        return None
    alternatives = "|".join(re.escape(start) for start in starts)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


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
