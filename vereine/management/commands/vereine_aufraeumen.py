from netzwerk.jobs import GeplanterBefehl
from vereine.services import rueckmeldungen_aufraeumen


class Command(GeplanterBefehl):
    help = (
        "Delete the personal data of responses to volunteer needs that ended more than six "
        "months ago. Run daily (cron or the task worker)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def ausfuehren(self, dry_run: bool = False, **options) -> None:
        ergebnis = rueckmeldungen_aufraeumen(probelauf=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(
            f"{ergebnis.rueckmeldungen} response(s) {verb} "
            f"(needs that ended before {ergebnis.stichtag:%Y-%m-%d})."
        )
