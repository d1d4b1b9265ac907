"""What members type is rendered once, at save, to HTML that cannot attack readers."""

import pytest
from pytest_django.asserts import assertHTMLEqual

from forum import services
from forum.markdown import ALLOWED_TAGS, render_markdown
from tests.html import parse


def _unsafe(html):
    """Return what a browser could run or load from html, in any spelling."""
    found = []
    for element in parse(html).iter():
        if element.tag not in ALLOWED_TAGS:
            found.append(element.tag)
        for name, value in element.attrs.items():
            scheme = value.strip().lower().split(":")[0]
            if name.startswith("on") or (
                name in ("href", "src") and scheme in ("javascript", "data")
            ):
                found.append(f"{element.tag}[{name}]")
    return found


@pytest.mark.parametrize(
    ("typed", "forbidden"),
    [
        ("<script>alert('x')</script>", "script"),
        ("[click me](javascript:alert(1))", "a[href]"),
        ("[click me](JavaScript:alert(1))", "a[href]"),
        ('<a href="javascript:alert(1)">x</a>', "a"),
        ('<img src="x" onerror="alert(1)">', "img"),
        ('<div onclick="alert(1)">hi</div>', "div"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "a[href]"),
        ("<iframe src='https://example.com'></iframe>", "iframe"),
        ("<style>body{display:none}</style>", "style"),
    ],
)
def test_dangerous_markup_does_not_survive(typed, forbidden):
    html = render_markdown(typed)
    assert _unsafe(html) == []
    assert parse(html).select(forbidden) == []


def test_the_safety_check_sees_what_it_looks_for():
    assert _unsafe('<p><a href=" JavaScript:x">a</a><img src=x onerror=y></p>') == [
        "a[href]",
        "img",
        "img[onerror]",
    ]


def test_everyday_markdown_renders():
    html = parse(render_markdown("**Bold**, *italic*\n\n- one\n- two\n\n> quoted"))
    assert html.one("p strong").text == "Bold"
    assert html.one("p em").text == "italic"
    assert [item.text for item in html.one("ul").by_role("listitem")] == ["one", "two"]
    assert html.one("blockquote").text == "quoted"


def test_links_are_marked_as_user_content():
    link = parse(render_markdown("[NHS](https://www.nhs.uk/)")).get_by_role(
        "link", "NHS"
    )
    assert link["href"] == "https://www.nhs.uk/"
    assert set(link["rel"].split()) == {"nofollow", "noopener", "ugc"}


def test_big_headings_are_toned_down():
    html = parse(render_markdown("# Shouting"))
    assert [heading.tag for heading in html.by_role("heading")] == ["h4"]
    assert html.one("h4").text == "Shouting"


def test_body_is_rendered_once_at_save_and_again_when_edited(thread):
    (paragraph,) = parse(thread.body_html).children
    assert (paragraph.tag, paragraph.text) == ("p", thread.body)
    thread.body = "Now **better**."
    thread.save(update_fields=["body"])
    thread.refresh_from_db()
    assertHTMLEqual(thread.body_html, "<p>Now <strong>better</strong>.</p>")


def test_reply_html_is_sanitised_at_save(thread, other_user):
    reply = services.post_reply(
        author=other_user, thread=thread, body="Try this <script>steal()</script>"
    )
    rendered = parse(reply.body_html)
    assert rendered.select("script") == []
    assert rendered.one("p").text == "Try this <script>steal()</script>"
    assert reply.body == "Try this <script>steal()</script>"
