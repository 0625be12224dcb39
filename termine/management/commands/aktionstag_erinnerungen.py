from django.core.management.base import BaseCommand

from termine.aktionstag.services import erinnerungen_senden


class Command(BaseCommand):
    help = (
        "Remind the helpers of tomorrow's shifts (each sign-up once). Run it daily by cron, "
        "e.g. 0 9 * * * manage.py aktionstag_erinnerungen"
    )

    def handle(self, *args, **options) -> None:
        erinnert = erinnerungen_senden()
        self.stdout.write(self.style.SUCCESS(f"{len(erinnert)} reminder(s) queued."))
