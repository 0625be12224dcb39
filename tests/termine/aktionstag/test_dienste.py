"""The Aktionstag's workflows: stations, decisions, sign-ups, reminders, report figures."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from netzwerk import kennzahlen
from netzwerk.zeit import ortszeit
from termine.aktionstag import services
from termine.aktionstag.kollisionen import Platzwunsch, kollisionen
from termine.models import Helfereinsatz, Station
from tests.factories import UserFactory
from tests.termine.aktionstag.factories import einsatz, schicht, station

pytestmark = pytest.mark.django_db


def _w(id_, platz, ort, von, bis):
    tag = datetime(2027, 9, 18, tzinfo=timezone.get_default_timezone())
    return Platzwunsch(id_, platz, ort, tag.replace(hour=von), tag.replace(hour=bis))


def test_kollisionen_gleicher_platz_und_zeit():
    wuensche = [
        _w(1, 3, "", 10, 12),
        _w(2, 3, "", 11, 13),
        _w(3, 3, "", 12, 14),  # starts when 1 ends: no clash with 1
        _w(4, 4, "", 10, 18),
        _w(5, None, "Am  Brunnen", 10, 12),
        _w(6, None, "am brunnen", 11, 12),
        _w(7, None, "", 10, 12),
    ]
    assert kollisionen(wuensche) == {1: [2], 2: [1, 3], 3: [2], 5: [6], 6: [5]}


def test_station_einreichen_nur_fuer_eigene_akteure_und_solange_offen(
    tag, akteur_a, mitglied_a, mitglied_b
):
    daten = {
        "titel": "Bastelstand",
        "beschreibung": "Basteln",
        "start": ortszeit(tag.tag, time(10)),
        "ende": ortszeit(tag.tag, time(12)),
        "ort": "Markt",
    }
    with pytest.raises(services.NichtMoeglich):
        services.station_einreichen(aktionstag=tag, akteur=akteur_a, von=mitglied_b, daten=daten)
    station_ = services.station_einreichen(
        aktionstag=tag, akteur=akteur_a, von=mitglied_a, daten=daten
    )
    assert station_.status == Station.Status.EINGEREICHT
    assert station_.eingereicht_von == mitglied_a
    tag.stationen_bis = timezone.now() - timedelta(minutes=1)
    tag.save()
    with pytest.raises(services.NichtMoeglich, match="closed|geschlossen"):
        services.station_einreichen(aktionstag=tag, akteur=akteur_a, von=mitglied_a, daten=daten)


def test_entscheiden_schreibt_der_einreichenden_und_aenderung_fuehrt_zurueck(
    tag, akteur_a, mitglied_a, koordination
):
    station_ = station(tag, akteur_a, status=Station.Status.EINGEREICHT, eingereicht_von=mitglied_a)
    services.station_entscheiden(
        station=station_, status=Station.Status.AENDERUNG, rueckmeldung="Bitte ab 12 Uhr."
    )
    assert mail.outbox[-1].to == [mitglied_a.email]
    assert "Bitte ab 12 Uhr." in mail.outbox[-1].body
    services.station_aendern(station=station_, daten={"titel": "Kinderschminken ab 12"})
    station_.refresh_from_db()
    assert station_.status == Station.Status.EINGEREICHT


def test_eintragen_mit_konto_bestaetigt_und_schickt_ics(aufbau, bewohner):
    einsatz_ = services.eintragen(schicht=aufbau, user=bewohner)
    assert einsatz_.bestaetigt_am is not None
    nachricht = mail.outbox[-1]
    assert nachricht.to == [bewohner.email]
    dateiname, inhalt, art = nachricht.attachments[0]
    assert dateiname == "schicht.ics" and art == "text/calendar"
    assert "BEGIN:VEVENT" in inhalt and "Aufbau" in inhalt
    with pytest.raises(services.NichtMoeglich) as fehler:
        services.eintragen(schicht=aufbau, user=bewohner)
    assert fehler.value.code == "doppelt"


def test_volle_schicht_nimmt_niemanden_mehr(aufbau):
    for _ in range(aufbau.max_helfer):
        services.eintragen(schicht=aufbau, user=UserFactory())
    with pytest.raises(services.NichtMoeglich) as fehler:
        services.eintragen(schicht=aufbau, user=UserFactory())
    assert fehler.value.code == "voll"
    assert Helfereinsatz.objects.bestaetigt().filter(schicht=aufbau).count() == 3


def test_mindestalter_muss_bestaetigt_werden(tag, bewohner):
    kuchen = schicht(tag, titel="Kuchenstand", mindestalter=16)
    with pytest.raises(services.NichtMoeglich) as fehler:
        services.eintragen(schicht=kuchen, user=bewohner)
    assert fehler.value.code == "alter"
    assert services.eintragen(schicht=kuchen, user=bewohner, alter_bestaetigt=True)


def test_station_ohne_zusage_hat_keine_offenen_schichten(tag, akteur_a, bewohner):
    wartend = station(tag, akteur_a, status=Station.Status.EINGEREICHT)
    with pytest.raises(services.NichtMoeglich):
        services.eintragen(schicht=schicht(tag, station=wartend), user=bewohner)


def _link(nachricht) -> str:
    return re.search(r"https?://\S+?(/aktionstag/\S+/)", nachricht.body).group(1)


def test_gast_doppeltes_opt_in(aufbau, client):
    einsatz_ = services.eintragen(schicht=aufbau, gast_name="Gerd Gast", gast_email="G@Example.org")
    assert einsatz_.bestaetigt_am is None and einsatz_.gast_email == "g@example.org"
    assert Helfereinsatz.objects.bestaetigt().count() == 0  # holds no place yet
    token = _link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[-1]
    bestaetigt = services.gast_bestaetigen(token=token)
    assert bestaetigt.bestaetigt_am is not None
    assert mail.outbox[-1].attachments[0][0] == "schicht.ics"
    assert "/aktionstag/absagen/" in mail.outbox[-1].body


def test_gast_bestaetigt_zu_spaet_fuer_eine_volle_schicht(aufbau):
    einsatz_ = services.eintragen(schicht=aufbau, gast_name="Gerd", gast_email="g@example.org")
    token = _link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[-1]
    for _ in range(3):
        services.eintragen(schicht=aufbau, user=UserFactory())
    with pytest.raises(services.NichtMoeglich):
        services.gast_bestaetigen(token=token)
    assert not Helfereinsatz.objects.filter(pk=einsatz_.pk).exists()


def test_falscher_oder_abgelaufener_link(aufbau):
    services.eintragen(schicht=aufbau, gast_name="Gerd", gast_email="g@example.org")
    token = _link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(services.NichtMoeglich, match="broken|kaputt|unvollständig"):
        services.gast_bestaetigen(token=token[:-3] + "xyz")
    with (
        time_machine.travel(timezone.now() + timedelta(days=8)),
        pytest.raises(services.NichtMoeglich, match="expired|abgelaufen"),
    ):
        services.gast_bestaetigen(token=token)


def test_absagen_bis_zum_vortag(aufbau, bewohner):
    einsatz_ = services.eintragen(schicht=aufbau, user=bewohner)
    vortag = ortszeit(aufbau.aktionstag.tag - timedelta(days=1), time(20))
    services.absagen(einsatz=einsatz_, jetzt=vortag)
    assert not Helfereinsatz.objects.filter(pk=einsatz_.pk).exists()
    einsatz_ = services.eintragen(schicht=aufbau, user=bewohner)
    with pytest.raises(services.NichtMoeglich):
        services.absagen(einsatz=einsatz_, jetzt=ortszeit(aufbau.aktionstag.tag, time(7)))


def test_erinnerung_am_vortag_einmal(aufbau, bewohner):
    services.eintragen(schicht=aufbau, user=bewohner)
    mail.outbox.clear()
    vortag = ortszeit(aufbau.aktionstag.tag - timedelta(days=1), time(9))
    assert services.erinnerungen_senden(jetzt=vortag - timedelta(days=1)) == []
    assert len(services.erinnerungen_senden(jetzt=vortag)) == 1
    assert mail.outbox[-1].to == [bewohner.email]
    assert services.erinnerungen_senden(jetzt=vortag) == []


def test_kennzahlen(tag, station_a, aufbau, akteur_b):
    station(tag, akteur_b, titel="Abgelehnt", status=Station.Status.ABGELEHNT, platz=2)
    einsatz(aufbau)
    einsatz(aufbau)
    einsatz(schicht(tag, station=station_a, von=11, bis=12, titel="Schminken"))
    gruppen = {g.titel: g for g in kennzahlen.bericht(tag.tag, tag.tag)}
    zahlen = {k.schluessel: k.wert for k in gruppen["Aktionstag"].kennzahlen}  # German title
    assert zahlen["aktionstag.akteure"] == 1
    assert zahlen["aktionstag.stationen"] == 1
    assert zahlen["aktionstag.helfer"] == 3
    assert float(zahlen["aktionstag.stunden"]) == 5.0
    spaeter = kennzahlen.bericht(tag.tag + timedelta(days=1), tag.tag + timedelta(days=2))
    zahlen = {k.schluessel: k.wert for g in spaeter for k in g.kennzahlen}
    assert zahlen["aktionstag.stationen"] == 0 and zahlen["aktionstag.helfer"] == 0
