"""A reply's template finds every name it reads.

A failed lookup in a Django template is not free: before giving up on an
attribute, the engine lists the object's attributes with dir(). On a thread
page that is once per reply and name, so the replies name everything they
read, for visitors and members alike.
"""

import pytest
from django.template import base
from django.test import Client

from forum import services
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def failed_lookups(monkeypatch):
    failed = []
    resolve = base.Variable._resolve_lookup

    def recording(variable, context):
        try:
            return resolve(variable, context)
        except base.VariableDoesNotExist:
            failed.append(variable.var)
            raise

    monkeypatch.setattr(base.Variable, "_resolve_lookup", recording)
    return failed


@pytest.fixture
def replies(thread):
    return [
        services.post_reply(author=UserFactory(), thread=thread, body=f"Answer {n}.")
        for n in range(3)
    ]


def _reply_lookups(failed: list[str]) -> list[str]:
    return [
        name for name in failed if name.startswith(("reply", "next_url", "limited"))
    ]


def test_a_visitor_s_replies_fail_no_lookup(
    rendered_pages, client, thread, replies, failed_lookups
):
    response = client.get(thread.get_absolute_url())

    assert response.status_code == 200
    assert _reply_lookups(failed_lookups) == []


def test_a_member_s_replies_fail_no_lookup(
    rendered_pages, thread, replies, failed_lookups
):
    member = Client()
    assert member.login(username=UserFactory().username, password=PASSWORD)

    response = member.get(thread.get_absolute_url())

    assert response.status_code == 200
    assert _reply_lookups(failed_lookups) == []
