"""Lists say how long ago something happened, in one plain unit."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from forum.templatetags.forum_tags import ago

NOW = timezone.now()


@pytest.mark.parametrize(
    ("elapsed", "said"),
    [
        (timedelta(seconds=0), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59, seconds=59), "59 minutes ago"),
        (timedelta(hours=1), "1 hour ago"),
        (timedelta(hours=23), "23 hours ago"),
        (timedelta(days=1, hours=5), "1 day ago"),
        (timedelta(days=6), "6 days ago"),
        (timedelta(days=7), "1 week ago"),
        (timedelta(days=29), "4 weeks ago"),
        (timedelta(days=30), "1 month ago"),
        (timedelta(days=364), "12 months ago"),
        (timedelta(days=365), "1 year ago"),
        (timedelta(days=3 * 365 + 10), "3 years ago"),
    ],
)
def test_one_unit_the_largest_that_fits(elapsed, said):
    assert ago(NOW - elapsed, NOW) == said


def test_a_moment_in_the_future_is_just_now():
    # Clocks between machines can disagree by a little.
    assert ago(NOW + timedelta(seconds=3), NOW) == "just now"


def test_nothing_to_say_for_no_moment():
    assert ago(None) == ""


def test_the_filter_works_in_templates():
    template = Template("{% load forum_tags %}{{ moment|ago }}")
    moment = timezone.now() - timedelta(hours=2, minutes=5)
    assert template.render(Context({"moment": moment})) == "2 hours ago"
