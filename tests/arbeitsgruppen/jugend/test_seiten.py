"""The pages with personas: posting (word list, photo, the guardian rule), the public idea
with nickname only, support, the trail, moderation; the list's constant number of queries."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen.jugend import services
from arbeitsgruppen.jugend.models import Idee, Jugendprofil
from netzwerk.models import Ortsteil
from tests.arbeitsgruppen.jugend.factories import IdeeFactory
from tests.vereine.bilddateien import png_bytes

pytestmark = pytest.mark.django_db

IDEE = {"titel": "Bolzplatz in Rieder", "was": "Zwei Tore und Netz.", "warum": "Wir spielen gern."}


def test_posten_zeigt_spitzname_nie_den_namen(client_fuer, jugendliche, client):
    antwort = client_fuer(jugendliche).post(reverse("jugend:neu"), IDEE)
    idee = Idee.objects.get()
    assert antwort["Location"] == idee.get_absolute_url()
    html = client.get(idee.get_absolute_url()).content.decode()
    assert "Bolzplatz in Rieder" in html and "Skatefan" in html
    assert "Lena" not in html and "Lindner" not in html
    assert "Eingegangen" in html
    html = client.get(reverse("jugend:liste")).content.decode()
    assert "Skatefan" in html and "Lindner" not in html


def test_wortliste_sperrt_mit_meldung_am_feld_und_behaelt_die_eingabe(client_fuer, jugendliche):
    antwort = client_fuer(jugendliche).post(
        reverse("jugend:neu"), {**IDEE, "warum": "Der Bürgermeister ist ein Idiot."}
    )
    html = antwort.content.decode()
    assert antwort.status_code == 200 and not Idee.objects.exists()
    assert "ohne Beleidigung" in html and "Bolzplatz in Rieder" in html


def test_wortliste_kann_markieren_statt_sperren(client_fuer, jugendliche, settings, ag_leitung):
    settings.JUGEND_WORTLISTE_MODUS = "markieren"
    settings.JUGEND_WORTLISTE = ["doof"]
    client_fuer(jugendliche).post(reverse("jugend:neu"), {**IDEE, "was": "Alles doof hier."})
    assert Idee.objects.get().markiert
    html = client_fuer(ag_leitung).get(reverse("jugend:moderation")).content.decode()
    assert "Bolzplatz in Rieder" in html


def test_foto_geht_durch_die_bildpruefung(client_fuer, jugendliche, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    foto = SimpleUploadedFile("platz.png", png_bytes(), content_type="image/png")
    antwort = client_fuer(jugendliche).post(reverse("jugend:neu"), {**IDEE, "foto": foto})
    assert "beschreib" in antwort.content.decode().lower()  # photo needs its description
    kaputt = SimpleUploadedFile("platz.png", b"<svg></svg>", content_type="image/png")
    antwort = client_fuer(jugendliche).post(
        reverse("jugend:neu"), {**IDEE, "foto": kaputt, "foto_alt": "Platz"}
    )
    assert "SVG" in antwort.content.decode() and not Idee.objects.exists()
    foto = SimpleUploadedFile("platz.png", png_bytes(), content_type="image/png")
    client_fuer(jugendliche).post(
        reverse("jugend:neu"), {**IDEE, "foto": foto, "foto_alt": "Der Platz"}
    )
    idee = Idee.objects.get()
    assert idee.foto.name.startswith("jugend/fotos/") and "platz" not in idee.foto.name


def test_profil_unter_16_schickt_mail_und_wartet(client_fuer, bewohner):
    client = client_fuer(bewohner)
    assert client.get(reverse("jugend:neu"))["Location"] == reverse("jugend:profil")
    jahr = timezone.localdate().year
    antwort = client.post(reverse("jugend:profil"), {"spitzname": "Rita", "geburtsjahr": jahr - 14})
    html = antwort.content.decode()
    assert "nicht deinen Namen" in html or "nicht enthält" in html
    assert "Eltern" in html or "Sorgeberechtigt" in html
    antwort = client.post(
        reverse("jugend:profil"), {"spitzname": "Sonne", "geburtsjahr": jahr - 30}
    )
    assert "12 bis 21" in antwort.content.decode()
    mail.outbox.clear()
    client.post(
        reverse("jugend:profil"),
        {"spitzname": "Sonne", "geburtsjahr": jahr - 14, "sorgeberechtigt_email": "m@example.org"},
    )
    assert [m.to for m in mail.outbox] == [["m@example.org"]]
    antwort = client.get(reverse("jugend:neu"))
    assert antwort.status_code == 403 and "Fast geschafft" in antwort.content.decode()
    services.bestaetigen(profil=Jugendprofil.objects.get(user=bewohner))
    assert client.get(reverse("jugend:neu")).status_code == 200


def test_gruppenleitung_postet_fuer_die_gruppe(client_fuer, jugendclub, client):
    antwort = client_fuer(jugendclub).post(reverse("jugend:neu"), IDEE)
    assert "Jugendgruppe" in antwort.content.decode()  # the group is required
    client_fuer(jugendclub).post(reverse("jugend:neu"), {**IDEE, "jugendgruppe": "Jugendclub X"})
    idee = Idee.objects.get()
    html = client.get(idee.get_absolute_url()).content.decode()
    assert "Jugendclub X" in html and "Uwe" not in html


def test_unterstuetzen_und_zurueckziehen_auf_der_seite(client_fuer, idee, bewohner, client):
    c = client_fuer(bewohner)
    c.post(reverse("jugend:unterstuetzen", args=[idee.pk]), {"benachrichtigen": "on"})
    html = c.get(idee.get_absolute_url()).content.decode()
    assert "1 Unterstützer" in html and "Unterstützung zurückziehen" in html
    assert "1 Unterstützer" in client.get(reverse("jugend:liste")).content.decode()
    c.post(reverse("jugend:zurueckziehen", args=[idee.pk]))
    assert "0 Unterstützer" in c.get(idee.get_absolute_url()).content.decode()


def test_moderation_setzt_status_versteckt_und_macht_vorhaben(
    client_fuer, idee, ag_leitung, client, ag_jugend
):
    mod = client_fuer(ag_leitung)
    url = reverse("jugend:status", args=[idee.pk])
    antwort = mod.post(url, {"status": "abgelehnt", "text": ""})
    assert "Grund" in antwort.content.decode()
    mod.post(url, {"status": "in_pruefung", "text": "Wir schauen es uns an."})
    mod.post(reverse("jugend:zustaendig", args=[idee.pk]), {"gruppe": ag_jugend.pk})
    idee.refresh_from_db()
    assert idee.status == "in_pruefung" and idee.antwort_bis is not None
    mod.post(reverse("jugend:vorhaben", args=[idee.pk]))
    html = client.get(idee.get_absolute_url()).content.decode()
    assert "Wir schauen es uns an." in html and "Vorhaben" in html
    mod.post(reverse("jugend:verstecken", args=[idee.pk]), {"aktion": "verstecken", "grund": "X"})
    assert client.get(idee.get_absolute_url()).status_code == 404
    mod.post(reverse("jugend:verstecken", args=[idee.pk]), {"aktion": "freigeben"})
    assert client.get(idee.get_absolute_url()).status_code == 200


def test_melden(client_fuer, idee, bewohner, ag_leitung, jugendliche):
    IdeeFactory(autor=jugendliche, titel="Ohne Meldung", status="in_pruefung", anlass="schwelle")
    client_fuer(bewohner).post(reverse("jugend:melden", args=[idee.pk]), {"grund": "Name drin"})
    html = client_fuer(ag_leitung).get(reverse("jugend:moderation")).content.decode()
    assert "Name drin" in html and "1 offene Meldung" in html
    assert "Ohne Meldung" not in html


def test_ueberfaellig_auf_der_seite(client, idee):
    Idee.objects.filter(pk=idee.pk).update(
        antwort_bis=timezone.localdate() - timedelta(days=1), status="in_pruefung"
    )
    assert "überfällig" in client.get(idee.get_absolute_url()).content.decode()


def test_filter_und_unsinn(client, idee, jugendliche):
    ort = Ortsteil.objects.create(name="Rieder", slug="rieder")
    IdeeFactory(titel="Rieder-Idee", ortsteil=ort, autor=jugendliche)
    html = client.get(reverse("jugend:liste"), {"ortsteil": ort.pk}).content.decode()
    assert "Rieder-Idee" in html and "Skateanlage" not in html
    html = client.get(reverse("jugend:liste"), {"status": "quatsch"}).content.decode()
    assert "Skateanlage" in html


@pytest.mark.parametrize("anzahl", [1, 25])
def test_liste_mit_fester_zahl_von_abfragen(
    client, jugendliche, django_assert_num_queries, anzahl, bewohner
):
    for i in range(anzahl):
        idee = IdeeFactory(titel=f"Idee Nummer {i}", autor=jugendliche)
        services.unterstuetzen(idee=idee, user=bewohner)
    client.get(reverse("jugend:liste"))
    with django_assert_num_queries(4):
        html = client.get(reverse("jugend:liste")).content.decode()
    assert f"Idee Nummer {anzahl - 1}" in html


def test_mein_bereich_zeigt_eigene_ideen_und_moderation(client_fuer, idee, jugendliche, ag_leitung):
    html = client_fuer(jugendliche).get(reverse("mein_bereich")).content.decode()
    assert "Skateanlage erneuern" in html and "Eingegangen" in html
    services.melden(idee=idee, von=ag_leitung, grund="x")
    html = client_fuer(ag_leitung).get(reverse("mein_bereich")).content.decode()
    assert "Moderation: 1 Idee wartet auf dich" in html


def test_mein_bereich_ohne_jugend_zeigt_nichts(client_fuer, bewohner, junge):
    assert "Jugendideen" not in client_fuer(bewohner).get(reverse("mein_bereich")).content.decode()
    html = client_fuer(junge).get(reverse("mein_bereich")).content.decode()
    assert "Wir warten noch auf die Bestätigung" in html
