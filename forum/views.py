from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.views.decorators.http import require_GET, require_POST
from taggit.models import Tag

from accounts.consent import has_current_consent
from accounts.models import ProfessionalCredential, ProfessionalDisclaimer
from accounts.services import restriction_of
from accounts.views import ask_for_health_consent, health_consent_required
from core.hooks import page_context
from core.pagecache import anonymous_page_cache
from core.redirects import safe_next_url
from core.text import html_to_text

from . import services, visibility
from .forms import (
    ReplyEditForm,
    ReplyForm,
    ReportForm,
    ThreadEditForm,
    ThreadForm,
    VisibilityForm,
    VoteForm,
)
from .fragments import thread_replies_html
from .models import (
    SHOWN_PROFESSIONAL,
    Forum,
    Hold,
    MemberActivity,
    Reply,
    Thread,
)
from .outcomes import can_share_outcome
from .pagination import DeferredJoinPaginator, KnownCountPaginator
from .pending import remember_pending_vote
from .ratelimit import is_rate_limited
from .related import shown_related, similar_threads
from .search import MAX_RESULTS, SearchResults
from .snippets import first_matching_replies, has_match, snippet
from .structured_data import qapage
from .tags import popular_tags

THREADS_PER_PAGE = 25
REPLIES_PER_PAGE = 50
MEMBER_ITEMS_PER_PAGE = 20

THREAD_LIST_SORTS = {
    "active": ("Latest activity", ["-is_pinned", "-last_activity_at", "-id"]),
    "newest": ("Newest", ["-created_at", "-id"]),
    "unanswered": ("Unanswered", ["-created_at", "-id"]),
    # Questions whose asker shared what happened next, latest shared first.
    "outcome": ("Has an outcome", ["-outcome_at", "-id"]),
}
REPLY_SORTS = {
    "helpful": "Helpful",
    "oldest": "Oldest",
    "newest": "Newest",
    "endorsed": "Endorsed",
}
HELD_FOR_LINKS = (
    "Thank you. Because your account is new and your post contains a link, "
    "a moderator will look at it before others can see it, usually within a "
    "day. You will get a notification when it is shown."
)
EDIT_RATE_LIMITED = (
    "You have edited many times in a few minutes. Please wait a little before "
    "saving again; your changes are kept below."
)


def _choice(request, name: str, choices, default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in choices else default


@anonymous_page_cache
def forum_index(request):
    forums = Forum.objects.all()
    public_only = not request.user.is_authenticated
    context = {"forums": forums, "popular_tags": popular_tags(public_only=public_only)}
    return render(request, "forum/forum_list.html", context)


@anonymous_page_cache(params=("sort", "tag", "page"))
def forum_detail(request, slug):
    forum = get_object_or_404(Forum, slug=slug)
    sort = _choice(request, "sort", THREAD_LIST_SORTS, "active")
    threads = Thread.objects.for_list().filter(forum=forum).shown_to(request.user)
    tag = request.GET.get("tag", "").strip()[:100]
    if sort == "unanswered":
        threads = threads.unanswered()
    elif sort == "outcome":
        threads = threads.with_outcome()
    if tag:
        threads = threads.filter(tags__name__iexact=tag)
    threads = threads.order_by(*THREAD_LIST_SORTS[sort][1])
    # The forum's stored counters spare a COUNT(*) on the unfiltered lists.
    stored = (
        forum.thread_count
        if request.user.is_authenticated
        else forum.public_thread_count
    )
    filtered = sort in ("unanswered", "outcome") or tag
    known_count = None if filtered else stored
    paginator = DeferredJoinPaginator(threads, THREADS_PER_PAGE, count=known_count)
    page = paginator.get_page(request.GET.get("page"))
    prefetch_related_objects(page.object_list, "tags")
    context = {
        "forum": forum,
        "page_obj": page,
        "threads": page.object_list,
        "sort": sort,
        "sorts": {key: label for key, (label, _) in THREAD_LIST_SORTS.items()},
        "tag": tag,
        # Old links filter one forum by tag; the tag's own page has them all.
        "tag_page": Tag.objects.filter(name__iexact=tag).first() if tag else None,
        "page_query": urlencode({"sort": sort, **({"tag": tag} if tag else {})}),
        **page_context("forum_detail", request, forum=forum, tag=tag),
    }
    return render(request, "forum/thread_list.html", context)


# A tag lists questions from every forum, where pinning means nothing.
TAG_SORTS = {
    "active": ("Latest activity", ["-last_activity_at", "-id"]),
    "newest": ("Newest", ["-created_at", "-id"]),
    "unanswered": ("Unanswered", ["-created_at", "-id"]),
}


@anonymous_page_cache(params=("sort", "page"))
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    sort = _choice(request, "sort", TAG_SORTS, "active")
    threads = Thread.objects.for_list().filter(tags=tag).shown_to(request.user)
    if sort == "unanswered":
        threads = threads.unanswered()
    # Each ordering has an index of visible threads (Thread.Meta) for the
    # database to walk when a tag is common; a rarer tag's rows are found
    # through taggit's tag index and sorted, which is cheaper.
    threads = threads.order_by(*TAG_SORTS[sort][1])
    paginator = DeferredJoinPaginator(threads, THREADS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    prefetch_related_objects(page.object_list, "tags")
    context = {
        "tag": tag,
        "page_obj": page,
        "threads": page.object_list,
        "sort": sort,
        "sorts": {key: label for key, (label, _) in TAG_SORTS.items()},
        "page_query": urlencode({"sort": sort}),
        "popular_tags": popular_tags(public_only=not request.user.is_authenticated),
        **page_context("tag_detail", request, tag=tag),
    }
    return render(request, "forum/tag_detail.html", context)


REPLY_FILTERS = {
    "all": "All responses",
    "professionals": "Medical professionals only",
    "endorsed": "Endorsed by professionals",
    # Offered only once the asker marked some (forum.outcomes).
    "helped": "Helped the asker most",
}


def _thread_page(request, thread, *, reply_form=None, review=None, status=200):
    sort = _choice(request, "sort", REPLY_SORTS, "helpful")
    # The replies the asker marked, listed under their outcome: one query,
    # only for a thread that has one.
    helped_most = (
        list(thread.replies.visible().helped_most().select_related("author"))
        if thread.outcome_at
        else []
    )
    filters = {k: v for k, v in REPLY_FILTERS.items() if k != "helped" or helped_most}
    source = _choice(request, "from", filters, "all")
    user = request.user
    # Each reply's state only: fragments.thread_replies_html loads the
    # replies whose HTML is not stored yet.
    replies = thread.replies.visible()
    # The thread's stored counter spares a COUNT(*), except once filtered.
    known_count, query = thread.reply_count, {"sort": sort}
    if source == "professionals":
        replies, known_count = replies.from_professionals(), None
        query["from"] = source
    elif source in ("endorsed", "helped"):
        replies = replies.endorsed() if source == "endorsed" else replies.helped_most()
        known_count, query["from"] = None, source
    states = replies.states_for_thread_page(user, sort)
    paginator = KnownCountPaginator(states, REPLIES_PER_PAGE, count=known_count)
    page = paginator.get_page(request.GET.get("page"))
    # The page's own address, for the forms on it that come back here:
    # only what differs from the defaults.
    page_query = {**query, "page": page.number} if page.number > 1 else dict(query)
    if page_query.get("sort") == "helpful":
        del page_query["sort"]
    page_url = thread.get_absolute_url()
    if page_query:
        page_url += f"?{urlencode(page_query)}"
    # One cached read per page, and only when a professional's reply is on it.
    with_disclaimer = any(r.author_is_professional for r in page.object_list)
    disclaimer = (
        ProfessionalDisclaimer.objects.current_text() if with_disclaimer else ""
    )
    loaded: dict[int, Reply] = {}
    context = {
        "thread": thread,
        "forum": thread.forum,
        # Stored when the thread was posted or retitled: one query.
        "related_threads": shown_related(thread, public_only=not user.is_authenticated),
        "page_obj": page,
        "replies": page.object_list,
        "sort": sort,
        "sorts": REPLY_SORTS,
        "reply_filter": source,
        "reply_filters": filters,
        "helped_most": helped_most,
        "can_share_outcome": can_share_outcome(user, thread),
        "reply_query": urlencode(query),
        "page_url": page_url,
        "replies_html": thread_replies_html(
            request,
            thread,
            page.object_list,
            page_url=page_url,
            professional_disclaimer=disclaimer,
            loaded=loaded,
        ),
        # After replies_html: it reuses the replies that loaded. A question
        # for members only tells search engines nothing.
        "qapage": None
        if thread.is_removed or thread.is_members_only
        else qapage(
            request, thread, page.object_list, page_url=page_url, loaded=loaded
        ),
        "can_reply": services.can_reply(user, thread),
        "can_edit_thread": services.can_edit(user, thread),
        "can_delete_thread": services.can_delete(user, thread),
        # Staff change it in the admin; the page offers it to the asker.
        "can_set_members_only": thread.author_id == user.pk
        and visibility.can_set_members_only(user, thread),
        "can_vote_here": not thread.is_locked,
        "may_report_thread": not thread.is_removed
        and (not user.is_authenticated or services.can_report(user, thread)),
        "restriction": restriction_message(user) if user.is_authenticated else "",
        "reply_form": reply_form
        if reply_form is not None
        else (_reply_form(user, thread) if services.can_reply(user, thread) else None),
        **page_context("thread_detail", request, thread=thread),
        # What the reply's text showed its author, when it waits for them.
        **(review or {}),
    }
    return render(request, "forum/thread_detail.html", context, status=status)


@anonymous_page_cache(params=("sort", "from", "page"))
def thread_detail(request, pk, slug):
    thread = get_object_or_404(Thread.objects.for_detail(removed=True), pk=pk)
    if thread.is_removed and not _sees_removed(request.user, thread):
        return render(request, "410.html", {"thread": thread}, status=410)
    if slug != thread.slug:
        return redirect(thread, permanent=True)
    if thread.is_members_only and not request.user.is_authenticated:
        return _teaser_page(request, thread)
    return _thread_page(request, thread)


def _teaser_page(request, thread: Thread) -> HttpResponse:
    """Show a visitor what they may read of a question for members only."""
    context = {
        "thread": thread,
        "forum": thread.forum,
        "teaser": visibility.teaser(thread),
    }
    return render(request, "forum/thread_teaser.html", context)


def _reply_form(user, thread: Thread, data=None) -> ReplyForm:
    own = user.is_authenticated and thread.author_id == user.pk
    return ReplyForm(data, own_anonymous_question=own and thread.is_anonymous)


@require_POST
@login_required
def thread_visibility(request, pk, slug):
    """Let a question's asker show it to members only, or to everyone again."""
    thread = get_object_or_404(Thread.objects.select_related("forum"), pk=pk)
    if not visibility.can_set_members_only(request.user, thread):
        raise PermissionDenied
    form = VisibilityForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose members only or everyone.", status=400)
    if is_rate_limited(request.user, "edit"):
        messages.error(
            request, "You have made many changes in a few minutes. Please wait."
        )
        return redirect(thread)
    members_only = form.cleaned_data["members_only"]
    visibility.set_members_only(
        member=request.user, thread=thread, members_only=members_only
    )
    if members_only:
        messages.success(
            request,
            "Only signed-in members can read this question now. Visitors see "
            "its title and first lines.",
        )
    else:
        messages.success(request, "Everyone can read this question now.")
    return redirect(thread)


def _sees_removed(user, thread: Thread) -> bool:
    """Return whether user still reads thread once removed: its author, staff."""
    return user.is_authenticated and (
        thread.author_id == user.pk or services.can_moderate(user, Thread)
    )


def _edit_page(request, post, form, *, review=None, status=200) -> HttpResponse:
    context = {"post": post, "thread": getattr(post, "thread", post), "form": form}
    context.update(review if review is not None else _edit_review(request, post, form))
    return render(request, "forum/post_edit.html", context, status=status)


def _edit_review(request, post, form) -> dict:
    """Return what apps above show before an edit is saved (see post_review)."""
    kind = "reply" if isinstance(post, Reply) else "question"
    return page_context("post_review", request, form=form, kind=kind, editing=True)


@login_required
def thread_edit(request, pk, slug):
    thread = get_object_or_404(Thread.objects.select_related("author", "forum"), pk=pk)
    if request.user.is_restricted and thread.author_id == request.user.pk:
        form = ThreadEditForm(request.POST) if request.method == "POST" else None
        return restricted_page(request, form=form)
    if not services.can_edit(request.user, thread):
        raise PermissionDenied
    if thread.author_id == request.user.pk and not has_current_consent(request.user):
        return ask_for_health_consent(request)
    if request.method != "POST":
        form = ThreadEditForm(initial={"title": thread.title, "body": thread.body})
        return _edit_page(request, thread, form)
    form = ThreadEditForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, thread, form)
    if (review := _edit_review(request, thread, form)).get("hold_post"):
        return _edit_page(request, thread, form, review=review)
    if is_rate_limited(request.user, "edit"):
        form.add_error(None, EDIT_RATE_LIMITED)
        return _edit_page(request, thread, form, status=429)
    try:
        thread = services.edit_thread(
            editor=request.user,
            thread=thread,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            reason=form.cleaned_data["reason"],
        )
    except PermissionDenied:
        form.add_error(None, "This question can no longer be edited.")
        return _edit_page(request, thread, form, status=403)
    if thread.held_for == Hold.LINKS:
        messages.info(request, HELD_FOR_LINKS)
    else:
        messages.success(request, "Your question is updated.")
    return redirect(thread)


@login_required
def reply_edit(request, pk):
    reply = get_object_or_404(
        Reply.objects.select_related("author", "thread__forum"), pk=pk
    )
    if request.user.is_restricted and reply.author_id == request.user.pk:
        form = ReplyEditForm(request.POST) if request.method == "POST" else None
        return restricted_page(request, form=form)
    if not services.can_edit(request.user, reply):
        raise PermissionDenied
    if reply.author_id == request.user.pk and not has_current_consent(request.user):
        return ask_for_health_consent(request)
    if request.method != "POST":
        return _edit_page(request, reply, ReplyEditForm(initial={"body": reply.body}))
    form = ReplyEditForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, reply, form)
    if (review := _edit_review(request, reply, form)).get("hold_post"):
        return _edit_page(request, reply, form, review=review)
    if is_rate_limited(request.user, "edit"):
        form.add_error(None, EDIT_RATE_LIMITED)
        return _edit_page(request, reply, form, status=429)
    try:
        reply = services.edit_reply(
            editor=request.user,
            reply=reply,
            body=form.cleaned_data["body"],
            reason=form.cleaned_data["reason"],
        )
    except PermissionDenied:
        form.add_error(None, "This reply can no longer be edited.")
        return _edit_page(request, reply, form, status=403)
    if reply.held_for == Hold.LINKS:
        messages.info(request, HELD_FOR_LINKS)
        return redirect(reply.thread)
    messages.success(request, "Your reply is updated.")
    return redirect(reply.get_absolute_url())


@login_required
def thread_delete(request, pk, slug):
    thread = get_object_or_404(Thread.objects.select_related("author", "forum"), pk=pk)
    if not services.can_delete(request.user, thread):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_own_thread(author=request.user, thread=thread)
        messages.success(request, "Your question is deleted.")
        return redirect(thread.forum)
    context = {"post": thread, "thread": thread}
    return render(request, "forum/post_confirm_delete.html", context)


@login_required
def reply_delete(request, pk):
    reply = get_object_or_404(
        Reply.objects.select_related("author", "thread__forum"), pk=pk
    )
    if not services.can_delete(request.user, reply):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_own_reply(author=request.user, reply=reply)
        messages.success(request, "Your reply is deleted.")
        return redirect(reply.thread)
    context = {"post": reply, "thread": reply.thread}
    return render(request, "forum/post_confirm_delete.html", context)


@login_required
@health_consent_required
def thread_create(request):
    if request.user.is_restricted:
        form = ThreadForm(request.POST) if request.method == "POST" else None
        return restricted_page(request, form=form)
    if request.method == "POST":
        form = ThreadForm(request.POST)
        if form.is_valid():
            token = form.cleaned_data["token"]
            if earlier := _posted_before(request, token):
                return earlier
            # Shown as the title is typed, with JavaScript; without it, once,
            # after the first submission, which then posts as it stands.
            similar = SIMILAR_SEEN not in request.POST and similar_threads(
                form.cleaned_data["title"], close_only=True
            )
            # What apps above show before posting: personal data waits once.
            review = page_context("post_review", request, form=form, kind="question")
            if similar or review.get("hold_post"):
                return _ask_page(request, form, similar=similar or (), review=review)
            if is_rate_limited(request.user, "thread"):
                form.add_error(
                    None,
                    "You have asked several questions in a short time. Please "
                    "wait a while before asking another; your text is kept below.",
                )
                return _ask_page(request, form, status=429)
            try:
                thread = services.post_thread(
                    author=request.user,
                    forum=form.cleaned_data["forum"],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    tags=form.cleaned_data["tags"],
                    token=token,
                    members_only=form.cleaned_data["members_only"],
                    anonymous=form.cleaned_data["anonymous"],
                )
            except services.AlreadyPosted as repeat:
                return _already_posted(request, repeat.post)
            if thread.held_for == Hold.LINKS:
                messages.info(request, HELD_FOR_LINKS)
            else:
                messages.success(request, "Your question is posted.")
            return redirect(thread)
    else:
        forum = Forum.objects.filter(slug=request.GET.get("forum", "")).first()
        form = ThreadForm(initial={"forum": forum})
    return _ask_page(request, form)


# Sent with the question form once its author has been shown similar questions.
SIMILAR_SEEN = "similar_seen"


def _ask_page(request, form, *, similar=(), review=None, status=200) -> HttpResponse:
    """Render the ask page; its title field fetches similar questions as typed."""
    form.fields["title"].widget.attrs.update(
        {
            "hx-get": reverse("forum:similar-questions"),
            "hx-trigger": "input changed delay:500ms",
            "hx-target": "#similar-questions",
            "hx-sync": "this:replace",
        }
    )
    context = {
        "form": form,
        "similar": similar,
        "similar_seen": bool(similar) or SIMILAR_SEEN in request.POST,
        "similar_seen_field": SIMILAR_SEEN,
        **(
            review
            if review is not None
            else page_context("post_review", request, form=form, kind="question")
        ),
    }
    return render(request, "forum/thread_form.html", context, status=status)


# Not stored: every title typed would be a page in the cache.
@require_GET
def similar_questions(request):
    """Return the questions whose titles look like the one being typed.

    A fragment for the ask page (htmx swaps it in as the member types), empty
    for a title too short to compare: one query with a LIMIT, or none.
    """
    similar = similar_threads(
        request.GET.get("title", ""), public_only=not request.user.is_authenticated
    )
    if not similar:
        # Nothing at all, so that the live region stays empty and silent.
        return HttpResponse("")
    context = {"similar": similar, "similar_seen_field": SIMILAR_SEEN}
    return render(request, "forum/_similar.html", context)


@require_POST
@health_consent_required
def reply_create(request, pk, slug):
    thread = get_object_or_404(Thread.objects.for_detail(), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(thread.get_absolute_url())
    form = _reply_form(request.user, thread, request.POST)
    form.is_valid()
    token = form.cleaned_data.get("token", "")
    if earlier := _posted_before(request, token):
        return earlier
    if not services.can_reply(request.user, thread):
        if request.user.is_restricted:
            why = restriction_message(request.user)
        else:
            why = "This thread is locked, so it takes no new replies."
        form.add_error(None, f"{why} Your text is kept below if you want to copy it.")
        return _thread_page(request, thread, reply_form=form, status=403)
    if form.errors:
        return _thread_page(request, thread, reply_form=form)
    review = page_context("post_review", request, form=form, kind="reply")
    if review.get("hold_post"):
        return _thread_page(request, thread, reply_form=form, review=review)
    if is_rate_limited(request.user, "reply"):
        form.add_error(
            None,
            "You have replied many times in a few minutes. Please wait a "
            "little before replying again; your text is kept below.",
        )
        return _thread_page(request, thread, reply_form=form, status=429)
    try:
        reply = services.post_reply(
            author=request.user,
            thread=thread,
            body=form.cleaned_data["body"],
            token=token,
            anonymous=form.cleaned_data["anonymous"],
        )
    except services.AlreadyPosted as repeat:
        return _already_posted(request, repeat.post)
    if reply.held_for == Hold.LINKS:
        messages.info(request, HELD_FOR_LINKS)
        return redirect(thread)
    messages.success(request, "Your reply is posted.")
    return redirect(reply.get_absolute_url())


def _posted_before(request, token: str) -> HttpResponse | None:
    """Land a form sent again on what it posted the first time, if it did.

    Checked before the rate limit and the thread's rules, so that a double
    tap is neither counted twice nor refused as if it were new.
    """
    earlier = services.posted_with(request.user, token)
    return _already_posted(request, earlier) if earlier else None


def _already_posted(request, post) -> HttpResponse:
    messages.info(request, "This was already posted.")
    return redirect(post.get_absolute_url())


def reply_acted_on(request, pk) -> tuple[Reply, str]:
    """Return the readable reply a button on it posts to, and where to go back.

    Back is the page the form names in `next`, if it is ours, or the reply
    on its thread: the vote, endorse and "helped most" buttons all return.
    """
    reply = get_object_or_404(
        Reply.objects.readable().select_related("thread", "author"), pk=pk
    )
    back = safe_next_url(
        request,
        request.POST.get("next"),
        f"{reply.thread.get_absolute_url()}#{reply.anchor}",
    )
    return reply, back


@require_POST
def reply_vote(request, pk):
    reply, back = reply_acted_on(request, pk)
    form = VoteForm(request.POST)
    if not request.user.is_authenticated:
        if form.is_valid() and form.verdict is not None:
            remember_pending_vote(request, reply, form.cleaned_data["vote"])
            messages.info(
                request,
                "Log in to vote on this reply; your vote will be counted when you do.",
            )
        return _login_first(request, back)
    if not form.is_valid():
        return HttpResponse("Choose Yes, No or Withdraw.", status=400)
    if request.user.is_restricted:
        if request.htmx:
            return HttpResponse(restriction_message(request.user), status=403)
        return restricted_page(request)
    limited = is_rate_limited(request.user, "vote")
    if not limited:
        services.record_verdict(voter=request.user, reply=reply, verdict=form.verdict)
    elif not request.htmx:
        messages.error(request, "You are voting very quickly. Please wait a minute.")
    if request.htmx:
        return _vote_fragment(request, reply, back, limited)
    return redirect(back)


def _login_first(request, back: str) -> HttpResponse:
    """Send a visitor to log in, and back to back afterwards (htmx too)."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = redirect_to_login(back).url
        return response
    return redirect_to_login(back)


def _vote_fragment(request, reply: Reply, back: str, limited: bool) -> HttpResponse:
    """Render reply's vote box as the member now sees it, for htmx to swap in."""
    reply = get_object_or_404(
        Reply.objects.readable().with_vote_of(request.user).select_related("thread"),
        pk=reply.pk,
    )
    context = {
        "reply": reply,
        "thread": reply.thread,
        "next_url": back,
        "limited": limited,
    }
    return render(request, "forum/_vote.html", context, status=429 if limited else 200)


@anonymous_page_cache(params=("tab", "page"))
def member_detail(request, username):
    member = get_object_or_404(
        get_user_model().objects.select_related("forum_activity"),
        username=username,
        is_active=True,
    )
    tab = _choice(request, "tab", ("replies", "threads"), "replies")
    # Anonymous posts are on no member page: nothing there may name them.
    threads = Thread.objects.visible().filter(author=member, is_anonymous=False)
    replies = Reply.objects.readable().filter(author=member, is_anonymous=False)
    # Stored counters, kept by the services: no counting, however active.
    activity = getattr(member, "forum_activity", None) or MemberActivity()
    stats = {
        "threads": activity.thread_count,
        "replies": activity.reply_count,
        "helpful": activity.helpful_received,
    }
    if tab == "threads":
        items = threads.select_related("forum").order_by("-created_at", "-id")
    else:
        items = replies.select_related("thread", "thread__forum").order_by(
            "-created_at", "-id"
        )
    paginator = DeferredJoinPaginator(items, MEMBER_ITEMS_PER_PAGE, count=stats[tab])
    page = paginator.get_page(request.GET.get("page"))
    # What the badge rests on, shown to readers; one query, for professionals.
    credential = (
        ProfessionalCredential.objects.approved().filter(user=member).first()
        if member.is_medical_professional
        else None
    )
    context = {
        "member": member,
        "credential": credential,
        "stats": stats,
        "tab": tab,
        "page_obj": page,
        **page_context("member_detail", request, member=member),
    }
    return render(request, "forum/member_detail.html", context)


SEARCH_RESULTS_PER_PAGE = 20


# Not stored: every distinct search would be a page in the cache.
def _professional_answers():
    """A visible reply by a verified professional to the outer thread."""
    return Reply.objects.visible().filter(SHOWN_PROFESSIONAL, thread=OuterRef("pk"))


def _endorsed_answers():
    """A visible reply to the outer thread that a professional endorses."""
    return Reply.objects.visible().endorsed().filter(thread=OuterRef("pk"))


# The outcome's line in a search result: shorter than the question's.
OUTCOME_SNIPPET = 160


def search(request):
    terms = request.GET.get("q", "").strip()[:200]
    forums = list(Forum.objects.all())
    forum = next((f for f in forums if f.slug == request.GET.get("forum")), None)
    topic = request.GET.get("topic", "").strip()[:100]
    by_professional = request.GET.get("answered") == "professional"
    endorsed = request.GET.get("endorsed") == "1"
    with_outcome = request.GET.get("outcome") == "1"
    page, results = None, []
    if terms:
        # Filters narrow the matches before ranking, so a filtered search
        # ranks everything that passes them.
        # Visitors never find a question for members only.
        matches = Thread.objects.visible().shown_to(request.user)
        if forum is not None:
            matches = matches.filter(forum=forum)
        if topic:
            matches = matches.filter(tags__name__iexact=topic)
        if by_professional:
            matches = matches.filter(Exists(_professional_answers()))
        if endorsed:
            matches = matches.filter(Exists(_endorsed_answers()))
        if with_outcome:
            matches = matches.with_outcome()
        # The page's ids, ranked, then only the page's rows: sorting whole
        # rows would carry every body through the sort.
        found = SearchResults(matches, terms)
        page = Paginator(found, SEARCH_RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        rows = (
            Thread.objects.for_list()
            .annotate(
                professional_answered=Exists(_professional_answers()),
                endorsed_answer=Exists(_endorsed_answers()),
            )
            .in_bulk(page.object_list)
        )
        results = [rows[pk] for pk in page.object_list if pk in rows]
        texts = {thread.pk: html_to_text(thread.body_html) for thread in results}
        # A thread found through its replies shows the reply that matched.
        in_replies = first_matching_replies(
            [
                thread.pk
                for thread in results
                if not has_match(f"{thread.title}\n{texts[thread.pk]}", terms)
            ],
            terms,
        )
        for thread in results:
            thread.found_in_reply = thread.pk in in_replies
            text = in_replies.get(thread.pk, texts[thread.pk])
            thread.snippet = snippet(text, terms)
            if thread.outcome_at:
                outcome = html_to_text(thread.outcome_html)
                thread.outcome_snippet = snippet(outcome, terms, OUTCOME_SNIPPET)
    filters = {
        "q": terms,
        "forum": forum.slug if forum else "",
        "topic": topic,
        "answered": "professional" if by_professional else "",
        "endorsed": "1" if endorsed else "",
        "outcome": "1" if with_outcome else "",
    }
    context = {
        # More matched than a search counts and pages through.
        "more_found": page is not None and page.paginator.object_list.has_more,
        "max_results": MAX_RESULTS,
        "terms": terms,
        "results": results,
        "page_obj": page,
        "forums": forums,
        "forum_filter": forum,
        "topic": topic,
        "by_professional": by_professional,
        "endorsed": endorsed,
        "with_outcome": with_outcome,
        "filtered": bool(forum or topic or by_professional or endorsed or with_outcome),
        "query": urlencode({key: value for key, value in filters.items() if value}),
    }
    return render(request, "forum/search.html", context)


# --- Members who may not write, and reports. --------------------------------


def restriction_message(user) -> str:
    """Say why user may not write here, in words for the page, or ""."""
    sanction = restriction_of(user)
    if sanction is None:
        return ""
    if sanction.kind == sanction.Kind.BAN:
        opening = "Your account is banned: you can read the forum but not write in it."
    else:
        until = localtime(sanction.ends_at)
        opening = (
            f"Your account is suspended until {date_format(until, 'j F Y, H:i')}: "
            "until then you can read the forum but not post, reply, vote, report "
            "or edit."
        )
    return f"{opening} The reason staff gave: {sanction.reason}"


def restricted_page(request, *, form=None):
    """Tell a suspended or banned member why they cannot do this (403)."""
    context = {"restriction": restriction_message(request.user), "form": form}
    return render(request, "forum/restricted.html", context, status=403)


def _report_target(kind: str, pk: int) -> "Thread | Reply":
    if kind == "reply":
        return get_object_or_404(
            Reply.objects.readable().select_related("author", "thread__forum"),
            pk=pk,
        )
    return get_object_or_404(
        Thread.objects.visible().select_related("author", "forum"), pk=pk
    )


def post_report(request, kind, pk, slug=None):
    """Ask what is wrong with a post, and send the report to the staff."""
    post = _report_target(kind, pk)
    thread = getattr(post, "thread", post)
    context = {"post": post, "thread": thread, "kind": kind}
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.is_restricted:
        return restricted_page(request)
    if post.author_id == request.user.pk:
        context["own_post"] = True
        return render(request, "forum/report_form.html", context, status=403)
    if earlier := services.report_of(request.user, post):
        context["earlier"] = earlier
        return render(request, "forum/report_form.html", context)
    if request.method != "POST":
        context["form"] = ReportForm()
        return render(request, "forum/report_form.html", context)
    form = context["form"] = ReportForm(request.POST)
    if not form.is_valid():
        return render(request, "forum/report_form.html", context, status=400)
    if is_rate_limited(request.user, "report"):
        form.add_error(
            None,
            "You have sent many reports in a short time. Please wait a while "
            "before sending another; what you wrote is kept below.",
        )
        return render(request, "forum/report_form.html", context, status=429)
    try:
        services.report_post(
            reporter=request.user,
            post=post,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except services.AlreadyReported:
        pass  # A second tap of the same form: the first one counted.
    except PermissionDenied:
        form.add_error(None, "This can no longer be reported.")
        return render(request, "forum/report_form.html", context, status=403)
    messages.success(
        request,
        "Thank you for telling us. Staff will review it; the author is not told "
        "who reported it.",
    )
    # Enough reports hide a question: the reporter goes back to its forum.
    still_shown = Thread.objects.visible().filter(pk=thread.pk).exists()
    return redirect(thread if still_shown else thread.forum)
