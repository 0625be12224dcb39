"""Groups, their members, join requests and invitations."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Erstellt
from netzwerk.berechtigungen import im_netzwerk, ist_koordination
from vereine.models import Akteur

# Paths under /arbeitsgruppen/ that are not groups.
RESERVIERTE_SLUGS = frozenset({"meine-aufgaben", "einladung"})


class ArbeitsgruppeQuerySet(models.QuerySet["Arbeitsgruppe"]):
    def oeffentlich(self) -> ArbeitsgruppeQuerySet:
        return self.filter(sichtbarkeit=Arbeitsgruppe.Sichtbarkeit.OEFFENTLICH)

    def sichtbar_fuer(self, user) -> ArbeitsgruppeQuerySet:
        """Groups `user` may read: public ones for everyone, transparent ones for everyone in
        the network, internal ones for their members; coordinators read all."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.oeffentlich()
        bedingung = models.Q(sichtbarkeit=Arbeitsgruppe.Sichtbarkeit.OEFFENTLICH) | models.Q(
            pk__in=Mitglied.objects.filter(user=user).values("gruppe")
        )
        if im_netzwerk(user):
            bedingung |= models.Q(sichtbarkeit=Arbeitsgruppe.Sichtbarkeit.TRANSPARENT)
        return self.filter(bedingung)

    def schreibbar_fuer(self, user) -> ArbeitsgruppeQuerySet:
        """Groups in which `user` may add tasks, documents and posts: own groups, or all for
        coordinators."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=Mitglied.objects.filter(user=user).values("gruppe"))

    def geleitet_von(self, user) -> ArbeitsgruppeQuerySet:
        """Groups whose members `user` manages (Leitung), or all for coordinators."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            pk__in=Mitglied.objects.filter(user=user, rolle=Mitglied.Rolle.LEITUNG).values("gruppe")
        )

    def von(self, user) -> ArbeitsgruppeQuerySet:
        """Groups `user` is a member of (coordinators are not members by office)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=Mitglied.objects.filter(user=user).values("gruppe"))


class Arbeitsgruppe(Erstellt):
    class Sichtbarkeit(models.TextChoices):
        OEFFENTLICH = "oeffentlich", pgettext_lazy("group visibility", "Public")
        TRANSPARENT = "transparent", pgettext_lazy("group visibility", "Transparent")
        INTERN = "intern", pgettext_lazy("group visibility", "Internal")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    zweck = models.TextField(_("purpose"), blank=True)
    ziele = models.TextField(_("goals"), blank=True)
    sichtbarkeit = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Sichtbarkeit.choices,
        default=Sichtbarkeit.TRANSPARENT,
        help_text=_(
            "Public: everyone reads. Transparent: everyone in the network reads, members "
            "write. Internal: members only."
        ),
    )
    uebergeordnet = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="untergruppen",
    )
    kontakt = models.CharField(_("contact"), max_length=200, blank=True)
    rhythmus = models.CharField(
        _("meeting rhythm"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “every first Monday of the month, 19:00”"),
    )
    akteure = models.ManyToManyField(
        Akteur, verbose_name=_("linked actors"), blank=True, related_name="arbeitsgruppen"
    )

    objects = ArbeitsgruppeQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("arbeitsgruppen:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.slug in RESERVIERTE_SLUGS:
            raise ValidationError(
                {"slug": _("This address is used by the portal. Please choose another one.")}
            )

    def mitglied_von(self, user) -> Mitglied | None:
        if not user.is_authenticated:
            return None
        return self.mitglieder.filter(user=user).first()


class MitgliedQuerySet(models.QuerySet["Mitglied"]):
    def leitung(self) -> MitgliedQuerySet:
        return self.filter(rolle=Mitglied.Rolle.LEITUNG)


class Mitglied(models.Model):
    """A user's membership in a working group, with how they want to hear about new posts."""

    class Rolle(models.TextChoices):
        LEITUNG = "leitung", pgettext_lazy("group role", "Lead")
        MITGLIED = "mitglied", pgettext_lazy("group role", "Member")

    class Benachrichtigung(models.TextChoices):
        SOFORT = "sofort", pgettext_lazy("notification", "Immediately, one mail per post")
        TAEGLICH = "taeglich", pgettext_lazy("notification", "Daily overview")
        WOECHENTLICH = "woechentlich", pgettext_lazy("notification", "Weekly overview")
        AUS = "aus", pgettext_lazy("notification", "No mails about posts")

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="mitglieder",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="ag_mitgliedschaften",
    )
    rolle = models.CharField(
        _("role"), max_length=20, choices=Rolle.choices, default=Rolle.MITGLIED
    )
    seit = models.DateField(_("member since"), auto_now_add=True)
    benachrichtigung = models.CharField(
        _("notifications about new posts"),
        max_length=20,
        choices=Benachrichtigung.choices,
        default=Benachrichtigung.WOECHENTLICH,
    )
    # Posts up to this moment have been in an overview mail (daily or weekly).
    beitraege_gemeldet_bis = models.DateTimeField(
        _("posts reported up to"), null=True, blank=True, editable=False
    )
    # When the weekly overview last went out to this member: guards against sending twice.
    letzter_wochenueberblick = models.DateTimeField(
        _("last weekly overview"), null=True, blank=True, editable=False
    )

    objects = MitgliedQuerySet.as_manager()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["gruppe__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["gruppe", "user"], name="ag_mitglied_eindeutig"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.gruppe}"

    @property
    def ist_leitung(self) -> bool:
        return self.rolle == self.Rolle.LEITUNG


class Beitrittsanfrage(models.Model):
    """Someone asks to join a group; a Leitung decides."""

    class Status(models.TextChoices):
        OFFEN = "offen", pgettext_lazy("join request", "Open")
        ANGENOMMEN = "angenommen", pgettext_lazy("join request", "Accepted")
        ABGELEHNT = "abgelehnt", pgettext_lazy("join request", "Declined")

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="beitrittsanfragen",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="ag_beitrittsanfragen",
    )
    nachricht = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )
    erstellt = models.DateTimeField(_("requested"), default=timezone.now)
    entschieden_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entschieden_am = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-erstellt"]
        constraints = [
            models.UniqueConstraint(
                fields=["gruppe", "user"],
                condition=models.Q(status="offen"),
                name="ag_anfrage_eine_offene",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.gruppe}"


class Einladung(models.Model):
    """An invitation by e-mail; the link carries a signed, expiring token with this row's id."""

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="einladungen",
    )
    email = models.EmailField(_("e-mail address"))
    eingeladen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("sent"), default=timezone.now)
    angenommen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    angenommen_am = models.DateTimeField(_("accepted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-erstellt"]

    def __str__(self) -> str:
        return f"{self.email} → {self.gruppe}"
