from netzwerk.jobs import GeplanterBefehl
from termine.ferien import datenschutz


class Command(GeplanterBefehl):
    help = (
        "Enforce the Ferienkalender's retention rules: erase notes 14 days after the occasion, "
        "delete waiting entries that never moved up, pseudonymise 12 weeks after the period, "
        "delete wishes and wish groups and remove children from the lottery change log. "
        "Run it daily (cron) or enqueue termine.datenschutz.taeglich."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="Only count what would change.")

    def ausfuehren(self, dry_run: bool = False, **options) -> None:
        bericht = datenschutz.anwenden(dry_run=dry_run)
        for zeile in bericht.zeilen():
            self.stdout.write(zeile)
