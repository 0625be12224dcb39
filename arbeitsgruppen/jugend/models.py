"""Jugendbeteiligung: young people's ideas, their supporters, the answer owed and the trail.

* A young person posts with a :class:`Jugendprofil` (birth year and nickname, never a name in
  public); under 16 only after a guardian confirmed by a signed mail link. Leaders of youth
  groups (the members of the working group "Jugendbeteiligung") enter ideas for their group
  without accounts for the young people: the idea then shows the group's name.
* Residents support an idea (:class:`Unterstuetzung`, one per person). At the threshold, or
  when the working group puts it on its agenda, the idea is owed an answer: it gets a
  responsible group or actor and a deadline (:mod:`arbeitsgruppen.jugend.services`).
* Every status change is a dated :class:`Statusschritt` with a short public text.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Erstellt, Zeitstempel
from vereine.bilder import BildFeld

__all__ = ["Idee", "Jugendprofil", "Meldung", "Statusschritt", "Unterstuetzung"]

# Under this age (by birth year, see Jugendprofil.braucht_bestaetigung) a guardian confirms.
BESTAETIGUNG_UNTER = 16
ALTER_VON, ALTER_BIS = 12, 21


class Jugendprofil(Erstellt):
    """What a young person's account needs for posting ideas; kept out of the core User."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="jugendprofil",
    )
    spitzname = models.CharField(
        _("nickname"),
        max_length=40,
        unique=True,
        help_text=_("Shown with your ideas instead of your name. Do not use your real name."),
    )
    geburtsjahr = models.PositiveSmallIntegerField(_("year of birth"))
    sorgeberechtigt_email = models.EmailField(
        _("e-mail of a parent or guardian"),
        blank=True,
        help_text=_("Only needed if you are younger than 16: they confirm with one click."),
    )
    bestaetigung_angefragt_am = models.DateTimeField(
        _("confirmation requested on"), null=True, blank=True
    )
    bestaetigt_am = models.DateTimeField(_("confirmed by the guardian on"), null=True, blank=True)

    class Meta:
        verbose_name = _("youth profile")
        verbose_name_plural = _("youth profiles")
        ordering = ["spitzname"]

    def __str__(self) -> str:
        return self.spitzname

    def braucht_bestaetigung(self, heute: date | None = None) -> bool:
        """Whether the person may be under 16. Only the year is known, so whoever turns 16
        this year still counts as under 16 until the new year (the safe side)."""
        heute = heute or timezone.localdate()
        return heute.year - self.geburtsjahr <= BESTAETIGUNG_UNTER

    def darf_posten(self, heute: date | None = None) -> bool:
        return self.bestaetigt_am is not None or not self.braucht_bestaetigung(heute)


class IdeeQuerySet(models.QuerySet["Idee"]):
    def oeffentlich(self) -> IdeeQuerySet:
        """What everybody sees: ideas not hidden by a moderator."""
        return self.filter(versteckt_am__isnull=True)

    def sichtbar_fuer(self, user) -> IdeeQuerySet:
        """Public ideas; moderators also see hidden ones, authors their own."""
        from arbeitsgruppen.jugend.rechte import ist_moderation

        if ist_moderation(user):
            return self.all()
        if user.is_authenticated:
            return self.filter(Q(versteckt_am__isnull=True) | Q(autor=user))
        return self.oeffentlich()

    def mit_unterstuetzung(self) -> IdeeQuerySet:
        """Annotate `anzahl_unterstuetzungen` (current supports plus those archived)."""
        return self.annotate(
            anzahl_unterstuetzungen=Count("unterstuetzungen") + models.F("unterstuetzungen_archiv")
        )

    def offen(self) -> IdeeQuerySet:
        return self.filter(status__in=Idee.OFFEN)

    def gemeldet_oder_markiert(self) -> IdeeQuerySet:
        """Ideas with an open report or flagged by the word list (for the moderators)."""
        offene_meldung = Meldung.objects.filter(
            idee=models.OuterRef("pk"), erledigt_am__isnull=True
        )
        return self.filter(Q(models.Exists(offene_meldung)) | Q(markiert=True))

    def antwort_ueberfaellig(self, heute: date) -> IdeeQuerySet:
        """Owed an answer whose deadline passed before `heute`."""
        return self.offen().filter(antwort_bis__lt=heute)


class Idee(Zeitstempel):
    class Status(models.TextChoices):
        EINGEGANGEN = "eingegangen", pgettext_lazy("idea status", "Received")
        IN_PRUEFUNG = "in_pruefung", pgettext_lazy("idea status", "Being looked at")
        BEANTWORTET = "beantwortet", pgettext_lazy("idea status", "Answered")
        UMGESETZT = "umgesetzt", pgettext_lazy("idea status", "Done")
        ABGELEHNT = "abgelehnt", pgettext_lazy("idea status", "Declined")

    class Anlass(models.TextChoices):
        SCHWELLE = "schwelle", _("enough supporters")
        TAGESORDNUNG = "tagesordnung", _("on the working group's agenda")

    OFFEN = (Status.EINGEGANGEN, Status.IN_PRUEFUNG)
    ABGESCHLOSSEN = (Status.UMGESETZT, Status.ABGELEHNT)

    titel = models.CharField(_("title"), max_length=120)
    was = models.TextField(_("what is your idea?"), max_length=2000)
    warum = models.TextField(_("why is it important?"), max_length=2000)
    ortsteil = models.ForeignKey(
        "netzwerk.Ortsteil",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jugendideen",
    )
    foto = BildFeld(_("photo"), upload_to="jugend/fotos/", blank=True)
    foto_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jugendideen",
    )
    jugendgruppe = models.CharField(
        _("youth group"),
        max_length=120,
        blank=True,
        help_text=_(
            "Filled when a group leader enters the idea for a group, e.g. “Jugendclub Badeborn”."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EINGEGANGEN
    )
    # The answer owed (services.verpflichten): who answers and until when.
    anlass = models.CharField(
        _("answer owed because"), max_length=20, choices=Anlass.choices, blank=True
    )
    zustaendig_gruppe = models.ForeignKey(
        "arbeitsgruppen.Arbeitsgruppe",
        verbose_name=_("responsible working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jugendideen",
    )
    zustaendig_akteur = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("responsible actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jugendideen",
    )
    antwort_bis = models.DateField(_("answer due by"), null=True, blank=True)
    vorhaben = models.ForeignKey(
        "arbeitsgruppen.Vorhaben",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jugendideen",
    )
    unterstuetzungen_archiv = models.PositiveIntegerField(
        _("archived supports"),
        default=0,
        help_text=_("Supports whose supporters were deleted after the retention period."),
    )
    # Moderation
    markiert = models.BooleanField(_("flagged by the word list"), default=False)
    versteckt_am = models.DateTimeField(_("hidden on"), null=True, blank=True)
    versteckt_grund = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    versteckt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = IdeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("youth idea")
        verbose_name_plural = _("youth ideas")
        ordering = ["-erstellt", "-pk"]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("jugend:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.foto and not self.foto_alt.strip():
            raise ValidationError(
                {
                    "foto_alt": _(
                        "Please describe the photo in a few words, e.g. “The old skate ramp”."
                    )
                }
            )

    @property
    def von(self) -> str:
        """The public name: the group, or the nickname. Never a person's name."""
        if self.jugendgruppe:
            return self.jugendgruppe
        profil = getattr(self.autor, "jugendprofil", None) if self.autor_id else None
        return profil.spitzname if profil else str(_("a young person"))

    @property
    def versteckt(self) -> bool:
        return self.versteckt_am is not None

    @property
    def zustaendig(self):
        return self.zustaendig_gruppe or self.zustaendig_akteur

    def ist_ueberfaellig(self, heute: date | None = None) -> bool:
        heute = heute or timezone.localdate()
        return (
            self.status in self.OFFEN and self.antwort_bis is not None and self.antwort_bis < heute
        )


class Statusschritt(models.Model):
    """One public, dated step of an idea's trail, with a short text (the reason, if declined)."""

    idee = models.ForeignKey(
        Idee, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="schritte"
    )
    status = models.CharField(_("status"), max_length=20, choices=Idee.Status.choices)
    text = models.TextField(_("short text"), max_length=1500)
    am = models.DateTimeField(_("on"), default=timezone.now)
    von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("status step")
        verbose_name_plural = _("status steps")
        ordering = ["am", "pk"]

    def __str__(self) -> str:
        return f"{self.idee}: {self.get_status_display()}"


class Unterstuetzung(Erstellt):
    """One resident supports one idea (and may ask for news about it)."""

    idee = models.ForeignKey(
        Idee, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="unterstuetzungen"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.CASCADE,
        related_name="jugendunterstuetzungen",
    )
    benachrichtigen = models.BooleanField(_("send me news about this idea"), default=False)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["-erstellt"]
        constraints = [
            models.UniqueConstraint(fields=["idee", "user"], name="jugend_eine_unterstuetzung"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.idee}"


class Meldung(Erstellt):
    """A user reports an idea to the moderators (insult, personal data, …)."""

    idee = models.ForeignKey(
        Idee, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="meldungen"
    )
    von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="jugendmeldungen",
    )
    grund = models.TextField(_("what is wrong?"), max_length=1000)
    erledigt_am = models.DateTimeField(_("handled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-erstellt"]
        constraints = [
            models.UniqueConstraint(fields=["idee", "von"], name="jugend_eine_meldung"),
        ]

    def __str__(self) -> str:
        return f"{self.idee}: {self.grund[:40]}"
