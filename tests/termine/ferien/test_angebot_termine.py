"""The holiday offer form with its occasions inline: add another without JavaScript, the
Terminabgleich next to each occasion, deleting, and no submission without an occasion."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from termine.ferien import services as ferien
from termine.models import Durchfuehrung, Ferienangebot
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)
from tests.termine.factories import BERLIN, TerminFactory
from tests.termine.formulare import formular_daten

pytestmark = pytest.mark.django_db


@pytest.fixture
def zeitraum():
    return FerienzeitraumFactory(name="Sommerferien 2031", slug="sommer-2031")


@pytest.fixture
def angebot(zeitraum, akteur_a):
    return FerienangebotFactory(
        zeitraum=zeitraum, akteur=akteur_a, titel="Heimatkunde", status="entwurf"
    )


def _url(angebot=None):
    if angebot is None:
        return reverse("ferien:angebot_neu")
    return reverse("ferien:angebot_bearbeiten", args=[angebot.pk])


def _zeile(n, tag, von="10:00", bis="12:00", plaetze="8"):
    return {
        f"termine-{n}-datum": tag.isoformat(),
        f"termine-{n}-beginn": von,
        f"termine-{n}-ende": bis,
        f"termine-{n}-max_plaetze": plaetze,
    }


def test_neues_angebot_mit_zwei_terminen_in_einem_schritt(
    client_fuer, zeitraum, akteur_a, mitglied_a
):
    client = client_fuer(mitglied_a)
    seite = client.get(_url())
    assert "Weiteren Termin hinzufügen" in seite.content.decode()
    # One empty row to start with; "add another" gives a second one, nothing is saved yet.
    daten = formular_daten(
        seite,
        akteur=str(akteur_a.pk),
        zeitraum=str(zeitraum.pk),
        titel="Kräuterwanderung",
        beschreibung="Wir sammeln Kräuter.",
        kategorie="natur",
        alter_von="6",
        alter_bis="10",
        kosten="0",
        ort="Am Wald",
        **{"anmeldung_noetig": "on"},
        **_zeile(0, zeitraum.beginn),
    )
    antwort = client.post(_url(), {**daten, "weiterer_termin": "1"})
    html = antwort.content.decode()
    assert not Ferienangebot.objects.exists()
    assert 'name="termine-TOTAL_FORMS" value="2"' in html
    assert 'name="termine-1-datum"' in html
    assert 'id="termin-neu"' in html
    # What was typed is still there.
    assert 'value="Kräuterwanderung"' in html
    assert f'value="{zeitraum.beginn.isoformat()}"' in html
    zweiter = zeitraum.beginn + timedelta(days=2)
    daten = formular_daten(antwort, **_zeile(1, zweiter, "14:00", "16:00"))
    antwort = client.post(_url(), daten, follow=True)
    angebot = Ferienangebot.objects.get(titel="Kräuterwanderung")
    termine = list(angebot.durchfuehrungen.select_related("termin").order_by("termin__start"))
    assert [timezone.localtime(d.termin.start).hour for d in termine] == [10, 14]
    assert [d.max_plaetze for d in termine] == [8, 8]
    assert "Gespeichert." in antwort.content.decode()


def test_fehler_in_einem_termin_steht_daneben(client_fuer, angebot, mitglied_a):
    client = client_fuer(mitglied_a)
    daten = formular_daten(client.get(_url(angebot)), **_zeile(0, angebot.zeitraum.beginn))
    daten["termine-0-datum"] = ["2001-01-01"]
    html = client.post(_url(angebot), daten).content.decode()
    assert "Bitte wähl einen Tag zwischen" in html
    assert 'value="2001-01-01"' in html
    assert not Durchfuehrung.objects.exists()


def test_termin_aendern_und_loeschen(client_fuer, angebot, mitglied_a):
    erster = ferien_durchfuehrung(angebot, tag=0)
    zweiter = ferien_durchfuehrung(angebot, tag=1)
    client = client_fuer(mitglied_a)
    daten = formular_daten(
        client.get(_url(angebot)),
        **{"termine-0-beginn": "08:00", "termine-1-DELETE": "on"},
    )
    client.post(_url(angebot), daten)
    erster.refresh_from_db()
    assert timezone.localtime(erster.termin.start).hour == 8
    assert not Durchfuehrung.objects.filter(pk=zweiter.pk).exists()


def test_termin_mit_anmeldungen_wird_nicht_geloescht(client_fuer, angebot, mitglied_a):
    d = ferien_durchfuehrung(angebot)
    Ferienangebot.objects.filter(pk=angebot.pk).update(status="veroeffentlicht")
    angebot.refresh_from_db()
    kind = KindFactory(geburtsdatum=geburtsdatum_fuer(8))
    ferien.anmelden(kind=kind, durchfuehrung=d, von=kind.eltern)
    client = client_fuer(mitglied_a)
    daten = formular_daten(client.get(_url(angebot)), **{"termine-0-DELETE": "on"})
    html = client.post(_url(angebot), daten).content.decode()
    assert "Für diesen Termin sind Kinder angemeldet" in html
    assert Durchfuehrung.objects.filter(pk=d.pk).exists()


def test_terminabgleich_neben_jedem_termin(client_fuer, angebot, akteur_a, mitglied_a):
    tag = angebot.zeitraum.beginn
    ferien_durchfuehrung(angebot, tag=0)
    ferien_durchfuehrung(angebot, tag=0, von=14, bis=16)
    ferien_durchfuehrung(angebot, tag=5)
    TerminFactory(
        titel="Hallenfußball",
        start=datetime.combine(tag, time(11), tzinfo=BERLIN),
        ende=datetime.combine(tag, time(13), tzinfo=BERLIN),
        veranstalter=[akteur_a],
    )
    html = client_fuer(mitglied_a).get(_url(angebot)).content.decode()
    zeilen = html.split('class="ferien-terminzeile')[1:]
    assert len(zeilen) == 4  # three occasions and the empty row
    assert "Hallenfußball" in zeilen[0] and "Hallenfußball" in zeilen[1]
    assert "Hallenfußball" not in zeilen[2]
    assert "bisher nichts anderes geplant" in zeilen[2]
    # The offer's own occasions on the same day are no clash.
    assert zeilen[0].count("Heimatkunde") == 0


def test_terminabgleich_auch_fuer_einen_neu_getippten_termin(
    client_fuer, angebot, akteur_a, mitglied_a
):
    tag = angebot.zeitraum.beginn + timedelta(days=3)
    TerminFactory(
        titel="Hallenfußball",
        start=datetime.combine(tag, time(9), tzinfo=BERLIN),
        ende=datetime.combine(tag, time(17), tzinfo=BERLIN),
        veranstalter=[akteur_a],
    )
    client = client_fuer(mitglied_a)
    daten = formular_daten(client.get(_url(angebot)), **_zeile(0, tag))
    html = client.post(_url(angebot), {**daten, "weiterer_termin": "1"}).content.decode()
    assert "Hallenfußball" in html.split('class="ferien-terminzeile')[1]


def test_einreichen_ohne_termin_lehnt_der_dienst_ab(angebot, mitglied_a, mailoutbox):
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.angebot_einreichen(angebot=angebot, von=mitglied_a)
    assert fehler.value.code == "ohne_termine"
    assert "mindestens einen Termin ein" in fehler.value.nachricht
    angebot.refresh_from_db()
    assert angebot.status == "entwurf"
    # A cancelled occasion is no date either.
    d = ferien_durchfuehrung(angebot)
    d.termin.status = "abgesagt"
    d.termin.save()
    with pytest.raises(ferien.AnmeldungNichtMoeglich):
        ferien.angebot_einreichen(angebot=angebot, von=mitglied_a)
    ferien_durchfuehrung(angebot, tag=2)
    ferien.angebot_einreichen(angebot=angebot, von=mitglied_a)
    angebot.refresh_from_db()
    assert angebot.status == "eingereicht"


def test_einreichen_ohne_termin_sagt_es_auf_der_seite(client_fuer, angebot, mitglied_a):
    antwort = client_fuer(mitglied_a).post(
        reverse("ferien:angebot_einreichen", args=[angebot.pk]), follow=True
    )
    assert "Bitte trag mindestens einen Termin ein" in antwort.content.decode()
    angebot.refresh_from_db()
    assert angebot.status == "entwurf"
