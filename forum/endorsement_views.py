"""Endorsing a reply as clinically sound from the thread page, with and without htmx."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .endorsements import endorse_reply, endorsers_of, withdraw_endorsement
from .models import Reply
from .ratelimit import is_rate_limited
from .views import (
    _login_first,
    reply_acted_on,
    restricted_page,
    restriction_message,
)

ENDORSE_ACTIONS = ("yes", "withdraw")
NOT_A_PROFESSIONAL = (
    "Only verified medical professionals can endorse replies, and never their own."
)


@require_POST
def reply_endorse(request, pk):
    reply, back = reply_acted_on(request, pk)
    if not request.user.is_authenticated:
        return _login_first(request, back)
    action = request.POST.get("endorse")
    if action not in ENDORSE_ACTIONS:
        return HttpResponse("Choose Endorse or Withdraw.", status=400)
    if request.user.is_restricted:
        if request.htmx:
            return HttpResponse(restriction_message(request.user), status=403)
        return restricted_page(request)
    limited = is_rate_limited(request.user, "endorse")
    if not limited:
        change = endorse_reply if action == "yes" else withdraw_endorsement
        try:
            change(endorser=request.user, reply=reply)
        except PermissionDenied:
            if request.htmx:
                return HttpResponse(NOT_A_PROFESSIONAL, status=403)
            raise PermissionDenied(NOT_A_PROFESSIONAL) from None
    elif not request.htmx:
        messages.error(request, "You are endorsing very quickly. Please wait a minute.")
    if request.htmx:
        return _endorsement_fragment(request, reply, back, limited)
    return redirect(back)


def _endorsement_fragment(
    request, reply: Reply, back: str, limited: bool
) -> HttpResponse:
    """Render reply's endorsements as the member now sees them, for htmx."""
    reply = get_object_or_404(
        Reply.objects.readable()
        .with_endorsement_of(request.user)
        .select_related("thread"),
        pk=reply.pk,
    )
    reply.endorsers = endorsers_of([reply.pk]).get(reply.pk, [])
    context = {
        "reply": reply,
        "thread": reply.thread,
        "next_url": back,
        "limited": limited,
    }
    return render(
        request, "forum/_endorsements.html", context, status=429 if limited else 200
    )
