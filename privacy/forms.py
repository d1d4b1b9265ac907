from django import forms


class DeleteAccountForm(forms.Form):
    """What becomes of the member's posts, and proof that it is really them.

    The proof is their password, or, for a member who has none, their
    username typed out.
    """

    KEEP, REMOVE = "keep", "remove"

    posts = forms.ChoiceField(
        label="What should happen to your questions and replies?",
        choices=[
            (KEEP, "Keep them on the site, shown as written by “A former member”"),
            (REMOVE, "Remove them from the site, and erase their text"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what should happen to your questions and replies."
        },
    )
    confirmation = forms.CharField(strip=False)

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        self.asks_for_password = member.has_usable_password()
        field = self.fields["confirmation"]
        if self.asks_for_password:
            field.label = "Your password"
            field.widget = forms.PasswordInput(
                attrs={"autocomplete": "current-password"}
            )
            field.error_messages["required"] = (
                "Type your password, so we know it is really you."
            )
        else:
            field.label = "Your username"
            field.widget.attrs["autocomplete"] = "off"
            field.error_messages["required"] = (
                "Type your username, so we know it is really you."
            )

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"]
        if self.asks_for_password:
            if not self.member.check_password(typed):
                raise forms.ValidationError(
                    "That is not your password. Nothing has been deleted; "
                    "please try again.",
                    code="wrong_password",
                )
        elif typed.strip().casefold() != self.member.username.casefold():
            raise forms.ValidationError(
                "That is not your username. Nothing has been deleted; "
                "please try again.",
                code="wrong_username",
            )
        return typed

    @property
    def remove_posts(self) -> bool:
        return self.cleaned_data["posts"] == self.REMOVE
