"""Uploaded images: only safe formats, bombs refused from the header, always re-encoded."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image, ImageFile

from tests.factories import AkteurFactory
from tests.vereine.bilddateien import (
    HTML_NUTZLAST,
    SVG,
    hochladen,
    jpeg_mit_exif,
    png_bombe,
    png_bytes,
)
from vereine.bilder import BildFormularfeld, bild_aufbereiten, vorschau_name


def _feld_fehler(inhalt: bytes, name: str = "bild.png") -> str:
    with pytest.raises(ValidationError) as fehler:
        BildFormularfeld().clean(hochladen(inhalt, name))
    return " ".join(fehler.value.messages)


def test_png_wird_neu_kodiert_und_angehaengtes_html_faellt_weg():
    ergebnis = BildFormularfeld().clean(hochladen(png_bytes() + HTML_NUTZLAST, "nett.png"))
    inhalt = ergebnis.read()
    assert b"<html" not in inhalt and b"script" not in inhalt
    assert Image.open(io.BytesIO(inhalt)).size == (40, 30)
    # Stored under a generated name, not the uploader's.
    assert ergebnis.name.endswith(".png") and "nett" not in ergebnis.name


def test_exif_wird_entfernt():
    bild = bild_aufbereiten(io.BytesIO(jpeg_mit_exif()))
    assert b"GeheimeKamera" not in bild.inhalt
    assert not Image.open(io.BytesIO(bild.inhalt)).getexif()
    assert bild.endung == ".jpg"


def test_bombe_wird_schnell_mit_deutscher_meldung_abgelehnt():
    bombe = png_bombe()
    assert len(bombe) < 200
    start = time.perf_counter()
    meldung = _feld_fehler(bombe)
    assert time.perf_counter() - start < 1.0
    assert "zu viele Pixel" in meldung


def test_knapp_zu_viele_pixel_werden_abgelehnt():
    # 30 megapixels: above our limit, below Pillow's own hard limit (the escalated warning).
    assert "zu viele Pixel" in _feld_fehler(png_bombe(6000, 5000))


def test_svg_wird_abgelehnt():
    assert "SVG" in _feld_fehler(SVG, "logo.svg")


def test_anderes_format_wird_abgelehnt():
    puffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(puffer, "GIF")
    assert "kein JPEG, PNG oder WebP" in _feld_fehler(puffer.getvalue(), "x.gif")


def test_text_wird_abgelehnt():
    assert "kein JPEG, PNG oder WebP" in _feld_fehler(b"hallo welt", "x.png")


def test_zu_grosse_datei_wird_abgelehnt():
    assert "größer als 5 MB" in _feld_fehler(png_bytes() + b"\0" * (5 * 1024 * 1024))


@pytest.mark.parametrize("nachsichtig", [False, True])
def test_abgeschnittenes_bild_wird_abgelehnt(monkeypatch, nachsichtig):
    # WeasyPrint sets LOAD_TRUNCATED_IMAGES when imported; uploads stay strict regardless.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", nachsichtig)
    assert "nicht lesen" in _feld_fehler(png_bytes(400, 300)[:200])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is nachsichtig


@pytest.mark.django_db
def test_gespeichertes_bild_hat_zwei_vorschauen(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    akteur = AkteurFactory()
    akteur.logo.save("egal.png", hochladen(png_bytes(1000, 500)))
    akteur.refresh_from_db()
    assert akteur.logo.name.startswith("akteure/logos/") and "egal" not in akteur.logo.name
    for groesse, kante in [("klein", 160), ("mittel", 640)]:
        with default_storage.open(vorschau_name(akteur.logo.name, groesse)) as fh:
            assert max(Image.open(fh).size) == kante
    assert akteur.logo.url_klein.endswith("-klein.png")
    name = akteur.logo.name
    akteur.logo.delete()
    assert not default_storage.exists(name)
    assert not default_storage.exists(vorschau_name(name, "klein"))
