"""How allauth signs members in here: log-in limits that lock out attackers only.

Every failed log-in counts in two buckets (``ACCOUNT_RATE_LIMITS
["login_failed"]``, allauth's "10/m/ip,5/300s/key" by default), and an
attempt is refused, before its password is checked, while either is full:

- the client's address, as ``allauth`` reads it: ``REMOTE_ADDR``, or the
  address the configured reverse proxy put in ``X-Forwarded-For`` (only when
  ``ALLAUTH_TRUSTED_PROXY_COUNT`` says how many proxies to trust; see
  docs/deploy.md). This slows one address guessing across many accounts.
- the account: its primary key when the name or e-mail typed (case-folded)
  belongs to one, so that the username and every address of an account share
  a bucket, and the Host header plays no part; otherwise the typed login,
  case-folded. This slows many addresses guessing one account.

Those buckets alone would let an attacker lock people out: hammering an
account blocks its owner, and hammering from a shared address blocks
everyone behind it. So a successful log-in leaves a signed "known device"
cookie in the browser, naming the account and a random nonce (OWASP's device
cookies). An attempt on that account from that browser skips both buckets
and counts instead in a bucket of its own, keyed by account and nonce, at the
per-account rate: an attacker without the cookie cannot use it up, and one
who steals it gains no more guesses than the account's own bucket allows.

What remains: a member signing in for the first time on a browser, from the
very address an attacker is guessing from, waits until the address bucket
drains (a minute at the default rate). Behind the reverse proxy each visitor
has their own address once the proxy is trusted, so this is a shared network
(an office, a café), not the whole site.

allauth's separate limit on every log-in form post ("login", 30 a minute per
address) is turned off in settings: it would refuse the right password too,
and the buckets above already refuse floods before any password is hashed.
"""

import secrets
from datetime import timedelta

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email, filter_users_by_username
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core import signing

from .consent import give_health_consent
from .models import HealthDataConsent
from .tasks import message_payload, send_rendered_mail

DEVICE_COOKIE = "known_device"
DEVICE_SALT = "accounts.adapter.known-device"
DEVICE_MAX_AGE = timedelta(days=365)
# Accounts one browser is remembered for (a family computer, say).
DEVICE_ACCOUNTS = 5

_APP = "allauth.account"
_ACTION = "login_failed"


def account_key(login: str) -> str:
    """Return the per-account bucket's key for what a member typed to log in."""
    return _bucket_key(login, _account_pk(login))


def _bucket_key(login: str, pk: int | None) -> str:
    if pk is not None:
        return f"account:{pk}"
    return f"login:{login.strip().casefold()}"


def _account_pk(login: str) -> int | None:
    login = login.strip()
    if not login:
        return None
    if "@" in login:
        pks = {user.pk for user in filter_users_by_email(login)}
        if len(pks) == 1:
            return pks.pop()
    pks = list(filter_users_by_username(login).values_list("pk", flat=True)[:2])
    return pks[0] if len(pks) == 1 else None


def known_devices(request) -> dict[int, str]:
    """Return {account pk: nonce} from the browser's signed device cookie."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return {}
    try:
        entries = signing.loads(
            value, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE.total_seconds()
        )
        return {int(pk): str(nonce) for pk, nonce in entries}
    except (signing.BadSignature, TypeError, ValueError):
        return {}


def remember_device(request, response, user) -> None:
    """Mark the browser behind request as a known device for user."""
    devices = known_devices(request)
    nonce = devices.pop(user.pk, None) or secrets.token_urlsafe(16)
    entries = [[user.pk, nonce], *([pk, n] for pk, n in devices.items())]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(entries[:DEVICE_ACCOUNTS], salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _per_account_rates() -> dict[str, str]:
    # The per-account part of login_failed, for the device's own bucket.
    rates = ratelimit.get_rates(app=_APP, action=_ACTION)
    return {
        _ACTION: ",".join(
            f"{rate.amount}/{rate.duration}s/key" for rate in rates if rate.per == "key"
        )
    }


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys this by the Host header's domain too; by the account
        # alone, another port or host name gives no fresh attempts.
        login = credentials.get("email") or credentials.get("username") or ""
        return account_key(login)

    def pre_authenticate(self, request, **credentials) -> None:
        login = credentials.get("email") or credentials.get("username") or ""
        pk = _account_pk(login)
        nonce = known_devices(request).get(pk) if pk is not None else None
        if nonce:
            usage = ratelimit.consume(
                request,
                app=_APP,
                action=_ACTION,
                config=_per_account_rates(),
                key=f"device:{pk}:{nonce}",
            )
        else:
            usage = ratelimit.consume(
                request,
                app=_APP,
                action=_ACTION,
                key=_bucket_key(login, pk),
            )
        # allauth rolls this back when the password proves right, so only
        # failures stay counted.
        self._login_failed_rl_usage = usage
        if not usage:
            raise self.validation_error("too_many_login_attempts")

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue allauth's account mail for a worker instead of sending it now.

        Rendered here, as allauth renders it (with the request, for the
        links); a slow or failing mail server then never holds up sign-up,
        and a failed send is retried (accounts.tasks).
        """
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        send_rendered_mail.enqueue(message_payload(message))

    def save_user(self, request, user, form, commit=True):
        """Save the new member, with the consent their sign-up form gave.

        Every sign-up through allauth saves its user here, a social one too
        when it shows a form. A form without the consent box (an automatic
        social sign-up) records none: the member is asked before they first
        write (accounts.consent), like members who joined before it existed.
        """
        user = super().save_user(request, user, form, commit=commit)
        data = getattr(form, "cleaned_data", {})
        if commit and data.get("consent") and data.get("consent_version"):
            give_health_consent(
                member=user,
                version=data["consent_version"],
                via=HealthDataConsent.Via.SIGNUP,
            )
        return user

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        remember_device(request, response, user)
        return response
