"""The profile form shows the current logo as a picture with a plain "Logo entfernen" box."""

import pytest
from django.urls import reverse

from tests.termine.formulare import formular_daten
from tests.vereine.bilddateien import hochladen, png_bytes


@pytest.fixture
def akteur_mit_logo(akteur_a, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    akteur_a.logo.save("vereinslogo.png", hochladen(png_bytes(400, 300)))
    akteur_a.logo_alt = "Logo: ein Baum"
    akteur_a.save()
    return akteur_a


def test_aktuelles_logo_als_bild_mit_entfernen(client, mitglied_a, akteur_mit_logo):
    client.force_login(mitglied_a)
    seite = client.get(reverse("vereine:bearbeiten", args=[akteur_mit_logo.slug])).content.decode()
    assert f'src="{akteur_mit_logo.logo.url_klein}"' in seite
    assert 'alt="Aktuelles Logo"' in seite
    assert "Logo entfernen" in seite
    assert "Neues Logo hochladen" in seite
    # Neither the generated file name nor Django's "Zurücksetzen" reaches the member.
    assert akteur_mit_logo.logo.name not in seite
    assert "Zurücksetzen" not in seite


def test_logo_entfernen_loescht_das_logo(client, mitglied_a, akteur_mit_logo):
    client.force_login(mitglied_a)
    url = reverse("vereine:bearbeiten", args=[akteur_mit_logo.slug])
    daten = formular_daten(client.get(url), **{"logo-clear": "on", "logo_alt": ""})
    client.post(url, daten)
    akteur_mit_logo.refresh_from_db()
    assert not akteur_mit_logo.logo


def test_ohne_logo_nur_das_hochladefeld(client, mitglied_a, akteur_a):
    client.force_login(mitglied_a)
    seite = client.get(reverse("vereine:bearbeiten", args=[akteur_a.slug])).content.decode()
    assert 'name="logo"' in seite
    assert "Logo entfernen" not in seite
