"""Holiday periods (Ferienzeitraum) and holiday weeks (Ferienwoche)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.models import Schulferien
from termine.ferien.models.hilfen import RESERVIERTE_SLUGS


class FerienzeitraumQuerySet(models.QuerySet["Ferienzeitraum"]):
    def oeffentlich(self, jetzt: datetime | None = None) -> FerienzeitraumQuerySet:
        """Published periods whose publication time has come."""
        jetzt = jetzt or timezone.now()
        return self.filter(
            status__in=[Ferienzeitraum.Status.VEROEFFENTLICHT, Ferienzeitraum.Status.ABGESCHLOSSEN],
            veroeffentlichung__lte=jetzt,
        )

    def aktuell(self, jetzt: datetime | None = None) -> Ferienzeitraum | None:
        """The running or next public period; else the most recent one; None if none."""
        heute = timezone.localdate(jetzt or timezone.now())
        oeffentlich = self.oeffentlich(jetzt)
        return (
            oeffentlich.filter(ende__gte=heute).order_by("beginn").first()
            or oeffentlich.order_by("-ende").first()
        )


class Ferienzeitraum(models.Model):
    """A holiday period with its own programme, e.g. "Sommerferien 2026"."""

    class Modus(models.TextChoices):
        SOFORT = "sofort", pgettext_lazy("registration mode", "First come, with waiting list")
        VERLOSUNG = "verlosung", pgettext_lazy("registration mode", "Wish phase and lottery")

    class Status(models.TextChoices):
        ENTWURF = "entwurf", pgettext_lazy("period status", "Draft")
        VEROEFFENTLICHT = "veroeffentlicht", pgettext_lazy("period status", "Published")
        ABGESCHLOSSEN = "abgeschlossen", pgettext_lazy("period status", "Closed")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    schulferien = models.ForeignKey(
        Schulferien,
        verbose_name=_("school holidays"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ferienzeitraeume",
        help_text=_("First and last day are taken from here when you leave them empty."),
    )
    beginn = models.DateField(_("first day"), blank=True)
    ende = models.DateField(_("last day"), blank=True)
    beschreibung = models.TextField(_("introduction"), blank=True)
    veroeffentlichung = models.DateTimeField(
        _("published from"), default=timezone.now, help_text=_("From then on everyone sees it.")
    )
    anmeldung_ab = models.DateTimeField(_("registration opens"))
    anmeldung_bis = models.DateTimeField(_("registration closes"))
    modus = models.CharField(
        _("registration mode"), max_length=20, choices=Modus.choices, default=Modus.SOFORT
    )
    max_anmeldungen_pro_kind = models.PositiveSmallIntegerField(
        _("registrations per child"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. Waiting-list places count too."),
    )
    storno_frist_tage = models.PositiveSmallIntegerField(
        _("cancellation until … days before"),
        default=2,
        help_text=_("Families can cancel until this many days before the first day."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ENTWURF
    )

    objects = FerienzeitraumQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday period")
        verbose_name_plural = _("holiday periods")
        ordering = ["-beginn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gte=models.F("beginn")), name="ferienzeitraum_ende_nach_beginn"
            ),
            models.CheckConstraint(
                condition=Q(anmeldung_bis__gte=models.F("anmeldung_ab")),
                name="ferienzeitraum_anmeldung_reihenfolge",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ferien:liste", kwargs={"zeitraum": self.slug})

    def clean(self) -> None:
        if self.schulferien_id:
            self.beginn = self.beginn or self.schulferien.beginn
            self.ende = self.ende or self.schulferien.ende
        fehler: dict[str, str] = {}
        if self.slug in RESERVIERTE_SLUGS:
            fehler["slug"] = _("This address is used by the portal. Please choose another one.")
        if not self.beginn:
            fehler["beginn"] = _("Please enter the first day or choose the school holidays.")
        if not self.ende:
            fehler["ende"] = _("Please enter the last day or choose the school holidays.")
        if self.beginn and self.ende and self.ende < self.beginn:
            fehler["ende"] = _("The last day is before the first day. Please check it.")
        if self.anmeldung_ab and self.anmeldung_bis and self.anmeldung_bis < self.anmeldung_ab:
            fehler["anmeldung_bis"] = _("Registration closes before it opens. Please check it.")
        if fehler:
            raise ValidationError(fehler)

    def tage(self) -> list[date]:
        return [self.beginn + timedelta(days=i) for i in range((self.ende - self.beginn).days + 1)]

    def ist_oeffentlich(self, jetzt: datetime | None = None) -> bool:
        return self.status != self.Status.ENTWURF and self.veroeffentlichung <= (
            jetzt or timezone.now()
        )

    def anmeldung_offen(self, jetzt: datetime | None = None) -> bool:
        """Sofortanmeldung is possible right now."""
        jetzt = jetzt or timezone.now()
        return (
            self.status == self.Status.VEROEFFENTLICHT
            and self.ist_oeffentlich(jetzt)
            and self.anmeldung_ab <= jetzt <= self.anmeldung_bis
            # Wish mode: remaining places are first come once the Verlosung is confirmed.
            and (self.modus == self.Modus.SOFORT or self.verlosung_bestaetigt())
        )

    def verlosung_bestaetigt(self) -> bool:
        """Wish mode: a lottery run of this period has been confirmed."""
        return self.verlosungslaeufe.bestaetigt().exists()

    def anmeldung_kommt_noch(self, jetzt: datetime | None = None) -> bool:
        """Registration (first come) will open at ``anmeldung_ab``; in wish mode only once
        the lottery is confirmed, before that families enter wishes instead."""
        return (jetzt or timezone.now()) < self.anmeldung_ab and (
            self.modus == self.Modus.SOFORT or self.verlosung_bestaetigt()
        )


class Ferienwoche(models.Model):
    """One programme week that several Akteure fill together (e.g. "Ferienwoche am Schloss")."""

    zeitraum = models.ForeignKey(
        Ferienzeitraum,
        verbose_name=_("holiday period"),
        on_delete=models.CASCADE,
        related_name="ferienwochen",
    )
    titel = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=100)
    beschreibung = models.TextField(_("description"), blank=True)
    beginn = models.DateField(_("first day"))
    ende = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("holiday week")
        verbose_name_plural = _("holiday weeks")
        ordering = ["beginn"]
        constraints = [
            models.UniqueConstraint(fields=["zeitraum", "slug"], name="ferienwoche_slug_eindeutig"),
            models.CheckConstraint(
                condition=Q(ende__gte=models.F("beginn")), name="ferienwoche_ende_nach_beginn"
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("ferien:woche", kwargs={"zeitraum": self.zeitraum.slug, "woche": self.slug})
