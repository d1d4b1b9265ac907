"""Demo members for `manage.py seed_demo`; every step is safe to repeat."""

from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from .models import User

DEMO_PASSWORD = "healthforum-demo"
STAFF_USERNAME = "staff"


def ensure_member(username: str, email: str, *, is_staff: bool = False) -> User:
    """Return the demo member, creating them with a confirmed address."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": email, "is_staff": is_staff, "is_superuser": is_staff},
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@cache
def _demo_password_hash() -> str:
    # Hashing is slow by design; every demo member shares one password.
    return make_password(DEMO_PASSWORD)


def seed(stdout) -> list[str]:
    """Create the staff account; return log-in lines to print."""
    ensure_member(STAFF_USERNAME, "staff@example.com", is_staff=True)
    return [f"staff (admin): staff@example.com / {DEMO_PASSWORD}"]
