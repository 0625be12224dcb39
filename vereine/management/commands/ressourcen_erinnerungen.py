from importlib import import_module

from netzwerk.jobs import GeplanterBefehl


class Command(GeplanterBefehl):
    help = (
        "Remind borrowers on the last day of their lending to bring the item back (each "
        "lending once). Run it daily by cron, e.g. 0 8 * * * manage.py ressourcen_erinnerungen"
    )

    def ausfuehren(self, **options) -> None:
        # A core reaches a room by name only (docs/architektur.md).
        dienste = import_module("vereine.ressourcen.services")
        anzahl = dienste.rueckgabe_erinnern()
        self.stdout.write(self.style.SUCCESS(f"{anzahl} reminder(s) queued."))
