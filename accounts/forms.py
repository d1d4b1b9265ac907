from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress
from django import forms

from core.text import VisibleTextMixin

from .consent import WORDINGS, ConsentWording, current_version
from .models import NOTE_MAX_LENGTH, Profession, ProfessionalCredential, User
from .preferences import CONTRASTS, TEXT_SIZES
from .services import can_apply_for_verification
from .validators import (
    EMAIL_LOOKALIKE_MESSAGE,
    email_skeleton,
    validate_email_one_script,
)


def _lookalike_email_exists(address: str) -> bool:
    """Return whether a member holds an address that looks like address.

    The very same address is left to allauth, which answers it without
    revealing that the address is registered.
    """
    wanted = email_skeleton(address)
    # Stored addresses are nearly all plain ASCII, whose skeleton is their
    # lower case: found by the database. The few others are compared here.
    held = {
        *EmailAddress.objects.filter(email__iexact=wanted).values_list(
            "email", flat=True
        ),
        *User.objects.filter(email__iexact=wanted).values_list("email", flat=True),
        *(
            email
            for email in [
                *EmailAddress.objects.filter(email__regex=r"[^ -~]").values_list(
                    "email", flat=True
                ),
                *User.objects.filter(email__regex=r"[^ -~]").values_list(
                    "email", flat=True
                ),
            ]
            if email_skeleton(email) == wanted
        ),
    }
    return any(email.casefold() != address.casefold() for email in held)


def clean_new_email(address: str) -> str:
    """Refuse an address mixing alphabets or looking like a member's."""
    validate_email_one_script(address)
    if _lookalike_email_exists(address):
        raise forms.ValidationError(EMAIL_LOOKALIKE_MESSAGE, code="lookalike")
    return address


# --- Consent to holding health data (accounts.consent). ---------------------

SIGNUP_CONSENT_REQUIRED = (
    "Please tick the box to agree to us keeping what you write about your "
    "health. Without it we cannot open an account for posting. You can read "
    "the forum without an account."
)
CONSENT_REQUIRED = (
    "Please tick the box to agree. If you would rather not, leave this page: "
    "nothing changes."
)
CONSENT_WORDING_CHANGED = (
    "The explanation changed while this page was open. Please read it again "
    "and tick the box if you agree."
)


class HealthConsentFields:
    """The consent box and the wording version it was shown with.

    For forms that declare ``consent`` (a BooleanField) and
    ``consent_version`` (a hidden IntegerField); the box is labelled with
    the agreement of the version the page showed.
    """

    def _init_consent(self) -> None:
        self.fields["consent_version"].initial = current_version()
        self.fields["consent"].label = self.consent_wording.agreement

    @property
    def consent_wording(self) -> ConsentWording:
        """Return the wording the page shows: the one sent back, if published."""
        version = self["consent_version"].value()
        try:
            return WORDINGS[int(version)]
        except (TypeError, ValueError, KeyError):
            return WORDINGS[current_version()]

    def clean_consent_version(self) -> int:
        version = self.cleaned_data["consent_version"]
        if version is None:
            return current_version()
        if version not in WORDINGS:
            raise forms.ValidationError(CONSENT_WORDING_CHANGED, code="unknown_version")
        return version


def _consent_fields(required_message: str) -> tuple[forms.Field, forms.Field]:
    return (
        forms.BooleanField(error_messages={"required": required_message}),
        # Sent by the page with the version it showed; a client that shows
        # none of ours (a script, allauth's headless API) agrees to the
        # current one.
        forms.IntegerField(widget=forms.HiddenInput, required=False),
    )


class HealthConsentForm(HealthConsentFields, forms.Form):
    """The consent page's form: the box, and where to go back to after."""

    prefix = "health"

    consent, consent_version = _consent_fields(CONSENT_REQUIRED)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_consent()


class SignupForm(HealthConsentFields, AllauthSignupForm):
    """Allauth's sign-up form, refusing names and addresses that imitate others.

    Reserved names, styled characters and mixed alphabets are refused by
    ACCOUNT_USERNAME_VALIDATORS; a name that looks like a member's, here.
    It asks, apart from everything else, for consent to holding what the
    member will write about their health (accounts.consent); the adapter
    records it with the new account.
    """

    consent, consent_version = _consent_fields(SIGNUP_CONSENT_REQUIRED)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_consent()
        self.fields["username"].help_text = (
            "Shown beside everything you post. Choose a name that does not "
            "identify you: health questions are personal."
        )
        self.fields[
            "email"
        ].help_text = "Never shown to anyone. We send a link to confirm it."

    def clean_username(self) -> str:
        username = super().clean_username()
        if User.username_is_lookalike(username):
            raise forms.ValidationError(User.LOOKALIKE_MESSAGE, code="lookalike")
        return username

    def clean_email(self) -> str:
        return clean_new_email(super().clean_email())


class AddEmailForm(AllauthAddEmailForm):
    """The form that changes a member's one address, refusing look-alikes."""

    def clean_email(self) -> str:
        return clean_new_email(super().clean_email())


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


class CredentialApplicationForm(VisibleTextMixin, forms.ModelForm):
    """What a member tells staff to be verified; the badge is never a field."""

    OPEN_APPLICATION_ERROR = (
        "You already have an application under review or an approved "
        "credential, so there is nothing to send. Withdraw a pending application "
        "first if you need to change it."
    )

    class Meta:
        model = ProfessionalCredential
        fields = [
            "profession",
            "specialty",
            "licence_number",
            "licensing_body",
            "region",
            "register_url",
            "note",
        ]
        labels = {
            "specialty": "Specialty",
            "licence_number": "Licence or registration number",
            "licensing_body": "Licensing body",
            "region": "Country or region",
            "register_url": "Workplace or public register link (optional)",
            "note": "Anything staff should know (optional)",
        }
        help_texts = {
            "profession": "Choose Other if yours is not listed, and name it below.",
            "specialty": (
                "For example Neurology or Neuroscience nursing. Shown on your "
                "badge and profile. Required if you chose Other."
            ),
            "licence_number": "Seen only by staff, to check the public register.",
            "licensing_body": (
                "The regulator that registers you, e.g. a medical or nursing council."
            ),
            "region": "Where you are registered to practise.",
            "register_url": (
                "A page where staff can confirm your registration, such as your "
                "entry in a public register or your workplace's staff page."
            ),
            "note": "Seen only by staff.",
        }
        error_messages = {
            "profession": {"required": "Choose your profession."},
            "licence_number": {
                "required": "Enter your licence or registration number."
            },
            "licensing_body": {"required": "Enter the body that licenses you."},
            "region": {"required": "Enter the country or region of your licence."},
            "register_url": {"invalid": "Enter a full web address, or leave it empty."},
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["profession"].choices = [
            ("", "Choose your profession"),
            *Profession.choices,
        ]
        self.fields["licence_number"].widget.attrs["autocomplete"] = "off"
        self.fields["register_url"].widget.attrs["inputmode"] = "url"

    def clean(self):
        cleaned_data = super().clean()
        if not can_apply_for_verification(self.user):
            raise forms.ValidationError(
                self.OPEN_APPLICATION_ERROR, code="open_application"
            )
        return cleaned_data


class CredentialDecisionForm(VisibleTextMixin, forms.Form):
    """The note staff give with a decision; a refusal must say why."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, reason_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["note"]
        field.required = reason_required
        if reason_required:
            field.label = "Reason (sent to the member)"
            field.error_messages["required"] = (
                "Give the member a reason; it is e-mailed to them."
            )
        else:
            field.label = "Note to the member (optional, e-mailed to them)"
