"""The parsed-HTML helper the page tests assert through."""

import pytest
from django.http import HttpResponse

from tests.html import parse

PAGE = """
<!DOCTYPE html>
<html lang="en">
  <head><title>Eyelid · Health Forum</title><script>var x = "<b>no</b>";</script></head>
  <body>
    <!-- <p class="lead">A comment is not content.</p> -->
    <main id="main">
      <h1 id="thread-title">Eyelid   twitching</h1>
      <ol class="reply-list">
        <li class="reply reply-professional" id="reply-1">
          <p class="professional-disclaimer">Not medical advice.</p>
          <div class="post-body"><p>Mostly <strong>harmless</strong>.</p></div>
          <div class="vote" id="vote-1">
            <div class="helpful-count">Helpful – 2</div>
            <button name="vote" value="yes" aria-pressed="true">Yes</button>
            <button name="vote" value="withdraw">Withdraw my vote</button>
          </div>
        </li>
        <li class="reply" id="reply-2">
          <div class="post-body"><p>Sleep helped.</p></div>
        </li>
      </ol>
      <a href="?sort=oldest&amp;from=professionals" aria-current="true">Oldest</a>
      <a class="skip">Not a link without an href</a>
    </main>
  </body>
</html>
"""


@pytest.fixture
def page():
    return parse(PAGE)


def test_select_understands_tags_ids_classes_and_attributes(page):
    assert [e["id"] for e in page.select("li.reply")] == ["reply-1", "reply-2"]
    assert page.one("#reply-1").classes == {"reply", "reply-professional"}
    assert page.one("li.reply-professional")["id"] == "reply-1"
    assert len(page.select("button[name=vote]")) == 2
    assert page.one('button[value="withdraw"]').text == "Withdraw my vote"
    assert page.one("[aria-current]").text == "Oldest"
    assert page.one("a[href^='?sort=oldest']")["href"] == (
        "?sort=oldest&from=professionals"
    )
    assert [e["id"] for e in page.select("[class~=reply]")] == ["reply-1", "reply-2"]
    assert page.select("[class=reply]") == [page.one("#reply-2")]


def test_select_descends_and_keeps_document_order_across_groups(page):
    pro = page.one("#reply-1")
    parts = pro.select(".post-body, .professional-disclaimer")
    assert [sorted(e.classes) for e in parts] == [
        ["professional-disclaimer"],
        ["post-body"],
    ]
    assert [e.text for e in page.select("ol li .post-body p")] == [
        "Mostly harmless.",
        "Sleep helped.",
    ]
    # A selector inside an element does not reach above it.
    assert pro.select("main p") == []
    assert [e.text for e in pro.select("div p")] == ["Mostly harmless."]


def test_text_collapses_whitespace_and_leaves_out_scripts_and_comments(page):
    assert page.one("h1").text == "Eyelid twitching"
    assert page.one("#reply-1 .post-body").text == "Mostly harmless."
    assert page.one("script").text == ""
    assert "no" not in page.one("head").text.split()
    assert page.select("p.lead") == []
    assert "not content" not in page.text


def test_one_fails_on_none_and_on_several(page):
    with pytest.raises(AssertionError, match="found \\[\\]"):
        page.one(".no-such-thing")
    with pytest.raises(AssertionError, match="expected one 'li.reply'"):
        page.one("li.reply")


def test_a_nested_div_fools_a_slice_but_not_the_tree(page):
    # The old way: cut the vote block at its first </div> and look inside. A
    # nested count <div> ends the slice early, so a button that is there seems
    # absent and "no withdraw button" passes although the button is shown.
    markup = PAGE[PAGE.index('id="vote-1"') :]
    naive_block = markup[: markup.index("</div>")]
    assert "Withdraw my vote" not in naive_block
    vote = page.one("#vote-1")
    assert vote.by_role("button", "Withdraw my vote") != []
    # And a block that is missing fails instead of reading as empty text.
    with pytest.raises(AssertionError):
        assert "Withdraw my vote" not in page.one("#vote-2").text


def test_attribute_order_quotes_and_whitespace_do_not_matter():
    one = parse(
        '<button class="vote-button" aria-pressed="true" value="yes">Yes</button>'
    )
    other = parse(
        "<button  value=yes\n aria-pressed='true'  class='vote-button'>\n Yes </button>"
    )
    for tree in (one, other):
        button = tree.get_by_role("button", "Yes")
        assert (button["value"], button["aria-pressed"]) == ("yes", "true")
        assert button.classes == {"vote-button"}


def test_roles_follow_the_browser(page):
    assert [e.text for e in page.by_role("link")] == ["Oldest"]
    assert page.get_by_role("heading", "Eyelid twitching").tag == "h1"
    assert [e.name for e in page.by_role("listitem")] == [
        "Not medical advice. Mostly harmless. Helpful – 2 Yes Withdraw my vote",
        "Sleep helped.",
    ]
    tree = parse('<div role="status">Saved</div><input type="submit" value="Send">')
    assert tree.get_by_role("status", "Saved").tag == "div"
    assert tree.get_by_role("button", "Send").tag == "input"


def test_get_by_role_fails_on_a_missing_or_repeated_name(page):
    with pytest.raises(AssertionError, match="expected one button named 'Maybe'"):
        page.get_by_role("button", "Maybe")
    tree = parse("<a href='/a'>Home</a><a href='/b'>Home</a>")
    with pytest.raises(AssertionError):
        tree.get_by_role("link", "Home")


def test_accessible_name_skips_hidden_parts_and_uses_labels():
    tree = parse(
        """
        <span id="size-label">Text size</span>
        <form aria-labelledby="size-label">
          <button><span aria-hidden="true">A</span>
            <span class="visually-hidden">Large text</span></button>
          <button aria-label="Close the  menu">×</button>
          <label for="id_body">Your reply</label>
          <textarea id="id_body" name="body">
Kept text</textarea>
        </form>
        """
    )
    assert tree.one("form").name == "Text size"
    assert [b.name for b in tree.by_role("button")] == ["Large text", "Close the menu"]
    assert tree.get_by_role("textbox", "Your reply").value == "Kept text"


def test_value_reads_what_each_control_would_submit():
    tree = parse(
        """
        <input name="next" value="/forums/neurology/?sort=newest">
        <input type="checkbox" name="agree">
        <select name="profession">
          <option value="">Choose</option>
          <option value="nurse" selected>Nurse</option>
        </select>
        <select name="empty"><option>First</option></select>
        """
    )
    values = [e.value for e in tree.select("[name]")]
    assert values == ["/forums/neurology/?sort=newest", "on", "nurse", "First"]


def test_void_and_unclosed_elements_keep_the_tree_in_shape():
    tree = parse("<p>One<br>two<img alt='x'></p><div><span>open</div><p>after</p>")
    first, div, last = tree.children
    assert (first.text, [e.tag for e in first.children]) == ("Onetwo", ["br", "img"])
    assert (div.one("span").text, last.text) == ("open", "after")
    assert parse("</div><p>stray end tag</p>").one("p").text == "stray end tag"


def test_parse_reads_responses_and_bytes():
    response = HttpResponse("<p>Ünïcode café</p>")
    assert parse(response).one("p").text == "Ünïcode café"
    assert parse(b"<p>bytes</p>").one("p").text == "bytes"


@pytest.mark.parametrize("selector", ["", "p >", "p[", "a, ", "p:first-child"])
def test_unreadable_selectors_fail_loudly(page, selector):
    with pytest.raises(AssertionError, match="cannot read"):
        page.select(selector)
