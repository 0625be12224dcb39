"""Documents: type by content, size limit, private storage, versions, safe download."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from arbeitsgruppen import dateien, services
from arbeitsgruppen.models import Dokument, DokumentVersion
from tests.arbeitsgruppen.formular import formular
from tests.vereine.bilddateien import png_bombe

PDF = b"%PDF-1.7\n% Beispiel\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(eintraege: dict[str, bytes]) -> bytes:
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w") as z:
        for name, inhalt in eintraege.items():
            z.writestr(name, inhalt)
    return puffer.getvalue()


def _ooxml(haupt: str) -> bytes:
    typen = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/x.xml" ContentType="{haupt}"/></Types>'
    )
    return _zip({"[Content_Types].xml": typen.encode(), "x.xml": b"<x/>"})


def _bild(format_: str) -> bytes:
    puffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(puffer, format=format_)
    return puffer.getvalue()


DOCX = _ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = _ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    "inhalt,typ",
    [
        (PDF, "application/pdf"),
        (DOCX, dateien.DOCX),
        (XLSX, dateien.XLSX),
        (ODT, dateien.ODT),
        (_bild("PNG"), "image/png"),
        (_bild("JPEG"), "image/jpeg"),
        (_bild("WEBP"), "image/webp"),
    ],
)
def test_erlaubte_typen_werden_am_inhalt_erkannt(inhalt, typ):
    assert dateien.dateityp_erkennen(io.BytesIO(inhalt)) == typ


@pytest.mark.parametrize(
    "inhalt",
    [
        b"MZ\x90\x00 ein Programm",  # an .exe, whatever it is called
        b"<html><script>alert(1)</script></html>",
        _zip({"irgendwas.txt": b"x"}),  # a plain zip
        _zip({"mimetype": b"application/x-evil"}),
        _ooxml("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
        _bild("GIF"),
        b"%PD",
        b"",
    ],
)
def test_andere_inhalte_werden_abgelehnt(inhalt):
    with pytest.raises(ValidationError) as fehler:
        dateien.dateityp_erkennen(io.BytesIO(inhalt))
    assert fehler.value.code == "typ"


def test_groessenlimit(monkeypatch):
    monkeypatch.setattr(dateien, "MAX_GROESSE", 10)
    with pytest.raises(ValidationError) as fehler:
        dateien.dateityp_erkennen(io.BytesIO(PDF))
    assert fehler.value.code == "zu_gross"


@pytest.mark.parametrize(
    "name,typ,erwartet",
    [
        ("Protokoll März 2026.pdf", "application/pdf", "Protokoll-Maerz-2026.pdf"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ('"; evil=1.exe', "image/png", "evil-1.png"),
        ("..", "application/pdf", "dokument.pdf"),
        ("rechnung.pdf.exe", "application/pdf", "rechnung.pdf.pdf"),
    ],
)
def test_dateinamen_werden_bereinigt(name, typ, erwartet):
    assert dateien.dateiname_bereinigen(name, typ) == erwartet


def test_hochladen_ersetzen_herunterladen(client_fuer, gruppe, mitglied, fremd):
    c = client_fuer(mitglied)
    seite = c.get(reverse("arbeitsgruppen:dokument_neu", args=[gruppe.slug]))
    daten = formular(seite, mit_feld="titel")["felder"] | {
        "titel": "Gießplan",
        "datei": SimpleUploadedFile("Gießplan.pdf", PDF, content_type="text/html"),
    }
    antwort = c.post(seite.request["PATH_INFO"], daten, follow=True)
    assert "Dokument hochgeladen." in antwort.content.decode()
    dokument = Dokument.objects.get()
    erste = dokument.versionen.get()
    # The browser's claimed type does not matter; the content does.
    assert (erste.mimetype, erste.dateiname, erste.groesse) == (
        "application/pdf",
        "Giessplan.pdf",
        len(PDF),
    )
    # Stored outside the public media folder.
    pfad = Path(erste.datei.path)
    assert pfad.is_relative_to(Path(settings.MEDIA_ROOT) / "private")
    with pytest.raises(ValueError):
        erste.datei.url  # noqa: B018

    # Replace: a new version, the old one stays.
    ersetzen = c.post(
        dokument.get_absolute_url(),
        {"datei": SimpleUploadedFile("neu.png", _bild("PNG"))},
        follow=True,
    )
    assert "Neue Version hochgeladen" in ersetzen.content.decode()
    assert list(dokument.versionen.values_list("dateiname", flat=True)) == [
        "neu.png",
        "Giessplan.pdf",
    ]

    # Download: attachment, sanitised name, nosniff, only through the view.
    download = client_fuer(fremd).get(erste.get_absolute_url())  # transparent: network reads
    inhalt = b"".join(download.streaming_content)
    download.close()
    assert inhalt == PDF
    assert download["Content-Disposition"] == 'attachment; filename="Giessplan.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]


def test_falscher_typ_zeigt_fehler_am_feld(client_fuer, gruppe, mitglied):
    antwort = client_fuer(mitglied).post(
        reverse("arbeitsgruppen:dokument_neu", args=[gruppe.slug]),
        {"titel": "Virus", "datei": SimpleUploadedFile("harmlos.pdf", b"MZ\x90\x00")},
    )
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    assert "Wir nehmen nur PDF-, ODT-, ODS-, DOCX-, XLSX-, PNG-, JPEG- oder WebP-Dateien" in inhalt
    assert 'value="Virus"' in inhalt
    assert not Dokument.objects.exists()
    assert not DokumentVersion.objects.exists()


def test_bilderbombe_als_dokument_ist_zu_gross_in_pixeln(client_fuer, gruppe, mitglied):
    """A PNG with a huge canvas is a PNG: the message says too many pixels, as for logos."""
    antwort = client_fuer(mitglied).post(
        reverse("arbeitsgruppen:dokument_neu", args=[gruppe.slug]),
        {"titel": "Plakat", "datei": SimpleUploadedFile("plakat.png", png_bombe())},
    )
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    feld = inhalt[inhalt.index('id="id_datei"') - 1500 : inhalt.index('id="id_datei"') + 1500]
    assert "Dieses Bild hat zu viele Pixel (höchstens 25 Megapixel)" in feld
    assert "Wir nehmen nur" not in inhalt
    assert 'value="Plakat"' in inhalt
    assert not Dokument.objects.exists()


def test_bild_knapp_ueber_der_pixelgrenze_wird_ebenso_abgelehnt():
    with pytest.raises(ValidationError) as fehler:
        dateien.dateityp_erkennen(io.BytesIO(png_bombe(6000, 5000)))
    assert fehler.value.code == "zu_viele_pixel"


def test_link_als_dokument_und_pflichtfelder(client_fuer, gruppe, mitglied):
    c = client_fuer(mitglied)
    url = reverse("arbeitsgruppen:dokument_neu", args=[gruppe.slug])
    leer = c.post(url, {"titel": "Pad"})
    assert "Bitte wähle eine Datei aus oder gib einen Link ein." in leer.content.decode()
    c.post(url, {"titel": "Pad", "url": "https://pad.example.org/garten"})
    link = Dokument.objects.get()
    assert (link.art, link.url) == ("link", "https://pad.example.org/garten")
    liste = c.get(reverse("arbeitsgruppen:dokumente", args=[gruppe.slug])).content.decode()
    assert 'href="https://pad.example.org/garten" rel="noopener noreferrer"' in liste


def test_download_aus_interner_gruppe_nur_fuer_mitglieder(client_fuer, gruppe, mitglied, fremd):
    gruppe.sichtbarkeit = "intern"
    gruppe.save()
    dokument = services.dokument_hochladen(
        gruppe=gruppe, titel="Geheim", datei=io.BytesIO(PDF), dateiname="g.pdf", von=mitglied
    )
    url = dokument.versionen.get().get_absolute_url()
    assert client_fuer(fremd).get(url).status_code == 404
    ok = client_fuer(mitglied).get(url)
    ok.close()
    assert ok.status_code == 200


def test_privater_speicher_aus_storages_fuer_mehrere_server(
    client_fuer, gruppe, mitglied, fremd, settings, tmp_path, monkeypatch
):
    """With several app servers the private documents go to a shared storage named "privat"
    in STORAGES (README "Mehrere Server"); downloads still pass the permission check."""
    from arbeitsgruppen.models.dokumente import PrivaterSpeicher, privater_speicher

    assert isinstance(privater_speicher(), PrivaterSpeicher)  # default: MEDIA_ROOT/private
    settings.STORAGES = {
        **settings.STORAGES,
        "privat": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    speicher = privater_speicher()
    assert Path(speicher.location) == tmp_path
    # The field took its storage when the model was loaded (as at a server's start).
    monkeypatch.setattr(DokumentVersion._meta.get_field("datei"), "storage", speicher)

    c = client_fuer(mitglied)
    seite = c.get(reverse("arbeitsgruppen:dokument_neu", args=[gruppe.slug]))
    daten = formular(seite, mit_feld="titel")["felder"] | {
        "titel": "Plan",
        "datei": SimpleUploadedFile("Plan.pdf", PDF),
    }
    c.post(seite.request["PATH_INFO"], daten)
    version = DokumentVersion.objects.get()
    assert (tmp_path / version.datei.name).read_bytes() == PDF
    download = client_fuer(fremd).get(version.get_absolute_url())
    assert b"".join(download.streaming_content) == PDF
    download.close()
