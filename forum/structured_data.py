"""What a thread page tells search engines: schema.org QAPage data.

Search engines read a question and its answers from JSON-LD in the page's
head (templates/forum/thread_detail.html renders it with core_tags'
json_ld filter). It says what the page shows and nothing more: the
question, its response count, and each response on the page, in the page's
order, with its helpful count and date.
"""

import json

from django.conf import settings
from django.utils.timezone import localtime

from core import pagecache
from core.text import html_to_text

from .models import Reply, Thread

FORMER_MEMBER = "A former member"
ANONYMOUS_MEMBER = "Anonymous member"


def public_name(member) -> str:
    """Return the name the site shows for member: never an erased one."""
    return FORMER_MEMBER if member.is_former_member else member.username


def author_name(post: Thread | Reply) -> str:
    """Return the name the site shows for post's author: none if anonymous."""
    return ANONYMOUS_MEMBER if post.is_anonymous else public_name(post.author)


def _person(post: Thread | Reply) -> dict:
    return {"@type": "Person", "name": author_name(post)}


def _dates(created_at, edited_at) -> dict:
    # As the page's <time datetime> attributes give them.
    dates = {"dateCreated": localtime(created_at).isoformat()}
    if edited_at:
        dates["dateModified"] = localtime(edited_at).isoformat()
    return dates


def _answer_words(
    request, thread: Thread, states: list, loaded: dict[int, Reply]
) -> dict[int, dict]:
    """Return each reply's author name and plain text, by pk.

    The page's reply states hold neither, so both are stored per reply in
    the page cache's fragments, like the reply's HTML: the key names the
    reply and when its text last changed, and the site's version (in every
    fragment key) changes when a name does (an account deleted, or staff
    changing a member in the admin). Replies not stored are taken from
    loaded, the replies the page has just loaded to render them, and only
    those missing there are loaded, in one query. Each fragment is one line
    of JSON.
    """

    def key_parts(state) -> tuple:
        return ("answer-words", state.pk, state.edited_at)

    def render(states) -> list[str]:
        replies = dict(loaded)
        missing = [state.pk for state in states if state.pk not in replies]
        if missing:
            replies |= thread.replies.select_related("author").in_bulk(missing)
        lines = []
        for state in states:
            reply = replies.get(state.pk)
            if reply is None:  # Removed since the page's query.
                lines.append("")
                continue
            words = {
                "pk": reply.pk,
                "author": author_name(reply),
                "text": html_to_text(reply.body_html),
            }
            # json.dumps escapes every line break: one line per reply.
            lines.append(json.dumps(words) + "\n")
        return lines

    stored = pagecache.render_fragments(request, states, key_parts, render)
    return {words["pk"]: words for words in map(json.loads, stored.splitlines())}


def qapage(
    request, thread: Thread, states: list, *, page_url: str, loaded: dict[int, Reply]
) -> dict:
    """Return schema.org QAPage data for the thread page showing states.

    states are the page's rows of ReplyQuerySet.states_for_thread_page();
    page_url is the page's own address (its sort, filter and page), where
    each answer's anchor is; loaded holds the replies the page loaded to
    render (forum.fragments.thread_replies_html), so that none is loaded
    twice. Costs no query when every reply's words are stored.
    """
    words = _answer_words(request, thread, states, loaded)
    answers = [
        {
            "@type": "Answer",
            "text": words[state.pk]["text"],
            **_dates(state.created_at, state.edited_at),
            "upvoteCount": state.helpful_count,
            "url": f"{settings.SITE_URL}{page_url}#reply-{state.pk}",
            "author": {"@type": "Person", "name": words[state.pk]["author"]},
        }
        for state in states
        if state.pk in words
    ]
    question = {
        "@type": "Question",
        "name": thread.title,
        "text": html_to_text(thread.body_html),
        **_dates(thread.created_at, thread.edited_at),
        "author": _person(thread),
        "answerCount": thread.reply_count,
        "url": settings.SITE_URL + thread.get_absolute_url(),
    }
    if answers:
        question["suggestedAnswer"] = answers
    return {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": question}
