"""The export holds everything the site stores about the member, and no one else's."""

import json

import pytest
from django.urls import reverse

from notifications.models import Notification
from privacy.export import export_json, export_member
from tests.factories import DataExportFactory

from .conftest import EMAIL, FIRST_NAME, LAST_NAME, NEIGHBOUR_EMAIL, USERNAME


@pytest.fixture
def data(history):
    return json.loads(export_json(history.member))


def test_every_section_is_there(data):
    assert set(data) == {
        "about_this_file",
        "profile",
        "email_addresses",
        "professional_applications",
        "warnings_and_suspensions",
        "forum_activity",
        "questions",
        "replies",
        "helpful_votes_given",
        "endorsements_given",
        "reports_made",
        "notifications",
        "follows",
        "email_preferences",
        "daily_digests",
        "reading_preferences",
        "consents",
    }
    assert data["about_this_file"]["format_version"] == 1
    assert data["reading_preferences"]["kept_on_our_server"] is False


def test_the_profile_and_addresses(data):
    profile = data["profile"]
    assert (profile["username"], profile["email"]) == (USERNAME, EMAIL)
    assert (profile["first_name"], profile["last_name"]) == (FIRST_NAME, LAST_NAME)
    assert profile["date_joined"]
    assert data["email_addresses"] == [
        {"email": EMAIL, "verified": True, "primary": True}
    ]


def test_questions_and_replies_with_every_version(data, history):
    (question,) = data["questions"]
    assert question["title"] == "Pins and needles in both feet"
    assert question["text"] == "Mostly at night, for two months now."
    assert question["tags"] == ["numbness"]
    assert question["responses"] == 1
    assert question["address"].endswith(history.question.get_absolute_url())
    (earlier,) = question["earlier_versions"]
    assert earlier["title"] == "Pins and needles in my feet"
    assert earlier["text"] == "Mostly at night, for two months."
    assert earlier["replaced_by"] == "you"

    (reply,) = data["replies"]
    assert reply["text"] == "Drinking more water helped me a lot."
    assert reply["question"]["title"] == "Dizzy when I stand up"
    assert reply["helpful_votes"] == 1
    (earlier,) = reply["earlier_versions"]
    assert earlier["text"] == "Drinking more water helped me."
    assert "title" not in earlier


def test_removed_posts_are_included_and_say_who_removed_them(history):
    from forum import services

    services.delete_own_reply(author=history.member, reply=history.reply)
    (reply,) = export_member(history.member)["replies"]
    assert reply["removed_by"] == "you"
    assert reply["removed_at"] is not None


def test_votes_reports_and_activity(data, history):
    votes = {vote["reply_id"]: vote["helpful"] for vote in data["helpful_votes_given"]}
    assert votes == {history.answer.pk: True, history.their_own_reply.pk: False}
    (report,) = data["reports_made"]
    assert report["reply_id"] == history.answer.pk
    assert report["reason"] == "Medical misinformation"
    assert report["note"] == "Please check the dose it mentions."
    assert data["forum_activity"] == {
        "questions": 1,
        "replies": 1,
        "helpful_votes_received": 1,
    }


def test_notifications_follows_and_email_choices(data, history):
    kinds = {n["kind"] for n in data["notifications"]}
    assert "New replies on threads you follow" in kinds
    assert "Decisions on your professional application" in kinds
    reply_notice = next(
        n for n in data["notifications"] if n["kind"].startswith("New replies")
    )
    assert reply_notice["from"] == "kind_neighbour"
    assert reply_notice["question"] == "Pins and needles in both feet"
    follows = {(f["what"], f["name"]) for f in data["follows"]}
    assert ("forum", "Neurology") in follows
    assert ("question", "Pins and needles in both feet") in follows
    helpful = next(
        p for p in data["email_preferences"] if p["kind"].startswith("Your replies")
    )
    assert helpful == {
        "kind": "Your replies voted helpful",
        "delivery": "Never",
        "chosen_by_you": True,
    }
    (digest,) = data["daily_digests"]
    assert digest["notifications"] == 2


def test_applications_with_decisions_and_sanctions(data):
    (application,) = data["professional_applications"]
    assert application["licence_number"] == "GMC-9911223"
    assert application["note_to_staff"] == "I am a registrar at a headache clinic."
    assert application["status"] == "Rejected"
    (decision,) = application["decisions"]
    assert decision["decision"] == "Rejected"
    assert decision["note"] == "Not found on the register."
    (sanction,) = data["warnings_and_suspensions"]
    assert sanction["kind"] == "Warning"
    assert sanction["reason"] == "Shared a phone number in a reply."


def test_nothing_of_another_member_but_their_public_name(history):
    text = export_json(history.member)
    assert NEIGHBOUR_EMAIL not in text
    assert history.staff.email not in text
    # The neighbour's own posts are theirs.
    assert "Mine turned out to be low B12." not in text
    assert "It passes in a few seconds" not in text
    assert "It happened again today." not in text
    # Notifications the neighbour received about the member stay out.
    assert Notification.objects.filter(recipient=history.neighbour).exists()
    assert "kind_neighbour" in text  # Only as who replied, publicly.


def test_a_removed_question_of_someone_else_is_not_named(history):
    from forum import services

    services.delete_own_thread(author=history.neighbour, thread=history.their_question)
    data = export_member(history.member)
    (reply,) = data["replies"]
    assert reply["question"]["title"] is None
    assert "Dizzy when I stand up" not in export_json(history.member)


def test_a_small_export_downloads_at_once(client, history):
    client.force_login(history.member)
    response = client.post(reverse("privacy:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="health-forum-my-data-'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"]["username"] == USERNAME


def test_the_data_page_offers_the_download_and_lists_prepared_files(client, member):
    prepared = DataExportFactory(member=member)
    DataExportFactory()  # Someone else's.
    client.force_login(member)
    response = client.get(reverse("privacy:export"))
    assert response.status_code == 200
    assert b"Download my data" in response.content
    assert list(response.context["exports"]) == [prepared]


def test_anonymous_visitors_are_asked_to_log_in(client, db):
    response = client.post(reverse("privacy:export"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_export_cannot_be_fetched_with_a_get(client, member):
    client.force_login(member)
    response = client.get(reverse("privacy:export"))
    assert "Content-Disposition" not in response
