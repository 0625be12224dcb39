"""Documents with versions in private storage."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arbeitsgruppen.models.gruppen import Arbeitsgruppe


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


def privater_speicher():
    """The storage of private documents: ``STORAGES["privat"]`` when configured (several app
    servers: e.g. a private S3 bucket, README "Mehrere Server"), else MEDIA_ROOT/private."""
    if "privat" in settings.STORAGES:
        return storages["privat"]
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
