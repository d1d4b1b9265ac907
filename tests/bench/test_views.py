"""The floor views, served as DJANGO_BENCH=1 serves them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("bench_app")


def test_floor_bytes_returns_exactly_the_size_asked(client):
    response = client.get(reverse("bench:floor-bytes", kwargs={"size": 12345}))

    assert response.status_code == 200
    assert len(response.content) == 12345


@pytest.mark.django_db
def test_floor_bytes_refuses_a_huge_size(client):
    response = client.get(reverse("bench:floor-bytes", kwargs={"size": 10**9}))

    assert response.status_code == 404


@pytest.mark.django_db
def test_floor_pk_runs_one_query(client, user, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("bench:floor-pk"), {"pk": user.pk})

    assert response.content.decode() == user.username
