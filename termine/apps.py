from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermineConfig(AppConfig):
    name = "termine"
    verbose_name = _("Dates")

    def ready(self) -> None:
        """The app's wiring, in one place: signals, and the rooms' entries in netzwerk's
        registries.

        (The admin modules are imported by the `termine.admin` package, which Django's
        admin autodiscovery imports.)"""
        from django.db.models.signals import pre_delete

        from netzwerk import datenschutz as netzwerk_datenschutz
        from termine import vorkommen
        from termine.aktionstag import datenschutz as aktionstag_datenschutz
        from termine.aktionstag import registrieren as aktionstag
        from termine.ferien import datenschutz
        from termine.ferien import services as ferien
        from termine.models import Kind

        vorkommen.verbinden()

        netzwerk_datenschutz.bereich(
            netzwerk_datenschutz.Bereich(
                "ferien",
                regeln=datenschutz.REGELN,
                register=datenschutz.REGISTER,
                vollstaendig=tuple(datenschutz.VOLLSTAENDIG),
                anwenden=datenschutz.anwenden,
            )
        )
        netzwerk_datenschutz.bereich(
            netzwerk_datenschutz.Bereich(
                "aktionstag",
                regeln=aktionstag_datenschutz.REGELN,
                register=aktionstag_datenschutz.REGISTER,
                vollstaendig=aktionstag_datenschutz.VOLLSTAENDIG,
                anwenden=aktionstag_datenschutz.anwenden,
            )
        )
        aktionstag.registrieren()
        pre_delete.connect(
            ferien.vor_dem_loeschen_eines_kindes,
            sender=Kind,
            dispatch_uid="ferien_plaetze_freigeben",
        )
        # Figures of the funder's report (netzwerk.kennzahlen): the core's and the rooms'.
        from termine import kennzahlen  # noqa: F401
        from termine.ferien import kennzahlen as ferien_kennzahlen  # noqa: F401
        from termine.stammtisch import kennzahlen as stammtisch_kennzahlen  # noqa: F401
