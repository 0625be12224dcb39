from netzwerk import datenschutz
from netzwerk.jobs import GeplanterBefehl


class Command(GeplanterBefehl):
    help = (
        "Enforce the retention rules of every room in the privacy registry "
        "(netzwerk.datenschutz). Run it daily (cron) or enqueue netzwerk.datenschutz.taeglich."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="Only count what would change.")

    def ausfuehren(self, dry_run: bool = False, **options) -> None:
        for name, bericht in datenschutz.alles_anwenden(dry_run=dry_run).items():
            for zeile in bericht.zeilen():
                self.stdout.write(f"{name}: {zeile}")
