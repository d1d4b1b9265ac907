"""Let apps above another add to its pages without it importing them.

A page's view calls ``page_context("thread_detail", request, thread=...)``
and merges the result into its context; settings.PAGE_CONTEXT_HOOKS lists,
for each such name, the dotted paths of functions ``hook(request, **objects)
-> dict`` to call. The forum thus shows the notifications app's Follow
buttons while depending on nothing above it.

A hook must return {} for an anonymous reader: their pages are stored and
served to every other anonymous reader (core.pagecache). The exception is
what every reader sees alike and whose every change expires the page
through core.pagecache's SCOPES (the safety app's banner on a thread).
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string


@functools.cache
def _hooks(name: str) -> tuple[Callable[..., dict], ...]:
    paths = getattr(settings, "PAGE_CONTEXT_HOOKS", {}).get(name, ())
    return tuple(import_string(path) for path in paths)


@receiver(setting_changed)
def _forget_hooks(*, setting, **kwargs):
    if setting == "PAGE_CONTEXT_HOOKS":
        _hooks.cache_clear()


def page_context(name: str, request, **objects) -> dict:
    """Return what the hooks for the page name add to its context, merged."""
    context: dict = {}
    for hook in _hooks(name):
        context.update(hook(request, **objects))
    return context
