"""How each member wants to hear of each kind of notification by e-mail."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import DEFAULT_DELIVERY, Delivery, EmailPreference, Kind

# Decisions on a professional application reach the member as a letter from
# staff (accounts/tasks.py) whatever they choose here; a second mail about
# the same decision would only repeat it. They still appear in the site.
EMAILED_KINDS = [kind for kind in Kind if kind != Kind.CREDENTIAL]
# Service messages: staff's decisions about a member's posts, reports and
# account. A suspension told in tomorrow's digest, or never, is no notice at
# all, so these are e-mailed at once whatever the member chose elsewhere, and
# nothing unsubscribes from them.
ALWAYS_IMMEDIATE = frozenset({Kind.MODERATION})
# The kinds a member chooses a delivery for (the e-mail preferences page).
CHOSEN_KINDS = [kind for kind in EMAILED_KINDS if kind not in ALWAYS_IMMEDIATE]
# What a digest's unsubscribe link stops: every kind the member gets daily.
DIGEST = "digest"


def deliveries_for(member_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """Return each member's chosen delivery per kind, defaults filled in."""
    member_ids = set(member_ids)
    chosen = {
        (member_id, kind): delivery
        for member_id, kind, delivery in EmailPreference.objects.filter(
            member_id__in=member_ids
        ).values_list("member_id", "kind", "delivery")
    }
    return {
        (member_id, kind): (
            Delivery.IMMEDIATELY
            if kind in ALWAYS_IMMEDIATE
            else chosen.get((member_id, kind), DEFAULT_DELIVERY[kind])
        )
        for member_id in member_ids
        for kind in Kind
    }


def delivery_for(member, kind: str) -> str:
    """Return how member wants to hear of kind."""
    return deliveries_for([member.pk])[member.pk, kind]


@transaction.atomic
def set_email_preferences(*, member, choices: dict[str, str]) -> dict[str, str]:
    """Record member's delivery for each kind in choices; return all of them.

    A choice equal to the default is stored too, so that a later change of
    the defaults does not change what a member chose. The kinds always sent
    at once (ALWAYS_IMMEDIATE) are no member's choice: ValidationError.
    """
    for kind, delivery in choices.items():
        if kind not in CHOSEN_KINDS or delivery not in Delivery.values:
            raise ValidationError(f"Unknown choice {delivery!r} for {kind!r}.")
        EmailPreference.objects.update_or_create(
            member=member, kind=kind, defaults={"delivery": delivery}
        )
    deliveries = deliveries_for([member.pk])
    return {kind: deliveries[member.pk, kind] for kind in Kind}


def unsubscribe(*, member, what: str) -> list[str]:
    """Stop e-mails of one kind, or the daily digest, to member.

    Return the kinds whose delivery became Never; the digest's are those the
    member received daily.
    """
    if what == DIGEST:
        deliveries = deliveries_for([member.pk])
        kinds = [k for k in EMAILED_KINDS if deliveries[member.pk, k] == Delivery.DAILY]
    else:
        kinds = [what]
    set_email_preferences(member=member, choices=dict.fromkeys(kinds, Delivery.NEVER))
    return kinds
