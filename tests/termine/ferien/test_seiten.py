"""Public pages of the Ferienkalender: list with filters, day calendar, detail, feeds, print,
widget; constant query counts."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from netzwerk.models import Ortsteil
from termine.models import Ferienwoche
from tests.factories import (
    AkteurFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    ferien_durchfuehrung,
)

pytestmark = pytest.mark.django_db


def _angebote(zeitraum, anzahl):
    ortsteil = Ortsteil.objects.create(name="Badeborn", slug="badeborn")
    akteur = AkteurFactory()
    angebote = []
    for i in range(anzahl):
        angebot = FerienangebotFactory(
            zeitraum=zeitraum, akteur=akteur, ortsteil=ortsteil, titel=f"Angebot {i:03d}"
        )
        for tag in range(3):
            ferien_durchfuehrung(angebot, tag=tag, plaetze=5)
        angebote.append(angebot)
    return angebote


@pytest.mark.parametrize("anzahl", [1, 30])
def test_liste_hat_konstante_abfragen(client, zeitraum, django_assert_num_queries, anzahl):
    _angebote(zeitraum, anzahl)
    url = reverse("ferien:liste", args=[zeitraum.slug]) + "?alter=8&frei=on&kostenlos=on"
    # zeitraum, network profile, filter choices (Ortsteile, Akteure), count, page, occasions,
    # holiday weeks, other periods
    with django_assert_num_queries(9):
        antwort = client.get(url)
    inhalt = antwort.content.decode()
    assert "Angebot 000" in inhalt
    assert f"{anzahl} Angebot" in inhalt


@pytest.mark.parametrize("anzahl", [1, 30])
def test_tage_hat_konstante_abfragen(client, zeitraum, django_assert_num_queries, anzahl):
    _angebote(zeitraum, anzahl)
    url = reverse("ferien:tage", args=[zeitraum.slug]) + "?alter=8"
    # zeitraum, network profile, filter choices (2), occasions of the week, holiday weeks
    with django_assert_num_queries(6):
        antwort = client.get(url)
    assert "Angebot 000" in antwort.content.decode()


@pytest.mark.parametrize("anzahl", [1, 30])
def test_widget_hat_konstante_abfragen(client, zeitraum, django_assert_num_queries, anzahl):
    _angebote(zeitraum, anzahl)
    url = reverse("ferien:widget", args=[zeitraum.slug])
    with django_assert_num_queries(5):
        client.get(url)


def test_startseite_zeigt_den_naechsten_zeitraum(client):
    FerienzeitraumFactory(
        name="Alt",
        beginn=date(2020, 7, 1),
        ende=date(2020, 8, 1),
        anmeldung_ab=timezone.now() - timedelta(days=2500),
        anmeldung_bis=timezone.now() - timedelta(days=2000),
    )
    aktuell = FerienzeitraumFactory(name="Kommende Ferien")
    FerienzeitraumFactory(name="Noch geheim", status="entwurf")
    antwort = client.get(reverse("ferien:kalender"))
    assert "Kommende Ferien" in antwort.content.decode()
    assert antwort.context["zeitraum"] == aktuell
    assert "Noch geheim" not in antwort.content.decode()


def test_ohne_zeitraum_eine_freundliche_seite(client):
    antwort = client.get(reverse("ferien:kalender"))
    assert "wird gerade vorbereitet" in antwort.content.decode()


def test_entwurf_ist_nicht_oeffentlich(client):
    entwurf = FerienzeitraumFactory(status="entwurf")
    assert client.get(reverse("ferien:liste", args=[entwurf.slug])).status_code == 404


def test_filter(client, zeitraum):
    ortsteil = Ortsteil.objects.create(name="Rieder", slug="rieder")
    akteur = AkteurFactory(name="Kirchengemeinde")
    klein = FerienangebotFactory(
        zeitraum=zeitraum, titel="Kleine Forscher", alter_von=4, alter_bis=7
    )
    gross = FerienangebotFactory(
        zeitraum=zeitraum,
        titel="Kanu für Große",
        alter_von=10,
        alter_bis=14,
        kosten=Decimal("12.50"),
        kategorie="natur",
        ortsteil=ortsteil,
        akteur=akteur,
    )
    voll = FerienangebotFactory(zeitraum=zeitraum, titel="Schon voll", alter_von=4, alter_bis=14)
    ferien_durchfuehrung(klein, tag=0)
    ferien_durchfuehrung(gross, tag=2)
    d_voll = ferien_durchfuehrung(voll, tag=1, plaetze=1)
    KindFactory(vorname="Ida").anmeldungen.create(
        durchfuehrung=d_voll, status="bestaetigt", alter=8
    )
    entwurf = FerienangebotFactory(zeitraum=zeitraum, titel="Nur Entwurf", status="entwurf")
    ferien_durchfuehrung(entwurf)

    def titel(**parameter):
        antwort = client.get(reverse("ferien:liste", args=[zeitraum.slug]), parameter)
        return {a.titel for a in antwort.context["seite"].object_list}

    assert titel() == {"Kleine Forscher", "Kanu für Große", "Schon voll"}
    assert titel(alter=5) == {"Kleine Forscher", "Schon voll"}
    assert titel(alter=12) == {"Kanu für Große", "Schon voll"}
    assert titel(kategorie="natur") == {"Kanu für Große"}
    assert titel(ortsteil=ortsteil.pk) == {"Kanu für Große"}
    assert titel(akteur=akteur.pk) == {"Kanu für Große"}
    assert titel(kostenlos="on") == {"Kleine Forscher", "Schon voll"}
    assert titel(frei="on") == {"Kleine Forscher", "Kanu für Große"}
    assert titel(tag=(zeitraum.beginn).isoformat()) == {"Kleine Forscher"}
    # Bad input is no server error: the form says what is wrong, the list stays empty.
    antwort = client.get(reverse("ferien:liste", args=[zeitraum.slug]), {"alter": "acht"})
    assert antwort.status_code == 200
    assert "alter" in antwort.context["filter"].errors
    assert "Bitte prüfe die Filter" in antwort.content.decode()
    # … and the number field does not carry the word back (HTML forbids it on a number input).
    assert 'value="acht"' not in antwort.content.decode()
    antwort = client.get(reverse("ferien:liste", args=[zeitraum.slug]), {"alter": "8"})
    assert 'name="alter" value="8"' in antwort.content.decode()


def test_htmx_liefert_nur_die_ergebnisse(client, zeitraum):
    _angebote(zeitraum, 2)
    antwort = client.get(
        reverse("ferien:liste", args=[zeitraum.slug]), {"alter": 8}, headers={"HX-Request": "true"}
    )
    inhalt = antwort.content.decode()
    assert inhalt.lstrip().startswith('<section id="ergebnisse"')
    assert "<html" not in inhalt


def test_tage_zeigt_jeden_tag_der_woche(client, zeitraum):
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel="Zeltlager")
    # Monday to Wednesday of the period's first full week, whatever weekday it begins on.
    montag = (7 - zeitraum.beginn.weekday()) % 7
    d = ferien_durchfuehrung(angebot, tag=montag, von=10, bis=16, tage=2)
    antwort = client.get(
        reverse("ferien:tage", args=[zeitraum.slug]), {"woche": d.erster_tag.isoformat()}
    )
    tage = antwort.context["tage"]
    assert [t.datum.weekday() for t in tage] == list(range(7))
    mit_zeltlager = [t.datum for t in tage if t.durchfuehrungen]
    assert mit_zeltlager == [d.erster_tag + timedelta(days=i) for i in range(3)]


def test_detail_zeigt_freie_plaetze_und_anmeldeknopf(client, zeitraum, bewohner):
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel="Töpfern", kontaktperson="Frau Berger")
    d = ferien_durchfuehrung(angebot, plaetze=3)
    KindFactory().anmeldungen.create(durchfuehrung=d, status="bestaetigt", alter=8)
    client.force_login(bewohner)
    inhalt = client.get(angebot.get_absolute_url()).content.decode()
    assert "2 von 3 Plätzen frei" in inhalt
    assert reverse("ferien:anmelden", args=[d.pk]) in inhalt
    assert "openstreetmap.org/search" in inhalt
    assert "Frau Berger" in inhalt


def test_entwurf_ist_nur_fuer_den_anbieter_sichtbar(client_fuer, zeitraum, mitglied_a, akteur_a):
    angebot = FerienangebotFactory(zeitraum=zeitraum, status="entwurf", akteur=akteur_a)
    assert client_fuer().get(angebot.get_absolute_url()).status_code == 404
    antwort = client_fuer(mitglied_a).get(angebot.get_absolute_url())
    assert "Vorschau" in antwort.content.decode()


def test_ical_pro_angebot_und_feed(client, zeitraum):
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel="Schwimmkurs")
    d1 = ferien_durchfuehrung(angebot, tag=0)
    ferien_durchfuehrung(angebot, tag=7)
    anderes = FerienangebotFactory(zeitraum=zeitraum, titel="Basteln")
    ferien_durchfuehrung(anderes, tag=1)
    antwort = client.get(reverse("ferien:angebot_ics", args=[zeitraum.slug, angebot.pk]))
    kal = Calendar.from_ical(antwort.content)
    events = kal.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Schwimmkurs", "Schwimmkurs"]
    assert str(events[0]["uid"]).startswith(f"termin-{d1.termin.uid}@")
    assert events[0]["dtstart"].dt.tzinfo is not None
    feed = Calendar.from_ical(client.get(reverse("ferien:feed", args=[zeitraum.slug])).content)
    assert sorted(str(e["summary"]) for e in feed.walk("VEVENT")) == [
        "Basteln",
        "Schwimmkurs",
        "Schwimmkurs",
    ]


def test_rss(client, zeitraum):
    FerienangebotFactory(zeitraum=zeitraum, titel="Waldtag")
    FerienangebotFactory(zeitraum=zeitraum, titel="Geheim", status="eingereicht")
    inhalt = client.get(reverse("ferien:rss", args=[zeitraum.slug])).content.decode()
    assert "<title>Waldtag</title>" in inhalt
    assert "Geheim" not in inhalt


def test_ferienwoche_und_druckansicht(client, zeitraum):
    woche = Ferienwoche.objects.create(
        zeitraum=zeitraum,
        titel="Ferienwoche am Schloss",
        slug="schloss",
        beginn=zeitraum.beginn,
        ende=zeitraum.beginn + timedelta(days=4),
    )
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel="Ritterspiele", ferienwoche=woche)
    ferien_durchfuehrung(angebot, tag=1)
    FerienangebotFactory(zeitraum=zeitraum, titel="Nicht in der Woche")
    inhalt = client.get(woche.get_absolute_url()).content.decode()
    assert "Ritterspiele" in inhalt
    assert "Nicht in der Woche" not in inhalt
    druck = client.get(reverse("ferien:woche_druck", args=[zeitraum.slug, "schloss"]))
    assert "ferien-druck" in druck.content.decode()


def test_heft_als_pdf_enthaelt_jedes_angebot(client, zeitraum):
    angebote = _angebote(zeitraum, 12)
    FerienangebotFactory(zeitraum=zeitraum, titel="Unveröffentlicht", status="entwurf")
    antwort = client.get(reverse("ferien:heft_pdf", args=[zeitraum.slug]))
    assert antwort["Content-Type"] == "application/pdf"
    leser = PdfReader(io.BytesIO(antwort.content))
    assert leser.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4
    text = " ".join(" ".join(seite.extract_text().split()) for seite in leser.pages)
    for angebot in angebote:
        assert angebot.titel in text
    assert "Unveröffentlicht" not in text


def test_heft_als_webseite(client, zeitraum):
    _angebote(zeitraum, 2)
    inhalt = client.get(reverse("ferien:heft", args=[zeitraum.slug])).content.decode()
    assert "Angebot 001" in inhalt
    assert "ferien.css" in inhalt


def test_widget_darf_eingebettet_werden(client, zeitraum):
    FerienangebotFactory(zeitraum=zeitraum, titel="Für Kleine", alter_von=3, alter_bis=6)
    FerienangebotFactory(zeitraum=zeitraum, titel="Für Große", alter_von=12, alter_bis=16)
    antwort = client.get(reverse("ferien:widget", args=[zeitraum.slug]), {"alter": 4})
    inhalt = antwort.content.decode()
    assert "Für Kleine" in inhalt and "Für Große" not in inhalt
    assert "X-Frame-Options" not in antwort.headers
    assert "frame-ancestors *" in antwort["Content-Security-Policy"]
    assert 'target="_blank"' in inhalt
    assert "<nav" not in inhalt
    # Every other page stays unframeable.
    andere = client.get(reverse("ferien:liste", args=[zeitraum.slug]))
    assert andere["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in andere["Content-Security-Policy"]


def test_zeitraum_slug_darf_keine_portaladresse_verdecken():
    from django.core.exceptions import ValidationError

    zeitraum = FerienzeitraumFactory.build(slug="familie")
    with pytest.raises(ValidationError) as fehler:
        zeitraum.full_clean()
    assert "slug" in fehler.value.message_dict
