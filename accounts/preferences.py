"""Reading preferences kept in cookies, so they cost anonymous readers nothing."""

TEXT_SIZES = ("small", "medium", "large")
DEFAULT_TEXT_SIZE = "medium"
TEXT_SIZE_COOKIE = "text_size"

CONTRASTS = ("normal", "high")
CONTRAST_COOKIE = "contrast"

# A year: these choices are a reader's needs, not passing whims.
PREFERENCE_MAX_AGE = 365 * 24 * 60 * 60


def text_size_from(request) -> str:
    """Return the reader's chosen text size, or the default."""
    size = request.COOKIES.get(TEXT_SIZE_COOKIE, DEFAULT_TEXT_SIZE)
    return size if size in TEXT_SIZES else DEFAULT_TEXT_SIZE


def contrast_from(request) -> str:
    """Return "high" if the reader asked for high contrast, else "normal"."""
    contrast = request.COOKIES.get(CONTRAST_COOKIE, "normal")
    return contrast if contrast in CONTRASTS else "normal"


def reading_preferences(request) -> tuple[str, str]:
    """Return the preferences that change how a page looks (its cache variant)."""
    return text_size_from(request), contrast_from(request)
