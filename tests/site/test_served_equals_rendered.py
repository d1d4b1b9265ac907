"""What an anonymous reader is served always equals what the page renders now.

For every stored page and every write the site offers: fill the cache with
every page, perform the write, then compare each page as served (from the
cache where it holds one) with the page rendered afresh, with every cache
emptied. They must be equal apart from the per-request CSRF token.

New pages and writes join by registration, not by someone remembering:
test_every_stored_page_is_compared fails for a view marked with
anonymous_page_cache whose URL name PAGES does not cover, and
test_every_service_is_compared for a public service function that WRITES
does not list (or EXEMPT explain). Each write also checks that it touched
exactly the scopes that core.pagecache.SCOPES says it changes.
"""

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from taggit.models import Tag

from accounts import consent as accounts_consent
from accounts import services as accounts_services
from accounts.models import ProfessionalCredential
from core import pagecache
from core.cache import page_cache
from forum import endorsements as forum_endorsements
from forum import outcomes as forum_outcomes
from forum import services as forum_services
from forum import tags as forum_tags
from forum import visibility as forum_visibility
from forum.models import Forum, RelatedThread, Reply, Revision, Thread
from notifications import reminders as notification_reminders
from notifications import services as notification_services
from notifications.models import Notification
from privacy import services as privacy_services
from resources import services as resource_services
from resources.models import Resource
from safety import services as safety_services
from safety.models import CrisisLine, SafetyPattern, ThreadFlag
from sitepages.models import SitePage
from tests.factories import (
    ResourceFactory,
    SafetyPatternFactory,
    UserFactory,
    verify_professional,
)

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def _page_urls(world) -> dict[str, str]:
    forum = world.forum.get_absolute_url()
    thread = world.thread.get_absolute_url()
    urls = {
        "index": reverse("forum:index"),
        "resources": reverse("resources:resource-list"),
        "resources-in-forum": reverse("resources:resource-list") + "?forum=neurology",
        "forum-tag": f"{forum}?tag=twitching",
        "tag": reverse("forum:tag", kwargs={"slug": "twitching"}),
        "tag-headache": reverse("forum:tag", kwargs={"slug": "headache"}),
    }
    for sort in ("newest", "unanswered"):
        urls[f"tag-{sort}"] = f"{urls['tag']}?sort={sort}"
    for sort in ("active", "newest", "unanswered"):
        urls[f"forum-{sort}"] = f"{forum}?sort={sort}"
    for sort in ("helpful", "oldest", "newest"):
        urls[f"thread-{sort}"] = f"{thread}?sort={sort}"
    urls["thread-professionals"] = f"{thread}?sort=helpful&from=professionals"
    urls["thread-endorsed"] = f"{thread}?sort=endorsed"
    urls["thread-from-endorsed"] = f"{thread}?from=endorsed"
    urls["thread-from-helped"] = f"{thread}?from=helped"
    urls["forum-outcome"] = f"{forum}?sort=outcome"
    # Lists the thread among its related questions.
    urls["thread-related"] = world.quiet.get_absolute_url()
    # A visitor's teaser of a question for members only, and an anonymous one.
    urls["thread-members-only"] = world.private.get_absolute_url()
    urls["thread-anonymous"] = world.hidden.get_absolute_url()
    for slug in SitePage.Slug.values:
        urls[f"site-page-{slug}"] = reverse(f"sitepages:{slug}")
    for member in (world.asker, world.helper, world.pro):
        for tab in ("replies", "threads"):
            urls[f"member-{member.username}-{tab}"] = (
                f"{member.get_absolute_url()}?tab={tab}"
            )
    return urls


# The URL names of the stored pages that _page_urls visits.
PAGES = {
    "forum:index",
    "forum:forum-detail",
    "forum:thread-detail",
    "forum:member-detail",
    "forum:tag",
    "resources:resource-list",
    *(f"sitepages:{slug}" for slug in SitePage.Slug.values),
}


@pytest.fixture
def world(db, staff, site_pages, starting_set):
    forum = Forum.objects.create(name="Neurology", slug="neurology", position=0)
    Forum.objects.create(name="Sleep", slug="sleep", position=1)
    asker = UserFactory(username="asker")
    helper = UserFactory(username="helper")
    pro = UserFactory(username="pro")
    voter = UserFactory(username="voter")
    verify_professional(pro, staff)
    thread = forum_services.post_thread(
        author=asker,
        forum=forum,
        title="Tingling in both hands at night",
        body="It wakes me most nights and fades by lunchtime.",
        tags=["twitching"],
    )
    quiet = forum_services.post_thread(
        author=helper,
        forum=forum,
        title="Headache behind one eye after screens",
        body="It starts after an hour at the computer and eases with rest.",
        tags=["headache", "twitching"],
    )
    first = forum_services.post_reply(
        author=helper, thread=thread, body="Mine eased with a wrist splint at night."
    )
    second = forum_services.post_reply(
        author=pro, thread=thread, body="Worth asking about nerve conduction tests."
    )
    forum_services.cast_helpful_vote(voter=voter, reply=first, is_helpful=True)
    # For members only, and asked anonymously, each with an anonymous reply.
    private = forum_services.post_thread(
        author=asker,
        forum=forum,
        title="Twitching after starting new tablets",
        body=(
            "My doctor changed my tablets and the twitching started a week "
            "later. It comes in the evening, mostly in my calves and sometimes "
            "in my face, and it keeps me awake for an hour or so most nights. "
            "The pharmacist said to keep a diary of when it happens."
        ),
        tags=["twitching"],
        members_only=True,
    )
    hidden = forum_services.post_thread(
        author=helper,
        forum=forum,
        title="Tremor in one hand when I am tired",
        body="It shows when I hold a cup late in the evening.",
        anonymous=True,
    )
    anonymous_replies = [
        forum_services.post_reply(
            author=voter, thread=posted, body="The same here.", anonymous=True
        )
        for posted in (private, hidden)
    ]
    # Each lists the other among its related questions (a topic they share),
    # as the task queued by posting them would.
    for posted in (thread, quiet):
        forum_services.relate_thread(thread=posted)
    pinned = ResourceFactory(title="Sleeping well with nerve pain", forums=[forum])
    draft = ResourceFactory(title="Understanding nerve tests", is_published=False)
    accounts_services.update_professional_disclaimer(
        editor=staff, text="For general education only; see your own doctor."
    )
    forum_endorsements.endorse_reply(endorser=pro, reply=first)
    forum_outcomes.share_outcome(
        asker=asker, thread=thread, text="My GP found a **trapped nerve**."
    )
    return SimpleNamespace(
        forum=forum,
        asker=asker,
        helper=helper,
        pro=pro,
        voter=voter,
        staff=staff,
        thread=thread,
        quiet=quiet,
        private=private,
        hidden=hidden,
        anonymous_replies=anonymous_replies,
        first=first,
        second=second,
        pinned=pinned,
        draft=draft,
    )


# --- Admin changes, made through the admin's own forms. ---------------------


class _FormFields(HTMLParser):
    """Collect what a browser would submit from a page's main form."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs or "disabled" in attrs:
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((attrs["name"], attrs.get("value", "on")))
                return
            self.data.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = attrs["name"]
        if tag == "option" and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.data.append(tuple(self._textarea))
            self._textarea = None
        if tag == "form":
            self.inside = False


def _admin_change(world, model: str, pk: int, **changes) -> None:
    admin = Client()
    admin.force_login(world.staff)
    url = reverse(f"admin:{model}_change", args=[pk])
    page = admin.get(url)
    parser = _FormFields(f"{model.split('_', 1)[1]}_form")
    parser.feed(page.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = [value]
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _admin_action(world, model: str, action: str, pks: list[int]) -> None:
    admin = Client()
    admin.force_login(world.staff)
    response = admin.post(
        reverse(f"admin:{model}_changelist"),
        {"action": action, "_selected_action": pks, "post": "yes"},
    )
    assert response.status_code == 302


def _apply(member):
    return accounts_services.apply_for_verification(
        user=member,
        profession="registered_nurse",
        specialty="Neurology",
        licence_number="NMC-555",
        licensing_body="Nursing and Midwifery Council",
        region="United Kingdom",
    )


@dataclass(frozen=True)
class Write:
    """A write the site offers, done to the world the way the site does it."""

    do: Callable
    # The service it exercises, whose touches SCOPES must describe; None for
    # a write through the admin's forms (LogEntry).
    service: str | None
    # Scopes SCOPES names for the service that this write must leave alone:
    # an anonymous post's author's page, whose expiry would name them.
    skips: frozenset[str] = frozenset()


F, A, R = "forum.services.", "accounts.services.", "resources.services."
V = "forum.visibility."
FE, FO = "forum.endorsements.", "forum.outcomes."
N = "notifications.services."
P = "privacy.services."
C = "accounts.consent."
S = "safety.services."


def _notified(world) -> Notification:
    return Notification.objects.create(
        recipient=world.asker,
        kind="reply",
        actor=world.helper,
        thread=world.thread,
        reply=world.first,
    )


WRITES: dict[str, Write] = {
    "post thread": Write(
        lambda w: forum_services.post_thread(
            author=w.voter,
            forum=w.forum,
            title="Numb toes after long walks",
            body="Both feet go numb after about five miles of walking.",
            tags=["twitching"],
        ),
        F + "post_thread",
    ),
    "post reply": Write(
        lambda w: forum_services.post_reply(
            author=w.voter, thread=w.thread, body="Same here, every single night."
        ),
        F + "post_reply",
    ),
    "reply to the unanswered thread": Write(
        lambda w: forum_services.post_reply(
            author=w.pro, thread=w.quiet, body="Try the 20-20-20 rule for screens."
        ),
        F + "post_reply",
    ),
    "vote": Write(
        lambda w: forum_services.cast_helpful_vote(
            voter=w.voter, reply=w.second, is_helpful=True
        ),
        F + "cast_helpful_vote",
    ),
    # Questions for members only, and anonymous posts.
    "asker shows a thread to members only": Write(
        lambda w: forum_visibility.set_members_only(
            member=w.asker, thread=w.thread, members_only=True
        ),
        V + "set_members_only",
    ),
    "asker lets everyone read a thread again": Write(
        lambda w: forum_visibility.set_members_only(
            member=w.asker, thread=w.private, members_only=False
        ),
        V + "set_members_only",
    ),
    "staff show a related thread to members only in the admin": Write(
        lambda w: _admin_action(
            w, "forum_thread", "members_only_threads", [w.quiet.pk]
        ),
        V + "set_members_only",
    ),
    "post a thread for members only": Write(
        lambda w: forum_services.post_thread(
            author=w.voter,
            forum=w.forum,
            title="Numb toes after long walks",
            body="Both feet go numb after about five miles of walking.",
            tags=["twitching"],
            members_only=True,
        ),
        F + "post_thread",
    ),
    "post a thread anonymously": Write(
        lambda w: forum_services.post_thread(
            author=w.voter,
            forum=w.forum,
            title="Numb toes after long walks",
            body="Both feet go numb after about five miles of walking.",
            tags=["twitching"],
            anonymous=True,
        ),
        F + "post_thread",
        skips=frozenset({"member"}),
    ),
    "reply anonymously": Write(
        lambda w: forum_services.post_reply(
            author=w.helper, thread=w.thread, body="Mine too.", anonymous=True
        ),
        F + "post_reply",
    ),
    "reply anonymously to an anonymous thread": Write(
        lambda w: forum_services.post_reply(
            author=w.pro, thread=w.hidden, body="See your GP.", anonymous=True
        ),
        F + "post_reply",
        skips=frozenset({"member"}),
    ),
    "vote on an anonymous reply": Write(
        lambda w: forum_services.cast_helpful_vote(
            voter=w.asker, reply=w.anonymous_replies[1], is_helpful=True
        ),
        F + "cast_helpful_vote",
        skips=frozenset({"member"}),
    ),
    "change a vote": Write(
        lambda w: forum_services.cast_helpful_vote(
            voter=w.voter, reply=w.first, is_helpful=False
        ),
        F + "cast_helpful_vote",
    ),
    "withdraw a vote": Write(
        lambda w: forum_services.withdraw_helpful_vote(voter=w.voter, reply=w.first),
        F + "withdraw_helpful_vote",
    ),
    "withdraw through record_verdict": Write(
        lambda w: forum_services.record_verdict(
            voter=w.voter, reply=w.first, verdict=None
        ),
        F + "withdraw_helpful_vote",
    ),
    "remove a thread": Write(
        lambda w: forum_services.remove_thread(moderator=w.staff, thread=w.thread),
        F + "remove_thread",
    ),
    "restore a thread": Write(
        lambda w: (
            forum_services.remove_thread(moderator=w.staff, thread=w.thread),
            _fill_cache(w),
            forum_services.restore_thread(moderator=w.staff, thread=w.thread),
        ),
        F + "restore_thread",
    ),
    "work out related questions": Write(
        lambda w: (
            RelatedThread.objects.filter(thread=w.quiet).delete(),
            _fill_cache(w),
            forum_services.relate_thread(thread=w.quiet),
        ),
        F + "relate_thread",
    ),
    "remove a reply": Write(
        lambda w: forum_services.remove_reply(moderator=w.staff, reply=w.first),
        F + "remove_reply",
    ),
    "restore a reply": Write(
        lambda w: (
            forum_services.remove_reply(moderator=w.staff, reply=w.first),
            _fill_cache(w),
            forum_services.restore_reply(moderator=w.staff, reply=w.first),
        ),
        F + "restore_reply",
    ),
    "author edits a thread": Write(
        lambda w: forum_services.edit_thread(
            editor=w.asker,
            thread=w.thread,
            title="Tingling in both hands every night",
            body="It wakes me most nights and has faded by lunchtime since May.",
        ),
        F + "edit_thread",
    ),
    "author edits a reply": Write(
        lambda w: forum_services.edit_reply(
            editor=w.helper, reply=w.first, body="Mine eased with wrist splints."
        ),
        F + "edit_reply",
    ),
    "staff restore a version": Write(
        lambda w: (
            forum_services.edit_thread(
                editor=w.asker,
                thread=w.thread,
                title="Tingling in my hands",
                body="It wakes me most nights.",
            ),
            _fill_cache(w),
            forum_services.restore_revision(
                moderator=w.staff, revision=Revision.objects.get(thread=w.thread)
            ),
        ),
        F + "restore_revision",
    ),
    "author deletes a thread": Write(
        lambda w: forum_services.delete_own_thread(author=w.asker, thread=w.thread),
        F + "delete_own_thread",
    ),
    "author deletes a reply": Write(
        lambda w: forum_services.delete_own_reply(author=w.helper, reply=w.first),
        F + "delete_own_reply",
    ),
    "lock": Write(
        lambda w: forum_services.set_thread_flags(
            moderator=w.staff, thread=w.thread, is_locked=True
        ),
        F + "set_thread_flags",
    ),
    "pin": Write(
        lambda w: forum_services.set_thread_flags(
            moderator=w.staff, thread=w.quiet, is_pinned=True
        ),
        F + "set_thread_flags",
    ),
    "badge approved": Write(
        lambda w: accounts_services.approve_credential(
            reviewer=w.staff, credential=_apply(w.helper)
        ),
        A + "approve_credential",
    ),
    "badge revoked": Write(
        lambda w: accounts_services.revoke_credential(
            reviewer=w.staff,
            credential=ProfessionalCredential.objects.approved().get(user=w.pro),
            reason="The licence has lapsed.",
        ),
        A + "revoke_credential",
    ),
    "application made": Write(lambda w: _apply(w.helper), A + "apply_for_verification"),
    "application withdrawn": Write(
        lambda w: accounts_services.withdraw_application(
            user=w.helper, credential=_apply(w.helper)
        ),
        A + "withdraw_application",
    ),
    "application rejected": Write(
        lambda w: accounts_services.reject_credential(
            reviewer=w.staff, credential=_apply(w.helper), reason="Not on register."
        ),
        A + "reject_credential",
    ),
    "disclaimer edited": Write(
        lambda w: accounts_services.update_professional_disclaimer(
            editor=w.staff, text="Education only: this is not a diagnosis."
        ),
        A + "update_professional_disclaimer",
    ),
    "resource created": Write(
        lambda w: resource_services.create_resource(
            title="Keeping a symptom diary",
            slug="symptom-diary",
            summary="Why and how to note what you feel each day.",
            body="Write down the time, what you felt and what you were doing.",
        ),
        R + "create_resource",
    ),
    "resource changed": Write(
        lambda w: resource_services.save_resource(
            resource=_retitled(w.pinned, "Sleeping better with nerve pain")
        ),
        R + "save_resource",
    ),
    "resource deleted": Write(
        lambda w: resource_services.delete_resources(
            resources=Resource.objects.filter(pk=w.pinned.pk)
        ),
        R + "delete_resources",
    ),
    "resource published": Write(
        lambda w: resource_services.publish_resources(
            editor=w.staff, resources=Resource.objects.filter(pk=w.draft.pk)
        ),
        R + "publish_resources",
    ),
    "resource unpublished": Write(
        lambda w: resource_services.unpublish_resources(
            editor=w.staff, resources=Resource.objects.filter(pk=w.pinned.pk)
        ),
        R + "unpublish_resources",
    ),
    "resource pinned": Write(
        lambda w: resource_services.pin_resources(
            editor=w.staff, resources=Resource.objects.filter(pk=w.pinned.pk)
        ),
        R + "pin_resources",
    ),
    "resource unpinned": Write(
        lambda w: (
            resource_services.pin_resources(
                editor=w.staff, resources=Resource.objects.filter(pk=w.pinned.pk)
            ),
            _fill_cache(w),
            resource_services.unpin_resources(
                editor=w.staff, resources=Resource.objects.filter(pk=w.pinned.pk)
            ),
        ),
        R + "unpin_resources",
    ),
    "admin renames a forum": Write(
        lambda w: _admin_change(w, "forum_forum", w.forum.pk, name="Brain and nerves"),
        None,
    ),
    "admin edits a thread": Write(
        lambda w: _admin_change(
            w, "forum_thread", w.thread.pk, title="Pins and needles in both hands"
        ),
        None,
    ),
    "admin edits a site page": Write(
        lambda w: _admin_change(
            w,
            "sitepages_sitepage",
            SitePage.objects.get(slug="privacy").pk,
            title="Your privacy",
            body="We keep **only** what the site needs.",
        ),
        None,
    ),
    "admin deactivates a member": Write(
        lambda w: _admin_change(w, "accounts_user", w.helper.pk, is_active=False),
        None,
    ),
    "admin removes replies": Write(
        lambda w: _admin_action(
            w, "forum_reply", "remove_replies", [w.first.pk, w.second.pk]
        ),
        F + "remove_reply",
    ),
    # A tag's name shows on thread pages, lists and the popular tags.
    "staff merge tags": Write(
        lambda w: forum_tags.merge_tags(
            staff=w.staff,
            tags=Tag.objects.filter(name__in=["headache", "twitching"]),
            into="Twitching",
        ),
        "forum.tags.merge_tags",
    ),
    "staff rename a tag": Write(
        lambda w: forum_tags.rename_tag(
            staff=w.staff, tag=Tag.objects.get(name="headache"), name="Headaches"
        ),
        "forum.tags.rename_tag",
    ),
    "admin renames a tag": Write(
        lambda w: _admin_change(
            w, "taggit_tag", Tag.objects.get(name="twitching").pk, name="tingling"
        ),
        None,
    ),
    # A member's follows and notifications show only on their own pages,
    # never on a stored one: these must touch no scope and change nothing.
    "follow a thread": Write(
        lambda w: notification_services.follow(w.voter, thread=w.thread),
        N + "follow",
    ),
    "unfollow a forum": Write(
        lambda w: (
            notification_services.follow(w.voter, forum=w.forum),
            _fill_cache(w),
            notification_services.unfollow(w.voter, forum=w.forum),
        ),
        N + "unfollow",
    ),
    "read a notification": Write(
        lambda w: notification_services.mark_read(w.asker, _notified(w)),
        N + "mark_read",
    ),
    "read every notification": Write(
        lambda w: (_notified(w), notification_services.mark_all_read(w.asker)),
        N + "mark_all_read",
    ),
    # A deleted account: the member's name leaves every page, and their
    # posts stay under "a former member" or go, as they chose.
    "member deletes their account, keeping posts": Write(
        lambda w: privacy_services.delete_account(member=w.helper, remove_posts=False),
        P + "delete_account",
    ),
    "member deletes their account, removing posts": Write(
        lambda w: privacy_services.delete_account(member=w.helper, remove_posts=True),
        P + "delete_account",
    ),
    "professional deletes their account, keeping posts": Write(
        lambda w: privacy_services.delete_account(member=w.pro, remove_posts=False),
        P + "delete_account",
    ),
    "staff erase a member on request": Write(
        lambda w: privacy_services.erase_member(
            staff=w.staff, member=w.asker, remove_posts=True, reason="Asked by post"
        ),
        P + "erase_member",
    ),
    # A member's data export shows on no page.
    "member asks for their data in the background": Write(
        lambda w: privacy_services.request_export(member=w.voter),
        P + "request_export",
    ),
    "expired exports deleted": Write(
        lambda w: (
            privacy_services.request_export(member=w.voter),
            privacy_services.delete_expired_exports(),
        ),
        P + "delete_expired_exports",
    ),
    # Reports: below the threshold nothing shows; at it the post is hidden.
    "reports hide a reply": Write(
        lambda w: _reported_until_held(w),
        F + "report_post",
    ),
    "queue removes a reported reply": Write(
        lambda w: (
            forum_services.report_post(
                reporter=w.voter, post=w.first, reason="misinformation"
            ),
            _fill_cache(w),
            forum_services.act_on_post(
                moderator=w.staff,
                post=w.first,
                action="remove",
                reason="Advice that could cause harm",
            ),
        ),
        F + "act_on_post",
    ),
    "queue dismisses the reports on a held reply": Write(
        lambda w: (
            _reported_until_held(w),
            _fill_cache(w),
            forum_services.close_reports(
                moderator=w.staff,
                post=w.first,
                outcome="dismissed",
                reason="Nothing wrong with it",
            ),
        ),
        F + "close_reports",
    ),
    # Safety: a thread's banner and crisis lines, and staff's redactions.
    "staff add a pattern the thread matches": Write(
        lambda w: safety_services.save_pattern(
            editor=w.staff, pattern=SafetyPatternFactory.build()
        ),
        S + "save_pattern",
    ),
    "staff delete a pattern a thread shows": Write(
        lambda w: (
            _flagged(w),
            _fill_cache(w),
            safety_services.delete_patterns(
                editor=w.staff, patterns=SafetyPattern.objects.filter(name="Tingling")
            ),
        ),
        S + "delete_patterns",
    ),
    "a post's flags worked out": Write(
        lambda w: (
            _flagged(w, assess=False),
            safety_services.assess_post(post=w.thread),
        ),
        S + "assess_post",
    ),
    "every thread's flags worked out again": Write(
        lambda w: (
            _flagged(w),
            _fill_cache(w),
            SafetyPattern.objects.filter(name="Tingling").update(is_active=False),
            safety_services.reassess_threads(),
        ),
        S + "reassess_threads",
    ),
    "admin edits a pattern's message": Write(
        lambda w: _admin_change(
            w,
            "safety_safetypattern",
            _flagged(w).pk,
            # The form reader skips selects: the kind is given as it stands.
            kind="emergency",
            message="Tingling in both hands together needs a check today.",
        ),
        None,
    ),
    "staff change a crisis line on a crisis thread": Write(
        lambda w: (
            forum_services.edit_thread(
                editor=w.asker,
                thread=w.thread,
                title=w.thread.title,
                body="Some nights I feel there is no reason to live.",
            ),
            _fill_cache(w),
            safety_services.save_crisis_line(
                editor=w.staff, line=_renamed(CrisisLine.objects.first())
            ),
        ),
        S + "save_crisis_line",
    ),
    "staff delete a crisis line": Write(
        lambda w: (
            # A reply's crisis language, as stored when it was posted.
            ThreadFlag.objects.create(
                thread=w.thread,
                reply=w.first,
                pattern=SafetyPattern.objects.get(name="Thoughts of suicide"),
            ),
            _fill_cache(w),
            safety_services.delete_crisis_lines(
                editor=w.staff, lines=CrisisLine.objects.filter(region="Canada")
            ),
        ),
        S + "delete_crisis_lines",
    ),
    "staff remove personal data from a thread": Write(
        lambda w: safety_services.redact_post(
            staff=w.staff,
            post=w.thread,
            passages=["both hands", "most nights"],
            reason="Asked by the member",
        ),
        S + "redact_post",
    ),
    # A flag of the site's own waits for staff: no page shows it.
    "the site flags a post": Write(
        lambda w: forum_services.flag_post(post=w.first, reason="danger"),
        F + "flag_post",
    ),
    # A sanction changes what a member may do, never what a page shows.
    "suspend a member": Write(
        lambda w: accounts_services.sanction_member(
            moderator=w.staff,
            member=w.helper,
            kind="suspension",
            reason="Repeated unsafe advice",
            until=timezone.now() + timedelta(days=7),
        ),
        A + "sanction_member",
    ),
    "lift a ban": Write(
        lambda w: accounts_services.lift_sanction(
            moderator=w.staff,
            sanction=accounts_services.sanction_member(
                moderator=w.staff, member=w.helper, kind="ban", reason="Spam"
            ),
            reason="Appealed successfully",
        ),
        A + "lift_sanction",
    ),
    # Consent changes what a member may write, never what a page shows.
    "give health data consent": Write(
        lambda w: accounts_consent.give_health_consent(
            member=UserFactory(username="newcomer", health_consent=False),
            via="consent_page",
        ),
        C + "give_health_consent",
    ),
    "withdraw health data consent": Write(
        lambda w: accounts_consent.withdraw_health_consent(member=w.helper),
        C + "withdraw_health_consent",
    ),
}


def _shared(world, text: str) -> None:
    forum_outcomes.share_outcome(asker=world.asker, thread=world.thread, text=text)


def _revoked(world) -> None:
    accounts_services.revoke_credential(
        reviewer=world.staff,
        credential=ProfessionalCredential.objects.approved().get(user=world.pro),
        reason="The licence has lapsed.",
    )


# A professional's endorsements, and the asker's outcome and marks. In the
# world the professional endorses the first reply and the asker has shared
# an outcome.
WRITES |= {
    "professional endorses a reply": Write(
        lambda w: (
            forum_endorsements.withdraw_endorsement(endorser=w.pro, reply=w.first),
            _fill_cache(w),
            forum_endorsements.endorse_reply(endorser=w.pro, reply=w.first),
        ),
        FE + "endorse_reply",
    ),
    "professional withdraws an endorsement": Write(
        lambda w: forum_endorsements.withdraw_endorsement(
            endorser=w.pro, reply=w.first
        ),
        FE + "withdraw_endorsement",
    ),
    "an endorser's badge is revoked": Write(_revoked, A + "revoke_credential"),
    "an endorser's badge is approved again": Write(
        lambda w: (
            _revoked(w),
            _fill_cache(w),
            accounts_services.approve_credential(
                reviewer=w.staff, credential=_apply(w.pro)
            ),
        ),
        A + "approve_credential",
    ),
    "asker shares an outcome": Write(
        lambda w: forum_outcomes.share_outcome(
            asker=w.helper, thread=w.quiet, text="An optician found eye strain."
        ),
        FO + "share_outcome",
    ),
    "asker edits the outcome": Write(
        lambda w: _shared(w, "It was carpal tunnel; the splint helped."),
        FO + "share_outcome",
    ),
    "asker marks a reply that helped most": Write(
        lambda w: forum_outcomes.mark_helped_most(asker=w.asker, reply=w.first),
        FO + "mark_helped_most",
    ),
    "asker takes a mark off": Write(
        lambda w: (
            forum_outcomes.mark_helped_most(asker=w.asker, reply=w.first),
            _fill_cache(w),
            forum_outcomes.mark_helped_most(asker=w.asker, reply=w.first, helped=False),
        ),
        FO + "mark_helped_most",
    ),
    # Two weeks on; a reminder shows on the asker's own pages only.
    "askers reminded to share what happened next": Write(
        lambda w: notification_reminders.send_outcome_reminders(
            now=timezone.now() + timedelta(days=15)
        ),
        "notifications.reminders.send_outcome_reminders",
    ),
}


def _flagged(world, *, assess: bool = True) -> SafetyPattern:
    """Make a pattern that the world's thread matches, stored unless assess=False."""
    pattern = SafetyPatternFactory(name="Tingling")
    if assess:
        safety_services.assess_post(post=world.thread)
    return pattern


def _renamed(line: CrisisLine) -> CrisisLine:
    line.name = "Samaritans helpline"
    return line


def _reported_until_held(world) -> None:
    for reporter in (world.asker, world.voter, world.pro):
        forum_services.report_post(
            reporter=reporter, post=world.first, reason="misinformation"
        )


# Public service functions that no stored page shows, and why.
EXEMPT = {
    R + "record_view": (
        "readership orders the sidebar, which refreshes on its own every few "
        "minutes by design (resources.sidebar)"
    ),
    F + "record_verdict": "cast_helpful_vote or withdraw_helpful_vote, compared",
    F + "posted_with": "a read: what a member posted with a form's token",
    F + "report_of": "a read: a member's report of a post",
    F + "is_new_member": "a read: whether a member's links wait for review",
    F + "holds_links": "a read: whether a new post waits for review",
    A + "restriction_of": "a read: the sanction that keeps a member from writing",
    "forum.tags.normalise_tag_name": "a read: the rule for a typed tag name",
    "forum.tags.split_tag_input": "a read: the tag names a member typed",
    "forum.tags.resolve_tag_names": "a read: typed tag names with synonyms applied",
    "forum.tags.popular_tags": "a read: the popular tags block",
    C + "current_version": "a read: the consent wording members must agree to",
    C + "current_wording": "a read: the consent wording members must agree to",
    C + "status_of": "a read: a member's consent status",
    C + "latest_consent": "a read: the consent a member gave last",
    C + "has_current_consent": "a read: whether a member may write health content",
    C + "require_health_consent": "a check: refuses a member without consent",
    V + "teaser": "a read: what a visitor reads of a question for members only",
    FE + "recount_endorsements_by": (
        "run by revoke_credential and approve_credential, compared there"
    ),
    FE + "badge_changed_receiver": "recount_endorsements_by, for a signal",
    FE + "counted_endorsements": "a read: an expression that counts endorsements",
    FE + "endorsers_of": "a read: the endorsers of a page of replies",
    "notifications.reminders.threads_due_a_reminder": (
        "a read: the questions whose askers are due a reminder"
    ),
}


def _retitled(resource, title):
    resource.title = title
    return resource


def _fill_cache(world) -> None:
    reader = Client()
    for url in _page_urls(world).values():
        reader.get(url)


def _normalised(response) -> str:
    return CSRF_VALUE.sub(r"\g<1>\g<2>", response.content.decode())


@pytest.mark.parametrize("write", WRITES, ids=str)
def test_served_page_equals_rendered_page_after(
    write, world, settings, expires, django_capture_on_commit_callbacks
):
    urls = _page_urls(world)
    _fill_cache(world)
    entry = WRITES[write]
    expected = pagecache_scopes_changed_by(entry.service) - entry.skips
    # The write commits, as it does on the site: on-commit work runs.
    with (
        expires(*expected, exactly=entry.service is not None),
        django_capture_on_commit_callbacks(execute=True),
    ):
        entry.do(world)
    reader = Client()
    served = {name: reader.get(url) for name, url in urls.items()}
    page_cache().clear()
    settings.PAGE_CACHE_ENABLED = False
    rendered = {name: reader.get(url) for name, url in urls.items()}
    for name in urls:
        assert served[name].status_code == rendered[name].status_code, name
        assert _normalised(served[name]) == _normalised(rendered[name]), (
            f"{name} is stale after {write!r}"
        )


def pagecache_scopes_changed_by(service: str | None) -> set[str]:
    """Return the scope names that SCOPES says service changes."""
    if service is None:
        return {"site"}
    return {name for name, entry in pagecache.SCOPES.items() if service in entry.writes}


def test_the_comparison_sees_a_stale_page(world, settings):
    """A write that skips the page cache is caught: the test can fail."""
    _fill_cache(world)
    Thread.objects.filter(pk=world.thread.pk).update(title="Changed behind its back")
    url = _page_urls(world)["thread-helpful"]
    reader = Client()
    served = reader.get(url)
    page_cache().clear()
    settings.PAGE_CACHE_ENABLED = False
    rendered = reader.get(url)
    assert _normalised(served) != _normalised(rendered)


def _cached_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}{pattern.namespace}:"
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and hasattr(
                pattern.callback, "page_cache_params"
            ):
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_stored_page_is_compared():
    assert _cached_url_names() == PAGES


def test_every_page_in_the_scope_table_exists():
    for entry in pagecache.SCOPES.values():
        for page in entry.pages:
            assert page == "*" or page in _cached_url_names(), page


def test_every_service_is_compared():
    services = set()
    for module in (
        forum_services,
        forum_tags,
        forum_visibility,
        accounts_services,
        accounts_consent,
        resource_services,
        notification_services,
        privacy_services,
        forum_endorsements,
        forum_outcomes,
        notification_reminders,
        safety_services,
    ):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith(
                ("_", "can_")
            ):
                services.add(f"{module.__name__}.{name}")
    compared = {write.service for write in WRITES.values() if write.service}
    assert services - compared - set(EXEMPT) == set()


def test_every_write_in_the_scope_table_is_compared():
    compared = {write.service for write in WRITES.values()}
    for entry in pagecache.SCOPES.values():
        for write in entry.writes:
            assert write == pagecache.ADMIN_CHANGE or write in compared, write


def test_a_reply_removed_by_the_admin_action_leaves_the_thread_count_right(world):
    _admin_action(world, "forum_reply", "remove_replies", [world.first.pk])
    assert Thread.objects.get(pk=world.thread.pk).reply_count == 1
    assert Reply.objects.visible().filter(thread=world.thread).count() == 1


def test_visitors_are_served_the_teaser_and_members_the_whole_question(world, settings):
    """A page stored for visitors never reaches a member, nor theirs a visitor.

    The cache keys no session: it stores and serves only requests without a
    session cookie, which no signed-in member makes.
    """
    url = world.private.get_absolute_url()
    # Past the teaser's first lines.
    body = "keep a diary of when it happens"
    visitor, member = Client(), Client()
    member.force_login(world.voter)
    assert visitor.get(url)[pagecache.HEADER] == "miss"
    stored = visitor.get(url)
    assert stored[pagecache.HEADER] == "hit"
    assert world.private.title in stored.content.decode()
    assert body not in stored.content.decode()
    for _ in range(2):
        whole = member.get(url)
        assert pagecache.HEADER not in whole
        assert body in whole.content.decode()
    # The member's visits stored nothing a visitor is then served.
    again = visitor.get(url)
    assert again[pagecache.HEADER] == "hit"
    assert body not in again.content.decode()
    # A visitor with a session (a form in progress) is not a member either.
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "not-a-member"
    assert body not in visitor.get(url).content.decode()
    del visitor.cookies[settings.SESSION_COOKIE_NAME]
    # Shown to everyone again, the stored teaser is never served.
    forum_visibility.set_members_only(
        member=world.asker, thread=world.private, members_only=False
    )
    assert body in visitor.get(url).content.decode()
