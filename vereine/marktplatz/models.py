"""Offers and needs, market events, deals: the Markt der guten Geschäfte.

The market event is a Termin of the shared calendar (category Marktplatz); this room refers
to it by the string "termine.Termin" only. Whatever a member may edit is found through
`Akteur.objects.schreibbar_fuer(user)`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Erstellt, ErstelltVon, Zeitstempel
from netzwerk.berechtigungen import ist_koordination
from vereine.bilder import BildFeld
from vereine.marktplatz.geldregel import kein_geld
from vereine.models import Akteur

# What the app's models module takes over (the models only).
__all__ = ["Eintrag", "Markt", "MarktAnmeldung", "Vereinbarung"]


class Art(models.TextChoices):
    """What is traded. Money is not among them, on purpose."""

    ZEIT = "zeit", pgettext_lazy("marketplace kind", "Time")
    KNOW_HOW = "know_how", pgettext_lazy("marketplace kind", "Know-how")
    SACHMITTEL = "sachmittel", pgettext_lazy("marketplace kind", "Materials")
    RAEUME = "raeume", pgettext_lazy("marketplace kind", "Rooms")
    LOGISTIK = "logistik", pgettext_lazy("marketplace kind", "Logistics/transport")
    KONTAKTE = "kontakte", pgettext_lazy("marketplace kind", "Contacts")


class Seite(models.TextChoices):
    """The two sides the method brings together."""

    UNTERNEHMEN = "unternehmen", pgettext_lazy("marketplace side", "Company")
    GEMEINNUETZIG = "gemeinnuetzig", pgettext_lazy("marketplace side", "Non-profit")


def seite_von(akteur_art: str) -> Seite:
    """Companies are one side; associations, town, church, schools, … are the other."""
    return Seite.UNTERNEHMEN if akteur_art == Akteur.Art.UNTERNEHMEN else Seite.GEMEINNUETZIG


def seite_filter(seite: str, praefix: str = "") -> Q:
    """Q for actors (reached through `praefix`, e.g. "akteur__") on `seite`."""
    q = Q(**{f"{praefix}art": Akteur.Art.UNTERNEHMEN})
    return q if seite == Seite.UNTERNEHMEN else ~q


# ----------------------------------------------------------------------------- offers, needs


class EintragQuerySet(models.QuerySet["Eintrag"]):
    def gueltig(self, heute: date | None = None) -> EintragQuerySet:
        heute = heute or timezone.localdate()
        return self.filter(Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=heute))

    def oeffentlich(self) -> EintragQuerySet:
        """Shown to everyone: published, still valid, of an actor in the public directory."""
        return self.gueltig().filter(
            status=Eintrag.Status.OEFFENTLICH,
            akteur__status=Akteur.Status.AKTIV,
            akteur__sichtbarkeit=Akteur.Sichtbarkeit.OEFFENTLICH,
        )

    def sichtbar_fuer(self, user) -> EintragQuerySet:
        """Public entries, plus all entries of the user's own actors (coordinators: all)."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.oeffentlich()
        return self.filter(
            Q(pk__in=self.oeffentlich().values("pk"))
            | Q(akteur__in=Akteur.objects.schreibbar_fuer(user))
        )

    def schreibbar_fuer(self, user) -> EintragQuerySet:
        return self.filter(akteur__in=Akteur.objects.schreibbar_fuer(user))

    def warten_auf_pruefung(self) -> EintragQuerySet:
        return self.filter(status=Eintrag.Status.PRUEFUNG)

    def der_seite(self, seite: str) -> EintragQuerySet:
        return self.filter(seite_filter(seite, "akteur__"))


class Eintrag(Zeitstempel, ErstelltVon):
    """An offer (Angebot) or a need (Bedarf) of an Akteur for the market."""

    class Typ(models.TextChoices):
        ANGEBOT = "angebot", pgettext_lazy("marketplace entry", "Offer")
        BEDARF = "bedarf", pgettext_lazy("marketplace entry", "Need")

    class Status(models.TextChoices):
        OEFFENTLICH = "oeffentlich", pgettext_lazy("marketplace entry status", "Public")
        PRUEFUNG = "pruefung", pgettext_lazy("marketplace entry status", "Waiting for review")
        ABGELEHNT = "abgelehnt", pgettext_lazy("marketplace entry status", "Not published")
        BEENDET = "beendet", pgettext_lazy("marketplace entry status", "Closed")

    akteur = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="marktplatz_eintraege",
    )
    typ = models.CharField(_("offer or need"), max_length=10, choices=Typ.choices)
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices)
    titel = models.CharField(_("title"), max_length=150, validators=[kein_geld])
    text = models.TextField(_("description"), validators=[kein_geld])
    ortsteil = models.ForeignKey(
        "netzwerk.Ortsteil",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    themen = models.ManyToManyField(
        "vereine.Thema", verbose_name=_("topics"), blank=True, related_name="+"
    )
    umfang = models.CharField(
        _("how much"),
        max_length=150,
        blank=True,
        validators=[kein_geld],
        help_text=_("e.g. “2 hours a month”, “a van for one Saturday”"),
    )
    gueltig_bis = models.DateField(_("valid until"), null=True, blank=True)
    konkurrenz = models.BooleanField(
        _("could compete with local businesses"),
        default=False,
        help_text=_(
            "Tick this if others in town sell what you offer. The coordination team looks at "
            "it before it is shown."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OEFFENTLICH
    )

    objects = EintragQuerySet.as_manager()

    class Meta:
        verbose_name = _("marketplace entry")
        verbose_name_plural = _("marketplace entries")
        ordering = ["-erstellt", "-pk"]
        indexes = [models.Index(fields=["status", "typ", "art"], name="mp_eintrag_suche")]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("marktplatz:eintrag", kwargs={"pk": self.pk})

    @property
    def seite(self) -> Seite:
        return seite_von(self.akteur.art)


# ----------------------------------------------------------------------------- the market


class MarktQuerySet(models.QuerySet["Markt"]):
    def sichtbar_fuer(self, user) -> MarktQuerySet:
        """Markets whose Termin the user may see (same rule as the calendar, in SQL)."""
        from termine.models import Termin  # the core below the room; imported late

        return self.filter(termin__in=Termin.objects.sichtbar_fuer(user))

    def kommende(self) -> MarktQuerySet:
        return self.filter(termin__ende__gte=timezone.now())

    def vergangene(self) -> MarktQuerySet:
        return self.filter(termin__ende__lt=timezone.now())

    def mit_makler(self, user) -> MarktQuerySet:
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(makler=user)


class Markt(Erstellt):
    """One market event. Its date, place and visibility are those of its Termin."""

    termin = models.OneToOneField(
        "termine.Termin", verbose_name=_("date"), on_delete=models.CASCADE, related_name="markt"
    )
    makler = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brokers"),
        blank=True,
        related_name="marktplatz_makler",
        help_text=_("Brokers walk the room, bring pairs together and write down deals."),
    )
    teilnehmer = models.ManyToManyField(
        "vereine.Akteur",
        verbose_name=_("registered actors"),
        through="MarktAnmeldung",
        blank=True,
        related_name="marktplatz_maerkte",
    )

    objects = MarktQuerySet.as_manager()

    class Meta:
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        ordering = ["-termin__start"]

    def __str__(self) -> str:
        return str(self.termin)

    def get_absolute_url(self) -> str:
        return reverse("marktplatz:markt", kwargs={"pk": self.pk})

    @property
    def vorbei(self) -> bool:
        return self.termin.ende < timezone.now()


class MarktAnmeldung(models.Model):
    """An actor registered as a participant of a market."""

    markt = models.ForeignKey(
        Markt, verbose_name=_("market"), on_delete=models.CASCADE, related_name="anmeldungen"
    )
    akteur = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="marktplatz_anmeldungen",
    )
    angemeldet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("registered on"), default=timezone.now)

    class Meta:
        verbose_name = _("market registration")
        verbose_name_plural = _("market registrations")
        ordering = ["akteur__name"]
        constraints = [
            models.UniqueConstraint(fields=["markt", "akteur"], name="mp_anmeldung_eindeutig"),
        ]

    def __str__(self) -> str:
        return f"{self.akteur} → {self.markt}"


# ----------------------------------------------------------------------------- deals


class VereinbarungQuerySet(models.QuerySet["Vereinbarung"]):
    def bestaetigt(self) -> VereinbarungQuerySet:
        """Confirmed by both parties; only these are public and counted."""
        return self.filter(bestaetigt_a_am__isnull=False, bestaetigt_b_am__isnull=False)

    def unbestaetigt(self) -> VereinbarungQuerySet:
        return self.filter(Q(bestaetigt_a_am__isnull=True) | Q(bestaetigt_b_am__isnull=True))

    def mit_beteiligung(self, user) -> VereinbarungQuerySet:
        """Deals one of the user's actors is a party to."""
        eigene = Akteur.objects.schreibbar_fuer(user)
        return self.filter(Q(partner_a__in=eigene) | Q(partner_b__in=eigene))

    def sichtbar_fuer(self, user) -> VereinbarungQuerySet:
        """Confirmed deals for everyone; unconfirmed ones for the parties, the market's
        brokers and the coordinators."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.bestaetigt()
        eigene = Akteur.objects.schreibbar_fuer(user)
        return self.filter(
            Q(bestaetigt_a_am__isnull=False, bestaetigt_b_am__isnull=False)
            | Q(partner_a__in=eigene)
            | Q(partner_b__in=eigene)
            | Q(markt__in=Markt.objects.filter(makler=user))
        )

    def offen(self) -> VereinbarungQuerySet:
        return self.filter(status=Vereinbarung.Status.OFFEN)

    def ueberfaellig(self, heute: date | None = None) -> VereinbarungQuerySet:
        """Confirmed, still open, and the date by which it should have happened is past."""
        heute = heute or timezone.localdate()
        return self.bestaetigt().offen().filter(bis__lt=heute)

    def nachzufragen(self, heute: date | None = None) -> VereinbarungQuerySet:
        """Due today or earlier and not yet asked “Umgesetzt?”."""
        heute = heute or timezone.localdate()
        return self.bestaetigt().offen().filter(bis__lte=heute, nachgefragt_am__isnull=True)

    def fuer_listen(self) -> VereinbarungQuerySet:
        return self.select_related("partner_a", "partner_b", "markt__termin")


class Vereinbarung(models.Model):
    """An Engagement-Vereinbarung: what two actors give each other, by when, who is in charge."""

    class Status(models.TextChoices):
        OFFEN = "offen", pgettext_lazy("deal status", "Open")
        UMGESETZT = "umgesetzt", pgettext_lazy("deal status", "Done")
        NICHT_ZUSTANDE = "nicht_zustande", pgettext_lazy("deal status", "Did not happen")

    markt = models.ForeignKey(
        Markt, verbose_name=_("market"), on_delete=models.PROTECT, related_name="vereinbarungen"
    )
    nummer = models.PositiveIntegerField(_("number"), editable=False)
    partner_a = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("first party"),
        on_delete=models.PROTECT,
        related_name="marktplatz_vereinbarungen_a",
    )
    gibt_a = models.TextField(_("what the first party gives"), validators=[kein_geld])
    art_a = models.CharField(_("kind (first party)"), max_length=20, choices=Art.choices)
    kontakt_a = models.CharField(_("contact person (first party)"), max_length=150)
    partner_b = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("second party"),
        on_delete=models.PROTECT,
        related_name="marktplatz_vereinbarungen_b",
    )
    gibt_b = models.TextField(_("what the second party gives"), validators=[kein_geld])
    art_b = models.CharField(_("kind (second party)"), max_length=20, choices=Art.choices)
    kontakt_b = models.CharField(_("contact person (second party)"), max_length=150)
    bis = models.DateField(_("done by"))
    stunden = models.PositiveSmallIntegerField(
        _("hours of time given"),
        null=True,
        blank=True,
        help_text=_("An estimate for the statistics, both sides together."),
    )
    bestaetigt_a_am = models.DateTimeField(_("confirmed by the first party"), null=True, blank=True)
    bestaetigt_b_am = models.DateTimeField(
        _("confirmed by the second party"), null=True, blank=True
    )
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written down by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("created"), default=timezone.now)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )
    bericht = models.TextField(
        _("short report"),
        blank=True,
        help_text=_("What became of it, in two or three sentences."),
    )
    foto = BildFeld(_("photo"), upload_to="marktplatz/fotos/", blank=True)
    foto_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    ergebnis_am = models.DateTimeField(_("result reported on"), null=True, blank=True)
    nachgefragt_am = models.DateTimeField(_("asked “done?” on"), null=True, blank=True)

    objects = VereinbarungQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-erstellt", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["markt", "nummer"], name="mp_vereinbarung_nummer"),
            models.CheckConstraint(
                condition=~Q(partner_a=models.F("partner_b")), name="mp_zwei_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.nummer} {self.partner_a} – {self.partner_b}"

    def get_absolute_url(self) -> str:
        return reverse("marktplatz:vereinbarung", kwargs={"pk": self.pk})

    def clean(self) -> None:
        fehler = {}
        if self.partner_a_id and self.partner_a_id == self.partner_b_id:
            fehler["partner_b"] = _("A deal needs two different actors.")
        if self.foto and not self.foto_alt.strip():
            fehler["foto_alt"] = _("Please describe the photo in a few words.")
        if fehler:
            raise ValidationError(fehler)

    @property
    def bestaetigt(self) -> bool:
        return bool(self.bestaetigt_a_am and self.bestaetigt_b_am)

    @property
    def parteien(self) -> list[tuple]:
        """Both sides for the printed agreement: (actor, gives, kind, contact person)."""
        return [
            (self.partner_a, self.gibt_a, self.get_art_a_display(), self.kontakt_a),
            (self.partner_b, self.gibt_b, self.get_art_b_display(), self.kontakt_b),
        ]

    @property
    def ueberfaellig(self) -> bool:
        return (
            self.bestaetigt and self.status == self.Status.OFFEN and self.bis < timezone.localdate()
        )
