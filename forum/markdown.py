"""Turn what members type into safe HTML, once, when it is saved."""

import nh3
from markdown_it import MarkdownIt

# Raw HTML is escaped by the parser and whatever survives is cleaned again,
# so a bug in either layer alone cannot let script through.
_parser = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def render_markdown(text: str) -> str:
    """Return sanitised HTML for Markdown text written by a member."""
    html = _parser.render(text)
    # Members' headings become small ones so a post cannot outshout the page.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h4>").replace(f"</h{level}>", "</h4>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
    )


# Pages staff write (the footer's pages) keep their sections' levels under
# the page's h1, and their paragraphs flow as in any Markdown.
_page_parser = MarkdownIt("commonmark", {"html": False, "breaks": False}).enable(
    ["table", "strikethrough"]
)
PAGE_TAGS = ALLOWED_TAGS | {"h2"}


def render_page_markdown(text: str) -> str:
    """Return sanitised HTML for a page staff wrote in Markdown ("##" is h2)."""
    html = _page_parser.render(text).replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=PAGE_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
