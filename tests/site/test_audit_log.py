"""Every staff action leaves one audit entry, and no entry can be changed.

The entries are evidence: the model, its queryset and the database itself
refuse to change or delete them, and the admin shows them read-only.
"""

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from accounts import services as accounts_services
from accounts.models import ProfessionalCredential, ProfessionalDisclaimer
from core.audit import record
from core.models import AuditEntry, ImmutableRecordError
from forum import services as forum_services
from resources import services as resource_services
from resources.models import Resource
from tests.factories import ProfessionalCredentialFactory, ResourceFactory, UserFactory
from tests.html import parse


def _apply(member):
    return accounts_services.apply_for_verification(
        user=member,
        profession="registered_nurse",
        specialty="Neurology",
        licence_number="NMC-777",
        licensing_body="Nursing and Midwifery Council",
        region="United Kingdom",
    )


def _only_entry() -> AuditEntry:
    (entry,) = AuditEntry.objects.all()
    return entry


# --- Each staff service writes one entry. -----------------------------------


def test_removing_a_thread_is_recorded(staff, thread):
    forum_services.remove_thread(moderator=staff, thread=thread)
    entry = _only_entry()
    assert (entry.actor, entry.actor_username) == (staff, "moderator")
    assert entry.action == "thread.remove"
    assert entry.target == thread
    assert entry.target_repr == f"Question #{thread.pk}"


def test_restoring_a_thread_is_recorded(staff, thread):
    forum_services.remove_thread(moderator=staff, thread=thread)
    forum_services.restore_thread(moderator=staff, thread=thread)
    entry = AuditEntry.objects.latest("pk")
    assert (entry.actor, entry.action, entry.target) == (
        staff,
        "thread.restore",
        thread,
    )
    assert AuditEntry.objects.count() == 2


def test_removing_and_restoring_a_reply_are_recorded(staff, reply):
    forum_services.remove_reply(moderator=staff, reply=reply)
    forum_services.restore_reply(moderator=staff, reply=reply)
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "object_id"))
    assert actions == [("reply.remove", reply.pk), ("reply.restore", reply.pk)]
    assert all(entry.target == reply for entry in AuditEntry.objects.all())


@pytest.mark.parametrize(
    ("flags", "action"),
    [
        ({"is_pinned": True}, "thread.pin"),
        ({"is_pinned": False}, "thread.unpin"),
        ({"is_locked": True}, "thread.lock"),
        ({"is_locked": False}, "thread.unlock"),
    ],
)
def test_thread_flags_are_recorded(staff, thread, flags, action):
    forum_services.set_thread_flags(moderator=staff, thread=thread, **flags)
    entry = _only_entry()
    assert (entry.actor, entry.action, entry.target) == (staff, action, thread)


def test_a_refused_action_records_nothing(user, thread):
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied, any refusal
        forum_services.remove_thread(moderator=user, thread=thread)
    assert not AuditEntry.objects.exists()


def test_credential_decisions_are_recorded_with_their_reason(staff, user, other_user):
    approved = accounts_services.approve_credential(
        reviewer=staff, credential=_apply(user), note="On the register."
    )
    rejected = accounts_services.reject_credential(
        reviewer=staff, credential=_apply(other_user), reason="Not on the register."
    )
    accounts_services.revoke_credential(
        reviewer=staff, credential=approved, reason="The licence has lapsed."
    )
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [(e.action, e.target, e.reason) for e in entries] == [
        ("credential.approved", approved, "On the register."),
        ("credential.rejected", rejected, "Not on the register."),
        ("credential.revoked", approved, "The licence has lapsed."),
    ]
    assert {e.actor for e in entries} == {staff}
    assert isinstance(entries[0].target, ProfessionalCredential)


def test_editing_the_disclaimer_is_recorded(staff):
    accounts_services.update_professional_disclaimer(
        editor=staff, text="Education only: not a diagnosis."
    )
    entry = _only_entry()
    assert (entry.actor, entry.action) == (staff, "disclaimer.edit")
    assert entry.target == ProfessionalDisclaimer.objects.get()


@pytest.mark.parametrize(
    ("service", "action"),
    [
        (resource_services.publish_resources, "resource.publish"),
        (resource_services.unpublish_resources, "resource.unpublish"),
        (resource_services.pin_resources, "resource.pin"),
        (resource_services.unpin_resources, "resource.unpin"),
    ],
)
def test_resource_curation_records_each_resource(staff, service, action):
    first, second = ResourceFactory(), ResourceFactory()
    service(editor=staff, resources=Resource.objects.filter(pk__in=[first.pk]))
    entry = _only_entry()
    assert (entry.actor, entry.action, entry.target) == (staff, action, first)
    assert second.pk != entry.object_id


def test_writing_and_deleting_resources_are_recorded(db):
    resource = resource_services.create_resource(
        title="Keeping a symptom diary",
        slug="symptom-diary",
        summary="Why and how to note what you feel each day.",
        body="Write down the time and what you felt.",
    )
    resource.title = "Keeping a daily symptom diary"
    resource_services.save_resource(resource=resource)
    resource_services.delete_resources(
        resources=Resource.objects.filter(pk=resource.pk)
    )
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [(e.action, e.object_id, e.target_repr) for e in entries] == [
        ("resource.create", resource.pk, "Keeping a symptom diary"),
        ("resource.change", resource.pk, "Keeping a daily symptom diary"),
        ("resource.delete", resource.pk, "Keeping a daily symptom diary"),
    ]
    # These services are not told who acted; the admin's own log says.
    assert {e.actor for e in entries} == {None}
    # The deleted resource's entry still reads true.
    assert entries[-1].target is None


# --- Entries cannot be changed or deleted. ----------------------------------


@pytest.fixture
def entry(staff, thread):
    return record(
        actor=staff, action="thread.lock", target=thread, reason="Heated thread."
    )


def test_an_entry_cannot_be_saved_again(entry):
    entry.reason = "Nothing happened."
    with pytest.raises(ImmutableRecordError):
        entry.save()
    assert AuditEntry.objects.get().reason == "Heated thread."


def test_an_entry_cannot_be_deleted_through_the_model(entry):
    with pytest.raises(ImmutableRecordError):
        entry.delete()
    assert AuditEntry.objects.count() == 1


def test_entries_cannot_be_updated_or_deleted_through_the_queryset(entry):
    with pytest.raises(ImmutableRecordError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="Nothing happened.")
    with pytest.raises(ImmutableRecordError):
        AuditEntry.objects.all().delete()
    with pytest.raises(ImmutableRecordError):
        entry.reason = "Nothing happened."
        AuditEntry.objects.bulk_update([entry], ["reason"])
    assert AuditEntry.objects.get().reason == "Heated thread."


UPDATE = "UPDATE core_auditentry SET reason = 'Nothing happened.'"
DELETE = "DELETE FROM core_auditentry"


@pytest.mark.parametrize("sql", [UPDATE, DELETE])
def test_the_database_refuses_to_change_or_delete_entries(entry, sql):
    assert connection.vendor in ("sqlite", "postgresql")
    if sql == DELETE and connection.vendor == "sqlite":
        pytest.skip("SQLite test databases are emptied with DELETE (migration 0002)")
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEntry.objects.get().reason == "Heated thread."


def test_an_actor_with_entries_cannot_be_deleted_out_from_under_them(entry, staff):
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017
        staff.delete()
    assert AuditEntry.objects.get().actor_username == "moderator"


# --- The admin: read and filter, nothing else. ------------------------------


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_list_filter_and_search_entries(staff, thread, reply):
    forum_services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    forum_services.remove_reply(moderator=staff, reply=reply)
    admin = _admin(staff)
    url = reverse("admin:core_auditentry_changelist")
    page = parse(admin.get(url))
    assert len(page.select("#result_list tbody tr")) == 2
    filtered = parse(admin.get(url, {"action": "reply.remove"}))
    rows = filtered.select("#result_list tbody tr")
    assert len(rows) == 1 and "reply.remove" in rows[0].text
    by_actor = parse(admin.get(url, {"actor__id__exact": staff.pk}))
    assert len(by_actor.select("#result_list tbody tr")) == 2
    searched = parse(admin.get(url, {"q": "thread.lock"}))
    assert len(searched.select("#result_list tbody tr")) == 1


def test_the_admin_offers_no_add_change_or_delete(staff, entry):
    admin = _admin(staff)
    changelist = admin.get(reverse("admin:core_auditentry_changelist"))
    assert b"delete_selected" not in changelist.content
    assert admin.get(reverse("admin:core_auditentry_add")).status_code == 403
    change_url = reverse("admin:core_auditentry_change", args=[entry.pk])
    page = admin.get(change_url)
    assert page.status_code == 200
    assert not parse(page).select("input[type=submit]")
    response = admin.post(change_url, {"reason": "Nothing happened."})
    assert response.status_code == 403
    delete_url = reverse("admin:core_auditentry_delete", args=[entry.pk])
    assert admin.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get().reason == "Heated thread."


def test_members_cannot_see_the_log(user, entry):
    response = _admin(user).get(reverse("admin:core_auditentry_changelist"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_need_the_view_permission(entry):
    clerk = UserFactory(username="clerk", is_staff=True)
    url = reverse("admin:core_auditentry_changelist")
    assert _admin(clerk).get(url).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    assert _admin(clerk).get(url).status_code == 200


def test_an_unused_factory_is_not_needed(db):
    # A credential row alone records nothing: only decisions are staff actions.
    ProfessionalCredentialFactory()
    assert not AuditEntry.objects.exists()
