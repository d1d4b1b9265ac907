import pytest


@pytest.fixture
def safety_log():
    """Collect what the safety app logs (pytest's caplog may be switched off)."""
    import io
    import logging

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("safety")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
