from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArbeitsgruppenConfig(AppConfig):
    name = "arbeitsgruppen"
    verbose_name = _("Working groups")

    def ready(self) -> None:
        from arbeitsgruppen.models import Mitglied
        from netzwerk.berechtigungen import mitgliedschaft_registrieren

        # A member of any working group is in the network (netzwerk.berechtigungen.im_netzwerk).
        mitgliedschaft_registrieren(
            "arbeitsgruppen", lambda user: Mitglied.objects.filter(user=user)
        )
        # Figures of the funder's report (netzwerk.kennzahlen).
        from arbeitsgruppen import kennzahlen  # noqa: F401
