"""Arbeitsgruppen (working groups) and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vereine.models import Akteur


class Arbeitsgruppe(models.Model):
    class Sichtbarkeit(models.TextChoices):
        OEFFENTLICH = "oeffentlich", pgettext_lazy("group visibility", "Public")
        TRANSPARENT = "transparent", pgettext_lazy("group visibility", "Transparent")
        INTERN = "intern", pgettext_lazy("group visibility", "Internal")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    zweck = models.TextField(_("purpose"), blank=True)
    ziele = models.TextField(_("goals"), blank=True)
    sichtbarkeit = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Sichtbarkeit.choices,
        default=Sichtbarkeit.TRANSPARENT,
        help_text=_(
            "Public: everyone reads. Transparent: everyone in the network reads, members "
            "write. Internal: members only."
        ),
    )
    uebergeordnet = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="untergruppen",
    )
    kontakt = models.CharField(_("contact"), max_length=200, blank=True)
    rhythmus = models.CharField(
        _("meeting rhythm"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “every first Monday of the month, 19:00”"),
    )
    akteure = models.ManyToManyField(
        Akteur, verbose_name=_("linked actors"), blank=True, related_name="arbeitsgruppen"
    )
    erstellt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("arbeitsgruppen:detail", kwargs={"slug": self.slug})


class Mitglied(models.Model):
    """A user's membership in a working group."""

    class Rolle(models.TextChoices):
        LEITUNG = "leitung", pgettext_lazy("group role", "Lead")
        MITGLIED = "mitglied", pgettext_lazy("group role", "Member")

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="mitglieder",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="ag_mitgliedschaften",
    )
    rolle = models.CharField(
        _("role"), max_length=20, choices=Rolle.choices, default=Rolle.MITGLIED
    )
    seit = models.DateField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["gruppe__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["gruppe", "user"], name="ag_mitglied_eindeutig"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.gruppe}"
