import pytest
from django.db import OperationalError, connection
from django.urls import reverse

URL = reverse("healthz")


def test_healthz_reports_ok(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_the_database_when_it_fails(client, db, monkeypatch):
    def refuse():
        raise OperationalError("could not connect")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", refuse)
        response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {
        "database": "OperationalError",
        "cache": "ok",
        "status": "unavailable",
    }


def test_healthz_names_the_cache_when_it_fails_but_stays_up(client, db, monkeypatch):
    from core.cache import page_cache

    def broken(*args, **kwargs):
        raise ConnectionError("redis went away")

    monkeypatch.setattr(page_cache(), "set", broken)
    response = client.get(URL)
    # The site serves without its cache, so the load balancer keeps it.
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ConnectionError",
        "status": "degraded",
    }


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_is_read_only(client, db, method):
    assert getattr(client, method)(URL).status_code == 405
