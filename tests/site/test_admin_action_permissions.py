"""Staff who may only view can change nothing, whichever admin action they try.

The walk covers every action of every registered ModelAdmin, ours and the
packages' (allauth's e-mail addresses, taggit's tags), so an action added
later without a permission fails here.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from accounts import services as account_services
from accounts.models import ProfessionalDisclaimer
from forum import services as forum_services
from forum.models import Reply, Thread
from resources import services as resource_services
from resources.models import Resource
from tests.factories import (
    HelpfulVoteFactory,
    ResourceFactory,
    UserFactory,
    verify_professional,
)

# Every action, wherever the admin offers it: the change list, or (Django
# 6.1) a change form.
ACTIONS = [
    pytest.param(
        model, where, action.name, id=f"{model._meta.label}.{action.name}.{where.name}"
    )
    for model, model_admin in admin.site._registry.items()
    for where in ActionLocation
    for action in model_admin._get_base_actions(action_location=where)
]

APPLICATION = {
    "profession": "physician",
    "specialty": "Neurology",
    "licence_number": "GMC-1234567",
    "licensing_body": "General Medical Council",
    "region": "United Kingdom",
}


def _staff_with(username: str, *prefixes: str):
    member = UserFactory(username=username, is_staff=True)
    codenames = [p.codename for p in Permission.objects.all()]
    member.user_permissions.set(
        Permission.objects.filter(
            codename__in=[c for c in codenames if c.startswith(prefixes)]
        )
    )
    return type(member).objects.get(pk=member.pk)  # No cached permissions.


@pytest.fixture
def viewer(db):
    """Staff who may view everything in the admin, and nothing more."""
    return _staff_with("view_only_clerk", "view_")


@pytest.fixture
def changer(db):
    """Staff who may view and change everything, but delete nothing."""
    return _staff_with("moderating_clerk", "view_", "change_")


@pytest.fixture
def world(thread, reply, staff):
    """At least one row, in every state an action turns, of each model."""
    forum = thread.forum
    locked = forum_services.post_thread(
        author=reply.author, forum=forum, title="Numb fingers at night", body="Why?"
    )
    forum_services.set_thread_flags(
        moderator=staff, thread=locked, is_pinned=True, is_locked=True
    )
    gone = forum_services.post_thread(
        author=reply.author, forum=forum, title="Spam", body="Buy now."
    )
    forum_services.remove_thread(moderator=staff, thread=gone)
    hidden = forum_services.post_reply(author=staff, thread=thread, body="Oops.")
    forum_services.remove_reply(moderator=staff, reply=hidden)
    HelpfulVoteFactory(reply=reply, voter=thread.author)
    ResourceFactory(title="Sleep and twitching", is_pinned=True)
    draft = ResourceFactory(title="Draft", is_published=False)
    resource_services.record_view(resource=draft)
    verify_professional(UserFactory(username="nurse_ada"), staff)
    account_services.apply_for_verification(
        user=UserFactory(username="dr_bello"), **APPLICATION
    )
    account_services.update_professional_disclaimer(
        editor=staff, text="For general education only."
    )
    unconfirmed = UserFactory(username="new_member", verified_email=False)
    EmailAddress.objects.create(user=unconfirmed, email=unconfirmed.email)
    Group.objects.create(name="Moderators")


def _snapshot() -> dict:
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in admin.site._registry
    }


def _changelist(model) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def _request_for(user, model):
    request = RequestFactory().get(_changelist(model))
    request.user = user
    return request


def _offered(model, user, where=ActionLocation.CHANGE_LIST) -> set[str]:
    model_admin = admin.site._registry[model]
    return set(model_admin.get_actions(_request_for(user, model), where))


def _run(client, model, action: str, where=ActionLocation.CHANGE_LIST):
    """Post action on model's rows, confirming any step it asks for."""
    selected = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
    url, field = _changelist(model), "action"
    if where == ActionLocation.CHANGE_FORM:
        # From a change form an action applies to that one row.
        opts = model._meta
        selected = selected[:1]
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=selected)
        field = f"{where.value}-action"
    return client.post(
        url,
        {
            field: action,
            ACTION_CHECKBOX_NAME: selected,
            "index": "0",
            "post": "yes",  # Confirms delete_selected.
            "confirm": "1",  # Confirms the credential decisions.
            "note": "Checked against the register.",
        },
    )


@pytest.mark.parametrize(("model", "where", "action"), ACTIONS)
def test_view_only_staff_cannot_run_the_action(
    client, world, viewer, model, where, action
):
    assert action not in _offered(model, viewer, where)
    client.force_login(viewer)
    before = _snapshot()
    response = _run(client, model, action, where)
    assert response.status_code in (200, 302, 403)
    assert _snapshot() == before


@pytest.mark.parametrize(("model", "where", "action"), ACTIONS)
def test_every_action_asks_for_more_than_view(model, where, action):
    actions = admin.site._registry[model]._get_base_actions(action_location=where)
    function = next(a.func for a in actions if a.name == action)
    required = set(getattr(function, "allowed_permissions", ()))
    assert required and required != {"view"}


def test_view_only_staff_see_every_list_without_an_action_menu(client, world, viewer):
    client.force_login(viewer)
    for model in admin.site._registry:
        response = client.get(_changelist(model))
        assert response.status_code == 200, model
        assert response.context["action_form"] is None, model


def test_staff_who_may_change_are_offered_every_action_but_deleting(
    world, changer, staff
):
    walked = 0
    for model, model_admin in admin.site._registry.items():
        for where in ActionLocation:
            actions = model_admin.get_actions(_request_for(staff, model), where)
            expected = {
                name
                for name, action in actions.items()
                if "delete" not in action.func.allowed_permissions
            }
            assert _offered(model, changer, where) == expected, model
            walked += len(expected)
    assert walked >= 17  # Thread 6, Reply 2, Resource 4, credentials 3, more.


@pytest.mark.parametrize(
    ("model", "action"),
    [
        (Thread, "remove_threads"),
        (Thread, "pin_threads"),
        (Reply, "restore_replies"),
        (Resource, "publish_resources"),
        (EmailAddress, "make_verified"),
    ],
)
def test_the_same_post_acts_for_staff_who_may_change(
    client, world, changer, model, action
):
    client.force_login(changer)
    before = _snapshot()
    _run(client, model, action)
    assert _snapshot()[model._meta.label] != before[model._meta.label]


def test_tag_merging_is_refused_to_view_only_staff(client, world, viewer):
    client.force_login(viewer)
    merge = reverse("admin:taggit_tag_merge_tags")
    assert client.get(merge).status_code == 403
    before = _snapshot()
    assert client.post(merge, {"new_tag_name": "merged"}).status_code == 403
    assert _snapshot() == before


# --- The services check the same permissions. ------------------------------


def test_moderation_services_refuse_view_only_staff(world, viewer, thread, reply):
    for attempt in (
        lambda: forum_services.remove_thread(moderator=viewer, thread=thread),
        lambda: forum_services.restore_thread(moderator=viewer, thread=thread),
        lambda: forum_services.remove_reply(moderator=viewer, reply=reply),
        lambda: forum_services.restore_reply(moderator=viewer, reply=reply),
        lambda: forum_services.set_thread_flags(
            moderator=viewer, thread=thread, is_pinned=True
        ),
        lambda: forum_services.set_thread_flags(
            moderator=viewer, thread=thread, is_locked=True
        ),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    thread.refresh_from_db()
    reply.refresh_from_db()
    assert not (thread.is_pinned or thread.is_locked or thread.removed_at)
    assert reply.removed_at is None


def test_changing_threads_does_not_allow_moderating_replies(thread, reply):
    moderator = _staff_with("thread_clerk", "change_thread")
    forum_services.set_thread_flags(moderator=moderator, thread=thread, is_pinned=True)
    with pytest.raises(PermissionDenied):
        forum_services.remove_reply(moderator=moderator, reply=reply)
    assert forum_services.can_moderate(moderator, Thread)
    assert not forum_services.can_moderate(moderator, Reply)


def test_resource_services_refuse_view_only_staff(world, viewer):
    resources = Resource.objects.all()
    before = _snapshot()
    for service in (
        resource_services.publish_resources,
        resource_services.unpublish_resources,
        resource_services.pin_resources,
        resource_services.unpin_resources,
    ):
        with pytest.raises(PermissionDenied):
            service(editor=viewer, resources=resources)
    assert _snapshot() == before
    assert not resource_services.can_curate(viewer)


def test_credential_decisions_refuse_view_only_staff(world, viewer):
    pending = account_services.ProfessionalCredential.objects.get(
        user__username="dr_bello"
    )
    approved = account_services.ProfessionalCredential.objects.get(
        user__username="nurse_ada"
    )
    with pytest.raises(PermissionDenied):
        account_services.approve_credential(reviewer=viewer, credential=pending)
    with pytest.raises(PermissionDenied):
        account_services.reject_credential(
            reviewer=viewer, credential=pending, reason="No."
        )
    with pytest.raises(PermissionDenied):
        account_services.revoke_credential(
            reviewer=viewer, credential=approved, reason="No."
        )


def test_disclaimer_refuses_view_only_staff(world, viewer, changer):
    with pytest.raises(PermissionDenied):
        account_services.update_professional_disclaimer(
            editor=viewer, text="Whatever I like."
        )
    assert ProfessionalDisclaimer.objects.get().text == "For general education only."
    account_services.update_professional_disclaimer(
        editor=changer, text="Education, not diagnosis."
    )
    assert ProfessionalDisclaimer.objects.get().text == "Education, not diagnosis."
