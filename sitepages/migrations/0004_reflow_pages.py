"""Let the footer pages' paragraphs flow, and put their sections at level 2.

The site's Markdown keeps every line break a member types, so the first
pages' hard-wrapped paragraphs broke mid-sentence, and their "###" sections
sat under the page's h1 with no h2 between. A page staff have edited since
is left as they wrote it; reversing brings back the earlier text, again only
where nobody has edited it.
"""

import importlib
import re

from django.db import migrations
from django.utils import timezone

from forum.markdown import render_page_markdown

first = importlib.import_module("sitepages.migrations.0002_first_pages")
privacy = importlib.import_module(
    "sitepages.migrations.0003_privacy_export_and_deletion"
)

# Said in the guidelines now that new members' links wait for a moderator.
LINKS_RULE = (
    "In a member's first day, a post with a link waits for a moderator "
    "before others can see it."
)


# A line that starts a list item, which stays on a line of its own.
_ITEM = re.compile(r"^(?:[-*] |\d+\. )")


def _join(paragraph: str) -> str:
    lines: list[str] = []
    for line in paragraph.split("\n"):
        if lines and not _ITEM.match(line):
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines)


def reflow(text: str) -> str:
    """Join each paragraph's and list item's lines; make "###" sections "##"."""
    paragraphs = [_join(p) for p in text.strip().split("\n\n")]
    text = "\n\n".join(paragraphs) + "\n"
    return re.sub(r"^### ", "## ", text, flags=re.MULTILINE)


def _changes() -> list[tuple[str, str, str]]:
    """Return (slug, earlier text, new text) for each page."""
    changes = []
    for slug, _title, body in first.PAGES:
        if slug == "privacy":
            body = privacy.PRIVACY
        new = reflow(body)
        if slug == "guidelines":
            new = new.rstrip("\n") + " " + LINKS_RULE + "\n"
        changes.append((slug, body, new))
    return changes


def _replace(apps, *, forwards: bool) -> None:
    SitePage = apps.get_model("sitepages", "SitePage")
    for slug, earlier, new in _changes():
        old, replacement = (earlier, new) if forwards else (new, earlier)
        SitePage.objects.filter(slug=slug, body=old).update(
            body=replacement,
            body_html=render_page_markdown(replacement),
            updated_at=timezone.now(),
        )


def reflow_pages(apps, schema_editor):
    _replace(apps, forwards=True)


def restore_earlier_text(apps, schema_editor):
    _replace(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("sitepages", "0003_privacy_export_and_deletion")]

    operations = [migrations.RunPython(reflow_pages, restore_earlier_text)]
