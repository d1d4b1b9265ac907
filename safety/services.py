"""Every write of the safety app: flags, staff's patterns and lines, redactions.

A post's flags are worked out when its text is written (forum.signals
.post_written, in the posting transaction: safety.receivers) and stored, so
that a thread page reads them in one query; when staff change the patterns,
reassess_threads works every thread out again in the background. Crisis
language also puts the post in the moderation queue, once
(forum.services.flag_post), which tells the managers at once.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from core.audit import record
from core.pagecache import scope, touch
from forum import services as forum_services
from forum.models import RelatedThread, Reply, Report, Revision, Thread

from . import screening, tasks
from .models import CrisisLine, Redaction, SafetyPattern, ThreadFlag

Kind = SafetyPattern.Kind
REDACTED = "[removed by staff]"
# Threads worked out again per query when staff change the patterns.
REASSESS_BATCH = 500


# --- Permission predicates. -------------------------------------------------


def _is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_edit_patterns(user) -> bool:
    """Return whether user may change the patterns and the crisis lines."""
    return _is_staff(user) and user.has_perm("safety.change_safetypattern")


def can_edit_crisis_lines(user) -> bool:
    """Return whether user may change the crisis lines."""
    return _is_staff(user) and user.has_perm("safety.change_crisisline")


def can_redact(user, post: "Thread | Reply") -> bool:
    """Return whether user may remove text from post: staff who may change posts."""
    return forum_services.can_moderate(user, type(post))


# --- Flags on posts. --------------------------------------------------------


def _crisis_note(patterns: list[SafetyPattern]) -> str:
    names = ", ".join(pattern.name for pattern in patterns)
    return (
        f"The site's check found words about suicide or self-harm ({names}). "
        "The author was shown the crisis lines."
    )


def _store_flags(
    thread_id: int, reply_id: int | None, patterns: Iterable[SafetyPattern]
) -> bool:
    """Make the post's stored flags exactly patterns; return whether they changed."""
    wanted = {pattern.pk for pattern in patterns}
    stored = ThreadFlag.objects.filter(thread_id=thread_id, reply_id=reply_id)
    have = set(stored.values_list("pattern_id", flat=True))
    if have == wanted:
        return False
    stored.exclude(pattern_id__in=wanted).delete()
    ThreadFlag.objects.bulk_create(
        [
            ThreadFlag(thread_id=thread_id, reply_id=reply_id, pattern_id=pk)
            for pk in wanted - have
        ],
        # The reassessment and a new edit may store the same flag at once.
        ignore_conflicts=True,
    )
    return True


def _patterns_for(post: "Thread | Reply", patterns: list[SafetyPattern]):
    """Return what post's text matches that its page shows.

    A question shows emergency signs and crisis language; a reply only
    crisis language: advice that names a sign ("a drooping face needs help
    at once") is not an emergency, and its thread already shows the line.
    """
    if isinstance(post, Reply):
        patterns = [p for p in patterns if p.kind == Kind.CRISIS]
        text = post.body
    else:
        text = screening.post_text(post.title, post.body)
    return screening.matching(text, patterns) if patterns else []


@transaction.atomic
def assess_post(*, post: "Thread | Reply") -> list[SafetyPattern]:
    """Store which patterns post's text matches; return them.

    Called when a post's text is written. The thread's page is expired when
    what it shows changed. Crisis language puts the post in the moderation
    queue once, as the site's own report.
    """
    found = _patterns_for(post, screening.active_patterns())
    is_reply = isinstance(post, Reply)
    thread_id = post.thread_id if is_reply else post.pk
    if _store_flags(thread_id, post.pk if is_reply else None, found):
        touch(scope("thread", thread_id))
    crisis = [pattern for pattern in found if pattern.kind == Kind.CRISIS]
    if crisis:
        forum_services.flag_post(
            post=post, reason=Report.Reason.DANGER, note=_crisis_note(crisis)
        )
    return found


def reassess_threads(*, thread_ids: Iterable[int] | None = None) -> int:
    """Work out every thread's flags (or thread_ids'), return how many changed.

    Run in the background after staff change the patterns. Only the pages
    whose flags changed are expired. It flags nothing to staff: a pattern
    edited today does not send years-old posts to the queue.
    """
    patterns = screening.active_patterns()
    crisis = [pattern for pattern in patterns if pattern.kind == Kind.CRISIS]
    threads = Thread.objects.order_by("pk")
    if thread_ids is not None:
        threads = threads.filter(pk__in=list(thread_ids))
    changed = 0
    last = 0
    while batch := list(
        threads.filter(pk__gt=last).only("pk", "title", "body")[:REASSESS_BATCH]
    ):
        last = batch[-1].pk
        with transaction.atomic():
            for thread in batch:
                if _store_flags(thread.pk, None, _patterns_for(thread, patterns)):
                    touch(scope("thread", thread.pk))
                    changed += 1
            replies = Reply.objects.filter(thread__in=batch).only(
                "pk", "thread", "body"
            )
            flagged = set(
                ThreadFlag.objects.filter(thread__in=batch, reply__isnull=False)
                .values_list("reply_id", flat=True)
                .distinct()
            )
            for reply in replies.iterator() if crisis or flagged else ():
                found = _patterns_for(reply, crisis) if crisis else []
                if (found or reply.pk in flagged) and _store_flags(
                    reply.thread_id, reply.pk, found
                ):
                    touch(scope("thread", reply.thread_id))
                    changed += 1
    return changed


def _reassess_later() -> None:
    """Queue reassess_threads once the change that calls for it is committed."""
    transaction.on_commit(tasks.queue_reassessment, robust=True)


def _touch_flagged(pattern_ids: Iterable[int]) -> None:
    """Expire the pages of threads flagged with any of pattern_ids."""
    flags = ThreadFlag.objects.filter(pattern_id__in=list(pattern_ids))
    thread_ids = set(flags.values_list("thread_id", flat=True))
    touch(*(scope("thread", pk) for pk in thread_ids))


# --- Staff: patterns and crisis lines. --------------------------------------


def _forget_cached() -> None:
    """Forget the cached patterns and lines now and once committed."""
    screening.forget_cached()
    transaction.on_commit(screening.forget_cached, robust=True)


@transaction.atomic
def save_pattern(*, editor: User, pattern: SafetyPattern) -> SafetyPattern:
    """Save staff's new or changed pattern, then work every thread out again.

    The pages it shows on now change at once (its message, or its being
    switched off); the threads it newly matches or no longer matches change
    when the background reassessment has run.
    """
    if not can_edit_patterns(editor):
        raise PermissionDenied("Only staff who may change patterns can do that.")
    pattern.full_clean()
    is_new = pattern.pk is None
    pattern.save()
    record(
        actor=editor,
        action="safety_pattern.add" if is_new else "safety_pattern.change",
        target=pattern,
    )
    _forget_cached()
    _touch_flagged([pattern.pk])
    _reassess_later()
    return pattern


@transaction.atomic
def delete_patterns(*, editor: User, patterns: QuerySet[SafetyPattern]) -> int:
    """Delete staff's patterns, and their flags; return how many."""
    if not _is_staff(editor) or not editor.has_perm("safety.delete_safetypattern"):
        raise PermissionDenied("Only staff who may delete patterns can do that.")
    patterns = list(patterns)
    _touch_flagged([pattern.pk for pattern in patterns])
    for pattern in patterns:
        record(actor=editor, action="safety_pattern.delete", target=pattern)
        pattern.delete()
    _forget_cached()
    return len(patterns)


def _touch_crisis_threads() -> None:
    crisis = SafetyPattern.objects.filter(kind=Kind.CRISIS).values_list("pk", flat=True)
    _touch_flagged(crisis)


@transaction.atomic
def save_crisis_line(*, editor: User, line: CrisisLine) -> CrisisLine:
    """Save staff's new or changed crisis line; the pages that list lines show it."""
    if not can_edit_crisis_lines(editor):
        raise PermissionDenied("Only staff who may change crisis lines can do that.")
    line.full_clean()
    is_new = line.pk is None
    line.save()
    record(
        actor=editor,
        action="crisis_line.add" if is_new else "crisis_line.change",
        target=line,
    )
    _forget_cached()
    _touch_crisis_threads()
    return line


@transaction.atomic
def delete_crisis_lines(*, editor: User, lines: QuerySet[CrisisLine]) -> int:
    """Delete staff's crisis lines; return how many."""
    if not _is_staff(editor) or not editor.has_perm("safety.delete_crisisline"):
        raise PermissionDenied("Only staff who may delete crisis lines can do that.")
    lines = list(lines)
    for line in lines:
        record(actor=editor, action="crisis_line.delete", target=line)
        line.delete()
    _forget_cached()
    _touch_crisis_threads()
    return len(lines)


# --- Staff: removing personal data. -----------------------------------------


@dataclass(frozen=True)
class Replaced:
    """What a redaction changed: places in the post and in its earlier versions."""

    in_post: int
    in_versions: int


def _passages(passages: Iterable[str]) -> list[str]:
    """Return the distinct passages to remove, longest first, without blanks."""
    kept = {" ".join(p.split()) for p in passages if p and p.strip()}
    return sorted(kept, key=lambda p: (-len(p), p))


def _replace(text: str, passages: list[str]) -> tuple[str, int]:
    """Replace each passage in text, across any spacing, and count the places."""
    total = 0
    for passage in passages:
        # Typed text wraps and spaces as it likes: match any run of spaces.
        words = (re.escape(word) for word in passage.split())
        text, count = re.subn(r"\s+".join(words), REDACTED, text)
        total += count
    return text, total


def _redact_versions(post: "Thread | Reply", passages: list[str]) -> int:
    places = 0
    for revision in Revision.objects.filter(**{_field(post): post}).select_for_update():
        title, in_title = _replace(revision.title, passages)
        body, in_body = _replace(revision.body, passages)
        if in_title or in_body:
            Revision.objects.filter(pk=revision.pk).update(title=title, body=body)
            places += in_title + in_body
    return places


def _field(post: "Thread | Reply") -> str:
    return "reply" if isinstance(post, Reply) else "thread"


@transaction.atomic
def redact_post(
    *, staff: User, post: "Thread | Reply", passages: Iterable[str], reason: str
) -> Replaced:
    """Replace each of passages in post, and in every earlier version, with REDACTED.

    The post's HTML is rendered and sanitised again as on any edit, its
    "edited" time set (so that no stored fragment shows the old text), its
    flags worked out again, and every page that may show its text expired.
    Nothing of the removed text is kept: neither the audit entry nor the
    Redaction record holds it. Raises ValidationError when no passage is in
    the post or its versions.
    """
    if not can_redact(staff, post):
        raise PermissionDenied("Only staff who may change posts can remove text.")
    if not reason.strip():
        raise ValidationError("Say why, for the record.")
    passages = _passages(passages)
    if not passages:
        raise ValidationError("Choose or type the text to remove.")
    model = type(post)
    post = model.objects.select_for_update().get(pk=post.pk)
    fields = ["body", "edited_at"]
    body, in_post = _replace(post.body, passages)
    post.body = body
    if isinstance(post, Thread):
        title, in_title = _replace(post.title, passages)
        post.title, in_post = title, in_post + in_title
        fields.append("title")
    in_versions = _redact_versions(post, passages)
    if not in_post + in_versions:
        raise ValidationError(
            "None of that text is in the post or its earlier versions; copy it "
            "exactly as it appears."
        )
    if in_post:
        post.edited_at = timezone.now()
        # save() renders and sanitises the Markdown again (and the slug).
        post.save(update_fields=fields)
    Redaction.objects.create(
        **{_field(post): post},
        staff=staff,
        reason=reason.strip(),
        passages=len(passages),
        in_post=in_post,
        in_versions=in_versions,
    )
    record(
        actor=staff,
        action=f"{_field(post)}.redact",
        target=post,
        reason=f"{reason.strip()} ({in_post} place(s) in the post, "
        f"{in_versions} in earlier versions)",
    )
    thread_id = post.thread_id if isinstance(post, Reply) else post.pk
    assess_post(post=post)
    # Rare: expire everything that may show the post's text, as a restored
    # version does, and the questions that list this one by its title.
    listing = RelatedThread.objects.filter(related_id=thread_id).values_list(
        "thread_id", flat=True
    )
    touch(
        scope("lists"),
        scope("members"),
        scope("thread", thread_id),
        *(scope("thread", pk) for pk in listing),
    )
    return Replaced(in_post=in_post, in_versions=in_versions)
