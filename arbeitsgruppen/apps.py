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

        import_module("arbeitsgruppen.jugend.admin")
        jugend.registrieren()
