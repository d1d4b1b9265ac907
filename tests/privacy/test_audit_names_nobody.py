"""The audit log, which nobody can change, names no member as its target.

An entry copies str(target) for good; after an account is erased the entry
must not name its former owner.
"""

from core.models import AuditEntry
from forum import services as forum_services

from .conftest import USERNAME


def test_a_credential_is_named_without_its_member(history):
    credential = history.credential
    assert str(credential) == f"Neurologist application #{credential.pk}"
    entry = AuditEntry.objects.get(action="credential.rejected")
    assert entry.target_repr == str(credential)


def test_removing_a_members_reply_names_no_member(history):
    forum_services.remove_reply(moderator=history.staff, reply=history.reply)
    entry = AuditEntry.objects.get(action="reply.remove")
    assert USERNAME not in entry.target_repr
