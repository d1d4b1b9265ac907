"""The request log writes one line per request, whatever the address holds."""

import io
import logging

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.fixture
def request_log():
    """Return the request log's text as the site's own formatter writes it.

    The logger does not propagate to the root logger (where pytest's caplog
    listens), so the handler is attached to it directly.
    """
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"], style="{")
    )
    logger = logging.getLogger("healthforum.requests")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_one_line_per_request(client, db, request_log):
    client.get(reverse("forum:index"))
    lines = request_log.getvalue().splitlines()
    assert len(lines) == 1
    assert "GET / 200" in lines[0]


@pytest.mark.parametrize(
    ("encoded", "escaped"),
    [
        ("%0a", "\\x0a"),
        ("%0d", "\\x0d"),
        ("%0d%0a", "\\x0d\\x0a"),
        ("%1b%5b31m", "\\x1b[31m"),
        ("%c2%85", "\\x85"),
        ("%e2%80%a8", "\\u2028"),
    ],
)
def test_control_characters_in_the_path_are_escaped(
    client, db, request_log, encoded, escaped
):
    forged = "2026-01-01 00:00:00,000 INFO healthforum.requests GET /admin/ 200"
    client.get(f"/members/a{encoded}{forged.replace(' ', '%20')}/")
    text = request_log.getvalue()
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert f"/members/a{escaped}2026-01-01" in lines[0]
    assert lines[0].startswith(tuple("0123456789"))


def test_a_typed_backslash_cannot_pass_for_an_escape(client, db, request_log):
    client.get("/members/a%5cx0ab/")
    assert "/members/a\\\\x0ab/" in request_log.getvalue()


def test_ordinary_letters_stay_readable(client, db, request_log):
    client.get("/members/Zoë/")
    assert "/members/Zoë/" in request_log.getvalue()
