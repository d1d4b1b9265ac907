from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Load the demo community: each installed app of ours that has a demo "
        "module seeds its part, in INSTALLED_APPS order. Safe to run again."
    )

    def handle(self, *args, **options):
        logins = []
        for app_config in apps.get_app_configs():
            ours = Path(app_config.path).is_relative_to(settings.BASE_DIR)
            if not ours or not module_has_submodule(app_config.module, "demo"):
                continue
            demo = import_module(f"{app_config.name}.demo")
            with transaction.atomic():
                logins += demo.seed(self.stdout) or []
        self.stdout.write(self.style.SUCCESS("Demo community ready. Log in with:"))
        for line in logins:
            self.stdout.write(f"  {line}")
