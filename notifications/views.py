"""The notifications page, marking read, following and unfollowing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from taggit.models import Tag

from core.redirects import safe_next_url
from forum.models import SHOWN_PROFESSIONAL, Forum, Reply, Thread
from forum.outcomes import can_share_outcome
from forum.services import can_moderate
from forum.views import REPLIES_PER_PAGE

from . import services
from .context_processors import follow_button
from .models import Kind, Notification

NOTIFICATIONS_PER_PAGE = 20


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).select_related(
        "actor", "thread__forum", "reply__thread", "credential"
    )
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for notification in page.object_list:
        # A reply's notification may name only the reply.
        notification.shown_thread = notification.thread or (
            notification.reply.thread if notification.reply else None
        )
    context = {
        "page_obj": page,
        "notifications": page.object_list,
        "today": timezone.localdate(),
        "page_url": request.get_full_path(),
    }
    return render(request, "notifications/notification_list.html", context)


@require_GET
@login_required
def notification_open(request, pk):
    notification = get_object_or_404(
        Notification.objects.select_related("thread", "reply__thread", "reply__author"),
        pk=pk,
        recipient=request.user,
    )
    services.mark_read(request.user, notification)
    if notification.kind == Kind.MODERATION:
        return _open_decision(request, notification)
    thread = notification.thread
    if notification.kind == Kind.OUTCOME_REMINDER and can_share_outcome(
        request.user, thread
    ):
        return redirect("forum:thread-outcome", thread.pk, thread.slug)
    reply, thread = notification.reply, notification.thread
    if reply is not None and not reply.is_removed and not reply.thread.is_removed:
        return redirect(reply_url(reply))
    thread = thread or (reply.thread if reply is not None else None)
    if thread is not None and not thread.is_removed:
        return redirect(thread)
    if notification.credential_id is not None:
        return redirect("accounts:verification")
    messages.info(request, "That post has been removed by our moderators.")
    return redirect("notifications:list")


def _open_decision(request, notification: Notification) -> HttpResponse:
    """Lead to the post a staff decision is about, if the member may read it.

    A removed question still shows to its author (and staff), with a notice
    saying why; a removed reply shows to nobody but staff in the admin. A
    decision about no post, or a post out of reach, leaves the member on
    their notifications, where the decision is written out.
    """
    reply, thread = notification.reply, notification.thread
    if reply is not None:
        if not reply.is_removed and not reply.thread.is_removed:
            return redirect(reply_url(reply))
    elif thread is not None and (
        not thread.is_removed
        or thread.author_id == request.user.pk
        or can_moderate(request.user, Thread)
    ):
        return redirect(thread)
    if thread is not None:
        messages.info(request, "That post is no longer shown on the site.")
    return redirect("notifications:list")


def reply_url(reply: Reply) -> str:
    """Return reply's anchor on its page of the thread, as the thread first shows.

    The thread page's default order is the "helpful" one of
    Reply.objects.sorted_by; the replies before this one in that order are
    counted in one query.
    """
    helpful = reply.helpful_count
    # An anonymous reply sorts as no professional's (SHOWN_PROFESSIONAL).
    is_pro = reply.author.is_medical_professional and not reply.is_anonymous
    same = Q(helpful_count=helpful) & (
        SHOWN_PROFESSIONAL if is_pro else ~SHOWN_PROFESSIONAL
    )
    before = (
        Q(helpful_count__gt=helpful)
        | (Q() if is_pro else Q(helpful_count=helpful) & SHOWN_PROFESSIONAL)
        | (same & Q(created_at__lt=reply.created_at))
        | (same & Q(created_at=reply.created_at, id__lt=reply.pk))
    )
    position = Reply.objects.visible().filter(before, thread=reply.thread_id).count()
    page = position // REPLIES_PER_PAGE + 1
    url = reply.thread.get_absolute_url()
    if page > 1:
        url += f"?page={page}"
    return f"{url}#{reply.anchor}"


def _back(request) -> str:
    return safe_next_url(
        request, request.POST.get("next"), reverse("notifications:list")
    )


@require_POST
@login_required
def notification_mark_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(request.user, notification)
    return redirect(_back(request))


@require_POST
@login_required
def notification_mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(
            request,
            f"Marked {count} notification{'s' if count != 1 else ''} as read.",
        )
    return redirect(_back(request))


FOLLOW_TARGETS = {
    "thread": Thread.objects.visible(),
    "forum": Forum.objects.all(),
    "tag": Tag.objects.all(),
}


def _follow_target(request) -> tuple[str, object]:
    """Return the kind and object the form names; 404 for anything else."""
    for kind, queryset in FOLLOW_TARGETS.items():
        value = request.POST.get(kind, "")
        if value.isdigit():
            return kind, get_object_or_404(queryset, pk=value)
    raise Http404("Name a thread, forum or tag to follow.")


def _change_follow(request, *, following: bool) -> HttpResponse:
    back = safe_next_url(request, request.POST.get("next"), reverse("forum:index"))
    if not request.user.is_authenticated:
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = redirect_to_login(back).url
            return response
        return redirect_to_login(back)
    kind, target = _follow_target(request)
    change = services.follow if following else services.unfollow
    try:
        change(request.user, **{kind: target})
    except PermissionDenied:
        messages.error(request, "This can no longer be followed.")
        return redirect(back)
    button = follow_button(kind, target, following)
    if request.htmx:
        context = {"button": button, "next_url": back, "announce": True}
        return render(request, "notifications/_follow_button.html", context)
    if following:
        messages.success(
            request, "Followed: you will see what is new in your notifications."
        )
    else:
        messages.success(request, "Unfollowed: you will hear no more about it.")
    return redirect(back)


@require_POST
def follow(request):
    return _change_follow(request, following=True)


@require_POST
def unfollow(request):
    return _change_follow(request, following=False)


urlpatterns = [
    path("", notification_list, name="list"),
    path("<int:pk>/open/", notification_open, name="open"),
    path("<int:pk>/read/", notification_mark_read, name="mark-read"),
    path("read/", notification_mark_all_read, name="mark-all-read"),
    path("follow/", follow, name="follow"),
    path("unfollow/", unfollow, name="unfollow"),
]
