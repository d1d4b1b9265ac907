"""What the site notices in a post's text, with staff's current patterns.

Read by the services when a post is written, by the compose check as a
member types, and by the page hooks. The active patterns and the crisis
lines change rarely and are read often, so they are kept in the page cache
(core.cache: data the database can rebuild) and forgotten when staff change
them (safety.services).
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet

from core.cache import page_cache
from core.release import RELEASE

from .models import CrisisLine, SafetyPattern
from .patterns import PersonalData, find_personal_data, read, search

# Rows, not pickled models, under the release: a deploy that changes the
# models never reads what the code before it stored.
PATTERNS_CACHE_KEY = f"safety:patterns:{RELEASE}"
CRISIS_LINES_CACHE_KEY = f"safety:crisis-lines:{RELEASE}"
# A change forgets them at once; this only bounds a missed forgetting.
CACHE_SECONDS = 10 * 60

Kind = SafetyPattern.Kind


def _cached(key: str, rows: QuerySet) -> list[Model]:
    """Return rows as model instances, from the cache or in one query."""
    values = page_cache().get(key)
    if values is None:
        values = list(rows.values())
        page_cache().set(key, values, CACHE_SECONDS)
    return [rows.model(**row) for row in values]


def active_patterns() -> list[SafetyPattern]:
    """Return the patterns the site looks for, from the cache or in one query."""
    return _cached(PATTERNS_CACHE_KEY, SafetyPattern.objects.active())


def crisis_lines() -> list[tuple[str, list[CrisisLine]]]:
    """Return the crisis lines shown, grouped by region, in staff's order."""
    lines = _cached(CRISIS_LINES_CACHE_KEY, CrisisLine.objects.shown())
    # Each region where its first line comes, its lines together.
    regions: dict[str, list[CrisisLine]] = {}
    for line in lines:
        regions.setdefault(line.region, []).append(line)
    return list(regions.items())


def forget_cached() -> None:
    """Forget the cached patterns and crisis lines: staff changed them."""
    page_cache().delete_many([PATTERNS_CACHE_KEY, CRISIS_LINES_CACHE_KEY])


def post_text(title: str, body: str) -> str:
    """Return a post's words as the patterns read them: title, then body."""
    # The blank line ends the title's sentence, so no line spans both.
    return f"{title.strip()}\n\n{body.strip()}" if title.strip() else body.strip()


def matching(text: str, patterns: Iterable[SafetyPattern]) -> list[SafetyPattern]:
    """Return which of patterns text matches, in their order."""
    document = read(text)
    return [pattern for pattern in patterns if search(pattern.lines, document)]


@dataclass
class Screening:
    """What a post being written shows its author before it is posted."""

    emergency: list[SafetyPattern] = field(default_factory=list)
    crisis: list[SafetyPattern] = field(default_factory=list)
    personal_data: list[PersonalData] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.emergency or self.crisis or self.personal_data)

    @property
    def crisis_lines(self) -> list[tuple[str, list[CrisisLine]]]:
        return crisis_lines() if self.crisis else []

    @property
    def personal_data_kinds(self) -> list[str]:
        """Return the kinds found, as words, each once, in reading order."""
        return list(dict.fromkeys(item.label for item in self.personal_data))

    @property
    def personal_data_seen(self) -> str:
        """Name what personal data the author was shown, to post it knowingly."""
        return _digest(item.text for item in self.personal_data)

    @property
    def signature(self) -> str:
        """Name everything shown, so that an unchanged check swaps nothing."""
        return _digest(
            [
                *(f"p{pattern.pk}" for pattern in self.emergency + self.crisis),
                *(f"{item.kind}:{item.text}" for item in self.personal_data),
            ]
        )


def _digest(parts: Iterable[str]) -> str:
    parts = list(parts)
    if not parts:
        return ""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def screen(*, title: str = "", body: str = "") -> Screening:
    """Return the emergency signs, crisis language and personal data in a post."""
    text = post_text(title, body)
    if not text:
        return Screening()
    found = matching(text, active_patterns())
    return Screening(
        emergency=[p for p in found if p.kind == Kind.EMERGENCY],
        crisis=[p for p in found if p.kind == Kind.CRISIS],
        personal_data=find_personal_data(text),
    )
