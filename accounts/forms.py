from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from .preferences import CONTRASTS, TEXT_SIZES


class SignupForm(AllauthSignupForm):
    """Allauth's sign-up form, with a word of advice about the public name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = (
            "Shown beside everything you post. Choose a name that does not "
            "identify you: health questions are personal."
        )
        self.fields[
            "email"
        ].help_text = "Never shown to anyone. We send a link to confirm it."


class LoginForm(AllauthLoginForm):
    """Allauth's log-in form, with a label that says what to type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or e-mail"
        self.fields["login"].widget.attrs["autocomplete"] = "username"


class TextSizeForm(forms.Form):
    size = forms.ChoiceField(choices=[(size, size) for size in TEXT_SIZES])
    next = forms.CharField(required=False)


class ContrastForm(forms.Form):
    contrast = forms.ChoiceField(choices=[(value, value) for value in CONTRASTS])
    next = forms.CharField(required=False)
