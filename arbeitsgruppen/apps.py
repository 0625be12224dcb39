from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArbeitsgruppenConfig(AppConfig):
    name = "arbeitsgruppen"
    verbose_name = _("Working groups")

    def ready(self) -> None:
        """The app's wiring: memberships, and the rooms' admin and registry entries."""
        from importlib import import_module

        from arbeitsgruppen.jugend import register as jugend
        from arbeitsgruppen.models import Mitglied
        from netzwerk.berechtigungen import mitgliedschaft_registrieren

        # A member of any working group is in the network (netzwerk.berechtigungen.im_netzwerk).
        mitgliedschaft_registrieren(
            "arbeitsgruppen", lambda user: Mitglied.objects.filter(user=user)
        )

        # The rooms' admin modules and report figures; a core reaches a room by name only.
        import_module("arbeitsgruppen.lde.admin")
        import_module("arbeitsgruppen.lde.kennzahlen")
        # The project's section on a phase's Termin page (registered with termine.abschnitte).
        import_module("arbeitsgruppen.lde.termin")

        from arbeitsgruppen.lde import datenschutz as lde_datenschutz
        from netzwerk import datenschutz

        datenschutz.bereich(
            datenschutz.Bereich(
                "lde",
                regeln=lde_datenschutz.REGELN,
                register=lde_datenschutz.REGISTER,
                vollstaendig=lde_datenschutz.VOLLSTAENDIG,
                anwenden=lde_datenschutz.anwenden,
            )
        )

        import_module("arbeitsgruppen.jugend.admin")
        jugend.registrieren()

        # Figures of the funder's report (netzwerk.kennzahlen).
        from arbeitsgruppen import kennzahlen  # noqa: F401
