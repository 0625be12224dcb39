"""Properties of the host rotation through the adapter (termine/stammtisch.py): the pool,
periods and history come from the database, the meetings are stored, and still every
rule of termine/rotation.py holds."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termine.models import Stammtisch, Stammtischreihe, Teilnahme, Verhinderung
from termine.stammtisch import services as dienste
from vereine.models import Akteur

BERLIN = ZoneInfo("Europe/Berlin")
JETZT = datetime(2026, 1, 5, 9, tzinfo=BERLIN)
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

pytestmark = pytest.mark.django_db

verhinderung = st.tuples(st.integers(0, 300), st.integers(0, 60))
mitglied = st.fixed_dictionaries(
    {
        "kann": st.booleans(),
        "verhinderungen": st.lists(verhinderung, max_size=2),
    }
)


def _reihe(pool: list[dict], reihenfolge: list[int] | None = None) -> Stammtischreihe:
    """A monthly series with the given pool, created in `reihenfolge`."""
    reihe = Stammtischreihe.objects.create(
        name="Eigenschaften",
        slug="eigenschaften",
        rhythmus="monthly",
        intervall=1,
        wochentag=1,
        woche_im_monat=3,
        anker=date(2026, 1, 1),
    )
    for i in reihenfolge if reihenfolge is not None else range(len(pool)):
        akteur = Akteur.objects.create(name=f"Akteur {i:02}", slug=f"akteur-{i}", status="aktiv")
        teilnahme = Teilnahme.objects.create(
            reihe=reihe, akteur=akteur, kann_gastgeber=pool[i]["kann"]
        )
        for start, laenge in pool[i]["verhinderungen"]:
            von = date(2026, 1, 1) + timedelta(days=start)
            Verhinderung.objects.create(teilnahme=teilnahme, von=von, bis=von + timedelta(laenge))
    return reihe


def _zuruecksetzen():
    """Each example in its own transaction, rolled back (hypothesis reuses the test's DB)."""
    return transaction.atomic()


def _hosts(reihe) -> list[tuple[date, int | None]]:
    return [
        (s.termin.start.astimezone(BERLIN).date(), s.gastgeber_id)
        for s in Stammtisch.objects.filter(reihe=reihe).select_related("termin")
    ]


@PROPERTY
@given(
    pool=st.lists(mitglied, min_size=1, max_size=6), runden=st.lists(st.integers(1, 4), max_size=3)
)
def test_nie_zweimal_hintereinander_und_nie_verhindert(pool, runden):
    with time_machine.travel(JETZT, tick=False), _zuruecksetzen():
        reihe = _reihe(pool)
        for anzahl in [2, *runden]:
            dienste.naechste_termine_planen(reihe=reihe, anzahl=anzahl)
        hosts = _hosts(reihe)
        for (_, vorher), (_, nachher) in zip(hosts, hosts[1:], strict=False):
            assert vorher is None or vorher != nachher
        for tag, akteur_id in hosts:
            if akteur_id is None:
                continue
            teilnahme = Teilnahme.objects.get(reihe=reihe, akteur_id=akteur_id)
            assert teilnahme.kann_gastgeber
            assert not teilnahme.verhinderungen.filter(von__lte=tag, bis__gte=tag).exists()
        transaction.set_rollback(True)


@PROPERTY
@given(groesse=st.integers(2, 7), runden=st.integers(1, 3))
def test_jeder_einmal_bevor_einer_zweimal(groesse, runden):
    pool = [{"kann": True, "verhinderungen": []}] * groesse
    with time_machine.travel(JETZT, tick=False), _zuruecksetzen():
        reihe = _reihe(pool)
        # Plan in pieces of different size: the history carries the fairness on.
        geplant = 0
        while geplant < groesse * runden:
            anzahl = min(3, groesse * runden - geplant)
            dienste.naechste_termine_planen(reihe=reihe, anzahl=anzahl)
            geplant += anzahl
        hosts = [akteur_id for _, akteur_id in _hosts(reihe)]
        for runde in range(runden):
            abschnitt = hosts[runde * groesse : (runde + 1) * groesse]
            assert len(set(abschnitt)) == groesse
        transaction.set_rollback(True)


@PROPERTY
@given(
    pool=st.lists(mitglied, min_size=1, max_size=6),
    anzahl=st.integers(1, 6),
    data=st.data(),
)
def test_deterministisch_und_unabhaengig_von_der_reihenfolge(pool, anzahl, data):
    reihenfolge = data.draw(st.permutations(range(len(pool))))
    ergebnisse = []
    for anlage in [list(range(len(pool))), reihenfolge]:
        with time_machine.travel(JETZT, tick=False), _zuruecksetzen():
            reihe = _reihe(pool, anlage)
            erst = dienste.termine_vorschlagen(reihe=reihe, anzahl=anzahl)
            zweit = dienste.termine_vorschlagen(reihe=reihe, anzahl=anzahl)
            namen = [(v.start, v.gastgeber.name if v.gastgeber else None, v.grund) for v in erst]
            assert namen == [
                (v.start, v.gastgeber.name if v.gastgeber else None, v.grund) for v in zweit
            ]
            ergebnisse.append(namen)
            transaction.set_rollback(True)
    assert ergebnisse[0] == ergebnisse[1]


def test_absage_waehlt_nie_wer_schon_abgesagt_hat(mailoutbox):
    """A decline chain runs through the pool and ends with "nobody available"."""
    pool = [{"kann": True, "verhinderungen": []}] * 3
    with time_machine.travel(JETZT, tick=False):
        reihe = _reihe(pool)
        for teilnahme in reihe.pool.select_related("akteur"):
            teilnahme.akteur.kontakt_email = f"{teilnahme.akteur.slug}@example.org"
            teilnahme.akteur.save()
        (stammtisch,) = dienste.naechste_termine_planen(reihe=reihe, anzahl=1)
        anfrage = dienste.gastgeber_anfragen(stammtisch=stammtisch)
        abgelehnt = []
        while anfrage is not None:
            abgelehnt.append(anfrage.akteur_id)
            dienste.gastgeber_antwort(token=dienste.gastgeber_token(anfrage), zusage=False)
            stammtisch.refresh_from_db()
            assert stammtisch.gastgeber_id not in abgelehnt
            anfrage = stammtisch.anfragen.filter(antwort="offen").first()
        assert len(abgelehnt) == 3
        assert stammtisch.gastgeber is None
        assert stammtisch.vorschlagsgrund == "no_candidate"
