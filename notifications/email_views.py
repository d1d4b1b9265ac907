"""E-mail preferences and the one-click unsubscribe."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import emails, preferences
from .models import Delivery, Kind


class EmailPreferencesForm(forms.Form):
    """One choice of delivery for each kind of notification a member chooses for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in preferences.CHOSEN_KINDS:
            self.fields[kind] = forms.ChoiceField(
                label=Kind(kind).label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
            )


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request):
    member = request.user
    current = preferences.deliveries_for([member.pk])
    initial = {kind: current[member.pk, kind] for kind in preferences.CHOSEN_KINDS}
    form = EmailPreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        preferences.set_email_preferences(member=member, choices=form.cleaned_data)
        messages.success(request, "Your e-mail choices are saved.")
        return redirect("notifications:email-preferences")
    return render(request, "notifications/email_preferences.html", {"form": form})


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF
# token or a session; the signed token is what proves the request is ours.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        member_id, what = emails.read_unsubscribe_token(token)
    except signing.SignatureExpired:
        return _invalid_link(request, expired=True)
    except signing.BadSignature:
        return _invalid_link(request, expired=False)
    member = get_user_model().objects.filter(pk=member_id).first()
    if member is None:
        return _invalid_link(request, expired=False)
    context = {
        "what": what,
        "is_digest": what == preferences.DIGEST,
        "kind_label": "" if what == preferences.DIGEST else Kind(what).label,
    }
    if request.method == "POST":
        preferences.unsubscribe(member=member, what=what)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe_confirm.html", context)


def _invalid_link(request, *, expired: bool):
    return render(
        request,
        "notifications/unsubscribe_invalid.html",
        {"expired": expired},
        status=400,
    )


urlpatterns = [
    path("email/", email_preferences, name="email-preferences"),
    path("email/unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
