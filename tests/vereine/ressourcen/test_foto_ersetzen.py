"""A replaced or removed photo of an item is deleted (with its thumbnails) by the service that
saves the item, after the commit – not by the view, and not when the save fails."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from tests.vereine.bilddateien import png_bytes
from vereine.bilder import vorschau_name
from vereine.ressourcen import services
from vereine.ressourcen.models import Ressource

pytestmark = pytest.mark.django_db

DATEN = {
    "name": "Beamer",
    "art": "technik",
    "menge": 1,
    "vorlauf_tage": 2,
    "ausleihbar_fuer": "alle",
    "aktiv": "on",
    "foto_alt": "Ein Beamer",
}


def _foto(farbe=(200, 30, 30)):
    return SimpleUploadedFile("beamer.png", png_bytes(farbe=farbe), content_type="image/png")


def _dateien(ressource_foto_name, storage):
    return {
        n: storage.exists(n)
        for n in [ressource_foto_name, vorschau_name(ressource_foto_name, "klein")]
    }


@pytest.fixture
def beamer(settings, tmp_path, client_fuer, mitglied_a, akteur_a):
    settings.MEDIA_ROOT = tmp_path
    client_fuer(mitglied_a).post(
        reverse("ressourcen:neu", args=[akteur_a.slug]), {**DATEN, "foto": _foto()}
    )
    return Ressource.objects.get()


def test_ein_neues_foto_ersetzt_das_alte_samt_vorschau(
    beamer, client_fuer, mitglied_a, django_capture_on_commit_callbacks
):
    alt = beamer.foto.name
    assert set(_dateien(alt, beamer.foto.storage).values()) == {True}
    with django_capture_on_commit_callbacks(execute=True):
        client_fuer(mitglied_a).post(
            reverse("ressourcen:bearbeiten", args=[beamer.pk]),
            {**DATEN, "foto": _foto(farbe=(10, 10, 200))},
        )
    beamer.refresh_from_db()
    assert beamer.foto.name != alt and beamer.foto.storage.exists(beamer.foto.name)
    assert set(_dateien(alt, beamer.foto.storage).values()) == {False}


def test_der_dienst_entfernt_ein_geloeschtes_foto(beamer, django_capture_on_commit_callbacks):
    alt = beamer.foto.name
    beamer.foto = None
    with django_capture_on_commit_callbacks(execute=True):
        services.ressource_speichern(ressource=beamer)
    beamer.refresh_from_db()
    assert not beamer.foto
    assert set(_dateien(alt, beamer.foto.storage).values()) == {False}


def test_ohne_neues_foto_bleibt_das_alte(
    beamer, client_fuer, mitglied_a, django_capture_on_commit_callbacks
):
    alt = beamer.foto.name
    with django_capture_on_commit_callbacks(execute=True):
        client_fuer(mitglied_a).post(
            reverse("ressourcen:bearbeiten", args=[beamer.pk]), {**DATEN, "name": "Beamer 2"}
        )
    beamer.refresh_from_db()
    assert beamer.name == "Beamer 2" and beamer.foto.name == alt
    assert set(_dateien(alt, beamer.foto.storage).values()) == {True}


def test_scheitert_das_speichern_bleibt_das_alte_foto(beamer, django_capture_on_commit_callbacks):
    alt = beamer.foto.name
    beamer.foto = None
    with (
        django_capture_on_commit_callbacks(execute=True) as nach_dem_commit,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.ressource_speichern(ressource=beamer)
        raise RuntimeError("the save fails after the service")
    assert nach_dem_commit == []
    assert set(_dateien(alt, beamer.foto.storage).values()) == {True}
