"""Steps that several browser journeys share."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PASSWORD


def log_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign username in through the real log-in form and wait until it took."""
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password", exact=False).fill(password)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    # In the header, folded behind Menu on a phone.
    expect(
        page.get_by_role("button", name="Log out", include_hidden=True)
    ).to_be_attached()


def open_menu(page) -> None:
    """Open the header's menu if it is folded, as it is on a phone."""
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
