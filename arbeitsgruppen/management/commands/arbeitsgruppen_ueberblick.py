from django.utils import timezone

from arbeitsgruppen import services
from netzwerk.jobs import GeplanterBefehl, zeitfenster


class Command(GeplanterBefehl):
    help = (
        "Send the overview mails of the working groups. Run weekly (e.g. Monday 7:00) with "
        "--woechentlich and daily (e.g. 7:00) with --taeglich. Runs once per day or week, even "
        "when started on several machines."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        gruppe = parser.add_mutually_exclusive_group()
        gruppe.add_argument("--woechentlich", action="store_true", help="weekly overview (default)")
        gruppe.add_argument("--taeglich", action="store_true", help="daily overview")

    def jobname(self, taeglich: bool = False, **options) -> str:
        return "arbeitsgruppen_ueberblick_" + ("taeglich" if taeglich else "woechentlich")

    def fenster(self, taeglich: bool = False, **options) -> str:
        return zeitfenster("tag" if taeglich else "woche")

    def ausfuehren(self, taeglich: bool = False, **options) -> None:
        jetzt = timezone.now()
        if taeglich:
            anzahl = services.tagesueberblick_senden(jetzt=jetzt)
        else:
            anzahl = services.wochenueberblick_senden(jetzt=jetzt)
        self.stdout.write(f"{anzahl} overview mail(s) queued.")
