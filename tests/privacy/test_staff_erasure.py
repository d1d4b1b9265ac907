"""Staff erase a member on request from the admin; the audit log records it."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import User
from core.models import AuditEntry
from forum.recount import recount_counters
from privacy import services
from tests.factories import ModeratorFactory, UserFactory
from tests.html import parse

from .conftest import EMAIL, FIRST_NAME, LAST_NAME, USERNAME

CHANGELIST = reverse("admin:accounts_user_changelist")


def _erase(client, members, **confirm):
    data = {"action": "erase_members", ACTION_CHECKBOX_NAME: [m.pk for m in members]}
    if confirm:
        data |= {"confirm": "Erase", **confirm}
    return client.post(CHANGELIST, data, follow=bool(confirm))


@pytest.fixture
def admin_client_of(db):
    def client_of(user):
        client = Client()
        client.force_login(user)
        return client

    return client_of


def _offered(user) -> set[str]:
    request = RequestFactory().get(CHANGELIST)
    request.user = user
    return set(admin.site._registry[User].get_actions(request))


def test_staff_are_asked_why_and_what_of_the_posts(history, admin_client_of):
    response = _erase(admin_client_of(history.staff), [history.member])
    assert response.status_code == 200
    page = parse(response)
    assert USERNAME in page.text
    assert page.select('textarea[name="reason"]')
    assert [r["value"] for r in page.select('input[name="posts"]')] == [
        "keep",
        "remove",
    ]
    history.member.refresh_from_db()
    assert history.member.erased_at is None


def test_staff_erase_a_member_and_the_audit_log_says_so(history, admin_client_of):
    response = _erase(
        admin_client_of(history.staff),
        [history.member],
        reason="Asked by e-mail on 3 May",
        posts="remove",
    )
    assert "Erased 1 member(s)" in parse(response).text
    erased = User.objects.get(pk=history.member.pk)
    assert erased.erased_at is not None
    assert erased.username.startswith("former-member-")
    entry = AuditEntry.objects.get(action="member.erase")
    assert (entry.actor, entry.target) == (history.staff, erased)
    assert entry.target_repr == erased.username
    assert entry.reason == "Asked by e-mail on 3 May"
    assert recount_counters() == {"replies": 0, "threads": 0, "forums": 0, "members": 0}


def test_no_audit_entry_names_the_erased_member(history):
    services.erase_member(
        staff=history.staff,
        member=history.member,
        remove_posts=False,
        reason="Asked in writing",
    )
    # The credential decision recorded before the erasure names no one.
    assert AuditEntry.objects.filter(action="credential.rejected").exists()
    for entry in AuditEntry.objects.all():
        text = f"{entry.actor_username} {entry.target_repr} {entry.reason}".lower()
        for word in (USERNAME, EMAIL, FIRST_NAME, LAST_NAME):
            assert word.lower() not in text, entry


def test_a_reason_is_required(history, admin_client_of):
    response = _erase(
        admin_client_of(history.staff), [history.member], reason="", posts="keep"
    )
    assert response.status_code == 200
    assert parse(response).select(".errorlist")
    history.member.refresh_from_db()
    assert history.member.erased_at is None
    assert not AuditEntry.objects.filter(action="member.erase").exists()


@pytest.mark.parametrize("named", [USERNAME, EMAIL, LAST_NAME.upper()])
def test_a_reason_naming_the_member_is_refused(history, named):
    with pytest.raises(ValidationError):
        services.erase_member(
            staff=history.staff,
            member=history.member,
            remove_posts=False,
            reason=f"{named} asked us by phone",
        )
    history.member.refresh_from_db()
    assert history.member.erased_at is None
    assert not AuditEntry.objects.filter(action="member.erase").exists()


def test_the_admin_says_which_members_were_left(history, admin_client_of):
    response = _erase(
        admin_client_of(history.staff),
        [history.member, history.staff],
        reason=f"{FIRST_NAME} asked",
        posts="keep",
    )
    text = parse(response).text
    assert f"Left {USERNAME} unchanged" in text
    assert "Left moderator unchanged" in text
    assert User.objects.filter(erased_at__isnull=False).count() == 0


def test_members_and_staff_who_may_not_delete_are_refused(history):
    changer = ModeratorFactory(username="clerk")
    for user in (history.neighbour, changer):
        assert "erase_members" not in _offered(user)
        with pytest.raises(PermissionDenied):
            services.erase_member(
                staff=user,
                member=history.member,
                remove_posts=False,
                reason="Asked by e-mail",
            )
    assert "erase_members" in _offered(history.staff)
    history.member.refresh_from_db()
    assert history.member.erased_at is None


def test_a_member_cannot_reach_the_action(history, admin_client_of):
    response = _erase(
        admin_client_of(history.neighbour),
        [history.member],
        reason="Asked by e-mail",
        posts="keep",
    )
    assert response.redirect_chain[0][0].startswith(reverse("admin:login"))
    history.member.refresh_from_db()
    assert history.member.erased_at is None


def test_only_a_superuser_erases_a_superuser(history):
    deleter = ModeratorFactory(
        username="data_officer", permissions=["accounts.delete_user"]
    )
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    assert not services.can_erase_member(deleter, chief)
    assert services.can_erase_member(deleter, history.member)
    assert services.can_erase_member(history.staff, chief)
    assert not services.can_erase_member(history.staff, history.staff)
