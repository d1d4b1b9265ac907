"""The asker's outcome: the form to share or edit it, and the "helped most" marks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .forms import OutcomeForm
from .models import Thread
from .outcomes import (
    HELPED_MOST_LIMIT,
    can_share_outcome,
    mark_helped_most,
    share_outcome,
)
from .ratelimit import is_rate_limited
from .views import EDIT_RATE_LIMITED, reply_acted_on, restricted_page

NOT_THE_ASKER = "Only the member who asked this question can say what happened next."


def _outcome_page(request, thread, form, *, status=200) -> HttpResponse:
    context = {"thread": thread, "form": form, "limit": HELPED_MOST_LIMIT}
    return render(request, "forum/outcome_form.html", context, status=status)


@login_required
def thread_outcome(request, pk, slug):
    thread = get_object_or_404(Thread.objects.for_detail(), pk=pk)
    if request.user.is_restricted and thread.author_id == request.user.pk:
        form = OutcomeForm(request.POST) if request.method == "POST" else None
        return restricted_page(request, form=form)
    if not can_share_outcome(request.user, thread):
        raise PermissionDenied(NOT_THE_ASKER)
    if request.method != "POST":
        form = OutcomeForm(initial={"outcome": thread.outcome})
        return _outcome_page(request, thread, form)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _outcome_page(request, thread, form)
    if is_rate_limited(request.user, "edit"):
        form.add_error(None, EDIT_RATE_LIMITED)
        return _outcome_page(request, thread, form, status=429)
    first = thread.outcome_at is None
    try:
        thread = share_outcome(
            asker=request.user, thread=thread, text=form.cleaned_data["outcome"]
        )
    except ValidationError as error:
        form.add_error("outcome", error)
        return _outcome_page(request, thread, form)
    if first:
        messages.success(
            request,
            "Thank you for sharing what happened next. You can now mark the "
            f"replies that helped you most (up to {HELPED_MOST_LIMIT}).",
        )
    else:
        messages.success(request, "What happened next is updated.")
    return redirect(f"{thread.get_absolute_url()}#outcome")


@require_POST
@login_required
def reply_helped(request, pk):
    reply, back = reply_acted_on(request, pk)
    helped = request.POST.get("helped")
    if helped not in ("yes", "no"):
        return HttpResponse("Choose whether this reply helped you most.", status=400)
    if request.user.is_restricted:
        return restricted_page(request)
    if is_rate_limited(request.user, "edit"):
        messages.error(request, "You are changing marks very quickly. Please wait.")
        return redirect(back)
    try:
        mark_helped_most(asker=request.user, reply=reply, helped=helped == "yes")
    except PermissionDenied:
        raise PermissionDenied(NOT_THE_ASKER) from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)
