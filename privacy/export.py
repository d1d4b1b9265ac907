"""A member's data as one JSON file: each app's part, gathered here.

Each app says what it holds about a member in its own privacy.py; this
module only puts the parts together and says what the file is. Another
member appears in it, at most, by public username: never by e-mail address.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accounts import privacy as accounts_privacy
from forum import privacy as forum_privacy
from notifications import privacy as notifications_privacy

FORMAT_VERSION = 1

NOTES = [
    "This file holds everything Health Forum stores about you, as it stood "
    "when the file was made. Times are in UTC.",
    "Your text size and contrast choices are not here: they are kept only in "
    "a cookie in your own browser, never on our server.",
    "Under consents: each time you agreed that we may keep what you write "
    "about your health, with the words you agreed to, and when you withdrew. "
    "Your e-mail choices are under email_preferences.",
    "Other members appear only by their public username. Questions that "
    "their authors deleted, or staff removed, are not named.",
]


def export_member(member) -> dict:
    """Return everything the site holds about member, as plain data."""
    return {
        "about_this_file": {
            "site": settings.SITE_URL,
            "made_at": timezone.now(),
            "format_version": FORMAT_VERSION,
            "notes": NOTES,
        },
        **accounts_privacy.export_member(member),
        **forum_privacy.export_member(member),
        **notifications_privacy.export_member(member),
        "reading_preferences": {
            "kept_on_our_server": False,
            "where": "a cookie in your own browser",
        },
    }


def export_json(member) -> str:
    """Return member's data as the JSON text of the file they download."""
    return json.dumps(
        export_member(member), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )


def is_large(member) -> bool:
    """Return whether member's export is prepared in the background.

    Past settings.PRIVACY_EXPORT_INLINE_LIMIT questions and replies, it would
    hold up the request too long: a task prepares it and e-mails a link.
    """
    return forum_privacy.post_count(member) > settings.PRIVACY_EXPORT_INLINE_LIMIT


def filename(when) -> str:
    """Return the downloaded file's name for an export made at when."""
    return f"health-forum-my-data-{timezone.localtime(when):%Y-%m-%d}.json"
