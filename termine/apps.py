from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermineConfig(AppConfig):
    name = "termine"
    verbose_name = _("Dates")

    def ready(self) -> None:
        # The admin of the Stammtisch and the Ferienkalender live in their own modules;
        # admin.autodiscover() only imports termine.admin.
        from importlib import import_module
        from importlib.util import find_spec

        for modul in (
            "termine.admin_stammtisch",
            "termine.admin_ferien",
            "termine.admin_verlosung",
        ):
            if find_spec(modul):
                import_module(modul)
