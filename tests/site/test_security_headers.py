"""Security headers on real responses; production settings pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.html import parse

BASE_DIR = Path(settings.BASE_DIR)


def test_pages_carry_a_strict_content_security_policy(client, thread):
    response = client.get(thread.get_absolute_url())
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    # Scripts are the site's own files: no nonce, nothing inline.
    assert "script-src 'self';" in csp
    assert "nonce-" not in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    page = parse(response)
    # Every script is a file served by the site itself. The thread page's
    # JSON-LD is data for search engines, which browsers never run, so CSP
    # does not apply to it (forum/structured_data.py).
    scripts = [
        script
        for script in page.select("script")
        if script.attrs.get("type") != "application/ld+json"
    ]
    assert any("htmx" in script["src"] for script in scripts)
    assert [script for script in scripts if "src" not in script.attrs] == []
    assert all(script["src"].startswith("/static/") for script in scripts)
    assert page.select("[nonce]") == []
    assert page.select("style, [style]") == []


def test_pages_carry_the_other_security_headers(client, db):
    response = client.get(reverse("forum:index"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, user):
    from tests.factories import PASSWORD

    page = client.get(reverse("account_login"))
    csrf = page.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("account_login"), {"login": user.username, "password": PASSWORD}
    )
    session = response.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_hsts_and_secure_cookies_behind_tls(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("forum:index"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_settings_pass_check_deploy():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SECRET_KEY="x7Qp2-vLr9!kT4mZ8sWc1nB6hY3gF0dJ5aE_uI7oP2qR9tV4wX8yZ1bN3mK6jH",
        DJANGO_ALLOWED_HOSTS="forum.example.org",
        DJANGO_SECURE="1",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.org:587",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# --- Every answer carries the headers, error pages included. ---------------


def _assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.site.urls"


@pytest.mark.parametrize("ssl_redirect", [False, True])
def test_disallowed_host_400_carries_the_headers(
    quiet_client, db, settings, ssl_redirect
):
    # With the redirect to HTTPS on, SecurityMiddleware itself reads the Host.
    settings.SECURE_SSL_REDIRECT = ssl_redirect
    response = quiet_client.get("/", headers={"host": "not-allowed.example.com"})
    assert response.status_code == 400
    _assert_security_headers(response)


def test_bad_bytes_400_carries_the_headers(quiet_client, db):
    response = quiet_client.get("/search/?q=%00")
    assert response.status_code == 400
    _assert_security_headers(response)


def test_403_carries_the_headers(client, reply, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply-vote", kwargs={"pk": reply.pk})
    response = client.post(url, {"vote": "yes"})
    assert response.status_code == 403
    _assert_security_headers(response)


def test_csrf_failure_carries_the_headers(thread, other_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_user)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    response = client.post(url, {"body": "No token with this one."})
    assert response.status_code == 403
    _assert_security_headers(response)


def test_404_carries_the_headers(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    _assert_security_headers(response)


def test_405_carries_the_headers(client, reply):
    response = client.get(reverse("forum:reply-vote", kwargs={"pk": reply.pk}))
    assert response.status_code == 405
    _assert_security_headers(response)


def test_500_carries_the_headers(failing_urls, quiet_client, db):
    response = quiet_client.get("/boom/")
    assert response.status_code == 500
    _assert_security_headers(response)


def test_503_carries_the_headers(failing_urls, quiet_client, db):
    response = quiet_client.get("/db-gone/")
    assert response.status_code == 503
    _assert_security_headers(response)


def test_outage_503_for_a_member_carries_the_headers(
    quiet_client, monkeypatch, thread, other_user
):
    from django.db import OperationalError, connection

    quiet_client.force_login(other_user)

    def refuse():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = quiet_client.get(thread.get_absolute_url())
    monkeypatch.undo()
    assert response.status_code == 503
    _assert_security_headers(response)
