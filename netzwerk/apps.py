from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Network")

    def ready(self) -> None:
        from django.core import checks

        from netzwerk import zwischenspeicher
        from netzwerk.checks import site_url_check
        from netzwerk.datenschutz import datenschutz_check

        # Every room's personal fields have a retention rule (rooms register in their ready()).
        checks.register(datenschutz_check, "datenschutz")
        # A deployment check: `manage.py check --deploy` shows it, a plain `check` does not.
        checks.register(site_url_check, checks.Tags.security, deploy=True)

        # The room netzwerk/koordination: its admin, its report figures and agenda proposals.
        # (The other apps register their own figures in their ready().)
        from importlib import import_module

        import_module("netzwerk.koordination.admin")
        import_module("netzwerk.koordination.kennzahlen")
        import_module("netzwerk.koordination.termin")  # section of a meeting's page

        # Content versions of the page cache and the feeds' ETags follow every save.
        zwischenspeicher.verbinden()
