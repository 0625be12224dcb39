from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermineConfig(AppConfig):
    name = "termine"
    verbose_name = _("Dates")

    def ready(self) -> None:
        """The app's wiring, in one place: signals and system checks of its rooms.

        (The admin modules are imported by the `termine.admin` package, which Django's
        admin autodiscovery imports.)"""
        from django.core import checks
        from django.db.models.signals import pre_delete

        from termine.ferien import datenschutz
        from termine.ferien import services as ferien
        from termine.models import Kind

        checks.register(datenschutz.datenschutz_check, "datenschutz")
        pre_delete.connect(
            ferien.vor_dem_loeschen_eines_kindes,
            sender=Kind,
            dispatch_uid="ferien_plaetze_freigeben",
        )
