"""Related and similar questions: what to read next, and what may already be asked.

A thread's page suggests up to RELATED_SHOWN related questions, worked out
here once and stored (RelatedThread, by forum.services.relate_thread) when a
question is posted or retitled, and for every thread by ``manage.py
relate_threads``. The ask page suggests similar questions while a member
types a title (similar_threads), from the same words.

The rule, the same on every database:

- a candidate is a visible thread (never removed, never held, never the
  thread itself) that shares a topic (tag) or a word of its title;
- its score is TAG_WEIGHT (6) for each topic shared, WORD_WEIGHT (2) for
  each title word shared, and SAME_FORUM (1) for being in the same forum:
  topics weigh most, one more word in common outweighs the forum, and the
  forum decides between otherwise equal candidates;
- below MIN_SCORE (one word in common, from another forum) it is not related;
- ties go to the more recently active thread.

Title words are compared after lower-casing, dropping common words
(STOP_WORDS) and trimming plural and verb endings, so "Twitching eyelids"
and "eyelid twitches" share two words. Short medical abbreviations (MS, ALS,
TIA) are words like any other. The score is symmetric, so a new question
that belongs in an older thread's list gets there when that list is worked
out again (forum.tasks does so for the new question's closest threads).

The database only finds candidates, cheaply and in bounded numbers: on
PostgreSQL through the title words marked in the threads' full-text vectors
and their GIN index (forum.search), on SQLite by matching the words inside
titles. The score is computed here, on
titles and topics alone, so both find the same for plain words.
"""

import functools
import operator
import re
from dataclasses import dataclass, replace
from datetime import datetime

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from taggit.models import TaggedItem

from .models import TITLE_MAX_LENGTH, RelatedThread, Thread
from .search import title_has_any

RELATED_SHOWN = 5
# A few more are stored than shown, so that one removed later leaves the
# block full until the list is worked out again.
RELATED_STORED = 8
SIMILAR_SHOWN = 5
# A title shorter than this says too little to compare.
SIMILAR_MIN_LENGTH = 4
# Title words a question shares with one about to be posted for the ask page
# to show it before posting, without JavaScript (one word is too common).
CLOSE_WORDS = 2

TAG_WEIGHT = 6
WORD_WEIGHT = 2
SAME_FORUM = 1
# One title word in common, from another forum, is too little ("night").
MIN_SCORE = 3

# How many candidates each kind of match brings; the best are kept.
CANDIDATES = 50
SIMILAR_CANDIDATES = 20
# Words of a title looked for; a title has seldom more that matter.
MAX_WORDS = 8
# On PostgreSQL a common word matches thousands of threads: only the most
# recently active of them are ordered by how many title words they share.
MATCH_WINDOW = 1000

_WORD = re.compile(r"[^\W_]+")

# Words that say nothing about what a question is about ("don't" is read as
# "don" and "t").
_STOP_WORDS = """
    aren couldn didn doesn don hasn haven isn ll re shouldn ve wasn won wouldn
    actually anybody better cause caus cope expect first happen happens helped
    helps mean means old ok okay share symptom symptoms tip tips worse
    a about after again ago all almost also always am an and any anybody anyone
    anything are around as ask asking at be because been before being best both
    but by can cannot could day days did do does doing done dont during each
    else ever every everyone feel feeling feels few for from get gets getting go
    going got had has have having he help her here him his how i if im in into
    is isnt it its ive just keep keeps know last like lot lots many may me
    might month months more most much my need needs never new no normal not now
    of off often on once one only or other our out over please question
    questions really same see seem seems should since so some someone something
    start started still such than thank thanks that the their them then there
    these they thing things think this those three through time times to too
    two up us very was way we week weeks were what when where which while who
    why will with without worried worry would year years yes yet you your
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def _stem(word: str) -> str:
    """Trim a plural or verb ending, so that forms of one word compare equal."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def title_words(text: str) -> frozenset[str]:
    """Return the words of a title that say what it is about, stemmed."""
    words = (word for word in _WORD.findall(text.lower()) if not word.isdigit())
    stems = ((word, _stem(word)) for word in words if len(word) > 1)
    return frozenset(
        stem for word, stem in stems if not {word, stem} & STOP_WORDS and len(stem) > 1
    )


def _search_words(words: frozenset[str]) -> list[str]:
    # The longest words are the most telling; sorted so the query is stable.
    return sorted(words, key=lambda word: (-len(word), word))[:MAX_WORDS]


def _matching(threads: QuerySet, words: list[str]) -> QuerySet:
    """Narrow threads to those that share a word, most title words first."""
    if connection.vendor == "postgresql":
        recent = (
            threads.filter(title_has_any(words))
            .order_by("-last_activity_at", "-id")
            .values("pk")[:MATCH_WINDOW]
        )
        matches = Thread.objects.filter(pk__in=recent)
    else:
        matches = threads.filter(
            functools.reduce(operator.or_, (Q(title__icontains=w) for w in words))
        )
    hits = functools.reduce(
        operator.add,
        (Case(When(title__icontains=word, then=1), default=0) for word in words),
        Value(0, output_field=IntegerField()),
    )
    return matches.annotate(title_hits=hits).order_by(
        "-title_hits", "-last_activity_at", "-id"
    )


@dataclass(frozen=True)
class Candidate:
    pk: int
    title: str
    forum_id: int
    last_activity_at: datetime
    shared_tags: int = 0


def score(thread: Thread, candidate: Candidate) -> int:
    """Return how related candidate is to thread (0: not at all)."""
    shared_words = len(title_words(thread.title) & title_words(candidate.title))
    if not (candidate.shared_tags or shared_words):
        return 0
    points = (
        TAG_WEIGHT * candidate.shared_tags
        + WORD_WEIGHT * shared_words
        + SAME_FORUM * (candidate.forum_id == thread.forum_id)
    )
    return points if points >= MIN_SCORE else 0


_FIELDS = ("pk", "title", "forum_id", "last_activity_at")


def find_related(thread: Thread) -> list[tuple[int, int]]:
    """Return (pk, score) of thread's most related visible threads, best first.

    At most four queries, each bounded by CANDIDATES, whatever the forum's size.
    """
    others = Thread.objects.visible().exclude(pk=thread.pk)
    tag_ids = list(thread.tags.values_list("pk", flat=True))
    candidates: dict[int, Candidate] = {}
    topics_cut_short = False
    if tag_ids:
        sharing = (
            others.filter(tags__in=tag_ids)
            .values(*_FIELDS)
            .annotate(shared_tags=Count("pk"))
            .order_by("-shared_tags", "-last_activity_at", "-pk")[:CANDIDATES]
        )
        candidates = {row["pk"]: Candidate(**row) for row in sharing}
        # Cut short, the topic query may have left out a word match's topics.
        topics_cut_short = len(candidates) == CANDIDATES
    if words := _search_words(title_words(thread.title)):
        for row in _matching(others, words).values(*_FIELDS)[:CANDIDATES]:
            candidates.setdefault(row["pk"], Candidate(**row))
    if topics_cut_short:
        unknown = [pk for pk, c in candidates.items() if not c.shared_tags]
        counts = (
            TaggedItem.objects.filter(
                content_type__app_label="forum",
                content_type__model="thread",
                object_id__in=unknown,
                tag_id__in=tag_ids,
            )
            .values("object_id")
            .annotate(shared=Count("pk"))
        )
        for row in counts:
            pk = row["object_id"]
            candidates[pk] = replace(candidates[pk], shared_tags=row["shared"])
    scored = [(score(thread, c), c) for c in candidates.values()]
    scored = [(points, c) for points, c in scored if points]
    scored.sort(
        key=lambda pair: (-pair[0], -pair[1].last_activity_at.timestamp(), -pair[1].pk)
    )
    return [(c.pk, points) for points, c in scored[:RELATED_STORED]]


def shown_related(thread: Thread, *, public_only: bool = False) -> list[RelatedThread]:
    """Return the related questions thread's page shows: one query.

    public_only leaves out questions for members only, for a visitor.
    """
    shown = RelatedThread.objects.shown_for(thread)
    if public_only:
        shown = shown.filter(related__is_members_only=False)
    return list(shown[:RELATED_SHOWN])


def similar_threads(
    title: str, *, close_only: bool = False, public_only: bool = False
) -> list[Thread]:
    """Return up to SIMILAR_SHOWN visible threads whose titles look like title.

    close_only keeps those that share at least CLOSE_WORDS of its words:
    enough to stop a member who is about to post a question that may be
    asked already; public_only leaves out questions for members only. One
    query with a LIMIT, or none for a title too short to compare.
    """
    title = title.strip()[:TITLE_MAX_LENGTH]
    words = title_words(title)
    if len(title) < SIMILAR_MIN_LENGTH or not words:
        return []
    threads = Thread.objects.visible()
    if public_only:
        threads = threads.public()
    found = (
        _matching(threads, _search_words(words))
        .select_related("forum")
        .only(
            "id",
            "title",
            "slug",
            "reply_count",
            "last_activity_at",
            "forum__id",
            "forum__name",
            "forum__slug",
        )[:SIMILAR_CANDIDATES]
    )
    enough = CLOSE_WORDS if close_only else 1
    ranked = [(len(words & title_words(thread.title)), thread) for thread in found]
    ranked = [(shared, thread) for shared, thread in ranked if shared >= enough]
    ranked.sort(
        key=lambda pair: (-pair[0], -pair[1].last_activity_at.timestamp(), -pair[1].pk)
    )
    return [thread for _, thread in ranked[:SIMILAR_SHOWN]]
