from django.core.management.base import BaseCommand

from termine.vorkommen import aufbauen


class Command(BaseCommand):
    help = (
        "Rebuild the materialised occurrences of all dates and move their horizon on. Run it "
        "daily by cron, e.g. 45 2 * * * manage.py vorkommen_aufbauen"
    )

    def handle(self, *args, **options) -> None:
        anzahl = aufbauen()
        self.stdout.write(self.style.SUCCESS(f"{anzahl} occurrence(s) written."))
