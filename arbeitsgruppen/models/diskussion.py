"""Discussion threads and posts."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arbeitsgruppen.models.gruppen import Arbeitsgruppe


class Thread(models.Model):
    """A discussion topic of a group."""

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="threads",
    )
    titel = models.CharField(_("title"), max_length=200)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("started"), default=timezone.now)
    letzter_beitrag = models.DateTimeField(_("last post"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-letzter_beitrag", "-pk"]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("arbeitsgruppen:thread", kwargs={"slug": self.gruppe.slug, "pk": self.pk})


# Own posts can be corrected for this long after writing them.
BEARBEITUNGSFENSTER = timedelta(minutes=30)


class Beitrag(models.Model):
    """A post in a thread: plain text (links become clickable when shown)."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("discussion"), on_delete=models.CASCADE, related_name="beitraege"
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ag_beitraege",
    )
    text = models.TextField(_("text"), max_length=10000)
    erstellt = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    bearbeitet = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["erstellt", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def bearbeitbar_von(self, user, jetzt=None) -> bool:
        jetzt = jetzt or timezone.now()
        return bool(
            user.is_authenticated
            and self.autor_id == user.pk
            and jetzt - self.erstellt <= BEARBEITUNGSFENSTER
        )
