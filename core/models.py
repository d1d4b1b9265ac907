from django.db import models


class CacheEntry(models.Model):
    """A row of the durable cache, settings.CACHES["default"] (core/cache.py).

    Django's DatabaseCache reads and writes this table with its own SQL; the
    model exists so that migrations create the table wherever the site runs
    (as createcachetable would, column for column) and so that test
    databases empty it between tests. Nothing else uses it.
    """

    cache_key = models.CharField(max_length=255, unique=True, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "core_cache"
        verbose_name_plural = "cache entries"

    def __str__(self):
        return self.cache_key
