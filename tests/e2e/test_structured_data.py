"""The thread page's JSON-LD in a real Chromium: data, never code."""

import json

import pytest

from forum import services
from tests.factories import ForumFactory, UserFactory

HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture
def hostile_thread(transactional_db):
    forum = ForumFactory(name="Neurology", slug="neurology")
    thread = services.post_thread(
        author=UserFactory(username="worried_walker"),
        forum=forum,
        title=f"Twitching {HOSTILE}",
        body=f"My calf twitches. {HOSTILE}",
    )
    services.post_reply(
        author=UserFactory(username="been_there_too"),
        thread=thread,
        body=f"Mine faded with rest. {HOSTILE}",
    )
    return thread


def test_hostile_text_in_the_data_never_runs_and_breaks_no_policy(
    page, live_server, hostile_thread, csp_violations
):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + hostile_thread.get_absolute_url())

    blocks = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "nodes => nodes.map(n => n.textContent)"
    )
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["mainEntity"]["name"] == f"Twitching {HOSTILE}"
    answer = data["mainEntity"]["suggestedAnswer"][0]
    assert answer["text"] == f"Mine faded with rest. {HOSTILE}"
    # One script element of the page's own per file, and the data: nothing
    # the title or the posts carried became a script.
    inline = page.eval_on_selector_all(
        "script:not([src])", "nodes => nodes.map(n => n.type)"
    )
    assert inline == ["application/ld+json"]
    assert dialogs == []
    assert csp_violations == []
