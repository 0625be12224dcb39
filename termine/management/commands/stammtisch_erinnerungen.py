from django.core.management.base import BaseCommand

from termine.stammtisch.services import erinnerungen_senden


class Command(BaseCommand):
    help = (
        "Send the Stammtisch reminders that are due (each meeting once). Run it daily by cron, "
        "e.g. 0 8 * * * manage.py stammtisch_erinnerungen"
    )

    def handle(self, *args, **options) -> None:
        erinnert = erinnerungen_senden()
        for stammtisch in erinnert:
            self.stdout.write(f"Reminder queued: {stammtisch}")
        self.stdout.write(self.style.SUCCESS(f"{len(erinnert)} reminder(s) queued."))
