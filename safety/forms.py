from django import forms

from .models import SafetyPattern
from .patterns import PatternError, compile_phrases, read, search

# A line of the examples that the pattern must not match starts with this.
NOT_MATCHING = "no:"


class SafetyPatternForm(forms.ModelForm):
    """A pattern, with sentences staff expect it to match, checked on saving."""

    examples = forms.CharField(
        label="Check it against",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "Optional and not saved: sentences, one per line, that it must "
            f"match; start a line with “{NOT_MATCHING}” for one it must not "
            "match. Saving stops and says which did not behave."
        ),
    )

    class Meta:
        model = SafetyPattern
        fields = (
            "name",
            "kind",
            "phrases",
            "examples",
            "message",
            "is_active",
            "position",
        )
        widgets = {
            "phrases": forms.Textarea(attrs={"rows": 8}),
            "message": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        phrases, examples = cleaned.get("phrases"), cleaned.get("examples", "")
        if not phrases or not examples.strip():
            return cleaned
        try:
            lines = compile_phrases(phrases)
        except PatternError:
            return cleaned  # The model's own check says what is wrong.
        problems = []
        for example in filter(None, (e.strip() for e in examples.splitlines())):
            must_match = not example.lower().startswith(NOT_MATCHING)
            sentence = example if must_match else example[len(NOT_MATCHING) :].strip()
            found = search(lines, read(sentence))
            if must_match and found is None:
                problems.append(f"It does not match “{sentence}”.")
            elif not must_match and found is not None:
                problems.append(
                    f"It matches “{sentence}” (at “{found.excerpt}”, from the line "
                    f"“{found.line.text}”)."
                )
        if problems:
            self.add_error("examples", problems)
        return cleaned


class RedactionForm(forms.Form):
    """What staff remove from a post: passages the site found, or typed, and why."""

    found = forms.MultipleChoiceField(
        label="Personal data the site found",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    typed = forms.CharField(
        label="Other text to remove",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One piece of text per line, copied exactly as it appears "
        "(spacing and line breaks do not matter). Every place it appears is "
        "replaced, in the post and in its earlier versions.",
    )
    reason = forms.CharField(
        max_length=300,
        help_text="Kept in the audit log, e.g. “The member's phone number, at "
        "their request”. Do not repeat the removed text here.",
    )

    def __init__(self, *args, found: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["found"].choices = found
        if not found:
            self.fields["found"].widget = forms.MultipleHiddenInput()

    def clean(self):
        cleaned = super().clean()
        passages = [*cleaned.get("found", []), *cleaned.get("typed", "").splitlines()]
        passages = [p for p in passages if p.strip()]
        if not passages:
            raise forms.ValidationError("Tick or type the text to remove.")
        cleaned["passages"] = passages
        return cleaned
