"""A field that must say something must hold something a reader can see."""

import pytest
from django.urls import reverse

from accounts.forms import CredentialApplicationForm, CredentialDecisionForm
from core.text import INVISIBLE_TEXT_MESSAGE, has_visible_text
from forum.models import Thread
from tests.html import parse

# Text that passes a length check yet shows nothing, one kind per entry.
INVISIBLE = {
    "zero-width spaces": "\u200b" * 30,
    "zero-width joiners": "\u200c\u200d" * 15,
    "word joiners": "\u2060" * 30,
    "byte order marks": "\ufeff" * 30,
    "soft hyphens": "\u00ad" * 30,
    "bidi controls": "\u202e\u2066\u2069\u200e\u200f" * 6,
    "hangul fillers": "\u3164\u115f\u1160\uffa0" * 8,
    "braille blanks": "\u2800" * 30,
    "ideographic spaces inside": "\u200b\u3000" * 15,
    "no-break spaces inside": "\u200b\u00a0\u2007\u202f" * 8,
    "combining marks alone": "\u0301\u034f" * 15,
    "variation selectors": "\ufe0f\U000e0100" * 15,
    "tag characters": "\U000e0041" * 30,
    "mongolian vowel separators": "\u180e" * 30,
    "mixed": "\u200b \u2060\t\ufeff\n\u3164\u2800\u00ad",
}


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_text_has_nothing_visible(text):
    assert not has_visible_text(text)


@pytest.mark.parametrize(
    "text",
    ["a", "\u200bok\u200b", "Zoë", "कि", "頭痛", "😀", "👩\u200d⚕️", "٣", "\u2801"],
)
def test_any_visible_character_counts(text):
    assert has_visible_text(text)


def _reply_url(thread):
    return reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_reply_is_refused_and_kept(client, other_user, thread, text):
    client.force_login(other_user)
    response = client.post(_reply_url(thread), {"body": text})
    assert response.status_code == 200
    assert thread.replies.count() == 0
    form = parse(response).one(f'form[action="{_reply_url(thread)}"]')
    assert INVISIBLE_TEXT_MESSAGE in form.one("#id_body_error").text
    # What the member typed comes back, exactly.
    assert form.one("#id_body").value == text


@pytest.mark.parametrize("field", ["title", "body"])
@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_question_is_refused_and_kept(client, user, forum, field, text):
    client.force_login(user)
    data = {
        "forum": forum.pk,
        "title": "Numbness in two fingers after cycling",
        "body": "After long rides my ring and little fingers go numb for hours.",
        field: text,
    }
    response = client.post(reverse("forum:thread-create"), data)
    assert response.status_code == 200
    assert not Thread.objects.exists()
    page = parse(response)
    assert INVISIBLE_TEXT_MESSAGE in page.one(f"#id_{field}_error").text
    assert page.one(f"#id_{field}").value == text


def test_an_invisible_topic_is_refused(client, user, forum):
    client.force_login(user)
    data = {
        "forum": forum.pk,
        "title": "Numbness in two fingers after cycling",
        "body": "After long rides my ring and little fingers go numb for hours.",
        "tags": "numbness, \u200b\u2060",
    }
    response = client.post(reverse("forum:thread-create"), data)
    assert response.status_code == 200
    assert not Thread.objects.exists()
    assert INVISIBLE_TEXT_MESSAGE in parse(response).one("#id_tags_error").text


def test_text_with_invisible_characters_and_words_is_posted(client, other_user, thread):
    client.force_login(other_user)
    client.post(_reply_url(thread), {"body": "\u200bSleep\u00a0helped.\u2060"})
    assert thread.replies.get().body == "\u200bSleep\u00a0helped.\u2060"


CREDENTIAL = {
    "profession": "other",
    "specialty": "Neuroscience nursing",
    "licence_number": "NMC-12345",
    "licensing_body": "Nursing council",
    "region": "United Kingdom",
}


@pytest.mark.parametrize(
    "field", ["specialty", "licence_number", "licensing_body", "region", "note"]
)
def test_credential_fields_refuse_invisible_text(user, field):
    form = CredentialApplicationForm({**CREDENTIAL, field: "\u200b\u3164"}, user=user)
    assert not form.is_valid()
    assert INVISIBLE_TEXT_MESSAGE in form.errors[field]


def test_credential_page_keeps_what_was_typed(client, user):
    client.force_login(user)
    data = {**CREDENTIAL, "licensing_body": "\u2800\u2800"}
    response = client.post(reverse("accounts:verification"), data)
    page = parse(response)
    assert INVISIBLE_TEXT_MESSAGE in page.one("#id_licensing_body_error").text
    assert page.one("#id_licensing_body").value == "\u2800\u2800"
    assert page.one("#id_licence_number").value == "NMC-12345"
    assert not user.credentials.exists()


def test_a_refusal_reason_must_say_something():
    form = CredentialDecisionForm({"note": "\ufeff\u200b"}, reason_required=True)
    assert not form.is_valid()
    assert INVISIBLE_TEXT_MESSAGE in form.errors["note"]
