from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """A member's data: downloading all of it, and deleting their account.

    This app sits above every other: it asks each app for what it holds
    about a member (its own privacy.py) and has each erase its own part,
    all in one transaction.
    """

    name = "privacy"
    verbose_name = "Privacy"
