from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        # The forum and accounts announce their events as signals; this app,
        # above both, listens (receivers.py) so that neither imports it.
        from . import receivers  # noqa: F401
