from netzwerk.jobs import GeplanterBefehl
from termine.aktionstag.services import erinnerungen_senden


class Command(GeplanterBefehl):
    help = (
        "Remind the helpers of tomorrow's shifts (each sign-up once). Run it daily by cron, "
        "e.g. 0 9 * * * manage.py aktionstag_erinnerungen"
    )

    def ausfuehren(self, **options) -> None:
        erinnert = erinnerungen_senden()
        self.stdout.write(self.style.SUCCESS(f"{len(erinnert)} reminder(s) queued."))
