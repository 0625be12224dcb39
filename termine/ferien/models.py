"""The Ferienkalender: holiday periods, offers, their dated occasions, children, registrations.

Every Durchfuehrung points at a Termin (date, place, category "Kinder und Jugend"), so the
occasions show up in the one calendar, its iCal writer and the Terminabgleich.

Children's data is minimal and has an expiry: every personal field of this module is
registered with a retention rule in :mod:`termine.datenschutz`; a system check fails when one
is missing (see there). The registration workflow lives in :mod:`termine.ferien`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.models import Ortsteil, Schulferien
from termine.models.termin import BERLIN, VERBORGEN, Termin
from vereine.bilder import BildFeld
from vereine.models import Akteur, ist_koordination

__all__ = [
    "Anmeldung",
    "Durchfuehrung",
    "Einwilligung",
    "Ferienangebot",
    "Ferienwoche",
    "Ferienzeitraum",
    "Kind",
]


def alter_am(geburtsdatum: date, stichtag: date) -> int:
    """Age in whole years on `stichtag` (a child born on 29 February turns one on 1 March)."""
    jahre = stichtag.year - geburtsdatum.year
    if (stichtag.month, stichtag.day) < (geburtsdatum.month, geburtsdatum.day):
        jahre -= 1
    return jahre


def lokale_mitternacht(tag: date) -> datetime:
    return datetime.combine(tag, time.min, tzinfo=BERLIN)


# Paths under /ferienkalender/ that a period's slug must not hide (see urls_ferien.py).
RESERVIERTE_SLUGS = frozenset({"familie", "anmelden", "anbieten"})


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


def _belegt_subquery(status: str) -> Coalesce:
    """Number of registrations with `status` per Durchfuehrung, as a correlated subquery."""
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

    def editable_by(self, user) -> FerienangebotQuerySet:
        """Offers of the user's Akteure (all for coordinators)."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(akteur__in=Akteur.objects.editable_by(user).values("pk"))

    def fuer_alter(self, alter: int) -> FerienangebotQuerySet:
        return self.filter(alter_von__lte=alter, alter_bis__gte=alter)

    def kostenlos(self) -> FerienangebotQuerySet:
        return self.filter(kosten=0)

    def am_tag(self, tag: date) -> FerienangebotQuerySet:
        return self.filter(
            Exists(
                Durchfuehrung.objects.filter(angebot=OuterRef("pk")).am_tag(tag).nicht_abgesagt()
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


class Ferienangebot(models.Model):
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
    erstellt = models.DateTimeField(_("created"), auto_now_add=True)
    geaendert = models.DateTimeField(_("changed"), auto_now=True)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
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
            belegt=_belegt_subquery(Anmeldung.Status.BESTAETIGT),
            wartend=_belegt_subquery(Anmeldung.Status.WARTELISTE),
        )

    def nicht_abgesagt(self) -> DurchfuehrungQuerySet:
        return self.exclude(termin__status=Termin.Status.ABGESAGT)

    def am_tag(self, tag: date) -> DurchfuehrungQuerySet:
        von = lokale_mitternacht(tag)
        return self.filter(termin__start__lt=von + timedelta(days=1), termin__ende__gt=von)

    def editable_by(self, user) -> DurchfuehrungQuerySet:
        return self.filter(angebot__in=Ferienangebot.objects.editable_by(user).values("pk"))


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
        start = timezone.localtime(self.termin.start)
        return f"{self.angebot} – {start:%d.%m.%Y %H:%M}"

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


class Kind(models.Model):
    """A child in a family's account; what we know about it is what the family entered.

    Children registered by the coordinators on paper have no account (`eltern` empty) and
    carry the guardian's name and phone themselves.
    """

    # Every field is classified in termine.datenschutz (personal with a rule, or not).
    eltern = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guardian"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kinder",
    )
    vorname = models.CharField(_("first name"), max_length=100)
    nachname = models.CharField(_("last name"), max_length=100)
    geburtsdatum = models.DateField(_("date of birth"), null=True)
    notfall_telefon = models.CharField(
        _("phone in an emergency"),
        max_length=50,
        blank=True,
        help_text=_("Where the providers reach you during the activity."),
    )
    hinweise = models.TextField(
        _("notes for the providers"),
        blank=True,
        help_text=_("Health, allergies, support needs – only what the providers need to know."),
    )
    hinweise_einwilligung_am = models.DateTimeField(
        _("notes may be shared since"), null=True, blank=True
    )
    schwimmer = models.BooleanField(_("can swim"), null=True, blank=True)
    sorgeberechtigt_name = models.CharField(
        _("guardian's name (without an account)"), max_length=150, blank=True
    )
    sorgeberechtigt_email = models.EmailField(
        _("guardian's e-mail (without an account)"), blank=True
    )
    erstellt = models.DateTimeField(_("created"), auto_now_add=True)
    pseudonymisiert_am = models.DateTimeField(_("pseudonymised on"), null=True, blank=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["vorname", "nachname", "pk"]

    def __str__(self) -> str:
        return f"{self.vorname} {self.nachname}".strip()

    def alter_am(self, stichtag: date) -> int | None:
        return alter_am(self.geburtsdatum, stichtag) if self.geburtsdatum else None

    @property
    def hinweise_teilbar(self) -> bool:
        return bool(self.hinweise.strip() and self.hinweise_einwilligung_am)

    @property
    def mail_an(self) -> str:
        return self.eltern.email if self.eltern_id else self.sorgeberechtigt_email


class Einwilligung(models.Model):
    """A confirmation a guardian gave, with the version of the privacy text it refers to."""

    class Art(models.TextChoices):
        SORGEBERECHTIGT = (
            "sorgeberechtigt",
            pgettext_lazy("consent", "I have parental responsibility or act with consent"),
        )
        HINWEISE = "hinweise", pgettext_lazy("consent", "Notes may be shared with providers")

    kind = models.ForeignKey(
        Kind, verbose_name=_("child"), on_delete=models.CASCADE, related_name="einwilligungen"
    )
    art = models.CharField(_("kind of consent"), max_length=20, choices=Art.choices)
    version = models.CharField(_("version of the privacy text"), max_length=20)
    erteilt_am = models.DateTimeField(_("given on"), default=timezone.now)
    erteilt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-erteilt_am"]

    def __str__(self) -> str:
        return f"{self.get_art_display()} ({self.version})"


class AnmeldungQuerySet(models.QuerySet["Anmeldung"]):
    def aktiv(self) -> AnmeldungQuerySet:
        """Confirmed or waiting: the registrations that hold or wait for a place."""
        return self.filter(status__in=Anmeldung.AKTIV)

    def bestaetigt(self) -> AnmeldungQuerySet:
        return self.filter(status=Anmeldung.Status.BESTAETIGT)

    def warteliste(self) -> AnmeldungQuerySet:
        return self.filter(status=Anmeldung.Status.WARTELISTE).order_by("warteliste_position")

    def von_eltern(self, user) -> AnmeldungQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(kind__eltern=user)

    def editable_by(self, user) -> AnmeldungQuerySet:
        """Registrations for the occasions of the user's Akteure (providers' view)."""
        return self.filter(durchfuehrung__in=Durchfuehrung.objects.editable_by(user).values("pk"))


class Anmeldung(models.Model):
    """A child's registration for one Durchfuehrung: confirmed or on the waiting list."""

    class Status(models.TextChoices):
        BESTAETIGT = "bestaetigt", pgettext_lazy("registration status", "Confirmed")
        WARTELISTE = "warteliste", pgettext_lazy("registration status", "Waiting list")
        STORNIERT = "storniert", pgettext_lazy("registration status", "Cancelled by the family")
        ABGESAGT = "abgesagt", pgettext_lazy("registration status", "Occasion cancelled")

    AKTIV: ClassVar[tuple[str, str]] = (Status.BESTAETIGT, Status.WARTELISTE)

    # After pseudonymisation `kind` is empty; `alter` keeps the statistics.
    kind = models.ForeignKey(
        Kind,
        verbose_name=_("child"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anmeldungen",
    )
    durchfuehrung = models.ForeignKey(
        Durchfuehrung,
        verbose_name=_("occasion"),
        on_delete=models.CASCADE,
        related_name="anmeldungen",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    warteliste_position = models.PositiveIntegerField(
        _("place on the waiting list"), null=True, blank=True
    )
    alter = models.PositiveSmallIntegerField(_("age on the first day"))
    notfall_telefon = models.CharField(_("phone in an emergency"), max_length=50, blank=True)
    hinweise = models.TextField(_("notes for the providers"), blank=True)
    anwesend = models.BooleanField(_("present"), null=True, blank=True)
    angemeldet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("registered on"), auto_now_add=True)
    nachgerueckt_am = models.DateTimeField(_("moved up on"), null=True, blank=True)
    storniert_am = models.DateTimeField(_("cancelled on"), null=True, blank=True)

    objects = AnmeldungQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["erstellt", "pk"]
        constraints = [
            # No child twice on the same occasion (confirmed or waiting), whoever races.
            models.UniqueConstraint(
                fields=["kind", "durchfuehrung"],
                condition=Q(status__in=["bestaetigt", "warteliste"]),
                name="anmeldung_einmal_pro_kind",
            ),
            models.CheckConstraint(
                condition=Q(status="warteliste", warteliste_position__isnull=False)
                | (~Q(status="warteliste") & Q(warteliste_position__isnull=True)),
                name="anmeldung_warteliste_position",
            ),
        ]
        indexes = [
            models.Index(fields=["durchfuehrung", "status"], name="anmeldung_df_status"),
        ]

    def __str__(self) -> str:
        return f"{self.kind or _('(pseudonymised)')} – {self.durchfuehrung}"

    @property
    def aktiv(self) -> bool:
        return self.status in self.AKTIV


def _unveroeffentlichte_durchfuehrungen(user) -> Q:
    """Occasions of offers not public yet (a draft, a submitted offer, an offer of a period
    not yet released) are dates only for the offering Akteur's members (and coordinators,
    who see everything): not for the public, not for the rest of the network, not in mails."""
    versteckt = Durchfuehrung.objects.filter(termin=OuterRef("pk")).exclude(
        angebot__in=Ferienangebot.objects.oeffentlich().values("pk")
    )
    if user.is_authenticated:
        versteckt = versteckt.exclude(
            angebot__in=Ferienangebot.objects.editable_by(user).values("pk")
        )
    return Q(Exists(versteckt))


VERBORGEN.append(_unveroeffentlichte_durchfuehrungen)
