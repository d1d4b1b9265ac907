"""Staff see each member's consent status, with its dates, and its history."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts import consent
from accounts.models import HealthDataConsent
from tests.factories import UserFactory
from tests.html import parse

USERS = reverse("admin:accounts_user_changelist")
GIVEN = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
WITHDRAWN = datetime(2026, 4, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def members(db):
    """One member of each status, agreed on 3 March, one withdrawn on 4 April."""
    agreed = UserFactory(username="agreed")
    withdrew = UserFactory(username="withdrew")
    consent.withdraw_health_consent(member=withdrew)
    never = UserFactory(username="never", without_consent=True)
    HealthDataConsent.objects.update(given_at=GIVEN)
    HealthDataConsent.objects.filter(member=withdrew).update(withdrawn_at=WITHDRAWN)
    return {"agreed": agreed, "withdrew": withdrew, "never": never}


def _second_version(monkeypatch):
    first = consent.WORDINGS[1]
    monkeypatch.setitem(
        consent.WORDINGS,
        2,
        consent.ConsentWording(2, first.title, first.introduction, first.points, "Ok"),
    )


def _consent_column(response) -> dict[str, str]:
    """Return {username: the consent column's text} from the users' changelist."""
    rows = parse(response).select("#result_list tbody tr")
    return {
        row.one("th.field-username").text: row.one("td.field-health_consent").text
        for row in rows
    }


def test_the_users_list_shows_each_status_with_its_date(staff_client, members):
    column = _consent_column(staff_client.get(USERS))
    assert column["agreed"] == "Current wording (v1), given 3 Mar 2026"
    assert column["withdrew"] == "Withdrawn 4 Apr 2026"
    assert column["never"] == "None"


def test_a_consent_to_an_older_wording_shows_as_such(
    staff_client, members, monkeypatch
):
    _second_version(monkeypatch)
    column = _consent_column(staff_client.get(USERS))
    assert column["agreed"] == "Older wording (v1), given 3 Mar 2026"


@pytest.mark.parametrize(
    ("status", "listed"),
    [
        ("current", {"agreed", "moderator"}),
        ("outdated", set()),
        ("withdrawn", {"withdrew"}),
        ("none", {"never"}),
    ],
)
def test_the_filter_finds_each_status(staff_client, members, status, listed):
    response = staff_client.get(USERS, {"consent": status})
    assert set(_consent_column(response)) == listed


def test_the_filter_finds_outdated_consents(staff_client, members, monkeypatch):
    _second_version(monkeypatch)
    response = staff_client.get(USERS, {"consent": "outdated"})
    assert set(_consent_column(response)) == {"agreed", "moderator"}
    assert "Given to an older wording" in parse(response).one("#changelist-filter").text


def test_the_member_page_shows_the_consent_history(staff_client, members):
    member = members["withdrew"]
    consent.give_health_consent(member=member, via="consent_page")
    response = staff_client.get(reverse("admin:accounts_user_change", args=[member.pk]))
    assert response.status_code == 200
    history = parse(response).one("#health_data_consents-group")
    assert "Health data consent history" in history.one("h2").text
    rows = history.select("tbody tr.has_original, tbody tr.form-row")
    texts = [row.text for row in rows if "Consent page" in row.text]
    assert len(texts) == 1
    assert "Sign-up form" in history.text
    # Evidence: nothing there can be changed, added or deleted.
    assert {field["type"] for field in history.select("input")} == {"hidden"}
    assert "Add another" not in history.text


def test_the_consent_records_are_read_only_for_staff(staff_client, members):
    changelist = reverse("admin:accounts_healthdataconsent_changelist")
    assert staff_client.get(changelist).status_code == 200
    add = reverse("admin:accounts_healthdataconsent_add")
    assert staff_client.get(add).status_code == 403


def test_the_users_list_costs_the_same_whatever_its_length(
    staff_client, members, django_assert_max_num_queries, django_assert_num_queries
):
    staff_client.get(USERS)
    with django_assert_max_num_queries(8) as few:
        staff_client.get(USERS)
    UserFactory.create_batch(10)
    with django_assert_num_queries(len(few.captured_queries)):
        staff_client.get(USERS)
