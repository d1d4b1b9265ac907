"""What members type is rendered once, at save, to HTML that cannot attack readers."""

import pytest

from forum import services
from forum.markdown import render_markdown


@pytest.mark.parametrize(
    ("typed", "forbidden"),
    [
        ("<script>alert('x')</script>", "<script"),
        ("[click me](javascript:alert(1))", 'href="javascript'),
        ('<a href="javascript:alert(1)">x</a>', "<a"),
        ('<img src="x" onerror="alert(1)">', "<img"),
        ('<div onclick="alert(1)">hi</div>', "<div"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:'),
        ("<iframe src='https://example.com'></iframe>", "<iframe"),
        ("<style>body{display:none}</style>", "<style"),
    ],
)
def test_dangerous_markup_does_not_survive(typed, forbidden):
    assert forbidden not in render_markdown(typed)


def test_everyday_markdown_renders():
    html = render_markdown("**Bold**, *italic*\n\n- one\n- two\n\n> quoted")
    assert "<strong>Bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<ul>" in html and "<li>one</li>" in html
    assert "<blockquote>" in html


def test_links_are_marked_as_user_content():
    html = render_markdown("[NHS](https://www.nhs.uk/)")
    assert 'href="https://www.nhs.uk/"' in html
    assert 'rel="nofollow noopener ugc"' in html


def test_big_headings_are_toned_down():
    html = render_markdown("# Shouting")
    assert "<h1>" not in html
    assert "<h4>Shouting</h4>" in html


def test_body_is_rendered_once_at_save_and_again_when_edited(thread):
    assert thread.body_html.startswith("<p>My left eyelid")
    thread.body = "Now **better**."
    thread.save(update_fields=["body"])
    thread.refresh_from_db()
    assert thread.body_html == "<p>Now <strong>better</strong>.</p>\n"


def test_reply_html_is_sanitised_at_save(thread, other_user):
    reply = services.post_reply(
        author=other_user, thread=thread, body="Try this <script>steal()</script>"
    )
    assert "<script>" not in reply.body_html
    assert reply.body == "Try this <script>steal()</script>"
