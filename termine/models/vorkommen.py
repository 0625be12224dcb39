"""Occurrences of the Termine, materialised up to a horizon (see :mod:`termine.vorkommen`).

One row per occurrence whose start lies within the stored horizon, so that the calendar's
lists are indexed range queries with LIMIT instead of expanding every series in Python.
Derived data: rebuilt for a Termin whenever it (or its exceptions, or the school holidays)
changes, and completely by the daily job (``manage.py vorkommen_aufbauen``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Vorkommen(models.Model):
    termin = models.ForeignKey(
        "termine.Termin",
        verbose_name=_("date"),
        on_delete=models.CASCADE,
        related_name="vorkommen_zeilen",
    )
    start = models.DateTimeField(_("start"))
    ende = models.DateTimeField(_("end"))
    # Local first and last day (an end at midnight belongs to the day before).
    tag = models.DateField(_("day"))
    letzter_tag = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["start"], name="vorkommen_start"),
            models.Index(fields=["termin", "start"], name="vorkommen_termin_start"),
        ]

    def __str__(self) -> str:
        return f"{self.termin_id} @ {self.start:%Y-%m-%d %H:%M}"


class VorkommenStand(models.Model):
    """The horizon the table covers: every occurrence starting in [von, bis) has its row.
    A single row (pk 1); missing until the table is first built."""

    von = models.DateTimeField(_("from"))
    bis = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("occurrence horizon")
        verbose_name_plural = _("occurrence horizons")

    def __str__(self) -> str:
        return f"{self.von:%Y-%m-%d} – {self.bis:%Y-%m-%d}"
