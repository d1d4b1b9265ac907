import re
import secrets

from django import forms
from django.utils.text import slugify

from core.text import INVISIBLE_TEXT_MESSAGE, VisibleTextMixin, has_visible_text

from .models import (
    BODY_MAX_LENGTH,
    OUTCOME_MAX_LENGTH,
    REPORT_NOTE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Forum,
    Report,
)
from .tags import resolve_tag_names, split_tag_input

TITLE_MIN_LENGTH = 10
BODY_MIN_LENGTH = 20
REPLY_MIN_LENGTH = 2
MAX_TAGS = 5
TAG_MAX_LENGTH = 40
_POST_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_post_token() -> str:
    """Return a fresh random token for one rendering of a posting form."""
    return secrets.token_urlsafe(24)


class PostTokenField(forms.CharField):
    """A hidden token that makes a form post once however often it is sent.

    A new token each time the form is rendered; one that is missing or not
    shaped like ours is read as none (the post is made, unguarded), since a
    reader can do nothing about a hidden field.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=new_post_token, **kwargs)

    def clean(self, value) -> str:
        value = super().clean(value)
        return value if _POST_TOKEN.fullmatch(value) else ""


def anonymous_field(what: str) -> forms.BooleanField:
    """Return the checkbox that posts a question or reply anonymously."""
    return forms.BooleanField(
        required=False,
        label=f"Post this {what} anonymously",
        help_text=(
            "Readers see \u201cAnonymous member\u201d instead of your username, "
            f"and the {what} is left off your member page. Staff can still see "
            "that it is yours, and the community's rules still apply."
        ),
    )


class ThreadForm(VisibleTextMixin, forms.Form):
    forum = forms.ModelChoiceField(
        queryset=Forum.objects.all(),
        empty_label="Choose a forum",
        error_messages={"invalid_choice": "Choose one of the forums in the list."},
    )
    title = forms.CharField(
        min_length=TITLE_MIN_LENGTH,
        max_length=TITLE_MAX_LENGTH,
        help_text=(
            f"Between {TITLE_MIN_LENGTH} and {TITLE_MAX_LENGTH} characters. "
            "Sum up your question, e.g. \u201cEyelid twitching for three weeks\u201d."
        ),
    )
    body = forms.CharField(
        label="Your question",
        min_length=BODY_MIN_LENGTH,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            f"Between {BODY_MIN_LENGTH} and {BODY_MAX_LENGTH:,} characters. "
            "Say how long, how often, and what you have tried. You can use "
            "Markdown: **bold**, *italic*, lists with a dash. Please leave out "
            "names, addresses and anything else that identifies you."
        ),
    )
    tags = forms.CharField(
        required=False,
        max_length=200,
        help_text=f"Optional: up to {MAX_TAGS} topics, separated by commas.",
    )
    members_only = forms.BooleanField(
        required=False,
        label="Only signed-in members can read it",
        help_text=(
            "Visitors and search engines then see only the title and the first "
            "lines. You can change this at any time from your question."
        ),
    )
    anonymous = anonymous_field("question")
    token = PostTokenField()

    def clean_tags(self) -> list[str]:
        """Return the topics typed, normalised and with staff synonyms applied.

        The rule is forum.tags': lower case, hyphens between words, commas between tags.
        """
        tags = split_tag_input(self.cleaned_data["tags"])
        if not all(has_visible_text(tag) for tag in tags):
            raise forms.ValidationError(INVISIBLE_TEXT_MESSAGE, code="invisible")
        if any(len(tag) > TAG_MAX_LENGTH for tag in tags):
            raise forms.ValidationError(
                f"Keep each topic under {TAG_MAX_LENGTH} characters."
            )
        if not all(slugify(tag, allow_unicode=True) for tag in tags):
            raise forms.ValidationError("Use letters or numbers in each topic.")
        tags = resolve_tag_names(tags)
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(f"Use at most {MAX_TAGS} topics.")
        return tags


class ReplyForm(VisibleTextMixin, forms.Form):
    body = forms.CharField(
        label="Your reply",
        min_length=REPLY_MIN_LENGTH,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            f"Up to {BODY_MAX_LENGTH:,} characters; Markdown works. Share what "
            "you know or what helped you; you cannot diagnose anyone here."
        ),
    )
    anonymous = anonymous_field("reply")
    token = PostTokenField()

    def __init__(self, *args, own_anonymous_question: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if own_anonymous_question:
            # Replying under their name would name the asker of the question.
            field = self.fields["anonymous"]
            field.initial, field.disabled = True, True
            field.help_text = (
                "You asked this question anonymously, so your replies to it are "
                "anonymous too."
            )


class VisibilityForm(forms.Form):
    """Who may read a question: signed-in members only, or everyone."""

    members_only = forms.TypedChoiceField(
        choices=[("1", "Members only"), ("0", "Everyone")],
        coerce=lambda value: value == "1",
    )


class VoteForm(forms.Form):
    VOTES = {"yes": True, "no": False, "withdraw": None}

    vote = forms.ChoiceField(choices=[(key, key) for key in VOTES])
    next = forms.CharField(required=False)

    @property
    def verdict(self) -> bool | None:
        return self.VOTES[self.cleaned_data["vote"]]


class EditReasonField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=200,
            label="What did you change?",
            help_text="Optional, e.g. \u201cfixed a typo\u201d. Staff see it.",
            **kwargs,
        )


class ThreadEditForm(VisibleTextMixin, forms.Form):
    title = ThreadForm.base_fields["title"]
    body = ThreadForm.base_fields["body"]
    reason = EditReasonField()


class ReplyEditForm(VisibleTextMixin, forms.Form):
    body = ReplyForm.base_fields["body"]
    reason = EditReasonField()


class ReportForm(forms.Form):
    """Why a member reports a post to the staff."""

    reason = forms.ChoiceField(
        label="What is wrong with it?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what is wrong with it."},
    )
    note = forms.CharField(
        label="Anything staff should know (optional)",
        required=False,
        max_length=REPORT_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Staff read this; the author never sees who reported them.",
    )


class OutcomeForm(VisibleTextMixin, forms.Form):
    """What happened next, in the asker's words (forum.outcomes)."""

    outcome = forms.CharField(
        label="What happened next",
        max_length=OUTCOME_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            f"Up to {OUTCOME_MAX_LENGTH:,} characters; Markdown works. For "
            "example, what your doctor said, a test result, or what helped. "
            "Please leave out names and anything else that identifies you."
        ),
        error_messages={"required": "Write what happened next."},
    )
