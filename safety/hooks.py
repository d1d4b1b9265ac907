"""What the safety app adds to the forum's pages, through core.hooks.

settings.PAGE_CONTEXT_HOOKS names these for the forum's views, which import
nothing of this app:

- thread_detail_context: a thread's emergency banner and crisis lines. The
  same for every reader, anonymous ones too: the stored page is expired by
  safety.services whenever they change. One query, or two when the crisis
  lines are not cached.
- post_review: what a question or reply shows its author before it posts
  (emergency signs, crisis lines, personal data), and whether it waits for
  them to confirm the personal data. A post waits once: the form then
  carries what they were shown (SEEN_FIELD), and "Post anyway" (POST_ANYWAY)
  posts whatever it holds.
"""

from dataclasses import dataclass, field

from .models import SafetyPattern, ThreadFlag
from .screening import Screening, crisis_lines, screen

POST_ANYWAY = "personal_data"
POST_ANYWAY_VALUE = "post_anyway"
SEEN_FIELD = "personal_data_seen"

Kind = SafetyPattern.Kind


@dataclass
class ThreadSafety:
    """What a thread page shows every reader: the signs, and the crisis lines."""

    emergency: list[SafetyPattern] = field(default_factory=list)
    has_crisis: bool = False
    crisis_lines: list = field(default_factory=list)


@dataclass
class ComposeCheck:
    """A post form's check: what its text shows, and whether posting waits."""

    kind: str  # "question" or "reply"
    screening: Screening = field(default_factory=Screening)
    is_held: bool = False
    # An edit of a post already posted, on its own page.
    is_edit: bool = False

    @property
    def heading_level(self) -> int:
        # Under the page's h1 on the ask and edit pages; under the reply
        # box's h2 on a thread page.
        return 2 if self.kind == "question" or self.is_edit else 3


def thread_detail_context(request, *, thread, **objects) -> dict:
    """Give a thread page its stored flags' banner and crisis lines: one query."""
    patterns = list(
        dict.fromkeys(flag.pattern for flag in ThreadFlag.objects.shown_on(thread))
    )
    has_crisis = any(pattern.kind == Kind.CRISIS for pattern in patterns)
    return {
        "safety_notice": ThreadSafety(
            emergency=[p for p in patterns if p.kind == Kind.EMERGENCY],
            has_crisis=has_crisis,
            crisis_lines=crisis_lines() if has_crisis else [],
        ),
        # The reply box's check, filled in as a member types.
        "safety_check": ComposeCheck(kind="reply"),
    }


def post_review(request, *, form, kind: str, editing: bool = False, **objects) -> dict:
    """Check a post form's text; hold it once if it shows personal data.

    An unbound form (the page as first shown) is checked as empty. The
    form's raw data is read, so that a form shown again for any reason
    (a mistake, a limit) shows what its text matches.
    """
    if not form.is_bound:
        return {"safety_check": ComposeCheck(kind=kind, is_edit=editing)}
    data = form.data
    screening = screen(title=data.get("title", ""), body=data.get("body", ""))
    confirmed = (
        data.get(POST_ANYWAY) == POST_ANYWAY_VALUE
        or data.get(SEEN_FIELD) == screening.personal_data_seen
    )
    held = bool(screening.personal_data) and not confirmed
    return {
        "safety_check": ComposeCheck(
            kind=kind, screening=screening, is_held=held, is_edit=editing
        ),
        "hold_post": held,
    }
