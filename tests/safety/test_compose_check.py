"""While a member writes, the ask page and the reply box say what the text shows.

htmx posts the form to the check as they type (debounced) and swaps in the
emergency banner, the crisis lines or the personal-data note; without
JavaScript the server shows the same when the form comes back.
"""

import pytest
from django.urls import reverse

from safety.screening import screen
from tests.html import parse

CHECK_URL = reverse("safety:compose-check")
ASK_URL = reverse("forum:thread-create")


@pytest.fixture(autouse=True)
def _patterns(starting_set):
    return starting_set


def _check(client, **data):
    return client.post(CHECK_URL, data, headers={"HX-Request": "true"})


def test_the_ask_page_checks_the_text_as_it_is_typed(client, user, forum):
    client.force_login(user)
    form = parse(client.get(ASK_URL)).one("#ask-form")
    region = form.one("#safety-check-question")
    assert region["hx-post"] == CHECK_URL
    assert region["hx-trigger"] == "input delay:800ms from:closest form"
    assert region["hx-include"] == "closest form"
    assert region.one(".safety-check-results")["aria-live"] == "polite"
    # Below what they type, above the button that posts it.
    fields = [
        e.attrs.get("id") or e.attrs.get("type")
        for e in form.select("#id_body, #safety-check-question, button[type=submit]")
    ]
    assert fields == ["id_body", "safety-check-question", "submit"]


def test_an_emergency_sign_brings_the_banner_while_typing(client, user):
    client.force_login(user)
    response = _check(
        client, kind="question", title="Sudden weakness", body="My left arm went weak."
    )
    assert response.status_code == 200
    banner = parse(response).one(".safety-banner")
    assert banner.one("h2").text == "If this is happening now, call an emergency number"
    assert "can be a sign of stroke" in banner.text
    assert "You can still post your question" in banner.text


def test_the_reply_box_uses_smaller_headings_and_its_own_words(client, user):
    client.force_login(user)
    response = _check(client, kind="reply", body="His speech is slurred right now")
    banner = parse(response).one(".safety-banner")
    assert banner.one("h3").text.startswith("If this is happening now")
    assert "You can still post your reply" in banner.text


def test_a_reply_check_reads_no_title(client, user):
    client.force_login(user)
    response = _check(
        client, kind="reply", title="face drooping", body="Thank you all."
    )
    assert parse(response).select(".safety-banner") == []


def test_crisis_language_brings_the_crisis_lines_grouped_by_region(client, user):
    client.force_login(user)
    response = _check(
        client,
        kind="question",
        title="So tired",
        body="Some days I want to end my life.",
    )
    panel = parse(response).one(".crisis-panel")
    assert panel.one("h2").text == "If you are having thoughts of suicide or self-harm"
    assert [h.text for h in panel.select("h3")] == [
        "United States",
        "Canada",
        "United Kingdom and Ireland",
        "Australia",
    ]
    us, _, uk, _ = panel.select(".crisis-lines")
    assert us.get_by_role("link", "Call 988")["href"] == "tel:988"
    assert us.get_by_role("link", "text 988")["href"] == "sms:988"
    assert uk.get_by_role("link", "Call 116 123")["href"] == "tel:116123"
    assert uk.get_by_role("link", "Text SHOUT to 85258")["href"] == "sms:85258"
    assert "24 hours, every day" in panel.text


def test_personal_data_is_pointed_out_with_what_was_found(client, user):
    client.force_login(user)
    response = _check(
        client,
        kind="question",
        title="Numb fingers",
        body="Ring me on 07700 900123 or write to jo@example.com.",
    )
    note = parse(response).one(".personal-data-warning")
    assert note.one("h2").text == "This will be public"
    assert (
        "It looks like it contains a phone number and an e-mail address." in note.text
    )
    assert [m.text for m in note.select("mark")] == ["07700 900123", "jo@example.com"]
    assert note.get_by_role("button", "Post anyway")["value"] == "post_anyway"


def test_ordinary_text_shows_nothing(client, user):
    client.force_login(user)
    response = _check(
        client,
        kind="question",
        title="Cold feet",
        body="My feet are cold at night.",
        # What the check showed before: a banner, since edited away.
        safety_shown=screen(body="face drooping").signature,
    )
    assert response.status_code == 200
    page = parse(response)
    assert page.select("section") == []
    assert page.one('input[name="safety_shown"]').value == ""


def test_an_unchanged_check_swaps_nothing(client, user):
    client.force_login(user)
    body = "My left arm went weak."
    shown = screen(title="", body=body).signature
    response = _check(
        client, kind="question", body=body + " Still.", safety_shown=shown
    )
    assert response.status_code == 204
    assert (
        _check(
            client, kind="question", body="Fine now.", safety_shown=shown
        ).status_code
        == 200
    )


def test_the_check_is_for_members_and_only_by_post(client, user):
    assert _check(client, kind="question", body="face drooping").status_code == 403
    client.force_login(user)
    assert client.get(CHECK_URL).status_code == 405


def test_the_check_is_csrf_protected(user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(CHECK_URL, {"body": "face drooping"}).status_code == 403


def test_the_check_costs_no_query_once_the_patterns_are_cached(
    client, user, django_assert_num_queries
):
    client.force_login(user)
    _check(client, kind="question", body="face drooping, and I want to die")
    # The session and the member; the patterns and lines are cached.
    with django_assert_num_queries(2):
        _check(client, kind="question", body="I want to end my life")


def test_an_ask_form_shown_again_shows_the_banner_without_javascript(
    client, user, forum
):
    client.force_login(user)
    response = client.post(
        ASK_URL,
        # Too short a body: the form comes back, with what its text shows.
        {"forum": forum.pk, "title": "Face drooping on one side", "body": "Help"},
    )
    assert response.status_code == 200
    page = parse(response)
    assert page.one("#id_body_error")
    assert page.one("#safety-check-question .safety-banner")


def test_the_reply_box_checks_the_reply_as_it_is_typed(client, user, thread):
    client.force_login(user)
    page = parse(client.get(thread.get_absolute_url()))
    region = page.one("section.reply-form form #safety-check-reply")
    assert region["hx-vals"] == '{"kind": "reply"}'


def test_a_visitor_gets_no_reply_check(client, thread):
    page = parse(client.get(thread.get_absolute_url()))
    assert page.select("#safety-check-reply") == []
