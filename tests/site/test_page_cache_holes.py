"""Each way a stored page could go wrong, closed: what a reader cannot be served.

Every test here failed against the page cache before it was rebuilt on one
scope table and a canonical request (issue "Correct by construction").
"""

from html.parser import HTMLParser

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from core.pagecache import HEADER
from core.release import fingerprint
from forum import services


class _Elements(HTMLParser):
    """Collect every element's tag and attributes, and the text by element id."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attrs))
        if tag not in ("input", "br", "img", "meta", "link", "hr"):
            self._open.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in self._open:
            if element_id:
                self.text[element_id] = self.text.get(element_id, "") + data


def _parsed(response) -> _Elements:
    parser = _Elements()
    parser.feed(response.content.decode())
    return parser


def _served_after(url_filled: str, url_read: str):
    """Fill the cache at url_filled; return what the next reader gets at url_read."""
    Client().get(url_filled)
    return Client().get(url_read)


def test_a_repeated_parameter_cannot_put_text_on_another_readers_page(thread):
    forum = thread.forum.get_absolute_url()
    page = _served_after(
        f"{forum}?tag=twitching&tag=URGENT+call+555-0100", f"{forum}?tag=twitching"
    )
    assert "URGENT" not in page.content.decode()
    assert "555-0100" not in page.content.decode()


def test_the_view_reads_the_value_the_key_holds(client, thread, reply):
    url = thread.get_absolute_url()
    # The first value of a repeated parameter used to key the page while the
    # view rendered the last.
    client.get(f"{url}?sort=oldest&sort=newest")
    page = client.get(f"{url}?sort=newest")
    assert page[HEADER] == "hit"
    current = [
        attrs for tag, attrs in _parsed(page).elements if attrs.get("aria-current")
    ]
    assert any("sort=newest" in attrs.get("href", "") for attrs in current)


def test_encoded_separators_do_not_share_a_key(client, thread):
    forum = thread.forum.get_absolute_url()
    client.get(f"{forum}?tag=twitching%26sort%3Dnewest")
    assert client.get(f"{forum}?tag=twitching&sort=newest")[HEADER] == "miss"


def test_an_ignored_parameter_is_never_baked_into_a_stored_page(thread):
    url = thread.get_absolute_url()
    page = _served_after(f"{url}?ref=evil.example%2Fphish", url)
    assert page[HEADER] == "hit"
    html = page.content.decode()
    assert "evil.example" not in html
    assert "?ref=" not in html and "&amp;ref=" not in html
    links = [
        attrs["href"]
        for tag, attrs in _parsed(page).elements
        if tag == "a" and attrs.get("href", "").startswith("/accounts/login/")
    ]
    assert links and all("ref" not in link for link in links)


def test_search_results_are_never_stored(client, thread):
    for terms in ("eyelid", "twitching", "weeks"):
        first = client.get(reverse("forum:search"), {"q": terms})
        second = client.get(reverse("forum:search"), {"q": terms})
        assert first.status_code == second.status_code == 200
        assert HEADER not in first and HEADER not in second


def test_a_staff_log_in_and_a_failed_admin_form_expire_nothing(staff, expires):
    admin = Client()
    with expires():
        # Staff sign in through the site's log-in (accounts.views.admin_login).
        admin.post(
            reverse("account_login"),
            {"login": staff.username, "password": "correct-horse-battery"},
        )
        page = admin.post(reverse("admin:forum_forum_add"), {"name": ""})
    assert page.status_code == 200  # The form came back with its errors.
    assert not LogEntry.objects.exists()


def test_a_change_saved_in_the_admin_expires_every_page(admin_client, expires):
    with expires("site"):
        response = admin_client.post(
            reverse("admin:forum_forum_add"),
            {"name": "Sleep", "slug": "sleep", "description": "", "position": 2},
        )
    assert response.status_code == 302


def test_the_release_changes_with_python_code_not_only_templates(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text("<p>Hello</p>")
    (tmp_path / "forum").mkdir()
    views = tmp_path / "forum" / "views.py"
    views.write_text("TITLE = 'Questions'\n")
    before = fingerprint(tmp_path)
    views.write_text("TITLE = 'Your questions'\n")
    assert fingerprint(tmp_path) != before
    # The tests are not part of what the site renders.
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_views.py").write_text("x = 1\n")
    after = fingerprint(tmp_path)
    (tmp_path / "tests" / "test_views.py").write_text("x = 2\n")
    assert fingerprint(tmp_path) == after


@pytest.mark.parametrize("reader_is_member", [False, True])
def test_a_reply_that_quotes_a_token_field_is_shown_as_typed(
    thread, user, other_user, reader_is_member
):
    text = 'Look: <input name="csrfmiddlewaretoken" value="'
    reply = services.post_reply(author=other_user, thread=thread, body=text)
    reader = Client()
    if reader_is_member:
        reader.force_login(user)
    Client().get(thread.get_absolute_url())  # Another reader stores the page.
    page = reader.get(thread.get_absolute_url())
    parsed = _parsed(page)
    body = parsed.text[reply.anchor]
    assert 'Look: <input name="csrfmiddlewaretoken" value="' in body
    tokens = [
        attrs["value"]
        for tag, attrs in parsed.elements
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken"
    ]
    forms = [tag for tag, attrs in parsed.elements if tag == "form"]
    # One token per form, each the reader's own, none inside the reply.
    assert len(tokens) == sum(
        1
        for tag, attrs in parsed.elements
        if tag == "form" and attrs.get("method") == "post"
    )
    assert forms and tokens
    assert all(token and "pagecache" not in token for token in tokens)
    assert not any(token in body for token in tokens)
