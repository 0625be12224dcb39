"""The rotating Vereinsstammtisch: series, rotation pool, meetings, answers, topics, minutes.

A Stammtischreihe meets on a cadence (:class:`termine.rotation.Cadence`); each meeting is a
:class:`Stammtisch` that points at its Termin (one calendar, one iCal writer, one clash
check) and names the hosting Akteur (Gastgeber).

The Protokoll (minutes) belongs to a Termin, not to a Stammtisch, so that working-group
meetings can keep their minutes the same way.

Workflows live in :mod:`termine.stammtisch`; the pure host rotation in
:mod:`termine.rotation`.
"""

from __future__ import annotations

from datetime import date, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arbeitsgruppen.models import Arbeitsgruppe
from termine.models.termin import Termin
from termine.stammtisch.rotation import Cadence, Frequency
from vereine.models import Akteur, Mitgliedschaft, ist_koordination


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
        return f"{self.teilnahme.akteur}: {self.von:%d.%m.%Y}–{self.bis:%d.%m.%Y}"

    def clean(self) -> None:
        if self.von and self.bis and self.bis < self.von:
            raise ValidationError({"bis": _("The end is before the start. Please check it.")})


class StammtischQuerySet(models.QuerySet["Stammtisch"]):
    def fuer_listen(self) -> StammtischQuerySet:
        return self.select_related(
            "termin", "reihe", "gastgeber", "termin__ortsteil", "termin__veranstaltungsort"
        )

    def kommende(self, jetzt=None) -> StammtischQuerySet:
        return self.filter(termin__ende__gte=jetzt or timezone.now())

    def vergangene(self, jetzt=None) -> StammtischQuerySet:
        return self.filter(termin__ende__lt=jetzt or timezone.now())

    def nicht_abgesagt(self) -> StammtischQuerySet:
        return self.exclude(termin__status=Termin.Status.ABGESAGT)

    def sichtbar_fuer(self, user) -> StammtischQuerySet:
        """Meetings whose Termin `user` may see (public, network or group rules)."""
        return self.filter(termin__in=Termin.objects.sichtbar_fuer(user))

    def teilnehmende_sichtbar_fuer(self, user) -> StammtischQuerySet:
        """Meetings where `user` may see who comes: staff, the series' coordinators and the
        members of the hosting Akteur."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        gastgeber_mitglied = Exists(
            Mitgliedschaft.objects.filter(user=user, akteur=OuterRef("gastgeber"))
        )
        koordiniert = Exists(
            Stammtischreihe.koordination.through.objects.filter(
                user=user, stammtischreihe=OuterRef("reihe")
            )
        )
        return self.filter(gastgeber_mitglied | koordiniert)


class Stammtisch(models.Model):
    """One meeting of a series: its Termin and its host."""

    class GastgeberStatus(models.TextChoices):
        VORGESCHLAGEN = "vorgeschlagen", pgettext_lazy("host status", "Proposed")
        ANGEFRAGT = "angefragt", pgettext_lazy("host status", "Asked")
        ZUGESAGT = "zugesagt", pgettext_lazy("host status", "Agreed")
        ABGELEHNT = "abgelehnt", pgettext_lazy("host status", "Declined")

    class Vorschlagsgrund(models.TextChoices):
        # Values match termine.rotation.ProposalReason, plus a coordinator's own choice.
        NIE = "never_hosted", pgettext_lazy("host proposal", "never hosted")
        ZULETZT = "last_hosted", pgettext_lazy("host proposal", "hosted before")
        KEINER = "no_candidate", pgettext_lazy("host proposal", "nobody available")
        GEWAEHLT = "gewaehlt", pgettext_lazy("host proposal", "chosen by the coordinators")

    termin = models.OneToOneField(
        Termin, verbose_name=_("date"), on_delete=models.CASCADE, related_name="stammtisch"
    )
    reihe = models.ForeignKey(
        Stammtischreihe,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="stammtische",
    )
    gastgeber = models.ForeignKey(
        Akteur,
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stammtische_als_gastgeber",
    )
    gastgeber_status = models.CharField(
        _("host status"),
        max_length=20,
        choices=GastgeberStatus.choices,
        default=GastgeberStatus.VORGESCHLAGEN,
    )
    vorschlagsgrund = models.CharField(
        _("why this host"), max_length=20, choices=Vorschlagsgrund.choices, blank=True
    )
    zuletzt_gastgeber = models.DateField(_("host last time on"), null=True, blank=True)
    mal_gastgeber = models.PositiveSmallIntegerField(_("times hosted before"), default=0)
    eingeladen_am = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    erinnert_am = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = StammtischQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stammtisch")
        verbose_name_plural = _("Stammtische")
        ordering = ["termin__start"]

    def __str__(self) -> str:
        tag = formats.date_format(timezone.localtime(self.termin.start), "SHORT_DATE_FORMAT")
        return f"{self.reihe} – {tag}"

    def get_absolute_url(self) -> str:
        return reverse("stammtisch:detail", kwargs={"pk": self.pk})

    @property
    def vorschlag_text(self) -> str:
        """Why the rotation proposed this host, as people read it."""
        if self.vorschlagsgrund == self.Vorschlagsgrund.ZULETZT and self.zuletzt_gastgeber:
            return _("last hosted on %(datum)s") % {
                "datum": formats.date_format(self.zuletzt_gastgeber, "SHORT_DATE_FORMAT")
            }
        return str(self.get_vorschlagsgrund_display()) if self.vorschlagsgrund else ""


class GastgeberAnfrage(models.Model):
    """One request to an Akteur to host a meeting, and its answer (the history of declines)."""

    class Antwort(models.TextChoices):
        OFFEN = "offen", pgettext_lazy("host answer", "Open")
        ZUSAGE = "zusage", pgettext_lazy("host answer", "Agreed")
        ABSAGE = "absage", pgettext_lazy("host answer", "Declined")
        ZURUECKGEZOGEN = "zurueckgezogen", pgettext_lazy("host answer", "Withdrawn")

    stammtisch = models.ForeignKey(
        Stammtisch,
        verbose_name=_("Stammtisch"),
        on_delete=models.CASCADE,
        related_name="anfragen",
    )
    akteur = models.ForeignKey(
        Akteur, verbose_name=_("actor"), on_delete=models.CASCADE, related_name="+"
    )
    angefragt_am = models.DateTimeField(_("asked on"), default=timezone.now)
    antwort = models.CharField(
        _("answer"), max_length=20, choices=Antwort.choices, default=Antwort.OFFEN
    )
    beantwortet_am = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("host request")
        verbose_name_plural = _("host requests")
        ordering = ["angefragt_am", "pk"]

    def __str__(self) -> str:
        return f"{self.akteur} – {self.get_antwort_display()}"


class Rueckmeldung(models.Model):
    """A person's answer to an invitation (RSVP), one per address and meeting."""

    class Antwort(models.TextChoices):
        ZUSAGE = "zusage", pgettext_lazy("rsvp", "Coming")
        VIELLEICHT = "vielleicht", pgettext_lazy("rsvp", "Maybe")
        ABSAGE = "absage", pgettext_lazy("rsvp", "Not coming")

    stammtisch = models.ForeignKey(
        Stammtisch,
        verbose_name=_("Stammtisch"),
        on_delete=models.CASCADE,
        related_name="rueckmeldungen",
    )
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    akteur = models.ForeignKey(
        Akteur,
        verbose_name=_("for actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    antwort = models.CharField(_("answer"), max_length=20, choices=Antwort.choices)
    geaendert = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["akteur__name", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["stammtisch", "email"], name="rueckmeldung_eine_pro_adresse"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.get_antwort_display()}"


class ThemaQuerySet(models.QuerySet["Thema"]):
    def angenommen(self) -> ThemaQuerySet:
        return self.filter(status=Thema.Status.ANGENOMMEN).order_by("reihenfolge", "pk")


class Thema(models.Model):
    """A topic for a meeting's agenda, submitted by anyone in the network."""

    class Status(models.TextChoices):
        EINGEREICHT = "eingereicht", pgettext_lazy("topic status", "Submitted")
        ANGENOMMEN = "angenommen", pgettext_lazy("topic status", "Accepted")
        ABGELEHNT = "abgelehnt", pgettext_lazy("topic status", "Not taken")

    stammtisch = models.ForeignKey(
        Stammtisch,
        verbose_name=_("Stammtisch"),
        on_delete=models.CASCADE,
        related_name="themen",
    )
    titel = models.CharField(_("topic"), max_length=200)
    beschreibung = models.TextField(_("what it is about"), blank=True)
    eingereicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    akteur = models.ForeignKey(
        Akteur,
        verbose_name=_("for actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EINGEREICHT
    )
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)
    erstellt = models.DateTimeField(_("submitted on"), auto_now_add=True)

    objects = ThemaQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda topic")
        verbose_name_plural = _("agenda topics")
        ordering = ["reihenfolge", "erstellt", "pk"]

    def __str__(self) -> str:
        return self.titel


__all__ = [
    "GastgeberAnfrage",
    "Rueckmeldung",
    "Stammtisch",
    "Stammtischreihe",
    "Teilnahme",
    "Thema",
    "Verhinderung",
]
