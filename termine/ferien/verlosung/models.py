"""Wunschphase and Verlosung: wishes, group codes, allocation runs and their manual changes.

A period with mode "Wunschphase + Verlosung" first collects wishes (:class:`Wunsch`) per child,
then coordinators compute previews (:class:`Verlosungslauf`) as often as they like, adjust by
hand (:class:`Anpassung`, every change logged) and confirm one run, which creates the
Anmeldungen. The algorithm is the pure module :mod:`termine.verlosung`; loading, storing and
the workflow live in :mod:`termine.verlosung_dienste`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Erstellt
from netzwerk.zeit import kurzer_zeitpunkt
from termine.ferien.models import Durchfuehrung, Ferienzeitraum, Kind

__all__ = [
    "Anpassung",
    "Gruppenmitglied",
    "VerlosungsEinstellung",
    "Verlosungslauf",
    "Wunsch",
    "Wunschgruppe",
]


class VerlosungsEinstellung(models.Model):
    """The wish phase's settings of one period (a period without a row uses the defaults)."""

    STANDARD_FAVORITEN = 3

    zeitraum = models.OneToOneField(
        Ferienzeitraum,
        verbose_name=_("holiday period"),
        on_delete=models.CASCADE,
        related_name="verlosung_einstellung",
    )
    max_favoriten = models.PositiveSmallIntegerField(
        _("favourites per child"),
        default=STANDARD_FAVORITEN,
        validators=[MaxValueValidator(20)],
        help_text=_("How many wishes a family may mark as favourite per child (0: none)."),
    )
    wuensche_ab = models.DateTimeField(
        _("wishes from"),
        null=True,
        blank=True,
        help_text=_("Leave empty: from the publication of the period."),
    )
    wuensche_bis = models.DateTimeField(
        _("wishes until"),
        null=True,
        blank=True,
        help_text=_("Leave empty: until the lottery is confirmed."),
    )
    prioritaet_vorperiode = models.BooleanField(
        _("priority for children who got nothing last time"),
        default=True,
        help_text=_(
            "Children who took part in the previous lottery and got no place are drawn first."
        ),
    )

    class Meta:
        verbose_name = _("lottery settings")
        verbose_name_plural = _("lottery settings")

    def __str__(self) -> str:
        return str(self.zeitraum)


class Wunschgruppe(Erstellt):
    """Children who want to go together (siblings, friends), linked by a short code.

    One family creates the group and passes the code on; others join with it. The
    Verlosung keeps linked children together where it can (best effort, never at another
    child's expense).
    """

    MAX_KINDER = 6

    zeitraum = models.ForeignKey(
        Ferienzeitraum,
        verbose_name=_("holiday period"),
        on_delete=models.CASCADE,
        related_name="wunschgruppen",
    )
    code = models.CharField(_("group code"), max_length=12, unique=True)

    class Meta:
        verbose_name = _("wish group")
        verbose_name_plural = _("wish groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Gruppenmitglied(Erstellt):
    """A child in a Wunschgruppe; at most one group per child and period."""

    gruppe = models.ForeignKey(
        Wunschgruppe,
        verbose_name=_("wish group"),
        on_delete=models.CASCADE,
        related_name="mitglieder",
    )
    kind = models.ForeignKey(
        Kind, verbose_name=_("child"), on_delete=models.CASCADE, related_name="wunschgruppen"
    )
    # A copy of gruppe.zeitraum, so that the database enforces "one group per period".
    zeitraum = models.ForeignKey(
        Ferienzeitraum, verbose_name=_("holiday period"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "zeitraum"], name="gruppenmitglied_eine_gruppe_pro_zeitraum"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} – {self.gruppe}"


class WunschQuerySet(models.QuerySet["Wunsch"]):
    def im_zeitraum(self, zeitraum: Ferienzeitraum) -> WunschQuerySet:
        return self.filter(durchfuehrung__angebot__zeitraum=zeitraum)

    def von_eltern(self, user) -> WunschQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(kind__eltern=user)

    def favoriten(self) -> WunschQuerySet:
        return self.filter(favorit=True)


class Wunsch(Erstellt):
    """A family wishes that its child takes part in one Durchfuehrung.

    The time of entry is stored for the record only; the Verlosung never looks at it.
    """

    kind = models.ForeignKey(
        Kind, verbose_name=_("child"), on_delete=models.CASCADE, related_name="wuensche"
    )
    durchfuehrung = models.ForeignKey(
        Durchfuehrung,
        verbose_name=_("occasion"),
        on_delete=models.CASCADE,
        related_name="wuensche",
    )
    favorit = models.BooleanField(_("favourite"), default=False)

    objects = WunschQuerySet.as_manager()

    class Meta:
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        ordering = ["durchfuehrung__termin__start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "durchfuehrung"], name="wunsch_einmal_pro_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} – {self.durchfuehrung_id}"


class VerlosungslaufQuerySet(models.QuerySet["Verlosungslauf"]):
    def bestaetigt(self) -> VerlosungslaufQuerySet:
        return self.filter(status=Verlosungslauf.Status.BESTAETIGT)


class Verlosungslauf(models.Model):
    """One computed allocation of a period: a preview, or the confirmed one.

    ``eingabe`` holds what the algorithm saw (ids, ages, capacities, wishes; no names), so
    that the run can be recomputed from its ``seed`` and checked; ``ergebnis`` holds the
    outcome as the coordinators see it after their manual changes (draw order, places,
    reasons, waiting lists, quality report). See :mod:`termine.verlosung_dienste`.
    """

    class Status(models.TextChoices):
        VORSCHAU = "vorschau", pgettext_lazy("lottery run", "Preview")
        BESTAETIGT = "bestaetigt", pgettext_lazy("lottery run", "Confirmed")

    zeitraum = models.ForeignKey(
        Ferienzeitraum,
        verbose_name=_("holiday period"),
        on_delete=models.CASCADE,
        related_name="verlosungslaeufe",
    )
    seed = models.PositiveBigIntegerField(
        _("seed"), help_text=_("The starting number of the lottery; recorded for every run.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VORSCHAU
    )
    eingabe = models.JSONField(_("input"), default=dict)
    ergebnis = models.JSONField(_("result"), default=dict)
    pruefsumme = models.CharField(_("checksum of the input"), max_length=64)
    laufzeit_ms = models.PositiveIntegerField(_("run time in ms"), default=0)
    erstellt = models.DateTimeField(_("computed on"), default=timezone.now)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bestaetigt_am = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    bestaetigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = VerlosungslaufQuerySet.as_manager()

    class Meta:
        verbose_name = _("lottery run")
        verbose_name_plural = _("lottery runs")
        ordering = ["-erstellt", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["zeitraum"],
                condition=Q(status="bestaetigt"),
                name="verlosungslauf_ein_bestaetigter_pro_zeitraum",
            ),
        ]

    def __str__(self) -> str:
        erstellt = kurzer_zeitpunkt(self.erstellt)
        return f"{self.zeitraum} – {erstellt} ({self.get_status_display()})"

    @property
    def ist_vorschau(self) -> bool:
        return self.status == self.Status.VORSCHAU


class Anpassung(models.Model):
    """A coordinator's manual change to a preview: who, when, what and why."""

    class Aktion(models.TextChoices):
        HINZUFUEGEN = "hinzufuegen", pgettext_lazy("lottery change", "Give a place")
        ENTFERNEN = "entfernen", pgettext_lazy("lottery change", "Take a place away")

    lauf = models.ForeignKey(
        Verlosungslauf,
        verbose_name=_("lottery run"),
        on_delete=models.CASCADE,
        related_name="anpassungen",
    )
    aktion = models.CharField(_("change"), max_length=20, choices=Aktion.choices)
    kind = models.ForeignKey(
        Kind,
        verbose_name=_("child"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    durchfuehrung = models.ForeignKey(
        Durchfuehrung,
        verbose_name=_("occasion"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    grund = models.TextField(_("reason"))
    folgen = models.TextField(
        _("consequences"), blank=True, help_text=_("e.g. who moved up from the waiting list")
    )
    von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("on"), default=timezone.now)
    ueber_kapazitaet = models.BooleanField(_("beyond the places"), default=False)

    class Meta:
        verbose_name = _("manual change")
        verbose_name_plural = _("manual changes")
        ordering = ["erstellt", "pk"]

    def __str__(self) -> str:
        return f"{self.get_aktion_display()}: {self.kind} – {self.durchfuehrung}"
