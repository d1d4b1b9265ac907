from functools import cached_property

from django.core.paginator import Paginator


class KnownCountPaginator(Paginator):
    """A paginator that trusts a stored counter instead of running COUNT(*)."""

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        if self._known_count is None:
            return super().count
        return self._known_count
