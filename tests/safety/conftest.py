from importlib import import_module

import pytest

from safety.models import SafetyPattern
from safety.screening import forget_cached


@pytest.fixture
def starting_set(db):
    """The patterns and crisis lines the data migration ships.

    A transactional test empties every table when it ends, data migrations'
    rows too; this puts them back for the tests that read them.
    """
    if not SafetyPattern.objects.exists():
        migration = import_module("safety.migrations.0002_starting_set")
        from django.apps import apps

        migration.add_starting_set(apps, None)
    forget_cached()
    return {pattern.name: pattern for pattern in SafetyPattern.objects.all()}


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
