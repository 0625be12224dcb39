"""The Termin: every dated thing in the network, with its recurrence rule.

A Stammtisch, a working-group meeting and each Durchführung of a holiday offer point at a
Termin, so there is one calendar, one iCal writer and one Terminabgleich.

Times are stored aware (UTC in the database) and meant in Europe/Berlin. An all-day
Termin runs from local midnight of its first day to local midnight after its last day
(exclusive end, like DTEND;VALUE=DATE in iCal), so ``ende`` is always > ``start`` for it.

A recurring Termin is one row: ``start``/``ende`` are its first occurrence, the rule
fields say how it repeats, TerminAusnahme rows name the days it does not happen.
:mod:`termine.wiederholung` expands it (local wall-clock time kept across DST).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arbeitsgruppen.models import Arbeitsgruppe, Mitglied
from netzwerk.basismodelle import ErstelltVon, Zeitstempel
from netzwerk.berechtigungen import im_netzwerk_bedingung, ist_koordination
from netzwerk.models import Ortsteil
from netzwerk.zeit import kurzes_datum, ortszeit
from termine.wiederholung import Serie
from vereine.bilder import BildFeld
from vereine.models import Akteur

# Rooms whose dates hang on a state of their own register here a function ``user -> Q`` that
# selects the Termine `user` may not see whatever their audience says (e.g. the occasions of a
# holiday offer that is not published yet). Every visibility rule below applies them, so no
# list, feed, agenda or mail can show such a date; the core needs no import of the room.
VERBORGEN: list[Callable[[object], Q]] = []


def verborgen_fuer(user) -> Q:
    """Termine `user` may not see because a room says they are not released yet."""
    bedingung = Q(pk__in=[])
    for regel in VERBORGEN:
        bedingung |= regel(user)
    return bedingung


# What an occurrence is made of: an update() of one of these rebuilds the occurrences table.
ZEITFELDER = frozenset(
    {
        "start",
        "ende",
        "ganztaegig",
        "wiederholung",
        "intervall",
        "wochentag",
        "woche_im_monat",
        "wiederholen_bis",
        "pausiert_in_schulferien",
    }
)


class TerminQuerySet(models.QuerySet["Termin"]):
    def update(self, **kwargs) -> int:
        """QuerySet.update; when it changes the timing (:data:`ZEITFELDER`), the Termine's
        rows in the occurrences table are rebuilt (update() sends no signals)."""
        if not ZEITFELDER.intersection(kwargs):
            return super().update(**kwargs)
        from termine.vorkommen import aufbauen

        ids = list(self.values_list("pk", flat=True))
        anzahl = super().update(**kwargs)
        aufbauen(termin_ids=ids)
        return anzahl

    def oeffentlich(self) -> TerminQuerySet:
        """Dates everyone may see, also without a login."""
        return self.filter(sichtbarkeit=Termin.Sichtbarkeit.OEFFENTLICH).exclude(
            verborgen_fuer(AnonymousUser())
        )

    def nicht_abgesagt(self) -> TerminQuerySet:
        return self.exclude(status=Termin.Status.ABGESAGT)

    def wiederkehrend(self) -> TerminQuerySet:
        return self.exclude(wiederholung=Termin.Wiederholung.KEINE)

    def kommende(self, jetzt: datetime | None = None) -> TerminQuerySet:
        """Dates that still have an occurrence ending at or after `jetzt` (default: now).

        For a series this is a candidate test (its rule may still produce a date); the
        exact occurrences come from :mod:`termine.wiederholung`.
        """
        jetzt = jetzt or timezone.now()
        heute = timezone.localdate(jetzt)
        return self.filter(
            Q(ende__gte=jetzt)
            | (
                ~Q(wiederholung=Termin.Wiederholung.KEINE)
                & (Q(wiederholen_bis__isnull=True) | Q(wiederholen_bis__gte=heute))
            )
        )

    def im_zeitraum(self, von: datetime | date, bis: datetime | date) -> TerminQuerySet:
        """Dates (or series) that may have an occurrence touching [von, bis).

        Dates are taken as local midnight. Single dates are filtered exactly; series are
        candidates whose first start is before `bis` and whose rule has not ended before
        `von`.
        """
        von_dt, bis_dt = _als_zeitpunkt(von), _als_zeitpunkt(bis)
        einzeln = Q(wiederholung=Termin.Wiederholung.KEINE) & (
            Q(ende__gt=von_dt) | Q(start__gte=von_dt)
        )
        serie = ~Q(wiederholung=Termin.Wiederholung.KEINE) & (
            Q(wiederholen_bis__isnull=True) | Q(wiederholen_bis__gte=timezone.localdate(von_dt))
        )
        return self.filter(Q(start__lt=bis_dt) & (einzeln | serie))

    def sichtbar_fuer(self, user) -> TerminQuerySet:
        """Public dates for everyone; network dates for network members; group dates for
        the group's members; everything for coordinators. Dates a room has not released
        yet (:data:`VERBORGEN`) only for those the room lets see them. One query, no
        duplicates."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.oeffentlich()
        netzwerkmitglied = im_netzwerk_bedingung(user)
        in_der_gruppe = Exists(Mitglied.objects.filter(user=user, gruppe=OuterRef("arbeitsgruppe")))
        return self.filter(
            Q(sichtbarkeit=Termin.Sichtbarkeit.OEFFENTLICH)
            | (Q(sichtbarkeit=Termin.Sichtbarkeit.NETZWERK) & netzwerkmitglied)
            | (Q(sichtbarkeit=Termin.Sichtbarkeit.GRUPPE) & in_der_gruppe)
        ).exclude(verborgen_fuer(user))

    def schreibbar_fuer(self, user) -> TerminQuerySet:
        """Dates `user` may change (edit, cancel, write the minutes): organised by one of
        their Akteure or by a working group they belong to (Leitung or member); coordinators
        may change all.

        A Stammtisch is the network's meeting, not its host's: although the host is its
        organiser, only the coordinators and the series' coordinators change it and write
        its minutes (the host's members propose topics like everyone else)."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(pk__in=self.eigene(user).filter(stammtisch__isnull=True).values("pk"))
            | Q(stammtisch__reihe__koordination=user)
        )

    def eigene(self, user) -> TerminQuerySet:
        """Dates of the user's own Akteure and groups (also for coordinators: their own)."""
        if not user.is_authenticated:
            return self.none()
        eigener_veranstalter = Exists(
            Termin.veranstalter.through.objects.filter(
                termin=OuterRef("pk"),
                akteur__mitgliedschaften__user=user,
            )
        )
        eigene_gruppe = Exists(Mitglied.objects.filter(user=user, gruppe=OuterRef("arbeitsgruppe")))
        return self.filter(eigener_veranstalter | eigene_gruppe)

    def fuer_akteur(self, akteur: Akteur) -> TerminQuerySet:
        return self.filter(Q(veranstalter=akteur) | Q(veranstaltungsort=akteur)).distinct()

    def fuer_listen(self) -> TerminQuerySet:
        """What every calendar view shows per date, loaded in a fixed number of queries."""
        return self.select_related(
            "ortsteil", "veranstaltungsort", "arbeitsgruppe"
        ).prefetch_related("veranstalter", "ausnahmen")


def _als_zeitpunkt(wert: datetime | date) -> datetime:
    if isinstance(wert, datetime):
        return wert
    return ortszeit(wert)


def termin_bild_pfad(instance: Termin, dateiname: str) -> str:
    # A random name: the original file name may carry personal data.
    endung = dateiname.rsplit(".", 1)[-1].lower() if "." in dateiname else "jpg"
    return f"termine/{uuid.uuid4().hex}.{endung}"


class Termin(Zeitstempel, ErstelltVon):
    """A dated event of the network (see module docstring)."""

    class Kategorie(models.TextChoices):
        VEREINSLEBEN = "vereinsleben", pgettext_lazy("date category", "Club life")
        FEST = "fest", pgettext_lazy("date category", "Festival")
        SPORT = "sport", pgettext_lazy("date category", "Sport")
        KULTUR = "kultur", pgettext_lazy("date category", "Culture")
        KINDER_JUGEND = "kinder_jugend", pgettext_lazy("date category", "Children and youth")
        TREFFEN = "treffen", pgettext_lazy("date category", "Meeting")
        STAMMTISCH = "stammtisch", pgettext_lazy("date category", "Network meeting")
        AKTIONSTAG = "aktionstag", pgettext_lazy("date category", "Action day")
        BILDUNG = "bildung", pgettext_lazy("date category", "Education")
        MARKTPLATZ = "marktplatz", pgettext_lazy("date category", "Marketplace")
        SONSTIGES = "sonstiges", pgettext_lazy("date category", "Other")

    class Sichtbarkeit(models.TextChoices):
        OEFFENTLICH = "oeffentlich", pgettext_lazy("date audience", "Public")
        NETZWERK = "netzwerk", pgettext_lazy("date audience", "Network only")
        GRUPPE = "gruppe", pgettext_lazy("date audience", "Group only")

    class Status(models.TextChoices):
        GEPLANT = "geplant", pgettext_lazy("date status", "Planned")
        BESTAETIGT = "bestaetigt", pgettext_lazy("date status", "Confirmed")
        ABGESAGT = "abgesagt", pgettext_lazy("date status", "Cancelled")

    class Wiederholung(models.TextChoices):
        KEINE = "keine", pgettext_lazy("recurrence", "Does not repeat")
        WOECHENTLICH = "woechentlich", pgettext_lazy("recurrence", "Weekly")
        MONATLICH = "monatlich", pgettext_lazy("recurrence", "Monthly on the same weekday")

    class Wochentag(models.IntegerChoices):
        MONTAG = 0, _("Monday")
        DIENSTAG = 1, _("Tuesday")
        MITTWOCH = 2, _("Wednesday")
        DONNERSTAG = 3, _("Thursday")
        FREITAG = 4, _("Friday")
        SAMSTAG = 5, _("Saturday")
        SONNTAG = 6, _("Sunday")

    class WocheImMonat(models.IntegerChoices):
        ERSTE = 1, pgettext_lazy("week of month", "first")
        ZWEITE = 2, pgettext_lazy("week of month", "second")
        DRITTE = 3, pgettext_lazy("week of month", "third")
        VIERTE = 4, pgettext_lazy("week of month", "fourth")
        LETZTE = -1, pgettext_lazy("week of month", "last")

    titel = models.CharField(_("title"), max_length=200)
    beschreibung = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    ende = models.DateTimeField(_("end"), db_index=True)
    ganztaegig = models.BooleanField(_("all day"), default=False)

    ort = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("e.g. “Schlossplatz” or an address")
    )
    veranstaltungsort = models.ForeignKey(
        Akteur,
        verbose_name=_("venue (actor)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="termine_als_ort",
        help_text=_("If the date takes place at an actor's premises."),
    )
    ortsteil = models.ForeignKey(
        Ortsteil,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="termine",
    )

    veranstalter = models.ManyToManyField(
        Akteur, verbose_name=_("organisers"), blank=True, related_name="termine"
    )
    arbeitsgruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="termine",
    )

    kategorie = models.CharField(
        _("category"), max_length=20, choices=Kategorie.choices, default=Kategorie.VEREINSLEBEN
    )
    grossveranstaltung = models.BooleanField(
        _("big public event"),
        default=False,
        help_text=_(
            "A festival or similar that draws the whole town (counts extra in the clash check)."
        ),
    )
    sichtbarkeit = models.CharField(
        _("who can see it"),
        max_length=20,
        choices=Sichtbarkeit.choices,
        default=Sichtbarkeit.OEFFENTLICH,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLANT
    )
    absage_grund = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    anmeldung_info = models.TextField(
        _("registration"),
        blank=True,
        help_text=_("How to sign up, if needed (e.g. “by phone until 15 May”)."),
    )
    anmeldung_link = models.URLField(_("registration link"), blank=True)

    # Same upload rules as the Akteure: checked, re-encoded (EXIF dropped), thumbnails.
    bild = BildFeld(_("image"), upload_to="termine/bilder/", blank=True)
    bild_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    wiederholung = models.CharField(
        _("repeats"), max_length=20, choices=Wiederholung.choices, default=Wiederholung.KEINE
    )
    intervall = models.PositiveSmallIntegerField(
        _("every … weeks/months"),
        default=1,
        help_text=_("1 = every week (or month), 2 = every other, …"),
    )
    wochentag = models.PositiveSmallIntegerField(
        _("weekday"), choices=Wochentag.choices, null=True, blank=True
    )
    woche_im_monat = models.SmallIntegerField(
        _("week of the month"), choices=WocheImMonat.choices, null=True, blank=True
    )
    wiederholen_bis = models.DateField(_("repeats until"), null=True, blank=True)
    pausiert_in_schulferien = models.BooleanField(_("pauses in the school holidays"), default=False)

    # Stable identity and revision for iCal clients (UID, SEQUENCE).
    uid = models.UUIDField(_("iCal UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    geaendert = models.DateTimeField(_("changed"), auto_now=True, db_index=True)

    objects = TerminQuerySet.as_manager()

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gte=models.F("start")), name="termin_ende_nach_start"
            ),
            models.CheckConstraint(condition=Q(intervall__gte=1), name="termin_intervall_positiv"),
        ]
        indexes = [models.Index(fields=["sichtbarkeit", "start"], name="termin_sicht_start")]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("termine:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        fehler: dict[str, str] = {}
        if self.start and self.ende and self.ende < self.start:
            fehler["ende"] = _("The end is before the start. Please check the end.")
        if self.status == self.Status.ABGESAGT and not self.absage_grund:
            fehler["absage_grund"] = _("Please tell people why the date is cancelled.")
        if self.sichtbarkeit == self.Sichtbarkeit.GRUPPE and not self.arbeitsgruppe_id:
            fehler["sichtbarkeit"] = _("“Group only” needs a working group as organiser.")
        if (
            self.wiederkehrend
            and self.wiederholen_bis
            and self.start
            and self.wiederholen_bis < timezone.localdate(self.start)
        ):
            fehler["wiederholen_bis"] = _("The last repetition is before the first date.")
        if fehler:
            raise ValidationError(fehler)

    def als_serie(self) -> Serie:
        """Plain data for :mod:`termine.wiederholung` (uses prefetched ``ausnahmen``)."""
        return Serie(
            start=self.start,
            ende=self.ende,
            wiederholung=self.wiederholung,
            intervall=self.intervall,
            wochentag=self.wochentag,
            woche_im_monat=self.woche_im_monat,
            bis=self.wiederholen_bis,
            ausnahmen=frozenset(a.datum for a in self.ausnahmen.all()) if self.pk else frozenset(),
            pausiert_in_schulferien=self.pausiert_in_schulferien,
            ganztaegig=self.ganztaegig,
        )

    @property
    def wiederkehrend(self) -> bool:
        return self.wiederholung != self.Wiederholung.KEINE

    @property
    def abgesagt(self) -> bool:
        return self.status == self.Status.ABGESAGT

    @property
    def dauer(self) -> timedelta:
        return self.ende - self.start

    @property
    def erster_tag(self) -> date:
        return timezone.localdate(self.start)

    @property
    def letzter_tag(self) -> date:
        """Last local day; an end at local midnight belongs to the day before."""
        ende = timezone.localtime(self.ende)
        if self.ende > self.start and ende.time() == datetime.min.time():
            return ende.date() - timedelta(days=1)
        return ende.date()


class TerminAusnahme(models.Model):
    """A day on which a recurring Termin does not take place (e.g. a holiday)."""

    termin = models.ForeignKey(
        Termin, verbose_name=_("date"), on_delete=models.CASCADE, related_name="ausnahmen"
    )
    datum = models.DateField(_("day"))
    grund = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")
        ordering = ["datum"]
        constraints = [
            models.UniqueConstraint(fields=["termin", "datum"], name="termin_ausnahme_eindeutig"),
        ]

    def __str__(self) -> str:
        return f"{self.termin} – {kurzes_datum(self.datum)}"
