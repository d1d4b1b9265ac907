"""Text a member types must show something: no posts made of invisible characters.

And the plain text a reader sees of the HTML the site rendered, for the
places that take text rather than markup.
"""

import html
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

# Categories with no glyph of their own: spaces and line separators (Z*),
# controls, format characters such as zero-width spaces, joiners and the
# BOM (Cc, Cf), and unassigned, private-use and surrogate code points.
# Combining marks (Mn, Me) only decorate the character before them.
_INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Me"}

# Letters and symbols that fonts draw as blank space. The Hangul fillers are
# default-ignorable letters; the braille blank is a symbol with no dots.
_BLANK_CHARACTERS = {
    "\u115f",  # HANGUL CHOSEONG FILLER
    "\u1160",  # HANGUL JUNGSEONG FILLER
    "\u3164",  # HANGUL FILLER
    "\uffa0",  # HALFWIDTH HANGUL FILLER
    "\u2800",  # BRAILLE PATTERN BLANK
}

INVISIBLE_TEXT_MESSAGE = (
    "This has nothing a reader can see: only spaces or invisible characters. "
    "Please type some words."
)


def is_invisible(char: str) -> bool:
    """Return whether char draws nothing a reader can see on its own."""
    return char in _BLANK_CHARACTERS or (
        unicodedata.category(char) in _INVISIBLE_CATEGORIES
    )


def has_visible_text(value: str) -> bool:
    """Return whether value holds at least one character a reader can see."""
    return not all(is_invisible(char) for char in value)


def require_visible_text(value: str) -> None:
    """Refuse text made only of spaces and invisible characters."""
    if not has_visible_text(value):
        raise ValidationError(INVISIBLE_TEXT_MESSAGE, code="invisible")


class VisibleTextMixin:
    """Make every text field of a form refuse text that shows nothing.

    Validators run only on values that are not empty, so optional fields
    stay optional; a password is a secret rather than text for readers, and
    hidden fields are not typed, so both are left alone.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput | forms.HiddenInput
            ):
                field.validators.append(require_visible_text)


# Elements that start a new line when shown: their text must not run into
# the next element's once the tags are gone.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|hr)\b[^>]*>",
    re.IGNORECASE,
)


def html_to_text(value: str) -> str:
    """Return what a reader sees of value's HTML as plain text, on one line.

    For meta descriptions and structured data, which take text, not markup.
    Only ever given HTML the site rendered and sanitised itself.
    """
    text = html.unescape(strip_tags(_BLOCK_TAG.sub(" ", value)))
    return " ".join(text.split())
