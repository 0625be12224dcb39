from netzwerk.jobs import GeplanterBefehl
from termine.stammtisch.services import erinnerungen_senden


class Command(GeplanterBefehl):
    help = (
        "Send the Stammtisch reminders that are due (each meeting once). Run it daily by cron, "
        "e.g. 0 8 * * * manage.py stammtisch_erinnerungen"
    )

    def ausfuehren(self, **options) -> None:
        erinnert = erinnerungen_senden()
        for stammtisch in erinnert:
            self.stdout.write(f"Reminder queued: {stammtisch}")
        self.stdout.write(self.style.SUCCESS(f"{len(erinnert)} reminder(s) queued."))
