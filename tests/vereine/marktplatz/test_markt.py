"""The market event, the live form on a phone, the big screen, confirmation, the agreement."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.arbeitsgruppen.formular import formular, formulare
from tests.factories import AkteurFactory
from tests.vereine.bilddateien import hochladen, png_bytes
from tests.vereine.marktplatz.factories import VereinbarungFactory, markt_anlegen
from vereine.marktplatz import services
from vereine.marktplatz.models import MarktAnmeldung, Vereinbarung

pytestmark = pytest.mark.django_db


def test_marktseite_zaehlt_unternehmen_und_gemeinnuetzige(client, markt, firma, akteur_a, akteur_b):
    for akteur in (firma, akteur_a, akteur_b):
        MarktAnmeldung.objects.create(markt=markt, akteur=akteur)
    html = client.get(markt.get_absolute_url()).content.decode()
    assert "1 Unternehmen" in html and "2 Gemeinnützige" in html
    assert "Tischlerei Harzholz" in html and "Sportverein Badeborn" in html


def test_mitglied_meldet_seinen_akteur_an_und_ab(client_fuer, mitglied_a, akteur_a):
    markt = markt_anlegen(tage=10)
    client = client_fuer(mitglied_a)
    form = formular(client.get(markt.get_absolute_url()), mit_feld="akteur")
    assert form["optionen"]["akteur"] == ["", str(akteur_a.pk)]
    client.post(form["action"], {"akteur": akteur_a.pk})
    assert list(markt.teilnehmer.all()) == [akteur_a]
    client.post(reverse("marktplatz:abmelden", args=[markt.pk, akteur_a.slug]))
    assert not markt.teilnehmer.exists()


def test_fremder_akteur_kann_nicht_angemeldet_werden(client_fuer, mitglied_a, akteur_b):
    markt = markt_anlegen(tage=10)
    antwort = client_fuer(mitglied_a).post(
        reverse("marktplatz:anmelden", args=[markt.pk]), {"akteur": akteur_b.pk}
    )
    assert antwort.status_code == 404
    assert not markt.teilnehmer.exists()


def _live_daten(client, markt, **werte):
    seite = client.get(reverse("marktplatz:erfassen", args=[markt.pk]))
    form = formular(seite, mit_feld="partner_a")
    return {
        **form["felder"],
        "partner_a": "Tischlerei Harzholz",
        "gibt_a": "Zwei Azubis bauen eine Bank",
        "art_a": "zeit",
        "kontakt_a": "Frank",
        "partner_b": "sportverein badeborn",
        "gibt_b": "Ein Fußballtraining für die Azubis",
        "art_b": "know_how",
        "kontakt_b": "Bert",
        "bis": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "stunden": "12",
        **werte,
    }


def test_makler_erfasst_deal_am_handy(client_fuer, makler, markt, firma, akteur_b, mailoutbox):
    client = client_fuer(makler)
    seite = client.get(reverse("marktplatz:erfassen", args=[markt.pk])).content.decode()
    assert 'list="akteure-liste"' in seite and '<option value="Tischlerei Harzholz">' in seite
    daten = _live_daten(client, markt, vor_ort_a="on", vor_ort_b="on")
    antwort = client.post(reverse("marktplatz:erfassen", args=[markt.pk]), daten, follow=True)
    html = antwort.content.decode()
    assert "Vereinbarung Nr. 1 ist aufgeschrieben" in html
    v = Vereinbarung.objects.get()
    assert (v.partner_a, v.partner_b, v.stunden, v.erfasst_von) == (firma, akteur_b, 12, makler)
    assert v.bestaetigt and not mailoutbox
    live = client_fuer().get(reverse("marktplatz:live", args=[markt.pk])).content.decode()
    assert "Zwei Azubis bauen eine Bank" in live


def test_geld_im_liveformular(client_fuer, makler, markt, firma, akteur_b):
    client = client_fuer(makler)
    daten = _live_daten(client, markt, gibt_b="Wir bezahlen 200 Euro")
    html = client.post(reverse("marktplatz:erfassen", args=[markt.pk]), daten).content.decode()
    assert "außer Geld" in html
    assert "Wir bezahlen 200 Euro</textarea>" in html
    assert 'value="Tischlerei Harzholz"' in html
    assert not Vereinbarung.objects.exists()


def test_unbekannter_akteur_im_liveformular(client_fuer, makler, markt, firma):
    client = client_fuer(makler)
    daten = _live_daten(client, markt, partner_b="Gibt es nicht e.V.")
    html = client.post(reverse("marktplatz:erfassen", args=[markt.pk]), daten).content.decode()
    assert "Diesen Akteur kennen wir nicht" in html


def test_mitglied_erfasst_nur_mit_eigenem_akteur(
    client_fuer, mitglied_a, markt, firma, akteur_b, mailoutbox
):
    client = client_fuer(mitglied_a)
    seite = client.get(reverse("marktplatz:erfassen", args=[markt.pk])).content.decode()
    assert "vor_ort_a" not in seite  # only brokers confirm for others
    daten = _live_daten(client, markt)
    html = client.post(reverse("marktplatz:erfassen", args=[markt.pk]), daten).content.decode()
    assert "Das können nur die Makler:innen" in html
    daten = _live_daten(client, markt, partner_b="Heimatverein Ballenstedt")
    client.post(reverse("marktplatz:erfassen", args=[markt.pk]), daten)
    v = Vereinbarung.objects.get()
    assert v.bestaetigt_b_am and not v.bestaetigt_a_am
    assert [m.to for m in mailoutbox] == [[firma.kontakt_email]]
    # Not confirmed by both: not on the big screen, not public.
    assert (
        "Zwei Azubis"
        not in client_fuer().get(reverse("marktplatz:live", args=[markt.pk])).content.decode()
    )
    assert client_fuer().get(v.get_absolute_url()).status_code == 404


def test_bewohner_darf_nicht_erfassen(client_fuer, bewohner, markt):
    assert (
        client_fuer(bewohner).get(reverse("marktplatz:erfassen", args=[markt.pk])).status_code
        == 403
    )


def test_bestaetigen_per_link_ohne_anmeldung(client_fuer, markt, firma, akteur_b):
    v = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bestaetigt_b_am=None)
    client = client_fuer()
    pfad = services.bestaetigungs_pfad(v, "b")
    seite = client.get(pfad).content.decode()
    assert "Für Sportverein Badeborn bestätigen" in seite
    assert "Danke" in client.post(pfad).content.decode()
    v.refresh_from_db()
    assert v.bestaetigt
    assert client.get(v.get_absolute_url()).status_code == 200


def test_abgelaufener_link(client_fuer, markt, firma, akteur_b, time_machine):
    v = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bestaetigt_b_am=None)
    pfad = services.bestaetigungs_pfad(v, "b")
    time_machine.move_to(timezone.now() + services.BESTAETIGUNG_GUELTIG + timedelta(hours=1))
    antwort = client_fuer().post(pfad)
    assert antwort.status_code == 410 and "abgelaufen" in antwort.content.decode()
    v.refresh_from_db()
    assert v.bestaetigt_b_am is None


def test_mitglied_bestaetigt_auf_der_seite(client_fuer, mitglied_b, markt, firma, akteur_b):
    v = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bestaetigt_b_am=None)
    client = client_fuer(mitglied_b)
    aktionen = [f["action"] for f in formulare(client.get(v.get_absolute_url()))]
    assert reverse("marktplatz:bestaetigen", args=[v.pk, "b"]) in aktionen
    assert reverse("marktplatz:bestaetigen", args=[v.pk, "a"]) not in aktionen
    client.post(reverse("marktplatz:bestaetigen", args=[v.pk, "b"]))
    v.refresh_from_db()
    assert v.bestaetigt


def test_live_seite_pollt_mit_htmx_ohne_inline_script(client, markt, firma, akteur_b):
    for _ in range(3):
        VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b)
    VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bestaetigt_a_am=None)
    url = reverse("marktplatz:live", args=[markt.pk])
    html = client.get(url).content.decode()
    assert f'data-hx-get="{url}"' in html and 'data-hx-trigger="every 5s"' in html
    assert "<script>" not in html and " hx-get" not in html
    assert '<span class="marktplatz-zahl-wert">3</span>' in html
    stueck = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert stueck.lstrip().startswith('<div id="zaehler"') and "<html" not in stueck


def test_seite_aendern_fragt_die_andere_seite_neu(
    client_fuer, mitglied_b, markt, firma, akteur_b, mailoutbox
):
    v = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b)
    client = client_fuer(mitglied_b)
    url = reverse("marktplatz:seite_bearbeiten", args=[v.pk, "b"])
    form = formular(client.get(url), mit_feld="gibt")
    assert form["felder"]["gibt"].strip() == v.gibt_b
    client.post(url, {**form["felder"], "gibt": "Zwei Führungen"})
    v.refresh_from_db()
    assert v.gibt_b == "Zwei Führungen" and v.bestaetigt_a_am is None
    assert [m.to for m in mailoutbox] == [[firma.kontakt_email]]
    # The other side is not theirs.
    assert client.get(reverse("marktplatz:seite_bearbeiten", args=[v.pk, "a"])).status_code == 404


def test_ergebnis_mit_foto(client_fuer, mitglied_b, markt, firma, akteur_b, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    v = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b)
    client = client_fuer(mitglied_b)
    url = reverse("marktplatz:ergebnis", args=[v.pk])
    html = client.post(
        url,
        {
            "status": "umgesetzt",
            "bericht": "Die Bank steht!",
            "foto": hochladen(png_bytes(), "bank.png"),
        },
    ).content.decode()
    assert "Beschreib das Foto bitte" in html
    client.post(
        url,
        {
            "status": "umgesetzt",
            "bericht": "Die Bank steht!",
            "foto": hochladen(png_bytes(), "bank.png"),
            "foto_alt": "Die neue Bank",
        },
    )
    v.refresh_from_db()
    assert v.status == "umgesetzt" and v.ergebnis_am and v.foto.name.endswith(".png")
    assert "bank" not in v.foto.name
    assert 'alt="Die neue Bank"' in client.get(v.get_absolute_url()).content.decode()


def test_vereinbarung_druckbar_und_als_pdf(client, markt, firma, akteur_b):
    v = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b)
    html = client.get(v.get_absolute_url()).content.decode()
    assert (
        "Engagement-Vereinbarung" in html and "Datum, Unterschrift für Tischlerei Harzholz" in html
    )
    pdf = client.get(reverse("marktplatz:vereinbarung_pdf", args=[v.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_nachfrage_per_kommando(markt, firma, akteur_b, mailoutbox):
    VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bis=timezone.localdate())
    ausgabe = StringIO()
    call_command("marktplatz_nachfragen", stdout=ausgabe)
    assert "1 agreement" in ausgabe.getvalue()
    assert len(mailoutbox) == 2


def test_statistik_und_csv(client, markt, firma, akteur_b):
    AkteurFactory()
    MarktAnmeldung.objects.create(markt=markt, akteur=firma)
    MarktAnmeldung.objects.create(markt=markt, akteur=akteur_b)
    VereinbarungFactory(
        markt=markt, partner_a=firma, partner_b=akteur_b, status="umgesetzt", stunden=10
    )
    VereinbarungFactory(
        markt=markt, partner_a=firma, partner_b=akteur_b, status="nicht_zustande", stunden=4
    )
    VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, stunden=None)
    VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bestaetigt_a_am=None)
    html = client.get(reverse("marktplatz:statistik")).content.decode()
    assert "<td>3</td>" in html and "50 %" in html and "<td>14</td>" in html
    markt.termin.titel = "=HYPERLINK(1)"
    markt.termin.save()
    csv = client.get(reverse("marktplatz:statistik_csv")).content.decode("utf-8-sig")
    zeilen = [z.split(";") for z in csv.strip().splitlines()]
    assert zeilen[0][:3] == ["Markt", "Datum", "Vereinbarungen"]
    assert zeilen[1][0] == "'=HYPERLINK(1)"
    assert zeilen[1][2:10] == ["3", "1", "1", "1", "50", "14", "1", "1"]
    assert zeilen[-1][0] == "Alle Märkte"


@pytest.mark.parametrize("anzahl", [1, 12])
def test_markt_live_und_statistik_mit_fester_zahl_von_abfragen(
    client, markt, django_assert_num_queries, anzahl
):
    for _ in range(anzahl):
        a = AkteurFactory(art="unternehmen")
        b = AkteurFactory()
        MarktAnmeldung.objects.create(markt=markt, akteur=a)
        MarktAnmeldung.objects.create(markt=markt, akteur=b)
        VereinbarungFactory(markt=markt, partner_a=a, partner_b=b)
    # Netzwerkprofil, market, registrations, deals.
    with django_assert_num_queries(4):
        html = client.get(markt.get_absolute_url()).content.decode()
    assert html.count('class="mb-2"><a href="/marktplatz/vereinbarungen/') == anzahl
    # Netzwerkprofil, market, count, latest deals.
    with django_assert_num_queries(4):
        client.get(reverse("marktplatz:live", args=[markt.pk]))
    # Netzwerkprofil, markets, deals, registrations.
    with django_assert_num_queries(4):
        client.get(reverse("marktplatz:statistik"))
