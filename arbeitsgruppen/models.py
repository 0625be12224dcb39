"""Arbeitsgruppen (working groups), their members and what they work on together.

Who may read a group is answered by one queryset, `Arbeitsgruppe.objects.sichtbar_fuer(user)`;
who may write by `schreibbar_fuer(user)`. Everything inside a group (Vorhaben, Aufgaben,
Dokumente, Threads) is scoped through its group, so views never check membership by hand.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vereine.models import Akteur, Mitgliedschaft, ist_koordination

# Paths under /arbeitsgruppen/ that are not groups.
RESERVIERTE_SLUGS = frozenset({"meine-aufgaben", "einladung"})


def im_netzwerk(user) -> bool:
    """Whether `user` counts as "in the network" and may read transparent groups.

    In the network are coordinators, members of any Akteur and members of any working group.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if ist_koordination(user):
        return True
    return (
        Mitgliedschaft.objects.filter(user=user).exists()
        or Mitglied.objects.filter(user=user).exists()
    )


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


class Arbeitsgruppe(models.Model):
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
    erstellt = models.DateTimeField(_("created"), auto_now_add=True)

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


class Vorhaben(models.Model):
    """A project of a group, such as "Ferienkalender 2026" or "Aktionstag"."""

    class Status(models.TextChoices):
        IDEE = "idee", pgettext_lazy("project status", "Idea")
        PLANUNG = "planung", pgettext_lazy("project status", "Being planned")
        LAEUFT = "laeuft", pgettext_lazy("project status", "Running")
        ABGESCHLOSSEN = "abgeschlossen", pgettext_lazy("project status", "Completed")

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="vorhaben",
    )
    titel = models.CharField(_("title"), max_length=200)
    beschreibung = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEE
    )
    verantwortlich = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ag_vorhaben",
    )
    beginn = models.DateField(_("start"), null=True, blank=True)
    ende = models.DateField(_("end"), null=True, blank=True)
    erstellt = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["gruppe__name", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ende__isnull=True)
                | models.Q(beginn__isnull=True)
                | models.Q(ende__gte=models.F("beginn")),
                name="ag_vorhaben_ende_nach_beginn",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("arbeitsgruppen:vorhaben", kwargs={"slug": self.gruppe.slug, "pk": self.pk})


class AufgabeQuerySet(models.QuerySet["Aufgabe"]):
    def offen(self) -> AufgabeQuerySet:
        """Not done yet (open or in progress)."""
        return self.exclude(status=Aufgabe.Status.ERLEDIGT)

    def ueberfaellig(self, heute: date) -> AufgabeQuerySet:
        return self.offen().filter(faellig__lt=heute)

    def faellig_bis(self, tag: date) -> AufgabeQuerySet:
        """Not done and due on or before `tag` (includes overdue ones)."""
        return self.offen().filter(faellig__lte=tag)

    def fuer(self, user) -> AufgabeQuerySet:
        return self.filter(zustaendig=user)

    def sichtbar_fuer(self, user) -> AufgabeQuerySet:
        return self.filter(gruppe__in=Arbeitsgruppe.objects.sichtbar_fuer(user))


class Aufgabe(models.Model):
    class Status(models.TextChoices):
        OFFEN = "offen", pgettext_lazy("task status", "To do")
        IN_ARBEIT = "in_arbeit", pgettext_lazy("task status", "In progress")
        ERLEDIGT = "erledigt", pgettext_lazy("task status", "Done")

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="aufgaben",
    )
    vorhaben = models.ForeignKey(
        Vorhaben,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aufgaben",
    )
    titel = models.CharField(_("title"), max_length=200)
    notizen = models.TextField(_("notes"), blank=True)
    zustaendig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ag_aufgaben",
    )
    faellig = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("created"), auto_now_add=True)
    erledigt_am = models.DateTimeField(_("done on"), null=True, blank=True)

    objects = AufgabeQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = [models.F("faellig").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["zustaendig", "status"])]

    def __str__(self) -> str:
        return self.titel

    def ist_ueberfaellig(self, heute: date | None = None) -> bool:
        heute = heute or timezone.localdate()
        return bool(self.faellig and self.faellig < heute and self.status != self.Status.ERLEDIGT)

    @property
    def ueberfaellig(self) -> bool:
        return self.ist_ueberfaellig()


class PrivaterSpeicher(FileSystemStorage):
    """Files that must only leave through a permission-checking view.

    Lives in MEDIA_ROOT/private (read at use time, so test settings apply). It has no URL: the
    reverse proxy must not serve this folder (see docs/arbeitsgruppen.md).
    """

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self):  # type: ignore[override]
        return Path(settings.MEDIA_ROOT) / "private"

    @property
    def location(self):  # type: ignore[override]
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private files have no URL; use the download view.")


def privater_speicher() -> PrivaterSpeicher:
    return PrivaterSpeicher()


def _dokument_pfad(version: DokumentVersion, dateiname: str) -> str:
    # A random folder per version: names never collide and are not guessable.
    return f"arbeitsgruppen/{version.dokument.gruppe_id}/{uuid.uuid4().hex}/{dateiname}"


class DokumentQuerySet(models.QuerySet["Dokument"]):
    def sichtbar_fuer(self, user) -> DokumentQuerySet:
        return self.filter(gruppe__in=Arbeitsgruppe.objects.sichtbar_fuer(user))


class Dokument(models.Model):
    """A shared file (with all its versions) or a link."""

    class Art(models.TextChoices):
        DATEI = "datei", pgettext_lazy("document kind", "File")
        LINK = "link", pgettext_lazy("document kind", "Link")

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="dokumente",
    )
    titel = models.CharField(_("title"), max_length=200)
    beschreibung = models.TextField(_("description"), blank=True)
    art = models.CharField(_("kind"), max_length=10, choices=Art.choices, default=Art.DATEI)
    url = models.URLField(_("link"), blank=True, max_length=500)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("added"), auto_now_add=True)
    geaendert = models.DateTimeField(_("changed"), default=timezone.now)

    objects = DokumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-geaendert", "-pk"]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("arbeitsgruppen:dokument", kwargs={"slug": self.gruppe.slug, "pk": self.pk})

    @cached_property
    def aktuelle_version(self) -> DokumentVersion | None:
        # Uses the prefetched versions when the list prefetched them.
        versionen = list(self.versionen.all())
        return versionen[0] if versionen else None


class DokumentVersion(models.Model):
    """One uploaded file of a Dokument; replacing a file adds a version and keeps the old."""

    dokument = models.ForeignKey(
        Dokument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="versionen",
    )
    datei = models.FileField(
        _("file"), storage=privater_speicher, upload_to=_dokument_pfad, max_length=300
    )
    dateiname = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    groesse = models.PositiveIntegerField(_("size in bytes"))
    hochgeladen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hochgeladen = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-hochgeladen", "-pk"]

    def __str__(self) -> str:
        return self.dateiname

    def get_absolute_url(self) -> str:
        return reverse(
            "arbeitsgruppen:herunterladen",
            kwargs={"slug": self.dokument.gruppe.slug, "pk": self.pk},
        )


class Thread(models.Model):
    """A discussion topic of a group."""

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="threads",
    )
    titel = models.CharField(_("title"), max_length=200)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("started"), default=timezone.now)
    letzter_beitrag = models.DateTimeField(_("last post"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-letzter_beitrag", "-pk"]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("arbeitsgruppen:thread", kwargs={"slug": self.gruppe.slug, "pk": self.pk})


# Own posts can be corrected for this long after writing them.
BEARBEITUNGSFENSTER = timedelta(minutes=30)


class Beitrag(models.Model):
    """A post in a thread: plain text (links become clickable when shown)."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("discussion"), on_delete=models.CASCADE, related_name="beitraege"
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ag_beitraege",
    )
    text = models.TextField(_("text"), max_length=10000)
    erstellt = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    bearbeitet = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["erstellt", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def bearbeitbar_von(self, user, jetzt=None) -> bool:
        jetzt = jetzt or timezone.now()
        return bool(
            user.is_authenticated
            and self.autor_id == user.pk
            and jetzt - self.erstellt <= BEARBEITUNGSFENSTER
        )
