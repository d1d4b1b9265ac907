from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    """The pages the footer links to: About, guidelines, Privacy, Terms, Contact."""

    name = "sitepages"
    verbose_name = "Site pages"
