"""Posts kept after an account is deleted read "A former member", linking nowhere."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from privacy import services
from tests.html import parse

from .conftest import USERNAME


@pytest.fixture
def former(history):
    """The member's account, deleted with their posts kept."""
    services.delete_account(member=history.member, remove_posts=False)
    history.former = User.objects.get(pk=history.member.pk)
    return history


def _authors(html) -> list[str]:
    return [name.text for name in html.select(".author-name")]


def test_their_question_reads_a_former_member(former):
    page = parse(Client().get(former.question.get_absolute_url()))
    assert _authors(page)[0] == "A former member"
    assert USERNAME not in page.text
    links = [a["href"] for a in page.select("a")]
    assert not any(link.startswith("/members/former-member-") for link in links)


def test_their_reply_reads_a_former_member(former):
    page = parse(Client().get(former.their_question.get_absolute_url()))
    assert "A former member" in _authors(page)
    assert "kind_neighbour" in _authors(page)
    assert USERNAME not in page.text
    assert not page.select(f'a[href="{former.former.get_absolute_url()}"]')


def test_lists_and_search_read_a_former_member(former, site_pages):
    for url in (
        former.forum.get_absolute_url(),
        reverse("forum:index"),
        reverse("forum:search") + "?q=needles",
    ):
        response = Client().get(url)
        assert response.status_code == 200, url
        text = parse(response).text
        assert USERNAME not in text, url
        assert former.former.username not in text, url
    listed = parse(Client().get(former.forum.get_absolute_url()))
    assert "A former member" in listed.text


def test_a_stored_page_forgets_the_name_at_once(history):
    reader = Client()
    url = history.question.get_absolute_url()
    assert USERNAME in parse(reader.get(url)).text
    assert reader.get(url)["X-Page-Cache"] == "hit"
    services.delete_account(member=history.member, remove_posts=False)
    page = reader.get(url)
    assert USERNAME not in parse(page).text
    assert "A former member" in _authors(parse(page))


def test_their_member_page_is_gone(former):
    assert Client().get(f"/members/{USERNAME}/").status_code == 404
    assert Client().get(former.former.get_absolute_url()).status_code == 404


def test_the_neighbour_is_told_someone_replied(former):
    client = Client()
    client.force_login(former.neighbour)
    page = parse(client.get(reverse("notifications:list")))
    assert USERNAME not in page.text
    assert "Someone replied" in page.text


def test_removed_posts_leave_nothing_to_read(history):
    services.delete_account(member=history.member, remove_posts=True)
    assert Client().get(history.question.get_absolute_url()).status_code in (404, 410)
    page = parse(Client().get(history.their_question.get_absolute_url()))
    assert "Drinking more water" not in page.text
    assert "A former member" not in page.text
