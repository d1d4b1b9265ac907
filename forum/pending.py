"""A vote a visitor cast before logging in, counted once they have.

An anonymous reader who answers "Was this helpful?" is sent to log in (or
to sign up and confirm their address, which logs them in). Their verdict
waits in their session, signed so that only this code's own values are read
back, and is cast through forum.services.record_verdict when the log-in
happens, under every rule a vote cast on the page obeys. The session keeps
its data across a log-in (Django cycles the key, not the contents), so this
works in the browser that voted, which is where the confirmation link is
normally opened too.
"""

from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied

from . import services
from .forms import VoteForm
from .models import Reply
from .ratelimit import is_rate_limited

SESSION_KEY = "forum_pending_vote"
SALT = "forum.pending.vote"
# Long enough to sign up and find the confirmation e-mail.
MAX_AGE = timedelta(days=1)
# Only a verdict counts; an anonymous reader has no vote to withdraw.
VERDICTS = {key: value for key, value in VoteForm.VOTES.items() if value is not None}


def remember_pending_vote(request, reply: Reply, vote: str) -> None:
    """Keep an anonymous reader's vote on reply until they log in."""
    if vote in VERDICTS:
        request.session[SESSION_KEY] = signing.dumps(
            {"reply": reply.pk, "vote": vote}, salt=SALT
        )


def _take_pending_vote(request) -> tuple[int, bool] | None:
    """Remove the pending vote from the session; return (reply pk, verdict)."""
    value = request.session.pop(SESSION_KEY, None)
    if not isinstance(value, str):
        return None
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE.total_seconds())
        pk, vote = data["reply"], data["vote"]
    except (signing.BadSignature, TypeError, KeyError):
        return None
    if not isinstance(pk, int) or isinstance(pk, bool) or vote not in VERDICTS:
        return None
    return pk, VERDICTS[vote]


def cast_pending_vote(sender, request, user, **kwargs) -> None:
    """Cast the vote a member left pending before logging in, and say how it went.

    A receiver of django.contrib.auth's user_logged_in. A vote the rules
    refuse is not counted, and the message says why.
    """
    session = getattr(request, "session", None)
    if session is None or SESSION_KEY not in session:
        return
    pending = _take_pending_vote(request)
    if pending is None:
        return
    pk, verdict = pending
    reply = Reply.objects.select_related("thread", "author").filter(pk=pk).first()
    if reply is None or reply.is_removed or reply.thread.is_removed:
        _tell(
            request,
            messages.WARNING,
            "That reply has been removed, so your vote was not counted.",
        )
        return
    if reply.author_id == user.pk:
        _tell(
            request,
            messages.INFO,
            "That is your own reply, so your vote was not counted: members "
            "vote only on other people's replies.",
        )
        return
    if reply.thread.is_locked:
        _tell(
            request,
            messages.WARNING,
            "That thread is locked, so your vote was not counted.",
        )
        return
    if is_rate_limited(user, "vote"):
        _tell(
            request,
            messages.ERROR,
            "You are voting very quickly, so your vote was not counted. "
            "Please wait a minute and vote again.",
        )
        return
    try:
        services.record_verdict(voter=user, reply=reply, verdict=verdict)
    except PermissionDenied:
        _tell(
            request, messages.WARNING, "Your vote could not be counted on that reply."
        )
        return
    verdict_text = "helpful" if verdict else "not helpful"
    _tell(
        request,
        messages.SUCCESS,
        f"Your vote is counted: you found this reply {verdict_text}.",
    )


def _tell(request, level: int, text: str) -> None:
    # fail_silently: a log-in made outside the middleware (a test client's
    # force_login) has no message store.
    messages.add_message(request, level, text, fail_silently=True)
