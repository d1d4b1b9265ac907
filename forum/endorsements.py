"""Verified professionals endorsing replies as clinically sound.

An endorsement is not a helpful vote: readers say what helped them, a
verified medical professional says a reply is sound medicine. Each
professional endorses a reply once and may withdraw it. A reply shows how
many professionals endorse it and who they are; only endorsements by members
who are verified now count, so a revoked credential takes its holder's
endorsements off every reply at once, and an approved one brings them back
(recount_endorsements_by, called when the badge changes).

Reply.endorsement_count is kept here, with F() in the same transaction as
the row that changes it, so that sorting and filtering by it cost nothing.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import SPECIALIST_TITLES, ProfessionalCredential, User
from core.pagecache import scope, touch

from .models import Endorsement, Reply
from .services import _lock_reply, _may_write


def can_endorse(user, reply: Reply) -> bool:
    """Return whether user may endorse reply, or withdraw their endorsement.

    Only a verified medical professional who may write, never on their own
    reply, and, as with votes, not on a removed reply or a locked thread.
    """
    thread = reply.thread
    return (
        _may_write(user)
        and user.is_medical_professional
        and reply.author_id != user.pk
        and not reply.is_removed
        and not thread.is_removed
        and not thread.is_locked
    )


def _lock_endorser(endorser: User) -> User:
    """Lock endorser's row and return it as it now stands.

    Revoking a credential updates this row before it recounts (see
    recount_endorsements_by), so an endorsement and a revocation of the same
    professional never interleave: the endorsement either commits first and
    is counted out, or sees the badge gone and is refused. Locked before the
    thread and the reply, as revocation locks it before any reply.
    """
    return User.objects.select_for_update().get(pk=endorser.pk)


@transaction.atomic
def endorse_reply(*, endorser: User, reply: Reply) -> Endorsement:
    """Record that endorser, a verified professional, finds reply clinically sound.

    Idempotent: endorsing twice leaves one endorsement, counted once.
    PermissionDenied for anyone can_endorse refuses.
    """
    endorser = _lock_endorser(endorser)
    reply = _lock_reply(reply)
    if not can_endorse(endorser, reply):
        raise PermissionDenied(
            "Only verified medical professionals can endorse a reply, "
            "and never their own."
        )
    endorsement = Endorsement.objects.filter(reply=reply, endorser=endorser).first()
    if endorsement is not None:
        return endorsement
    endorsement = Endorsement.objects.create(reply=reply, endorser=endorser)
    Reply.objects.filter(pk=reply.pk).update(
        endorsement_count=F("endorsement_count") + 1
    )
    touch(scope("thread", reply.thread_id))
    return endorsement


@transaction.atomic
def withdraw_endorsement(*, endorser: User, reply: Reply) -> None:
    """Take back endorser's endorsement of reply; withdrawing none changes nothing."""
    endorser = _lock_endorser(endorser)
    reply = _lock_reply(reply)
    if not can_endorse(endorser, reply):
        raise PermissionDenied("You cannot change endorsements on this reply.")
    deleted, _ = Endorsement.objects.filter(reply=reply, endorser=endorser).delete()
    if not deleted:
        return
    Reply.objects.filter(pk=reply.pk).update(
        endorsement_count=F("endorsement_count") - 1
    )
    touch(scope("thread", reply.thread_id))


def counted_endorsements():
    """Return an expression counting the outer reply's counted endorsements."""
    counted = (
        Endorsement.objects.counted()
        .filter(reply=OuterRef("pk"))
        .order_by()
        .values("reply")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), Value(0))


def recount_endorsements_by(member: User) -> int:
    """Count again every reply member endorsed; return how many replies.

    Called, in the caller's transaction, once member's badge has been given
    or taken away (accounts.signals.badge_changed): their endorsements start
    or stop counting. The caller expires the pages (the badge changes every
    page), so nothing is touched here.
    """
    endorsed = Endorsement.objects.filter(endorser=member).values("reply_id")
    return Reply.objects.filter(pk__in=endorsed).update(
        endorsement_count=counted_endorsements()
    )


def badge_changed_receiver(sender, member: User, **kwargs) -> None:
    """Count member's endorsements again now that their badge changed."""
    recount_endorsements_by(member)


def endorsers_of(reply_ids: Iterable[int]) -> dict[int, list[User]]:
    """Return the verified professionals endorsing each reply, earliest first.

    One query for a whole page of replies, with each endorser's specialty
    from their approved credential; only the fields the reply's endorsement
    line shows are loaded. Each endorser carries shown_specialty: the
    specialty where their badge's title does not already say it.
    """
    reply_ids = list(reply_ids)
    found: dict[int, list[User]] = defaultdict(list)
    if not reply_ids:
        return found
    specialty = (
        ProfessionalCredential.objects.approved()
        .filter(user=OuterRef("endorser_id"))
        .values("specialty")[:1]
    )
    endorsements = (
        Endorsement.objects.counted()
        .filter(reply_id__in=reply_ids)
        .select_related("endorser")
        .annotate(specialty=Subquery(specialty))
        .only(
            "reply_id",
            "endorser__id",
            "endorser__username",
            "endorser__professional_title",
            "endorser__is_medical_professional",
        )
        .order_by("created_at", "id")
    )
    for endorsement in endorsements:
        endorser = endorsement.endorser
        endorser.shown_specialty = _shown_specialty(
            endorser.professional_title, endorsement.specialty or ""
        )
        found[endorsement.reply_id].append(endorser)
    return found


def _shown_specialty(title: str, specialty: str) -> str:
    """Return specialty, unless title already says it ("Neurologist", "Neurology")."""
    specialty = " ".join(specialty.split())
    if not specialty or specialty.lower() in title.lower():
        return ""
    return "" if SPECIALIST_TITLES.get(specialty.lower()) == title else specialty
