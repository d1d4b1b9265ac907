"""Every member has a generated avatar: their initials on a colour of their own."""

from django.template import Context, Template
from pytest_django.asserts import assertHTMLEqual

from tests.factories import UserFactory
from tests.html import parse


def _avatar(user, size="md") -> str:
    template = Template("{% load accounts_tags %}{% avatar member size %}")
    return template.render(Context({"member": user, "size": size}))


def test_avatar_shows_initials_on_the_members_colour(db):
    member = UserFactory(username="quiet_owl")
    # The same element, attribute order, class order and whitespace aside.
    assertHTMLEqual(
        _avatar(member, "sm"),
        f'<span class="avatar avatar-sm avatar-c{member.avatar_colour}" '
        'aria-hidden="true">QO</span>',
    )


def test_avatar_colour_is_stable_and_ignores_case(db):
    assert UserFactory.build(username="Maple").avatar_colour == (
        UserFactory.build(username="maple").avatar_colour
    )


def test_avatar_escapes_what_it_is_given(db):
    member = UserFactory.build(username="x")
    # Unescaped, the quote would end the class and the tag would be markup.
    fragment = parse(_avatar(member, '"><b>bold</b>'))
    (avatar,) = fragment.children
    assert 'avatar-"><b>bold</b>' in avatar["class"]
    assert fragment.select("b") == []
    assert avatar.text == "X"
