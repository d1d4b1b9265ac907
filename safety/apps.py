from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = "Safety"

    def ready(self):
        # The forum announces written posts as signals; this app, above it,
        # listens (receivers.py) so that the forum never imports it.
        from . import receivers  # noqa: F401
