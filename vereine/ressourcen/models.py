"""The shared pool: items (Ressourcen) that actors lend each other without money.

An item with a quantity (20 Bierzeltgarnituren) is stored as that many units
(`RessourcenEinheit`). An accepted lending (`Ausleihe`) holds one `Belegung` per unit it uses;
a Belegung carries the lending's first and last day. One unit can never be held twice on the
same day:

* on PostgreSQL by the exclusion constraint ``belegung_ohne_ueberschneidung`` (GiST over the
  unit and ``daterange(von, bis, '[]')``), created by migration 0005_ressourcen only there;
* everywhere by `services.ausleihe_annehmen`, which locks the item's row before it looks for
  free units (on SQLite the IMMEDIATE transactions serialise all writers instead).

Lending periods are whole days (von and bis inclusive): equipment is fetched and brought back
on days, not at minutes.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Zeitstempel
from netzwerk.zeit import kurzes_datum
from vereine.bilder import BildFeld

__all__ = [
    "Ausleihe",
    "Belegung",
    "Ressource",
    "RessourcenEinheit",
    "Uebergabe",
    "Zustandseintrag",
]

MAX_MENGE = 500


def _akteure_von(user):
    from vereine.models import Akteur

    return Akteur.objects.schreibbar_fuer(user)


class RessourceQuerySet(models.QuerySet["Ressource"]):
    def aktiv(self) -> RessourceQuerySet:
        """Listed in the pool: offered by its actor, and the actor is active."""
        return self.filter(aktiv=True, akteur__status="aktiv")

    def schreibbar_fuer(self, user) -> RessourceQuerySet:
        """Items of the user's own actors (all for coordinators)."""
        return self.filter(akteur__in=_akteure_von(user))

    def sichtbar_fuer(self, user) -> RessourceQuerySet:
        """What a network member sees: the listed pool plus the own actors' items."""
        return self.filter(
            models.Q(pk__in=self.aktiv().values("pk"))
            | models.Q(pk__in=self.schreibbar_fuer(user).values("pk"))
        )

    def mit_ausleihzahl(self) -> RessourceQuerySet:
        """Annotate `anzahl_ausleihen`: lendings that were accepted (also those done)."""
        return self.annotate(
            anzahl_ausleihen=models.Count(
                "ausleihen", filter=models.Q(ausleihen__status__in=Ausleihe.BELEGEND_ODER_ERLEDIGT)
            )
        )


class Ressource(Zeitstempel):
    """Something an actor lends: a room, a pavilion, benches, a projector, a van."""

    class Art(models.TextChoices):
        RAUM = "raum", pgettext_lazy("kind of item", "Room")
        ZELT = "zelt", pgettext_lazy("kind of item", "Tent / pavilion")
        MOEBEL = "moebel", pgettext_lazy("kind of item", "Furniture")
        TECHNIK = "technik", pgettext_lazy("kind of item", "Technology")
        FAHRZEUG = "fahrzeug", pgettext_lazy("kind of item", "Vehicle")
        KUECHE = "kueche", pgettext_lazy("kind of item", "Kitchen")
        SONSTIGES = "sonstiges", pgettext_lazy("kind of item", "Other")

    class Ausleihbar(models.TextChoices):
        ALLE = "alle", _("All actors of the network")
        AUSGEWAEHLTE = "ausgewaehlte", _("Only the actors listed below")

    akteur = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("lent by"),
        on_delete=models.CASCADE,
        related_name="ressourcen",
    )
    name = models.CharField(_("name"), max_length=150)
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices, default=Art.SONSTIGES)
    beschreibung = models.TextField(_("description"), blank=True)
    foto = BildFeld(_("photo"), upload_to="ressourcen/fotos/", blank=True)
    foto_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    ortsteil = models.ForeignKey(
        "netzwerk.Ortsteil",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ressourcen",
    )
    ort = models.CharField(
        _("where it is"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Vereinsheim, Lindenstraße 3, garage”"),
    )
    bedingungen = models.TextField(
        _("conditions"),
        blank=True,
        help_text=_("e.g. “return it clean”, “only after a short introduction”"),
    )
    ausleihbar_fuer = models.CharField(
        _("who may borrow"),
        max_length=20,
        choices=Ausleihbar.choices,
        default=Ausleihbar.ALLE,
    )
    freigegeben_fuer = models.ManyToManyField(
        "vereine.Akteur",
        verbose_name=_("listed actors"),
        blank=True,
        related_name="freigegebene_ressourcen",
    )
    vorlauf_tage = models.PositiveSmallIntegerField(
        _("lead time in days"),
        default=2,
        validators=[MaxValueValidator(365)],
        help_text=_("How many days before the first day a request must reach you."),
    )
    menge = models.PositiveSmallIntegerField(
        _("quantity"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MENGE)],
        help_text=_("How many of them you lend, e.g. 20 beer tent sets. A room is 1."),
    )
    aktiv = models.BooleanField(
        _("offered"), default=True, help_text=_("Untick to take it out of the pool for a while.")
    )

    objects = RessourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ressourcen:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.foto and not self.foto_alt.strip():
            raise ValidationError(
                {"foto_alt": _("Please describe the photo in a few words, e.g. “Our pavilion”.")}
            )

    def frueheste_abholung(self, heute: date | None = None) -> date:
        from datetime import timedelta

        return (heute or timezone.localdate()) + timedelta(days=self.vorlauf_tage)


class RessourcenEinheit(models.Model):
    """One unit of an item (item 3 of 20 benches); what a Belegung holds."""

    ressource = models.ForeignKey(
        Ressource, verbose_name=_("item"), on_delete=models.CASCADE, related_name="einheiten"
    )
    nummer = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["ressource", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["ressource", "nummer"], name="einheit_eindeutig"),
        ]

    def __str__(self) -> str:
        return f"{self.ressource} #{self.nummer}"


class AusleiheQuerySet(models.QuerySet["Ausleihe"]):
    def fuer_nutzer(self, user) -> AusleiheQuerySet:
        """Lendings the user takes part in: borrowed by or lent by one of their actors."""
        akteure = _akteure_von(user)
        return self.filter(
            models.Q(akteur__in=akteure) | models.Q(ressource__akteur__in=akteure)
        ).distinct()

    def eingehend_fuer(self, user) -> AusleiheQuerySet:
        """Lendings of the user's own items (the user may answer them)."""
        return self.filter(ressource__akteur__in=_akteure_von(user))

    def offen(self) -> AusleiheQuerySet:
        return self.filter(status=Ausleihe.Status.ANGEFRAGT)

    def belegend(self) -> AusleiheQuerySet:
        return self.filter(status__in=Ausleihe.BELEGEND)

    def unbeantwortet_seit(self, tage: int, jetzt=None) -> AusleiheQuerySet:
        from datetime import timedelta

        jetzt = jetzt or timezone.now()
        return self.offen().filter(erstellt__lt=jetzt - timedelta(days=tage))

    def fuer_listen(self) -> AusleiheQuerySet:
        return self.select_related("ressource", "ressource__akteur", "akteur")

    def genutzt_fuer(self, termin) -> AusleiheQuerySet:
        """What was lent for `termin` (accepted, handed over or returned), for its page."""
        return (
            self.filter(termin=termin, status__in=Ausleihe.BELEGEND_ODER_ERLEDIGT)
            .fuer_listen()
            .order_by("ressource__name", "von", "pk")
        )


class Ausleihe(models.Model):
    """A request to borrow an item for a period, and (once accepted) the booking itself."""

    class Status(models.TextChoices):
        ANGEFRAGT = "angefragt", pgettext_lazy("lending status", "Requested")
        ANGENOMMEN = "angenommen", pgettext_lazy("lending status", "Accepted")
        ABGELEHNT = "abgelehnt", pgettext_lazy("lending status", "Declined")
        ZURUECKGEZOGEN = "zurueckgezogen", pgettext_lazy("lending status", "Withdrawn")
        AUSGEGEBEN = "ausgegeben", pgettext_lazy("lending status", "Handed over")
        ZURUECKGEGEBEN = "zurueckgegeben", pgettext_lazy("lending status", "Returned")

    # Statuses that hold units (a Belegung exists) and those that count as "was lent".
    BELEGEND = (Status.ANGENOMMEN, Status.AUSGEGEBEN)
    BELEGEND_ODER_ERLEDIGT = (Status.ANGENOMMEN, Status.AUSGEGEBEN, Status.ZURUECKGEGEBEN)

    ressource = models.ForeignKey(
        Ressource, verbose_name=_("item"), on_delete=models.CASCADE, related_name="ausleihen"
    )
    akteur = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("borrowed by"),
        on_delete=models.CASCADE,
        related_name="ausleihen",
    )
    angefragt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    von = models.DateField(_("first day"))
    bis = models.DateField(_("last day"))
    menge = models.PositiveSmallIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_MENGE)]
    )
    nachricht = models.TextField(_("message"), blank=True)
    termin = models.ForeignKey(
        "termine.Termin",
        verbose_name=_("for the date"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ressourcen_ausleihen",
        help_text=_("The date the items are used for; its page lists them."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ANGEFRAGT
    )
    antwort = models.TextField(_("answer"), blank=True)
    beantwortet_am = models.DateTimeField(_("answered on"), null=True, blank=True)
    beantwortet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erinnert_am = models.DateField(_("return reminder sent on"), null=True, blank=True)
    erstellt = models.DateTimeField(_("requested on"), default=timezone.now)
    geaendert = models.DateTimeField(_("changed"), auto_now=True)

    objects = AusleiheQuerySet.as_manager()

    class Meta:
        verbose_name = _("lending")
        verbose_name_plural = _("lendings")
        ordering = ["-von", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bis__gte=models.F("von")), name="ausleihe_bis_nach_von"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.ressource} → {self.akteur} ({kurzes_datum(self.von)}–{kurzes_datum(self.bis)})"
        )

    def get_absolute_url(self) -> str:
        return reverse("ressourcen:ausleihe", kwargs={"pk": self.pk})

    @property
    def belegt(self) -> bool:
        return self.status in self.BELEGEND


class Belegung(models.Model):
    """One unit held by an accepted lending for its days (see the module docstring)."""

    ausleihe = models.ForeignKey(
        Ausleihe, verbose_name=_("lending"), on_delete=models.CASCADE, related_name="belegungen"
    )
    einheit = models.ForeignKey(
        RessourcenEinheit,
        verbose_name=_("unit"),
        # A booked unit is never deleted on its own, only with its item (and so its lendings).
        on_delete=models.RESTRICT,
        related_name="belegungen",
    )
    von = models.DateField(_("first day"))
    bis = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("booked unit")
        verbose_name_plural = _("booked units")
        constraints = [
            models.UniqueConstraint(fields=["ausleihe", "einheit"], name="belegung_eindeutig"),
            models.CheckConstraint(
                condition=models.Q(bis__gte=models.F("von")), name="belegung_bis_nach_von"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.einheit} {kurzes_datum(self.von)}–{kurzes_datum(self.bis)}"


class Uebergabe(models.Model):
    """The short checklist at handover or return: complete? damage? a photo."""

    class Art(models.TextChoices):
        AUSGABE = "ausgabe", pgettext_lazy("handover", "Handover")
        RUECKGABE = "rueckgabe", pgettext_lazy("handover", "Return")

    ausleihe = models.ForeignKey(
        Ausleihe, verbose_name=_("lending"), on_delete=models.CASCADE, related_name="uebergaben"
    )
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices)
    vollstaendig = models.BooleanField(_("complete"), default=True)
    schaden = models.BooleanField(_("damaged"), default=False)
    notiz = models.TextField(_("notes"), blank=True)
    foto = BildFeld(_("photo"), upload_to="ressourcen/uebergaben/", blank=True)
    foto_alt = models.CharField(_("photo description"), max_length=200, blank=True)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["erstellt", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ausleihe", "art"], name="uebergabe_einmal_je_art"),
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()}: {self.ausleihe}"


class Zustandseintrag(models.Model):
    """One line of an item's history: lent, returned, damaged, repaired."""

    class Zustand(models.TextChoices):
        EINSATZBEREIT = "einsatzbereit", pgettext_lazy("item state", "Ready")
        AUSGELIEHEN = "ausgeliehen", pgettext_lazy("item state", "Lent out")
        UNVOLLSTAENDIG = "unvollstaendig", pgettext_lazy("item state", "Incomplete")
        BESCHAEDIGT = "beschaedigt", pgettext_lazy("item state", "Damaged")

    ressource = models.ForeignKey(
        Ressource, verbose_name=_("item"), on_delete=models.CASCADE, related_name="zustaende"
    )
    zustand = models.CharField(_("state"), max_length=20, choices=Zustand.choices)
    text = models.TextField(_("notes"), blank=True)
    ausleihe = models.ForeignKey(
        Ausleihe,
        verbose_name=_("lending"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("state entry")
        verbose_name_plural = _("state history")
        ordering = ["-erstellt", "-pk"]

    def __str__(self) -> str:
        return f"{self.ressource}: {self.get_zustand_display()}"
