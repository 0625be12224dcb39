from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VereineConfig(AppConfig):
    name = "vereine"
    verbose_name = _("Actors")

    def ready(self) -> None:
        from netzwerk.berechtigungen import mitgliedschaft_registrieren
        from vereine.models import Mitgliedschaft

        # A member of any Akteur is in the network (netzwerk.berechtigungen.im_netzwerk).
        mitgliedschaft_registrieren(
            "vereine", lambda user: Mitgliedschaft.objects.filter(user=user)
        )

        # The rooms' admin modules; admin.autodiscover() only imports vereine.admin, and a core
        # reaches a room by name only.
        from importlib import import_module

        import_module("vereine.marktplatz.admin")
        import_module("vereine.ressourcen.admin")
        # The pool's section on a Termin's page (registered with termine.abschnitte).
        import_module("vereine.ressourcen.termin")
        # Figures of the funder's report (netzwerk.kennzahlen), the core's and the rooms'.
        import_module("vereine.kennzahlen")
        import_module("vereine.marktplatz.kennzahlen")
        import_module("vereine.ressourcen.kennzahlen")
