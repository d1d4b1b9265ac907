"""Demo members and their professional credentials, from content/members.toml.

Every step is safe to repeat: a member who exists is left as they are.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts import services
from accounts.consent import give_health_consent
from accounts.models import HealthDataConsent, ProfessionalCredential, User

from .files import read_toml

DEMO_PASSWORD = "healthforum-demo"
# How long ago the demo members joined: before the oldest demo thread.
MEMBERS_SINCE = timedelta(days=400)


def read_members() -> dict:
    """Return the staff account and the members, as the file lists them."""
    return read_toml("members.toml")


def member_professions(content: dict) -> dict[str, str]:
    """Return the profession of each member who holds or awaits a credential.

    Both answer as professionals in the demo's conversations: an applicant
    speaks in the voice of the profession they are applying with.
    """
    professions = {}
    for data in content["members"]:
        credential = data.get("professional") or data.get("pending_professional")
        if credential:
            professions[data["username"]] = credential["profession"]
    return professions


def seed_members(content: dict) -> tuple[User, dict[str, User]]:
    """Create the staff account and the members; return staff and members."""
    staff, created = _ensure_member(content["staff"], is_staff=True)
    new = [staff.pk] if created else []
    members = {}
    for data in content["members"]:
        member, created = _ensure_member(data)
        members[member.username] = member
        if created:
            new.append(member.pk)
    if new:
        # Hashing is slow by design; every demo member shares one password.
        User.objects.filter(pk__in=new).update(password=make_password(DEMO_PASSWORD))
    _agree_to_health_data_consent([staff, *members.values()])
    return staff, members


def _agree_to_health_data_consent(people: list[User]) -> None:
    """Have each demo member agree, as at sign-up, unless they ever answered.

    So that they can post at once; one who withdrew in the demo stays so.
    """
    answered = set(
        HealthDataConsent.objects.filter(member__in=people).values_list(
            "member_id", flat=True
        )
    )
    for person in people:
        if person.pk not in answered:
            give_health_consent(member=person, via=HealthDataConsent.Via.SIGNUP)


def seed_credentials(content: dict, *, staff: User, members: dict[str, User]) -> None:
    """Verify the professionals the way the live site does: apply, then approve.

    A member with any credential already is left as they are.
    """
    for data in content["members"]:
        member = members[data["username"]]
        if ProfessionalCredential.objects.filter(user=member).exists():
            continue
        if "professional" in data:
            credential = services.apply_for_verification(
                user=member, **data["professional"]
            )
            services.approve_credential(reviewer=staff, credential=credential)
        elif "pending_professional" in data:
            services.apply_for_verification(user=member, **data["pending_professional"])


def demo_logins(content: dict) -> list[str]:
    """Return the log-ins to print: staff, a member and a professional."""
    members = content["members"]
    member = next(
        m
        for m in members
        if "professional" not in m and "pending_professional" not in m
    )
    professional = next(m for m in members if "professional" in m)
    return [
        f"staff (admin): {content['staff']['email']} / {DEMO_PASSWORD}",
        f"member: {member['email']} / {DEMO_PASSWORD}",
        f"medical professional: {professional['email']} / {DEMO_PASSWORD}",
    ]


def _ensure_member(data: dict, *, is_staff: bool = False) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=data["username"],
        defaults={
            "email": data["email"],
            "is_staff": is_staff,
            "is_superuser": is_staff,
            # Members of long standing, as the conversations they had are
            # old: a member in their first day has their links held.
            "date_joined": timezone.now() - MEMBERS_SINCE,
        },
    )
    EmailAddress.objects.get_or_create(
        user=user, email=data["email"], defaults={"verified": True, "primary": True}
    )
    return user, created
