"""What every page's head says about it: its address, title and description."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.base import NodeList
from django.template.loader_tags import BlockNode
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from ..text import html_to_text

register = template.Library()

# As django.utils.html.json_script escapes them: no "</script>" or "<!--"
# in the data can end the script element or change how it is parsed.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def canonical_url(context, path: str = "", **params) -> str:
    """Return the page's one address for search engines, on settings.SITE_URL.

    path defaults to the request's; params are the query parameters that
    make a different page (empty ones are left out); the page number of
    page_obj is kept when it is past the first. Built from the site's
    address, never the request's Host, so that a stored page names the same
    address whoever asked for it first.
    """
    query = {name: value for name, value in params.items() if value}
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        query["page"] = page.number
    request = context.get("request")
    url = settings.SITE_URL + (path or (request.path if request else "/"))
    return f"{url}?{urlencode(query)}" if query else url


@register.simple_tag(takes_context=True)
def repeat_block(context, name: str) -> SafeString:
    """Render the block name again, as the page filled it, on one line.

    For the head's Open Graph tags, which say what the title and
    description blocks already say. The output is the block's own, escaped
    as it rendered; only its whitespace is collapsed.
    """
    # A BlockNode renders the most derived template's version of its block.
    html = BlockNode(name, NodeList()).render(context)
    return mark_safe(" ".join(html.split()))


@register.filter
def plain_text(value: str) -> str:
    """Return the text a reader sees of the site's own sanitised HTML."""
    return html_to_text(value)


@register.filter
def json_ld(value) -> SafeString:
    """Return value as a JSON-LD script element for search engines.

    Every <, > and & in the JSON is written as a \\u escape, which JSON
    readers decode back, so text in the data cannot break out of the element.
    """
    data = json.dumps(value, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(data)
    )
