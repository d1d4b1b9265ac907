"""Mail printed in the terminal under `make run` reads as it will arrive."""

import io
import re

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from config import settings as config_settings
from core.mail import ConsoleEmailBackend
from tests.html import parse

PASSWORD = "calm-otter-river-42"


def test_console_is_the_default_without_email_url():
    # EMAIL_URL is unset under the tests, as under `make run`; the test
    # environment then swaps the mailer for locmem, so read the module.
    assert config_settings.MAILERS["default"]["BACKEND"] == (
        "core.mail.ConsoleEmailBackend"
    )


def test_printed_confirmation_link_opens_the_confirm_page(client, db, settings, capsys):
    settings.MAILERS = {
        "default": {"BACKEND": "core.mail.ConsoleEmailBackend", "OPTIONS": {}}
    }
    client.post(
        reverse("account_signup"),
        {
            "email": "quiet.reader@example.com",
            "username": "quiet_reader",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent": "on",
        },
    )
    printed = capsys.readouterr().out

    assert "Content-Transfer-Encoding: quoted-printable" not in printed
    (path,) = re.findall(r"http://testserver(/accounts/confirm-email/\S+)", printed)
    response = client.get(path)
    assert response.status_code == 200
    assert parse(response).one("main form[method=post] button")


def test_long_links_and_accents_print_whole():
    link = "http://127.0.0.1:8000/threads/1/" + "a-very-long-slug-" * 8 + "?x=1&y=2"
    message = EmailMultiAlternatives(
        "Réponse à votre question",
        f"Bonjour Zoë,\n\nSomeone replied — read it here:\n{link}\n",
        "Health Forum <noreply@localhost>",
        ["zoe@example.com"],
    )
    message.attach_alternative(f'<p>Zoë: <a href="{link}">read it</a></p>', "text/html")
    stream = io.StringIO()
    ConsoleEmailBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert f"\n{link}\n" in printed
    assert f'href="{link}"' in printed
    assert "Bonjour Zoë" in printed
    assert "Subject: Réponse à votre question" in printed
    assert "quoted-printable" not in printed
    assert "base64" not in printed
