from .preferences import TEXT_SIZES, contrast_from, text_size_from


def reading_preferences(request):
    """Expose the reader's text size and contrast to every template."""
    return {
        "text_size": text_size_from(request),
        "text_sizes": TEXT_SIZES,
        "contrast": contrast_from(request),
    }
