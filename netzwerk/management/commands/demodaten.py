from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from netzwerk.demo import DEMO_PASSWORT

# Each app keeps its own demo data in a module with `erzeugen()` and `loeschen()`; the order
# matters: later modules build on the objects of earlier ones.
MODULE = [
    "netzwerk.demo",
    "vereine.demo",
    "arbeitsgruppen.demo",
    "termine.demo",
    "termine.stammtisch.demo",
    "termine.ferien.demo",
    "termine.ferien.verlosung.demo",
    "termine.aktionstag.demo",
    "vereine.marktplatz.demo",
    "vereine.ressourcen.demo",
    "arbeitsgruppen.lde.demo",
    "arbeitsgruppen.jugend.demo",
    "netzwerk.koordination.demo",
]


class Command(BaseCommand):
    help = "Create (or update) the demo data of all apps. Safe to run repeatedly."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo data first, then create it anew."
        )

    @transaction.atomic
    def handle(self, *args, reset: bool = False, **options) -> None:
        module = []
        for name in MODULE:
            try:
                module.append(import_module(name))
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
        if reset:
            for mod in reversed(module):
                mod.loeschen()
        logins: dict[str, str] = {}
        for mod in module:
            logins.update(mod.erzeugen() or {})
        self.stdout.write(self.style.SUCCESS("Demo data ready (all content is marked as example)."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORT}):")
        for email, rolle in logins.items():
            self.stdout.write(f"  {rolle:<22} {email}")
