"""Abstract base models for the bookkeeping fields many models share, declared once.

- :class:`Erstellt`: ``erstellt``, when the row was created.
- :class:`Zeitstempel`: ``erstellt`` and ``geaendert`` (changed on every save).
- :class:`ErstelltVon`: ``erstellt_von``, the user who created the row (kept as NULL when the
  account goes; no reverse accessor on the user).

Only models whose fields are exactly these use them (`makemigrations --check` stays quiet);
a model whose "created" means something else ("registered on", "computed on", a default
instead of auto_now_add) keeps its own field with its own words.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Erstellt(models.Model):
    erstellt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True


class Zeitstempel(Erstellt):
    geaendert = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        abstract = True


class ErstelltVon(models.Model):
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
