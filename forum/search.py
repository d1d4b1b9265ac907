"""Searching the questions: what a search matches, and in which order.

A search is a few words, written as on a search engine: every word must
appear, "words in quotes" must appear in that order, `or` between words (or
groups of words) accepts either, and a word after a minus (`-aura`) leaves
out the threads that have it. Words match their other forms ("twitches"
finds "twitching"); common words ("the", "my") are skipped unless the
search has nothing else, so a search for ME (the illness) still finds it.

Every visible thread that matches is a result. Results are ranked by where
the search matched, in these tiers, and within a tier the most recently
active thread comes first:

1. the title, word for word;
2. the title, only through other forms of the words;
3. the question (title and body together), word for word;
4. the question, only through other forms;
5. the whole thread, replies included, word for word;
6. the whole thread, only through other forms.

A thread belongs to the first tier it reaches. So a thread named after what
was searched comes before one that mentions it in passing, the exact word
before its other forms, and among equals the livelier thread first.
Abbreviations (MS, ALS, TIA) are words like any other, matched whole.

On PostgreSQL each thread's stored search vector (kept by the triggers of
migration 0011) holds its words in two configurations, 'english' (stems)
and 'simple' (words as written), plus its title's words marked '@t:' and its
question's words marked '@q:'. Each tier is then a single full-text query
that the GIN index answers without reading a row: "the thread matches the
stems, its title the marked stems and the marked words" is tier 1. No
ranking function reads the vectors, which is what keeps a common word fast
with every match a candidate (bench/README.md has the figures). The ids of
a page come from one statement that works through the tiers in order and
stops as soon as the page is full.

On SQLite the same tiers are worked out with regular expressions over the
title, the body and the replies, which is slow on a large forum but finds
the same threads for plain words.
"""

import functools
import operator
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQueryField
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.db.models import Value as V
from django.db.models.expressions import RawSQL

from .models import Reply

# A search counts, ranks and pages through at most this many threads; beyond
# it the page says "more than" and a reader narrows the search.
MAX_RESULTS = 1000

# The marks the vector's title and question words carry (migration 0011).
TITLE_MARK = "@t:"
QUESTION_MARK = "@q:"

TIERS = 6

# Words English searches skip (a search made only of them keeps them).
_STOP_WORDS = """
    a about above after again against all am an and any are as at be because
    been before being below between both but by can could d did do does doing
    don down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just ll m
    me more most my myself no nor not now o of off on once only or other our
    ours ourselves out over own re s same she should so some such t than that
    the their theirs them themselves then there these they this those through
    to too under until up ve very was we were what when where which while who
    whom why will with would you your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_TOKEN = re.compile(r'(?P<minus>-)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """One word, or the words of a quoted phrase, possibly left out (-word)."""

    words: tuple[str, ...]
    is_excluded: bool = False


@dataclass(frozen=True)
class Search:
    """What a reader typed, read: groups of terms, any one group matching."""

    groups: tuple[tuple[Term, ...], ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        """Say whether there is nothing to look for (only left-out words)."""
        return not self.words

    @property
    def words(self) -> list[str]:
        """Return the words looked for, each once, in the order typed."""
        seen = []
        for group in self.groups:
            for term in group:
                if not term.is_excluded:
                    seen.extend(w for w in term.words if w not in seen)
        return seen


def parse(terms: str) -> Search:
    """Read a search as PostgreSQL's websearch_to_tsquery reads it."""
    groups, group = [], []
    for token in _TOKEN.finditer(terms.replace("/", " ").lower()):
        text = token["phrase"] if token["phrase"] is not None else token["word"]
        if token["word"] == "or" and not token["minus"]:
            groups.append(group)
            group = []
            continue
        words = tuple(_WORD.findall(text))
        if words:
            group.append(Term(words, is_excluded=bool(token["minus"])))
    groups.append(group)
    search = Search(tuple(tuple(group) for group in groups if group))
    # As PostgreSQL's 'english' configuration does, skip common words unless
    # nothing else is looked for.
    if all(word in STOP_WORDS for word in search.words):
        return search
    kept = []
    for group in search.groups:
        terms_kept = tuple(
            term for term in group if not all(word in STOP_WORDS for word in term.words)
        )
        if terms_kept:
            kept.append(terms_kept)
    return Search(tuple(kept))


# --- Other forms of a word, for SQLite and for marking excerpts. ------------

_ENDINGS = ("ing", "ness", "ed", "es", "ly", "s", "e")
_DOUBLED = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_TAIL = "(?:ing|ness|ed|es|ly|s|e)?"


def _stem(word: str) -> str:
    """Trim an English ending, roughly as PostgreSQL's stemmer does."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    if word.endswith(_DOUBLED):
        word = word[:-1]
    return word


def _word_form(word: str, *, exact: bool) -> str:
    if exact or len(word) <= 3:
        return re.escape(word)
    stem = _stem(word)
    if stem[-1] in "yi":
        return rf"{re.escape(stem[:-1])}[yi]{_TAIL}"
    # "spin" finds "spinning": a doubled last letter before an ending.
    doubled = "" if stem[-1] in "aeiouy" else f"{re.escape(stem[-1])}?"
    return rf"{re.escape(stem)}{doubled}{_TAIL}"


def word_pattern(word: str, *, exact: bool = False) -> str:
    """Return a regular expression for word as a whole word, or any of its forms.

    Short words (MS, ALS, TIA) are only ever matched whole.
    """
    return rf"\b{_word_form(word, exact=exact)}\b"


def _term_pattern(term: Term, *, exact: bool) -> str:
    """Return a regular expression for a term's words, in order."""
    # English skips a common word inside quotes but keeps its place (a
    # search made only of common words looks for them as they are).
    skipped = () if exact or STOP_WORDS.issuperset(term.words) else STOP_WORDS
    forms = (
        r"\w+" if word in skipped else _word_form(word, exact=exact)
        for word in term.words
    )
    return r"\b" + r"\W+".join(forms) + r"\b"


# --- SQLite: regular expressions. ------------------------------------------


def _term_matches(term: Term, scope: str, *, exact: bool) -> Q:
    pattern = f"(?i){_term_pattern(term, exact=exact)}"
    found = Q(title__regex=pattern)
    if scope in ("question", "thread"):
        found |= Q(body__regex=pattern)
    if scope == "thread":
        replies = Reply.objects.visible().filter(
            thread=OuterRef("pk"), body__regex=pattern
        )
        found |= Q(Exists(replies))
    return found


def _matches(search: Search, scope: str, *, exact: bool) -> Q:
    """Return whether a thread matches search within scope.

    scope is "title", "question" or "thread"; left-out words are left out of
    the whole thread, in any form.
    """
    groups = []
    for group in search.groups:
        every = Q()
        for term in group:
            if term.is_excluded:
                every &= ~_term_matches(term, "thread", exact=False)
            else:
                every &= _term_matches(term, scope, exact=exact)
        groups.append(every)
    return functools.reduce(operator.or_, groups)


def _sqlite_ranked(threads: QuerySet, search: Search) -> QuerySet:
    tiers = [
        When(_matches(search, scope, exact=exact), then=V(number))
        for number, (scope, exact) in enumerate(
            [
                ("title", True),
                ("title", False),
                ("question", True),
                ("question", False),
                ("thread", True),
            ],
            start=1,
        )
    ]
    return (
        threads.filter(_matches(search, "thread", exact=False))
        .annotate(tier=Case(*tiers, default=V(TIERS), output_field=IntegerField()))
        .order_by("tier", "-last_activity_at", "-pk")
    )


# --- PostgreSQL: full-text queries the GIN index answers. -------------------


@dataclass(frozen=True)
class _TsQuery:
    """SQL for a tsquery and its parameters, combined as tsqueries combine."""

    sql: str
    params: tuple = ()

    def __and__(self, other: "_TsQuery") -> "_TsQuery":
        return _TsQuery(f"({self.sql} && {other.sql})", self.params + other.params)

    def __or__(self, other: "_TsQuery") -> "_TsQuery":
        return _TsQuery(f"({self.sql} || {other.sql})", self.params + other.params)

    def __invert__(self) -> "_TsQuery":
        return _TsQuery(f"(!! {self.sql})", self.params)

    def marked(self, mark: str) -> "_TsQuery":
        """Return the query for the marked copies of its words.

        The marked words have no positions, so "in this order" becomes
        "all of them" there; the unmarked query still checks the order.
        """
        text = f"({self.sql})::text"
        unordered = f"regexp_replace({text}, '<[0-9]*-?>', '&', 'g')"
        # Each quoted lexeme ('' inside is a quote) gets the mark in front.
        lexeme, marked = r"'''((?:[^'']|'''')+)'''", rf"'''{mark}\1'''"
        sql = f"regexp_replace({unordered}, {lexeme}, {marked}, 'g')"
        return _TsQuery(f"({sql})::tsquery", self.params)

    def differs_from(self, other: "_TsQuery") -> "_TsQuery":
        """Return a condition (not a tsquery): the two queries are not the same."""
        return _TsQuery(
            f"(({self.sql})::text <> ({other.sql})::text)", self.params + other.params
        )

    def matched_by(self, vector: str = "search_vector") -> "_Matches":
        """Return the condition: the vector field matches this query."""
        query = RawSQL(self.sql, self.params, output_field=SearchQueryField())
        return _Matches(F(vector), query)


class _Matches(Func):
    # Django's search lookup would wrap a tsquery in plainto_tsquery().
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _websearch(config: str, terms: str) -> _TsQuery:
    return _TsQuery(f"websearch_to_tsquery('{config}'::regconfig, %s)", (terms,))


def _stems_and_words(terms: str) -> tuple[_TsQuery, _TsQuery]:
    """Return the search as English stems, and as the words typed."""
    terms = terms.replace("/", " ")
    english, words = _websearch("english", terms), _websearch("simple", terms)
    # A search made only of words English skips ("ME") looks for them.
    stems = _TsQuery(
        f"(CASE WHEN numnode({english.sql}) = 0"
        f" THEN {words.sql} ELSE {english.sql} END)",
        english.params + words.params + english.params,
    )
    return stems, words


def title_has_any(words: list[str]) -> "_Matches":
    """Return the condition: a thread's title has one of words, in any form.

    For PostgreSQL only; forum.related finds candidates with it.
    """
    queries = (_websearch("english", word).marked(TITLE_MARK) for word in words)
    return functools.reduce(operator.or_, queries).matched_by()


def tier_queries(terms: str) -> list[tuple[_TsQuery, _TsQuery | None]]:
    """Return each tier's query, and when it can only be empty (if ever).

    The tiers that match "only through other forms" are empty when every
    word typed is its own stem.
    """
    stems, words = _stems_and_words(terms)
    title, question = TITLE_MARK, QUESTION_MARK
    other_forms = stems.differs_from(words)
    return [
        (stems & stems.marked(title) & words.marked(title), None),
        (stems & stems.marked(title) & ~words.marked(title), other_forms),
        (
            stems
            & stems.marked(question)
            & words.marked(question)
            & ~stems.marked(title),
            None,
        ),
        (
            stems
            & stems.marked(question)
            & ~words.marked(question)
            & ~stems.marked(title),
            other_forms,
        ),
        (stems & words & ~stems.marked(question), None),
        (stems & ~words & ~stems.marked(question), other_forms),
    ]


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


# When a search matches more than MAX_RESULTS threads, each tier is first
# looked for among this many of the most recently active threads: a tier
# with a page's worth of them there needs nothing more, and this costs at
# most RECENT rows read, where the index scan and sort cost the whole tier.
RECENT = 300


def _postgresql_ids(threads: QuerySet, terms: str, need: int, common: bool) -> list:
    """Return the ids of the first need results, best first: one statement."""
    sql, params = _postgresql_ids_sql(threads, terms, need, common)
    with connections[threads.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _postgresql_ids_sql(
    threads: QuerySet, terms: str, need: int, common: bool
) -> tuple[str, list]:
    """Return the statement that finds the first need results, best first.

    The tiers' queries are worked out once, in the first common table
    expression; the rest see them as values known only when the statement
    runs, so the planner reaches each tier through the GIN index rather
    than guess from word counts (a tier's words are far from independent:
    its guesses were off by thousands, and a guess too high made it read
    every thread). Each tier then runs only if the tiers before it left the
    page short: its WHERE holds a condition PostgreSQL decides before
    reading anything. "NULLS LAST" keeps the planner from walking the
    activity index for a tier's newest rows, which reads a row's vector for
    every thread walked past. For a common search (common=True) the tier is
    first looked for among the RECENT most recently active threads, which
    is exact when a page's worth of them are there.
    """
    queries = tier_queries(terms)
    columns = [f"{tier.sql} AS tier_{n}" for n, (tier, _) in enumerate(queries, 1)]
    params = [p for tier, _ in queries for p in tier.params]
    for n, (_, empty_unless) in enumerate(queries, start=1):
        if empty_unless is not None:
            columns.append(f"{empty_unless.sql} AS open_{n}")
            params += empty_unless.params
    ctes = [f"search_queries AS MATERIALIZED (SELECT {', '.join(columns)})"]
    # The most recently active threads of all, whatever the search's
    # filters: a filter such as "answered by a professional" costs a lookup
    # per thread, so it is checked only on these and only once a thread
    # matches. A page's worth found among them is still exactly the page.
    recent_sql, recent_params = _sql(
        threads.model.objects.visible()
        .order_by("-last_activity_at", "-pk")
        .values("pk")[:RECENT]
    )
    table = connections[threads.db].ops.quote_name(threads.model._meta.db_table)
    for n, (_, empty_unless) in enumerate(queries, start=1):
        tier = _TsQuery(f"(SELECT tier_{n} FROM search_queries)")
        gate = "TRUE" if n == 1 else f"(SELECT found FROM before_{n}) < %s"
        gate_params = [] if n == 1 else [need]
        if empty_unless is not None:
            gate += f" AND (SELECT open_{n} FROM search_queries)"
        full_sql, full_params = _sql(
            threads.filter(tier.matched_by())
            .order_by(F("last_activity_at").desc(nulls_last=True), F("pk").desc())
            .values_list("pk", "last_activity_at")[:need]
        )
        full = f"SELECT * FROM ({full_sql}) AS found (id, last_activity_at)"
        if common:
            # Each recent thread is looked up by its id, and kept if it is
            # in the tier and passes the filters (a nested loop, so that no
            # filter runs over the whole tier).
            one_sql, one_params = _sql(
                threads.filter(RawSQL(f"{table}.id = recent.id", (), BooleanField()))
                .filter(tier.matched_by())
                .values_list("pk", "last_activity_at")
            )
            ctes.append(
                f"recent_{n} AS MATERIALIZED (SELECT found.* FROM ({recent_sql})"
                f" AS recent (id) CROSS JOIN LATERAL ({one_sql})"
                f" AS found (id, last_activity_at) WHERE {gate}"
                " ORDER BY found.last_activity_at DESC, found.id DESC LIMIT %s)"
            )
            params += [*recent_params, *one_params, *gate_params, need]
            enough = f"(SELECT count(*) FROM recent_{n})"
            ctes.append(
                f"tier_{n} AS MATERIALIZED ("
                f"SELECT * FROM recent_{n} WHERE {enough} >= %s"
                f" UNION ALL {full} WHERE {gate} AND {enough} < %s)"
            )
            params += [need, *full_params, *gate_params, need]
        else:
            ctes.append(f"tier_{n} AS MATERIALIZED ({full} WHERE {gate})")
            params += [*full_params, *gate_params]
        if n < TIERS:
            before = "0" if n == 1 else f"(SELECT found FROM before_{n})"
            ctes.append(
                f"before_{n + 1} AS MATERIALIZED"
                f" (SELECT {before} + (SELECT count(*) FROM tier_{n}) AS found)"
            )
    tiers = " UNION ALL ".join(
        f"SELECT {n} AS tier, id, last_activity_at FROM tier_{n}"
        for n in range(1, TIERS + 1)
    )
    sql = (
        f"WITH {', '.join(ctes)} SELECT id FROM ({tiers}) AS ranked"
        " ORDER BY tier, last_activity_at DESC, id DESC"
    )
    return sql, params


# --- What the views use. ----------------------------------------------------


def matching(threads: QuerySet, terms: str) -> QuerySet:
    """Narrow threads to those that match terms, in any tier (unordered)."""
    search = parse(terms)
    if search.is_empty:
        return threads.none()
    if connections[threads.db].vendor == "postgresql":
        stems, _ = _stems_and_words(terms)
        # As a subquery, the query is a value the planner cannot see into,
        # so it reaches the matches through the GIN index: from the words'
        # frequencies it would sometimes read every row's vector instead.
        return threads.filter(
            _TsQuery(f"(SELECT {stems.sql})", stems.params).matched_by()
        )
    return threads.filter(_matches(search, "thread", exact=False))


class SearchResults:
    """The ids of the visible threads that match a search, best first.

    A Paginator pages through them: count() costs one query, capped at
    MAX_RESULTS, and each page's ids one more, whatever the number found.
    """

    def __init__(self, threads: QuerySet, terms: str):
        self.threads = threads.visible()
        self.terms = terms
        self.search = parse(terms)
        self.is_postgresql = connections[self.threads.db].vendor == "postgresql"

    @functools.cached_property
    def found(self) -> int:
        """Return how many threads match, up to one more than MAX_RESULTS."""
        if self.search.is_empty:
            return 0
        # Unordered, so that counting stops at the cap.
        found = matching(self.threads, self.terms).order_by().values("pk")
        return found[: MAX_RESULTS + 1].count()

    @property
    def has_more(self) -> bool:
        """Say whether more threads match than are counted and shown."""
        return self.found > MAX_RESULTS

    def count(self) -> int:
        return min(self.found, MAX_RESULTS)

    def statements(self, need: int) -> dict[str, tuple[str, list]]:
        """Return the SQL a page of need results runs on PostgreSQL, by name.

        For the benchmark's query plans; the statements run as the page
        runs them (the count first, which decides how the ids are found).
        """
        counted = matching(self.threads, self.terms).order_by().values("pk")
        count_sql, count_params = _sql(counted[: MAX_RESULTS + 1])
        return {
            "count": (f"SELECT count(*) FROM ({count_sql}) AS found", count_params),
            "ids": _postgresql_ids_sql(self.threads, self.terms, need, self.has_more),
        }

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[int]:
        start, stop = index.start or 0, min(index.stop, self.count())
        if stop <= start:
            return []
        if self.is_postgresql:
            ids = _postgresql_ids(self.threads, self.terms, stop, self.has_more)
        else:
            ranked = _sqlite_ranked(self.threads, self.search)
            ids = list(ranked.values_list("pk", flat=True)[:stop])
        return ids[start:stop]
