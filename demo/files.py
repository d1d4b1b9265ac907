"""Read the demo community's TOML files under content/."""

import re
import tomllib
from pathlib import Path

CONTENT_DIR = Path(__file__).parent / "content"

# A line that starts a Markdown block rather than continuing a paragraph.
_BLOCK_START = re.compile(r"\s*$|[-*] |\d+\. |#|\|")


def read_toml(path: str | Path) -> dict:
    """Return the TOML file at path, taken from the content folder."""
    path = CONTENT_DIR / path
    with path.open("rb") as file:
        try:
            return tomllib.load(file)
        except tomllib.TOMLDecodeError as error:
            error.add_note(f"in {path}")
            raise


def unwrap(text: str) -> str:
    """Join the hard-wrapped lines of text into paragraphs and list items.

    Posts render single line breaks as breaks, as members type them, so the
    files' line breaks inside a paragraph or list item are taken out here.
    """
    lines: list[str] = []
    for line in text.splitlines():
        follows_text = lines and lines[-1] and not lines[-1].startswith(("#", "|"))
        if follows_text and not _BLOCK_START.match(line):
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines).strip()
