from django.core.management.base import BaseCommand
from django.utils import timezone

from arbeitsgruppen import services


class Command(BaseCommand):
    help = (
        "Send the overview mails of the working groups. Run weekly (e.g. Monday 7:00) with "
        "--woechentlich and daily (e.g. 7:00) with --taeglich. Safe to run twice."
    )

    def add_arguments(self, parser) -> None:
        gruppe = parser.add_mutually_exclusive_group()
        gruppe.add_argument("--woechentlich", action="store_true", help="weekly overview (default)")
        gruppe.add_argument("--taeglich", action="store_true", help="daily overview")

    def handle(self, *args, taeglich: bool = False, **options) -> None:
        jetzt = timezone.now()
        if taeglich:
            anzahl = services.tagesueberblick_senden(jetzt=jetzt)
        else:
            anzahl = services.wochenueberblick_senden(jetzt=jetzt)
        self.stdout.write(f"{anzahl} overview mail(s) queued.")
