"""Favicon, home-screen icons and the web app manifest."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from netzwerk import icons
from netzwerk.models import Netzwerkprofil

pytestmark = pytest.mark.django_db


def test_favicon_ico_antwortet(client):
    """Browsers ask for /favicon.ico on every site, whatever the page links."""
    antwort = client.get("/favicon.ico")
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "image/vnd.microsoft.icon"
    assert antwort.content == (Path(settings.BASE_DIR) / "static" / "favicon.ico").read_bytes()
    assert "max-age" in antwort["Cache-Control"]


def test_manifest_fuehrt_in_den_ferienkalender(client):
    Netzwerkprofil.objects.create(
        name="Engagementportal Ballenstedt", ort="Ballenstedt", kurzbeschreibung="Alle zusammen."
    )
    antwort = client.get("/manifest.webmanifest")
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/manifest+json"
    manifest = json.loads(antwort.content)
    assert manifest["name"] == "Engagementportal Ballenstedt"
    assert manifest["short_name"] == "Ferienkalender"
    assert manifest["lang"] == "de"
    assert manifest["start_url"] == reverse("ferien:kalender")
    groessen = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= groessen
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL)), icon


def test_jede_seite_verlinkt_icons_und_manifest(client):
    html = client.get(reverse("startseite")).content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert 'href="/static/favicon.svg" type="image/svg+xml"' in html
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">' in html
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html


def test_icons_passen_zur_zeichnung(tmp_path):
    """The committed files are what `python -m netzwerk.icons` draws today."""
    icons.schreiben(tmp_path)
    statisch = Path(settings.BASE_DIR) / "static"
    assert (statisch / "favicon.svg").read_text() == (tmp_path / "favicon.svg").read_text()
    for name, (groesse, vollflaechig) in icons.PNG.items():
        with Image.open(statisch / name) as bild:
            assert bild.size == (groesse, groesse)
            # home-screen icons have no transparent corners (iOS would fill them black)
            assert (bild.mode == "RGB") == vollflaechig
    with Image.open(statisch / "favicon.ico") as ico:
        assert {(g, g) for g in icons.ICO_GROESSEN} <= ico.info["sizes"]
