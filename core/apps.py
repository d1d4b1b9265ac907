from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares and no app owns: page cache, middleware, health."""

    name = "core"
    verbose_name = "Site"
