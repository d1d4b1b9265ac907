"""Reading preferences kept in a cookie, so they cost anonymous readers nothing."""

TEXT_SIZES = ("small", "medium", "large")
DEFAULT_TEXT_SIZE = "medium"
TEXT_SIZE_COOKIE = "text_size"
# A year: the choice is a reader's need, not a passing whim.
TEXT_SIZE_MAX_AGE = 365 * 24 * 60 * 60


def text_size_from(request) -> str:
    """Return the reader's chosen text size, or the default."""
    size = request.COOKIES.get(TEXT_SIZE_COOKIE, DEFAULT_TEXT_SIZE)
    return size if size in TEXT_SIZES else DEFAULT_TEXT_SIZE
