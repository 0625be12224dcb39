from netzwerk.jobs import GeplanterBefehl
from termine.vorkommen import aufbauen


class Command(GeplanterBefehl):
    help = (
        "Rebuild the materialised occurrences of all dates and move their horizon on. Run it "
        "daily by cron, e.g. 45 2 * * * manage.py vorkommen_aufbauen"
    )

    def ausfuehren(self, **options) -> None:
        anzahl = aufbauen()
        self.stdout.write(self.style.SUCCESS(f"{anzahl} occurrence(s) written."))
