"""The site's URLs plus two views that fail on purpose, for the error pages."""

from django.db import OperationalError
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns


def explode(request):
    raise RuntimeError("a bug the reader must never see")


def lose_database(request):
    raise OperationalError("connection refused: secret-host.internal:5432")


urlpatterns = [
    *urlpatterns,
    path("boom/", explode),
    path("db-gone/", lose_database),
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
