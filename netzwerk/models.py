"""Cross-cutting models: the user, the town's configuration and the legal pages."""

from __future__ import annotations

import secrets
from importlib import import_module

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def _neues_feed_token() -> str:
    return secrets.token_urlsafe(24)


class User(AbstractUser):
    """A person with a login. The e-mail address is the login; there is no username."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    anzeigename = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("How others in the network see you, e.g. “Anna M.”."),
    )
    # Secret part of the personal iCal feed URL; revoking means drawing a new one.
    feed_token = models.CharField(max_length=64, default=_neues_feed_token, unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.anzeigename or self.email

    def get_full_name(self) -> str:
        return self.anzeigename or self.email

    def get_short_name(self) -> str:
        return self.anzeigename or self.email.split("@")[0]

    def neuer_feed_token(self) -> None:
        self.feed_token = _neues_feed_token()
        self.save(update_fields=["feed_token"])


class Netzwerkprofil(models.Model):
    """The one row that says which town and network this installation serves.

    Another network runs the same code by editing this row in the admin.
    """

    name = models.CharField(_("name of the network"), max_length=150)
    ort = models.CharField(_("town"), max_length=100)
    bundesland = models.CharField(
        _("federal state"),
        max_length=2,
        default="ST",
        help_text=_("Two-letter code of the German state, used for public holidays (e.g. ST)."),
    )
    kurzbeschreibung = models.CharField(_("tagline"), max_length=200, blank=True)
    begruessung = models.TextField(_("welcome text on the home page"), blank=True)
    kontakt_name = models.CharField(_("coordination contact"), max_length=150, blank=True)
    kontakt_email = models.EmailField(_("coordination e-mail"), blank=True)
    kontakt_telefon = models.CharField(_("coordination phone"), max_length=50, blank=True)
    kontakt_adresse = models.TextField(_("coordination address"), blank=True)

    class Meta:
        verbose_name = _("network profile")
        verbose_name_plural = _("network profile")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # there is exactly one profile
        super().save(*args, **kwargs)

    @classmethod
    def aktuell(cls) -> Netzwerkprofil:
        """The profile, or an unsaved neutral one before the coordinators filled it in."""
        return cls.objects.filter(pk=1).first() or cls(name=str(_("Engagement network")), ort="")


class Ortsteil(models.Model):
    """A district of the town; actors, dates and offers are placed in one."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["reihenfolge", "name"]

    def __str__(self) -> str:
        return self.name


class SchulferienQuerySet(models.QuerySet["Schulferien"]):
    def am(self, tag) -> SchulferienQuerySet:
        return self.filter(beginn__lte=tag, ende__gte=tag)

    def ueberschneidend(self, von, bis) -> SchulferienQuerySet:
        return self.filter(beginn__lte=bis, ende__gte=von)


class Schulferien(models.Model):
    """A school holiday period of the town's state (e.g. Sommerferien 2026)."""

    name = models.CharField(_("name"), max_length=100)
    beginn = models.DateField(_("first day"))
    ende = models.DateField(_("last day"))

    objects = SchulferienQuerySet.as_manager()

    class Meta:
        verbose_name = _("school holidays")
        verbose_name_plural = _("school holidays")
        ordering = ["beginn"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ende__gte=models.F("beginn")),
                name="schulferien_ende_nach_beginn",
            ),
            models.UniqueConstraint(fields=["name", "beginn"], name="schulferien_eindeutig"),
        ]

    def __str__(self) -> str:
        return self.name


class Seite(models.Model):
    """A page whose text the coordinators maintain in the admin (legal pages, "About us")."""

    class Art(models.TextChoices):
        IMPRESSUM = "impressum", pgettext_lazy("page", "Legal notice")
        DATENSCHUTZ = "datenschutz", pgettext_lazy("page", "Privacy policy")
        BARRIEREFREIHEIT = "barrierefreiheit", pgettext_lazy("page", "Accessibility statement")
        # Shown above the network's yearly timeline (netzwerk/koordination: "ueber_uns").
        UEBER_UNS = "ueber-uns", pgettext_lazy("page", "About us")

    art = models.CharField(_("page"), max_length=30, choices=Art.choices, unique=True)
    titel = models.CharField(_("title"), max_length=150)
    inhalt = models.TextField(
        _("content"),
        help_text=_("HTML is allowed for headings, paragraphs, lists and links."),
    )
    geaendert = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["art"]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("seite", kwargs={"art": self.art})


class Joblauf(models.Model):
    """One run of a scheduled job in its time slot (see :mod:`netzwerk.jobs`): the row's
    uniqueness makes the second machine's cron run a no-op."""

    name = models.CharField(_("job"), max_length=100)
    zeitfenster = models.CharField(_("time slot"), max_length=20)
    gestartet = models.DateTimeField(_("started"), auto_now_add=True)
    beendet = models.DateTimeField(_("finished"), null=True, blank=True)
    rechner = models.CharField(_("machine"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-gestartet"]
        constraints = [
            models.UniqueConstraint(fields=["name", "zeitfenster"], name="joblauf_einmal")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.zeitfenster}"


# The room's models belong to this app (same label, migrations here). A core never imports a
# room (docs/architektur.md), so they are loaded by name.
import_module("netzwerk.koordination.models")
