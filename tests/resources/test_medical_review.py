"""Articles say who wrote and reviewed them, and when a review has lapsed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import ProfessionalCredential
from tests.factories import UserFactory, verify_professional
from tests.html import parse

TODAY = timezone.localdate


@pytest.fixture
def reviewer(staff):
    member = UserFactory(username="dr_review")
    verify_professional(member, staff)
    member.refresh_from_db()
    return member


def _page(client, resource):
    return parse(client.get(resource.get_absolute_url())).one("article")


def test_the_article_names_its_author_and_reviewer(client, make_resource, reviewer):
    resource = make_resource(
        "Seizure first aid",
        written_by="Health Forum staff",
        medical_reviewer=reviewer,
        last_reviewed_on=TODAY() - timedelta(days=10),
        next_review_on=TODAY() + timedelta(days=300),
    )
    article = _page(client, resource)
    assert "Written by Health Forum staff" in article.text
    review = article.one(".resource-review").text
    assert "Medically reviewed by dr_review" in review
    assert "(verified medical professional)" in review
    assert "Next review due" in review
    assert not article.select(".review-overdue-notice")


def test_an_overdue_review_is_marked_for_readers(client, make_resource, reviewer):
    resource = make_resource(
        "Headache types",
        medical_reviewer=reviewer,
        last_reviewed_on=TODAY() - timedelta(days=100),
        next_review_on=TODAY() - timedelta(days=1),
    )
    notice = _page(client, resource).one(".review-overdue-notice")
    assert "Due for review." in notice.text
    assert "Next review due" not in _page(client, resource).one(".resource-review").text


def test_an_unreviewed_article_says_so(client, make_resource):
    resource = make_resource("Sleep hygiene")
    assert "Not yet reviewed by a medical professional." in _page(client, resource).text


def test_a_revoked_professional_no_longer_vouches(
    client, make_resource, reviewer, staff
):
    resource = make_resource(
        "Dizziness causes",
        medical_reviewer=reviewer,
        last_reviewed_on=TODAY() - timedelta(days=5),
    )
    credential = ProfessionalCredential.objects.get(user=reviewer)
    accounts_services.revoke_credential(
        reviewer=staff, credential=credential, reason="Registration lapsed."
    )
    assert "Not yet reviewed" in _page(client, resource).text


def _days(offset: int | None):
    return None if offset is None else TODAY() + timedelta(days=offset)


# (reviewer, last reviewed, next review, in days from today; the field refused)
BAD_REVIEWS = [
    ("member", -1, None, "medical_reviewer"),
    ("professional", None, None, "last_reviewed_on"),
    ("professional", 2, None, "last_reviewed_on"),
    ("professional", -10, -20, "next_review_on"),
    (None, None, 30, "next_review_on"),
]


@pytest.mark.parametrize(("who", "last", "next_", "field"), BAD_REVIEWS)
def test_review_details_must_add_up(
    make_resource, reviewer, user, who, last, next_, field
):
    people = {"member": user, "professional": reviewer, None: None}
    with pytest.raises(ValidationError) as refused:
        make_resource(
            "Checked article",
            medical_reviewer=people[who],
            last_reviewed_on=_days(last),
            next_review_on=_days(next_),
        )
    assert field in refused.value.message_dict


def test_the_admin_lists_reviews_that_are_due(client, staff, make_resource, reviewer):
    overdue = make_resource(
        "Overdue article",
        medical_reviewer=reviewer,
        last_reviewed_on=TODAY() - timedelta(days=90),
        next_review_on=TODAY() - timedelta(days=2),
    )
    soon = make_resource(
        "Due soon article",
        medical_reviewer=reviewer,
        last_reviewed_on=TODAY() - timedelta(days=90),
        next_review_on=TODAY() + timedelta(days=10),
    )
    make_resource(
        "Fresh article",
        medical_reviewer=reviewer,
        last_reviewed_on=TODAY(),
        next_review_on=TODAY() + timedelta(days=200),
    )
    never = make_resource("Unreviewed article")
    client.force_login(staff)
    changelist = reverse("admin:resources_resource_changelist")

    def listed(review):
        page = parse(client.get(f"{changelist}?review={review}"))
        return {link.text for link in page.select("#result_list tbody th a")}

    assert listed("overdue") == {overdue.title}
    assert listed("soon") == {overdue.title, soon.title}
    assert listed("never") == {never.title}
    overview = parse(client.get(changelist)).one("#result_list").text
    assert "Overdue since" in overview
