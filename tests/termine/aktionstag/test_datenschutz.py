"""Privacy of the Aktionstag: every field classified, and the 3-month rule enforced."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from netzwerk import datenschutz
from termine.aktionstag.datenschutz import REGISTER
from termine.models import Helfereinsatz, Station
from tests.termine.aktionstag.factories import aktionstag, einsatz, schicht, station

pytestmark = pytest.mark.django_db


def test_der_bereich_ist_registriert_und_vollstaendig():
    bereich = {b.name: b for b in datenschutz.bereiche()}["aktionstag"]
    assert bereich.anwenden is not None
    assert datenschutz.pruefen() == []
    for feld in ["user", "gast_name", "gast_email"]:
        assert REGISTER[f"termine.Helfereinsatz.{feld}"] == "aktionstag_helfer"
    for feld in ["zeugnis_eingesehen_am", "zeugnis_eingesehen_von", "zeugnis_gueltig_bis"]:
        assert REGISTER[f"termine.Helfereinsatz.{feld}"] == "aktionstag_zeugnis"


def test_ein_feld_ohne_eintrag_faellt_auf():
    bereich = {b.name: b for b in datenschutz.bereiche()}["aktionstag"]
    fehler = datenschutz.pruefen([bereich], modelle=[Helfereinsatz])
    assert fehler == []
    # A model listed as complete whose field is missing in the registry is an error.
    unvollstaendig = datenschutz.Bereich(
        "test",
        bereich.regeln,
        {k: v for k, v in REGISTER.items() if "gast_email" not in k},
        bereich.vollstaendig,
    )
    codes = [f.id for f in datenschutz.pruefen([unvollstaendig], modelle=[Helfereinsatz])]
    assert codes == ["netzwerk.E901"]


def _alter_tag(akteur, user):
    tag = aktionstag(in_tagen=-100, titel="Alter Tag")
    s = station(tag, akteur, eingereicht_von=user)
    zeugnis = {
        "zeugnis_eingesehen_am": timezone.localdate() - timedelta(days=130),
        "zeugnis_eingesehen_von": "Anna A.",
        "zeugnis_gueltig_bis": timezone.localdate() + timedelta(days=600),
    }
    mit_konto = einsatz(schicht(tag, station=s, mit_kindern=True), **zeugnis)
    gast = einsatz(schicht(tag), gast_name="Gerd Gast", gast_email="g@example.org")
    return tag, s, mit_konto, gast


def test_drei_monate_nach_dem_tag_bleibt_nur_die_zahl(akteur_a, mitglied_a, tag, aufbau):
    _alt, s, mit_konto, gast = _alter_tag(akteur_a, mitglied_a)
    frisch = einsatz(aufbau, zeugnis_eingesehen_von="Anna A.")
    offen_alt = Helfereinsatz.objects.create(
        schicht=aufbau, gast_name="Unbestätigt", gast_email="u@example.org", bestaetigt_am=None
    )
    Helfereinsatz.objects.filter(pk=offen_alt.pk).update(
        erstellt=timezone.now() - timedelta(days=8)
    )
    offen_neu = Helfereinsatz.objects.create(
        schicht=aufbau, gast_name="Neu", gast_email="n@example.org"
    )

    probe = datenschutz.alles_anwenden(dry_run=True)["aktionstag"]
    assert probe.zeilen()[0].startswith("would erase 1 police")
    assert Helfereinsatz.objects.get(pk=mit_konto.pk).zeugnis_eingesehen_von == "Anna A."

    bericht = datenschutz.alles_anwenden()["aktionstag"]
    assert (bericht.zeugnisse_geloescht, bericht.einsaetze_anonymisiert) == (1, 2)
    assert (bericht.gaeste_geloescht, bericht.einreichende_geloescht) == (1, 1)
    for alt in (mit_konto, gast):
        alt.refresh_from_db()
        assert (alt.user_id, alt.gast_name, alt.gast_email) == (None, "", "")
        assert alt.zeugnis_eingesehen_am is None and alt.zeugnis_eingesehen_von == ""
        assert alt.zeugnis_gueltig_bis is None and alt.anonymisiert
        assert alt.bestaetigt_am is not None  # still counts for the report
    assert Station.objects.get(pk=s.pk).eingereicht_von is None
    frisch.refresh_from_db()
    assert frisch.user_id and frisch.zeugnis_eingesehen_von == "Anna A."
    assert not Helfereinsatz.objects.filter(pk=offen_alt.pk).exists()
    assert Helfereinsatz.objects.filter(pk=offen_neu.pk).exists()
    # A second run has nothing left to do.
    zweiter = datenschutz.alles_anwenden()["aktionstag"]
    assert zweiter.zeugnisse_geloescht == zweiter.einsaetze_anonymisiert == 0


def test_kurz_vor_drei_monaten_bleibt_alles(akteur_a, mitglied_a):
    tag = aktionstag(in_tagen=-80)
    e = einsatz(schicht(tag), zeugnis_eingesehen_von="Anna A.")
    datenschutz.alles_anwenden()
    e.refresh_from_db()
    assert e.user_id and e.zeugnis_eingesehen_von == "Anna A."


def test_der_befehl_laeuft_fuer_alle_bereiche(capsys, akteur_a, mitglied_a):
    _alter_tag(akteur_a, mitglied_a)
    call_command("datenschutz", "--dry-run")
    assert "police certificate" in capsys.readouterr().out
