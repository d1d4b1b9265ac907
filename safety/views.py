from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.views.decorators.http import require_POST

from forum.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH

from .hooks import ComposeCheck
from .screening import screen

# The hidden field naming what the check shows now (Screening.signature).
SHOWN_FIELD = "safety_shown"


# Not stored: every text typed would be a page in the cache. A POST, since a
# question's text is too long for an address; it changes nothing.
@require_POST
def compose_check(request):
    """Return what a post being written shows its author, for htmx to swap in.

    Emergency signs, crisis lines and personal data, for the ask page and
    the reply box as a member types. When nothing changed since the last
    check, 204 leaves the page (and a screen reader) alone.
    """
    if not request.user.is_authenticated:
        return HttpResponseForbidden("Log in to post.")
    kind = "reply" if request.POST.get("kind") == "reply" else "question"
    editing = request.POST.get("editing") == "1"
    title = request.POST.get("title", "") if kind == "question" else ""
    screening = screen(
        title=title[:TITLE_MAX_LENGTH],
        body=request.POST.get("body", "")[:BODY_MAX_LENGTH],
    )
    if screening.signature == request.POST.get(SHOWN_FIELD, ""):
        return HttpResponse(status=204)
    context = {"check": ComposeCheck(kind=kind, screening=screening, is_edit=editing)}
    return render(request, "safety/_compose_check.html#results", context)
