"""Meetings (Stammtisch), host requests, answers (RSVP) and topics."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.berechtigungen import ist_koordination
from termine.models.termin import Termin
from termine.stammtisch.models.reihen import Stammtischreihe
from vereine.models import Akteur, Mitgliedschaft


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

    class Phase(models.TextChoices):
        """Where a meeting stands, derived in one place (:meth:`Stammtisch.phase_am`);
        every page, mail and workflow asks this instead of reading the fields itself."""

        PLANUNG = "planung", pgettext_lazy("meeting phase", "Being planned")
        EINGELADEN = "eingeladen", pgettext_lazy("meeting phase", "Invitations sent")
        VORBEI = "vorbei", pgettext_lazy("meeting phase", "Over")
        ABGESAGT = "abgesagt", pgettext_lazy("meeting phase", "Cancelled")

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

    def phase_am(self, jetzt: datetime | None = None) -> Stammtisch.Phase:
        """The one state of the meeting at `jetzt`: cancelled, over, invited (answers
        open) or still being planned (the invitation follows). Invited means the
        invitations went out (``eingeladen_am``), not merely a confirmed Termin."""
        termin = self.termin
        if termin.abgesagt:
            return self.Phase.ABGESAGT
        if termin.ende <= (jetzt or timezone.now()):
            return self.Phase.VORBEI
        if self.eingeladen_am is not None:
            return self.Phase.EINGELADEN
        return self.Phase.PLANUNG

    @property
    def phase(self) -> Stammtisch.Phase:
        return self.phase_am()

    @property
    def gastgeber_steht(self) -> bool:
        """The host has agreed (by link, or confirmed by the coordinators)."""
        return self.gastgeber_id is not None and (
            self.gastgeber_status == self.GastgeberStatus.ZUGESAGT
        )

    @property
    def vorschlag_text(self) -> str:
        """Why the rotation proposed this host, as people read it (relative to today)."""
        if self.vorschlagsgrund == self.Vorschlagsgrund.ZULETZT and self.zuletzt_gastgeber:
            return zuletzt_text(self.zuletzt_gastgeber)
        return str(self.get_vorschlagsgrund_display()) if self.vorschlagsgrund else ""


def zuletzt_text(tag: date, heute: date | None = None) -> str:
    """ "last hosted on …" for a day that has passed; a hosting still ahead (a meeting
    planned but not held yet) must not be called "last"."""
    datum = formats.date_format(tag, "SHORT_DATE_FORMAT")
    if tag > (heute or timezone.localdate()):
        return _("already planned as host on %(datum)s") % {"datum": datum}
    return _("last hosted on %(datum)s") % {"datum": datum}


class StammtischEinladung(models.Model):
    """Who was invited to which meeting: one row per meeting and address, so inviting
    again sends only to those who have none yet (e.g. members who joined since)."""

    stammtisch = models.ForeignKey(
        Stammtisch,
        verbose_name=_("Stammtisch"),
        on_delete=models.CASCADE,
        related_name="einladungen",
    )
    email = models.EmailField(_("e-mail address"))
    akteur = models.ForeignKey(
        Akteur,
        verbose_name=_("for actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("invited on"), default=timezone.now)
    verschickt_am = models.DateTimeField(_("mail sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("Stammtisch invitation")
        verbose_name_plural = _("Stammtisch invitations")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["stammtisch", "email"], name="stammtisch_einladung_eine_pro_adresse"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stammtisch}: {self.email}"


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
