"""Stammtisch series, their rotation pool (Teilnahme) and blocked dates (Verhinderung)."""

from __future__ import annotations

from datetime import date, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk.berechtigungen import ist_koordination
from netzwerk.zeit import kurzes_datum
from termine.models.termin import Termin
from termine.stammtisch.rotation import Cadence, Frequency
from vereine.models import Akteur


def adressen_aus_text(text: str) -> list[str]:
    """The e-mail addresses of a "one per line" text field, stripped, without blanks."""
    return [zeile.strip() for zeile in (text or "").splitlines() if zeile.strip()]


def adressliste_pruefen(text: str) -> None:
    """Validator: every non-empty line must be one e-mail address."""
    pruefer = EmailValidator()
    falsche = []
    for adresse in adressen_aus_text(text):
        try:
            pruefer(adresse)
        except ValidationError:
            falsche.append(adresse)
    if falsche:
        raise ValidationError(
            _(
                "These lines are not e-mail addresses: %(adressen)s. "
                "Please write one address per line."
            ),
            params={"adressen": ", ".join(falsche)},
            code="adressen",
        )


class StammtischreiheQuerySet(models.QuerySet["Stammtischreihe"]):
    def aktiv(self) -> StammtischreiheQuerySet:
        return self.filter(aktiv=True)

    def koordiniert_von(self, user) -> StammtischreiheQuerySet:
        """Series `user` runs: named as coordinator, or all for staff."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(koordination=user)


class Stammtischreihe(models.Model):
    """A series of Stammtisch meetings with its rotation pool and cadence."""

    class Rhythmus(models.TextChoices):
        # Values match termine.rotation.Frequency.
        MONATLICH = Frequency.MONTHLY.value, pgettext_lazy("cadence", "Monthly")
        WOECHENTLICH = Frequency.WEEKLY.value, pgettext_lazy("cadence", "Weekly")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    beschreibung = models.TextField(_("description"), blank=True)
    arbeitsgruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stammtischreihen",
        help_text=_("The Stammtisch group that runs this series, if there is one."),
    )
    aktiv = models.BooleanField(_("active"), default=True)

    rhythmus = models.CharField(
        _("cadence"), max_length=20, choices=Rhythmus.choices, default=Rhythmus.MONATLICH
    )
    intervall = models.PositiveSmallIntegerField(
        _("every … months/weeks"), default=2, help_text=_("2 = every second month (or week).")
    )
    wochentag = models.PositiveSmallIntegerField(
        _("weekday"), choices=Termin.Wochentag.choices, default=Termin.Wochentag.DIENSTAG
    )
    woche_im_monat = models.SmallIntegerField(
        _("week of the month"),
        choices=Termin.WocheImMonat.choices,
        null=True,
        blank=True,
        default=3,
        help_text=_("Only for monthly meetings, e.g. “third” Tuesday."),
    )
    uhrzeit = models.TimeField(_("time"), default=time(18, 0))
    dauer_minuten = models.PositiveSmallIntegerField(_("duration in minutes"), default=120)
    anker = models.DateField(
        _("counting from"),
        default=date(2026, 1, 1),
        help_text=_(
            "“Every second month” is counted from this day's month (or week). "
            "No meeting is planned before it."
        ),
    )
    erinnerung_tage_vorher = models.PositiveSmallIntegerField(
        _("reminder … days before"), default=3, help_text=_("0 = no reminder.")
    )
    oeffentlich = models.BooleanField(
        _("meetings are public"),
        default=True,
        help_text=_("Date, host and place appear in the public calendar."),
    )

    koordination = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="stammtischreihen",
        help_text=_("They get the hosts' answers and may see who comes."),
    )
    weitere_einladungen = models.TextField(
        _("further invitees"),
        blank=True,
        validators=[adressliste_pruefen],
        help_text=_(
            "E-mail addresses that also get the invitation (e.g. town staff), one per line."
        ),
    )
    wiederkehrende_themen = models.TextField(
        _("recurring topics"),
        blank=True,
        help_text=_("Topics on every agenda, one per line (e.g. “News from the town”)."),
    )

    objects = StammtischreiheQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stammtisch series")
        verbose_name_plural = _("Stammtisch series")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intervall__gte=1), name="stammtischreihe_intervall_positiv"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stammtisch:reihe", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.rhythmus == self.Rhythmus.MONATLICH and self.woche_im_monat is None:
            raise ValidationError(
                {"woche_im_monat": _("Monthly meetings need a week, e.g. “third”.")}
            )

    @property
    def cadence(self) -> Cadence:
        """The cadence as plain data for :func:`termine.rotation.termine_nach_rhythmus`."""
        monatlich = self.rhythmus == self.Rhythmus.MONATLICH
        return Cadence(
            Frequency(self.rhythmus),
            weekday=self.wochentag,
            time=self.uhrzeit,
            interval=self.intervall,
            nth=self.woche_im_monat if monatlich else None,
            anchor=self.anker,
        )

    @property
    def weitere_adressen(self) -> list[str]:
        return adressen_aus_text(self.weitere_einladungen)

    @property
    def wiederkehrende_themen_liste(self) -> list[str]:
        return [z.strip() for z in self.wiederkehrende_themen.splitlines() if z.strip()]


class Teilnahme(models.Model):
    """An Akteur in the rotation pool of a series (Poolmitglied)."""

    reihe = models.ForeignKey(
        Stammtischreihe, verbose_name=_("series"), on_delete=models.CASCADE, related_name="pool"
    )
    akteur = models.ForeignKey(
        Akteur,
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="stammtisch_teilnahmen",
    )
    kann_gastgeber = models.BooleanField(_("can host"), default=True)
    notiz = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("pool member")
        verbose_name_plural = _("rotation pool")
        ordering = ["akteur__name"]
        constraints = [
            models.UniqueConstraint(fields=["reihe", "akteur"], name="teilnahme_eindeutig"),
        ]

    def __str__(self) -> str:
        return f"{self.akteur} ({self.reihe})"


class Verhinderung(models.Model):
    """A period in which a pool member cannot host (both days inclusive)."""

    teilnahme = models.ForeignKey(
        Teilnahme,
        verbose_name=_("pool member"),
        on_delete=models.CASCADE,
        related_name="verhinderungen",
    )
    von = models.DateField(_("from"))
    bis = models.DateField(_("until"))
    grund = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("period unable to host")
        verbose_name_plural = _("periods unable to host")
        ordering = ["von"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bis__gte=models.F("von")), name="verhinderung_bis_nach_von"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teilnahme.akteur}: {kurzes_datum(self.von)}–{kurzes_datum(self.bis)}"

    def clean(self) -> None:
        if self.von and self.bis and self.bis < self.von:
            raise ValidationError({"bis": _("The end is before the start. Please check it.")})
