"""While the database is away: a circuit that answers at once, a page that loses
nothing.

The same, against a PostgreSQL server that really stops, is
tests/site/test_database_outage.py.
"""

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from psycopg_pool import PoolTimeout

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as site_urlpatterns
from core import outage
from forum.models import Reply
from tests.html import parse


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def circuit(monkeypatch, clock):
    fresh = outage.Circuit(cool_off=3, clock=clock)
    monkeypatch.setattr(outage, "circuit", fresh)
    return fresh


# --- The circuit. -----------------------------------------------------------


def test_circuit_starts_closed_and_offers_no_probe(circuit):
    assert not circuit.is_open
    assert not circuit.claim_probe()


def test_open_circuit_lets_one_probe_through_after_the_cool_off(circuit, clock):
    circuit.trip()
    assert circuit.is_open
    clock.now += 2.9
    assert not circuit.claim_probe()
    clock.now += 0.1
    assert circuit.claim_probe()
    # One probe per cool-off, however many requests arrive meanwhile.
    assert not circuit.claim_probe()
    clock.now += 2.9
    assert not circuit.claim_probe()
    clock.now += 0.1
    assert circuit.claim_probe()
    assert circuit.is_open


def test_failed_probe_waits_a_whole_cool_off_again(circuit, clock):
    circuit.trip()
    clock.now += 3
    assert circuit.claim_probe()
    clock.now += 1.5  # the probe waited out the pool's timeout
    circuit.trip()
    clock.now += 2.9
    assert not circuit.claim_probe()
    clock.now += 0.1
    assert circuit.claim_probe()


def test_a_connection_closes_the_circuit(circuit):
    circuit.trip()
    connection_created.send(sender=type(connection), connection=connection)
    assert not circuit.is_open
    assert not circuit.claim_probe()


def _wrapped(cause: Exception) -> OperationalError:
    """Return the error Django raises for cause, as its wrapper chains it."""
    try:
        try:
            raise cause
        except Exception as error:
            raise OperationalError(str(error)) from error
    except OperationalError as error:
        return error


def test_pool_timeout_opens_the_circuit(circuit):
    outage.note_database_error(_wrapped(PoolTimeout("no connection in 1.5 sec")))
    assert circuit.is_open


def test_other_database_errors_leave_the_circuit_closed(circuit):
    # A lost connection or a deadlock is one request's failure, not an outage.
    outage.note_database_error(_wrapped(OSError("server closed the connection")))
    outage.note_database_error(OperationalError("deadlock detected"))
    assert not circuit.is_open


def test_a_request_claims_the_probe_once_due(circuit, clock, client, db):
    circuit.trip()
    clock.now += 3
    assert client.get("/healthz").status_code == 200
    # This request was the probe; the next waits for the next cool-off.
    assert not circuit.claim_probe()
    clock.now += 3
    assert circuit.claim_probe()


# --- The 503 page carries the form back. ------------------------------------


def lose_database(request):
    raise OperationalError("could not connect to server: secret-host.internal")


urlpatterns = [
    *site_urlpatterns,
    path("db-gone/", lose_database),
    path("db-gone-exempt/", csrf_exempt(lose_database)),
    path("form/", ensure_csrf_cookie(lambda request: HttpResponse("A form"))),
]
__all__ = ["handler400", "handler403", "handler404", "handler500"]


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def csrf_client(db):
    """A client that checks CSRF tokens, as a browser's requests are checked."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/form/")
    return client


def _token(client) -> str:
    return client.cookies[settings.CSRF_COOKIE_NAME].value


TYPED = 'First line & "quoted"\n\n<script>alert("x")</script> </textarea> end.'


def test_failed_post_comes_back_in_a_form_that_sends_it_again(
    failing_urls, csrf_client
):
    sent_token = _token(csrf_client)
    response = csrf_client.post(
        "/db-gone/?page=2",
        {
            "csrfmiddlewaretoken": sent_token,
            "body": TYPED,
            "tags": ["sleep problems", "migraine with aura"],
            "next": "/threads/1/x/#reply-3",
            "password": "hunter2-secret",
        },
    )
    assert response.status_code == 503
    page = parse(response)
    form = page.one("main form")
    assert form["method"] == "post"
    assert form["action"] == "/db-gone/?page=2"
    assert form.get_by_role("textbox", "Body").value == TYPED
    tags = form.select('textarea[name="tags"]')
    assert [tag.value for tag in tags] == ["sleep problems", "migraine with aura"]
    assert form.one('input[name="next"]')["type"] == "hidden"
    assert form.one('input[name="next"]').value == "/threads/1/x/#reply-3"
    form.get_by_role("button", "Try again")
    # A fresh token, once, and nothing that should not be echoed.
    tokens = form.select('input[name="csrfmiddlewaretoken"]')
    assert len(tokens) == 1
    assert tokens[0].value != sent_token
    html = response.content.decode()
    assert sent_token not in html
    assert "hunter2-secret" not in html
    assert 'name="password"' not in html
    assert '<script>alert("x")' not in html
    assert "secret-host" not in html
    assert "what you sent has not been saved yet" in page.one("main").text
    assert "no-store" in response["Cache-Control"]


def test_try_again_passes_the_csrf_check(failing_urls, csrf_client):
    first = csrf_client.post(
        "/db-gone/", {"csrfmiddlewaretoken": _token(csrf_client), "body": TYPED}
    )
    form = parse(first).one("main form")
    again = {field["name"]: field.value for field in form.select("[name]")}
    response = csrf_client.post(form["action"], again)
    # Past the CSRF check (a 403) to the view, whose database is still away.
    assert response.status_code == 503
    assert parse(response).one("main form textarea").value == TYPED


def test_post_the_csrf_check_did_not_accept_is_not_offered_back(
    failing_urls, csrf_client
):
    response = csrf_client.post("/db-gone-exempt/", {"body": "Text from another site"})
    assert response.status_code == 503
    page = parse(response)
    assert not page.select("main form")
    assert "Text from another site" not in response.content.decode()
    assert "has not been saved" in page.one("main").text
    link = page.one("main").get_by_role("link", "Go to the forums")
    assert link["href"] == reverse("forum:index")


def test_failed_get_offers_to_load_the_page_again(failing_urls, csrf_client):
    response = csrf_client.get("/db-gone/")
    assert response.status_code == 503
    page = parse(response)
    assert not page.select("main form")
    assert page.one("main").get_by_role("link", "Try again")["href"] == ""
    assert "lost" not in page.one("main").text


def test_503_page_keeps_drafts_with_the_sites_script(failing_urls, csrf_client):
    response = csrf_client.post(
        "/db-gone/", {"csrfmiddlewaretoken": _token(csrf_client), "body": TYPED}
    )
    scripts = [script["src"] for script in parse(response).select("script[src]")]
    assert scripts == ["/static/js/unsaved.js"]


def test_reply_sent_while_the_database_is_away_is_posted_on_try_again(
    monkeypatch, thread, other_user
):
    """The whole journey, with connections refused while the reply is sent."""
    client = Client(raise_request_exception=False)
    client.force_login(other_user)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    text = "Magnesium at night helped me.\n\nAsk your GP about <it> first."

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.post(url, {"body": text})
    monkeypatch.undo()

    assert response.status_code == 503
    form = parse(response).one("main form")
    assert form["action"] == url
    assert form.get_by_role("textbox", "Body").value == text
    again = {field["name"]: field.value for field in form.select("[name]")}
    response = client.post(form["action"], again)
    assert response.status_code == 302
    assert Reply.objects.get(thread=thread, author=other_user).body == text
