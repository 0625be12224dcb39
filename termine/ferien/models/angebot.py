"""Holiday offers (Ferienangebot) and their dated occasions (Durchfuehrung)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import ErstelltVon, Zeitstempel
from netzwerk.berechtigungen import ist_koordination
from netzwerk.models import Ortsteil
from netzwerk.zeit import kurzer_zeitpunkt
from termine.ferien.models.hilfen import lokale_mitternacht
from termine.ferien.models.zeitraum import Ferienwoche, Ferienzeitraum
from termine.models.termin import Termin
from vereine.bilder import BildFeld
from vereine.models import Akteur


def _belegt_subquery(status: str) -> Coalesce:
    """Number of registrations with `status` per Durchfuehrung, as a correlated subquery."""
    from termine.ferien.models.familie import Anmeldung  # defined after the offers

    return Coalesce(
        Subquery(
            Anmeldung.objects.filter(durchfuehrung=OuterRef("pk"), status=status)
            .order_by()
            .values("durchfuehrung")
            .annotate(anzahl=Count("pk"))
            .values("anzahl")[:1]
        ),
        0,
    )


class FerienangebotQuerySet(models.QuerySet["Ferienangebot"]):
    def veroeffentlicht(self) -> FerienangebotQuerySet:
        return self.filter(status=Ferienangebot.Status.VEROEFFENTLICHT)

    def oeffentlich(self, jetzt: datetime | None = None) -> FerienangebotQuerySet:
        """Published offers of public periods."""
        return self.veroeffentlicht().filter(zeitraum__in=Ferienzeitraum.objects.oeffentlich(jetzt))

    def im_zeitraum(self, zeitraum: Ferienzeitraum) -> FerienangebotQuerySet:
        return self.filter(zeitraum=zeitraum)

    def schreibbar_fuer(self, user) -> FerienangebotQuerySet:
        """Offers of the user's Akteure (all for coordinators)."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(akteur__in=Akteur.objects.schreibbar_fuer(user).values("pk"))

    def fuer_alter(self, alter: int) -> FerienangebotQuerySet:
        return self.filter(alter_von__lte=alter, alter_bis__gte=alter)

    def kostenlos(self) -> FerienangebotQuerySet:
        return self.filter(kosten=0)

    def am_tag(self, tag: date) -> FerienangebotQuerySet:
        return self.zwischen(tag, tag)

    def zwischen(self, von: date, bis: date) -> FerienangebotQuerySet:
        """Offers with an occasion (not cancelled) on one of the days von..bis."""
        return self.filter(
            Exists(
                Durchfuehrung.objects.filter(angebot=OuterRef("pk"))
                .zwischen(von, bis)
                .nicht_abgesagt()
            )
        )

    def mit_freien_plaetzen(self) -> FerienangebotQuerySet:
        """Offers with an occasion that has a free place, or that needs no registration."""
        return self.filter(
            Q(anmeldung_noetig=False)
            | Exists(
                Durchfuehrung.objects.filter(angebot=OuterRef("pk"))
                .nicht_abgesagt()
                .mit_belegung()
                .filter(max_plaetze__gt=models.F("belegt"))
            )
        )

    def fuer_listen(self) -> FerienangebotQuerySet:
        """What the list, calendar and leaflet show per offer, in a fixed number of queries."""
        return self.select_related("akteur", "ortsteil", "zeitraum").prefetch_related(
            models.Prefetch(
                "durchfuehrungen",
                queryset=Durchfuehrung.objects.select_related("termin")
                .mit_belegung()
                .order_by("termin__start", "pk"),
            )
        )


class Ferienangebot(Zeitstempel, ErstelltVon):
    """A holiday activity of one Akteur in one period, with one or more Durchfuehrungen."""

    class Kategorie(models.TextChoices):
        SPORT = "sport", pgettext_lazy("holiday category", "Sport and games")
        KREATIV = "kreativ", pgettext_lazy("holiday category", "Arts and crafts")
        NATUR = "natur", pgettext_lazy("holiday category", "Nature and animals")
        KULTUR = "kultur", pgettext_lazy("holiday category", "Music, theatre, culture")
        WISSEN = "wissen", pgettext_lazy("holiday category", "Science and technology")
        AUSFLUG = "ausflug", pgettext_lazy("holiday category", "Trips")
        KOCHEN = "kochen", pgettext_lazy("holiday category", "Cooking and baking")
        SONSTIGES = "sonstiges", pgettext_lazy("holiday category", "Other")

    class Status(models.TextChoices):
        ENTWURF = "entwurf", pgettext_lazy("offer status", "Draft")
        EINGEREICHT = "eingereicht", pgettext_lazy("offer status", "Submitted")
        VEROEFFENTLICHT = "veroeffentlicht", pgettext_lazy("offer status", "Published")

    # Fields with personal data; each needs a rule in termine.datenschutz (system check).
    personenbezogene_felder: ClassVar[tuple[str, ...]] = ("kontaktperson",)

    akteur = models.ForeignKey(
        Akteur, verbose_name=_("actor"), on_delete=models.PROTECT, related_name="ferienangebote"
    )
    zeitraum = models.ForeignKey(
        Ferienzeitraum,
        verbose_name=_("holiday period"),
        on_delete=models.PROTECT,
        related_name="angebote",
    )
    ferienwoche = models.ForeignKey(
        Ferienwoche,
        verbose_name=_("holiday week"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="angebote",
    )
    titel = models.CharField(_("title"), max_length=150)
    beschreibung = models.TextField(_("description"))
    kategorie = models.CharField(_("category"), max_length=20, choices=Kategorie.choices)
    alter_von = models.PositiveSmallIntegerField(
        _("age from"),
        validators=[MaxValueValidator(21)],
        help_text=_("Age on the first day of the occasion."),
    )
    alter_bis = models.PositiveSmallIntegerField(_("age to"), validators=[MaxValueValidator(21)])
    kosten = models.DecimalField(
        _("cost in euro"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("0 means free of charge."),
    )
    ermaessigung_hinweis = models.CharField(
        _("reductions"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Siblings pay half. Nobody stays at home for lack of money.”"),
    )
    ort = models.CharField(_("place"), max_length=200, help_text=_("Address or meeting point"))
    ortsteil = models.ForeignKey(
        Ortsteil,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ferienangebote",
    )
    mitbringen = models.TextField(_("what to bring"), blank=True)
    barrierefreiheit = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("e.g. “Step-free access, accessible toilet”"),
    )
    kontaktperson = models.CharField(
        _("contact for questions"),
        max_length=200,
        blank=True,
        help_text=_("Shown publicly, e.g. “Frau Berger, 039483 1234”."),
    )
    bild = BildFeld(_("image"), upload_to="ferien/", blank=True)
    bild_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    schwimmfaehigkeit_noetig = models.BooleanField(
        _("children must be able to swim"), default=False
    )
    anmeldung_noetig = models.BooleanField(
        _("registration needed"),
        default=True,
        help_text=_("Switch off for “just come along”: then nobody registers."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ENTWURF
    )
    kopiert_von = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kopien",
    )

    objects = FerienangebotQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday offer")
        verbose_name_plural = _("holiday offers")
        ordering = ["titel", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(alter_bis__gte=models.F("alter_von")), name="ferienangebot_alter"
            ),
            models.CheckConstraint(condition=Q(kosten__gte=0), name="ferienangebot_kosten"),
        ]
        indexes = [models.Index(fields=["zeitraum", "status"], name="ferienangebot_zeit_status")]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("ferien:angebot", kwargs={"zeitraum": self.zeitraum.slug, "pk": self.pk})

    def clean(self) -> None:
        fehler: dict[str, str] = {}
        if (
            self.alter_von is not None
            and self.alter_bis is not None
            and self.alter_bis < self.alter_von
        ):
            fehler["alter_bis"] = _("The upper age is below the lower age. Please check it.")
        if self.bild and not self.bild_alt.strip():
            fehler["bild_alt"] = _("Please describe the image in a few words.")
        if fehler:
            raise ValidationError(fehler)

    @property
    def kostenlos(self) -> bool:
        return self.kosten == 0

    @property
    def veroeffentlicht(self) -> bool:
        return self.status == self.Status.VEROEFFENTLICHT


class DurchfuehrungQuerySet(models.QuerySet["Durchfuehrung"]):
    def mit_belegung(self) -> DurchfuehrungQuerySet:
        """Annotate `belegt` (confirmed) and `wartend` (waiting list) per occasion."""
        return self.annotate(
            belegt=_belegt_subquery("bestaetigt"),
            wartend=_belegt_subquery("warteliste"),
        )

    def nicht_abgesagt(self) -> DurchfuehrungQuerySet:
        return self.exclude(termin__status=Termin.Status.ABGESAGT)

    def am_tag(self, tag: date) -> DurchfuehrungQuerySet:
        return self.zwischen(tag, tag)

    def zwischen(self, von: date, bis: date) -> DurchfuehrungQuerySet:
        """Occasions touching one of the days von..bis (Europe/Berlin)."""
        return self.filter(
            termin__start__lt=lokale_mitternacht(bis + timedelta(days=1)),
            termin__ende__gt=lokale_mitternacht(von),
        )

    def schreibbar_fuer(self, user) -> DurchfuehrungQuerySet:
        return self.filter(angebot__in=Ferienangebot.objects.schreibbar_fuer(user).values("pk"))


class Durchfuehrung(models.Model):
    """One dated occasion of an offer with its own capacity; its Termin holds date and place."""

    angebot = models.ForeignKey(
        Ferienangebot,
        verbose_name=_("holiday offer"),
        on_delete=models.CASCADE,
        related_name="durchfuehrungen",
    )
    # PROTECT: a Termin of an occasion with registrations must not vanish from the calendar
    # side; the Ferienkalender's services delete both together.
    termin = models.OneToOneField(
        Termin, verbose_name=_("date"), on_delete=models.PROTECT, related_name="durchfuehrung"
    )
    min_plaetze = models.PositiveSmallIntegerField(
        _("minimum participants"),
        default=0,
        help_text=_("Below this, the occasion may be cancelled."),
    )
    max_plaetze = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty if there is no limit."),
    )

    objects = DurchfuehrungQuerySet.as_manager()

    class Meta:
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")
        ordering = ["termin__start", "pk"]

    def __str__(self) -> str:
        return f"{self.angebot} – {kurzer_zeitpunkt(self.termin.start)}"

    @property
    def abgesagt(self) -> bool:
        return self.termin.abgesagt

    @property
    def erster_tag(self) -> date:
        return self.termin.erster_tag

    @property
    def freie_plaetze(self) -> int | None:
        """Free places (needs `mit_belegung()`); None means unlimited."""
        if self.max_plaetze is None:
            return None
        return max(self.max_plaetze - self.belegt, 0)

    @property
    def ausgebucht(self) -> bool:
        return self.max_plaetze is not None and self.belegt >= self.max_plaetze
