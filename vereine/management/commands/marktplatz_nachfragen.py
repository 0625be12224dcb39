from importlib import import_module

from netzwerk.jobs import GeplanterBefehl


class Command(GeplanterBefehl):
    help = (
        "Ask both parties of every Marktplatz agreement that is due today or earlier “Umgesetzt?” "
        "by mail (once per agreement). Run daily (cron)."
    )

    def ausfuehren(self, **options) -> None:
        # Management commands are found in apps only; the workflow lives in the room, which a
        # core reaches by name (docs/architektur.md).
        services = import_module("vereine.marktplatz.services")
        anzahl = services.nachfragen()
        self.stdout.write(f"{anzahl} agreement(s) asked “Umgesetzt?”.")
