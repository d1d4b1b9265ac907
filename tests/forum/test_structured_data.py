"""A thread page's schema.org QAPage data: parses, and says what the page shows."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from privacy import services as privacy_services
from tests.factories import UserFactory, verify_professional
from tests.html import parse

SITE = "http://127.0.0.1:8000"
LINK = "Have a look at https://cures.example/now for the answer."
HOSTILE = "</script><script>alert(1)</script>"


class _Scripts(HTMLParser):
    """Collect each script element's type and text, ended where a browser ends it."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[tuple[str, str]] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = [dict(attrs).get("type") or "", ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append((self._open[0], self._open[1]))
            self._open = None


def _scripts(response) -> list[tuple[str, str]]:
    parser = _Scripts()
    parser.feed(response.content.decode())
    parser.close()
    return parser.scripts


def _structured(response) -> dict:
    """Return the page's one JSON-LD block, parsed."""
    blocks = [
        text for kind, text in _scripts(response) if kind == "application/ld+json"
    ]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _shown_replies(response) -> list[dict]:
    """Return what the page shows of each reply, in order."""
    page = parse(response)
    shown = []
    for item in page.select("li.reply"):
        helpful = re.search(r"Helpful – (\d+)", item.one(".helpful-count").text)
        shown.append(
            {
                "anchor": item["id"],
                "text": item.one(".post-body").text,
                "author": item.one(".author-name").text,
                "date": item.one("time.post-date")["datetime"],
                "helpful": int(helpful.group(1)),
            }
        )
    return shown


@pytest.fixture
def answered(thread, user, other_user, staff):
    """The thread with three visible replies, one removed, one held, and votes."""
    pro = UserFactory(username="dr_nerve")
    verify_professional(pro, staff)
    first = services.post_reply(
        author=other_user, thread=thread, body="Mine stopped once I *slept* more."
    )
    second = services.post_reply(
        author=pro, thread=thread, body="Twitching like this is **common**."
    )
    services.post_reply(author=user, thread=thread, body="Thank you both.")
    removed = services.post_reply(
        author=other_user, thread=thread, body="Buy my pills, they cure all."
    )
    services.remove_reply(moderator=staff, reply=removed)
    newcomer = UserFactory(username="newcomer", date_joined=timezone.now())
    assert services.post_reply(author=newcomer, thread=thread, body=LINK).held_for
    for voter in UserFactory.create_batch(2):
        services.cast_helpful_vote(voter=voter, reply=second, is_helpful=True)
    services.cast_helpful_vote(voter=user, reply=first, is_helpful=True)
    thread.refresh_from_db()
    return thread


def test_the_question_is_the_page_s_question(client, answered):
    response = client.get(answered.get_absolute_url())
    data = _structured(response)
    page = parse(response)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "QAPage"
    question = data["mainEntity"]
    assert question["@type"] == "Question"
    assert question["name"] == page.one("h1").text == answered.title
    assert question["text"] == page.one(".thread .post-body").text
    assert question["author"] == {"@type": "Person", "name": "anxious_reader"}
    assert question["dateCreated"] == page.one(".thread time.post-date")["datetime"]
    assert question["url"] == SITE + answered.get_absolute_url()
    # The count the page's heading gives: visible responses only.
    assert question["answerCount"] == 3
    assert page.one("#responses-heading").text == "3 Responses"


def test_every_visible_answer_on_the_page_is_named_as_shown(client, answered):
    response = client.get(answered.get_absolute_url())
    answers = _structured(response)["mainEntity"]["suggestedAnswer"]
    shown = _shown_replies(response)

    assert len(answers) == len(shown) == 3
    for answer, reply in zip(answers, shown, strict=True):
        assert answer["@type"] == "Answer"
        assert answer["text"] == reply["text"]
        assert answer["author"] == {"@type": "Person", "name": reply["author"]}
        assert answer["dateCreated"] == reply["date"]
        assert answer["upvoteCount"] == reply["helpful"]
        assert answer["url"] == f"{SITE}{answered.get_absolute_url()}#{reply['anchor']}"
    # Helpful first, as the page sorts them; nothing removed or held.
    assert [a["upvoteCount"] for a in answers] == [2, 1, 0]
    text = json.dumps(answers)
    assert "pills" not in text
    assert "cures.example" not in text


def test_answers_follow_the_page_s_sort_and_filter(client, answered):
    url = answered.get_absolute_url() + "?sort=newest&from=professionals"
    answers = _structured(client.get(url))["mainEntity"]["suggestedAnswer"]

    assert [a["author"]["name"] for a in answers] == ["dr_nerve"]
    assert answers[0]["url"].startswith(f"{SITE}{url}#reply-")
    # Still the question's whole count, as the heading says.
    assert _structured(client.get(url))["mainEntity"]["answerCount"] == 3


def test_a_later_page_names_its_own_answers(client, thread):
    authors = UserFactory.create_batch(2)
    for n in range(52):
        services.post_reply(author=authors[n % 2], thread=thread, body=f"Reply {n}.")
    url = thread.get_absolute_url() + "?sort=oldest&page=2"

    answers = _structured(client.get(url))["mainEntity"]["suggestedAnswer"]

    assert [a["text"] for a in answers] == ["Reply 50.", "Reply 51."]
    assert answers[0]["url"].startswith(f"{SITE}{url}#reply-")


def test_a_question_without_answers_names_none(client, thread):
    question = _structured(client.get(thread.get_absolute_url()))["mainEntity"]
    assert question["answerCount"] == 0
    assert "suggestedAnswer" not in question


def test_a_former_member_is_named_as_the_page_names_them(client, answered, other_user):
    privacy_services.delete_account(member=other_user, remove_posts=False)

    response = client.get(answered.get_absolute_url())

    names = {
        a["author"]["name"]
        for a in _structured(response)["mainEntity"]["suggestedAnswer"]
    }
    assert names == {"A former member", "dr_nerve", "anxious_reader"}
    assert "helpful_neighbour" not in response.content.decode()


def test_hostile_text_cannot_leave_the_script(client, forum, user, other_user):
    thread = services.post_thread(
        author=user,
        forum=forum,
        title=f"Twitching {HOSTILE} & more",
        body=f"Body with {HOSTILE} in it, and `<!--` too.",
    )
    services.post_reply(author=other_user, thread=thread, body=f"Reply {HOSTILE}")

    response = client.get(thread.get_absolute_url())

    # Read as a browser reads it, the data ends where it should: no script
    # element of the page holds the title's alert(), and the data has no <.
    scripts = _scripts(response)
    assert not [text for kind, text in scripts if "alert" in text and kind == ""]
    (block,) = [text for kind, text in scripts if kind == "application/ld+json"]
    assert "<" not in block and ">" not in block
    data = _structured(response)
    assert data["mainEntity"]["name"] == f"Twitching {HOSTILE} & more"
    assert HOSTILE in data["mainEntity"]["text"]
    assert data["mainEntity"]["suggestedAnswer"][0]["text"] == f"Reply {HOSTILE}"


def test_a_removed_question_seen_by_staff_carries_no_data(client, thread, staff):
    services.remove_thread(moderator=staff, thread=thread)
    client.force_login(staff)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert not parse(response).select('script[type="application/ld+json"]')


# --- Stored pages and fragments stay true after writes. ---------------------


def test_the_stored_page_s_data_follows_every_change(client, answered, other_user):
    url = answered.get_absolute_url()
    first = answered.replies.visible().get(author=other_user)

    def mine() -> dict:
        answers = _structured(client.get(url))["mainEntity"]["suggestedAnswer"]
        return next(a for a in answers if a["url"].endswith(f"#reply-{first.pk}"))

    assert mine()["upvoteCount"] == 1  # Stored now, its replies' words too.
    assert client.get(url)["X-Page-Cache"] == "hit"

    services.cast_helpful_vote(voter=UserFactory(), reply=first, is_helpful=True)
    assert mine()["upvoteCount"] == 2

    services.edit_reply(editor=other_user, reply=first, body="Sleep, and less tea.")
    assert mine()["text"] == "Sleep, and less tea."
    assert "dateModified" in mine()

    privacy_services.delete_account(member=other_user, remove_posts=False)
    assert mine()["author"]["name"] == "A former member"


def test_the_data_costs_no_query_once_replies_are_stored(
    client, answered, user, django_assert_num_queries
):
    client.force_login(user)
    url = answered.get_absolute_url()
    client.get(url)
    # Session and member, the thread, its tags, the replies' states, whether
    # they follow it, its related questions, its safety flags: the replies
    # themselves are not loaded, for their HTML or for the data.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(_structured(response)["mainEntity"]["suggestedAnswer"]) == 3


def test_an_old_address_moves_permanently_to_the_question_s_own(client, thread, user):
    old = thread.get_absolute_url()
    services.edit_thread(
        editor=user, thread=thread, title="Eyelid twitching for a month", body="Still."
    )

    response = client.get(old + "?sort=newest")

    assert response.status_code == 301
    assert response["Location"] == reverse(
        "forum:thread-detail", args=[thread.pk, "eyelid-twitching-for-a-month"]
    )
