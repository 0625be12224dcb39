from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VereineConfig(AppConfig):
    name = "vereine"
    verbose_name = _("Actors")
