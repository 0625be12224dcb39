"""Quick choices of the calendar lists: Heute, Dieses Wochenende, Nächste Woche, In den Ferien.

The ranges are computed from the clock in Europe/Berlin; the pure function is checked for
every weekday, the pages under fixed clocks (a Wednesday, a Saturday, a Sunday night).
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netzwerk.models import Schulferien
from termine import schnellwahl
from tests.termine.factories import TerminFactory, berlin

# Monday 30 November 2026 … Sunday 6 December 2026.
MONTAG = date(2026, 11, 30)


@pytest.mark.parametrize("abstand", range(7))
def test_tage_an_jedem_wochentag(abstand):
    heute = MONTAG + timedelta(days=abstand)
    assert schnellwahl.tage("heute", heute) == (heute, heute)
    samstag, sonntag = date(2026, 12, 5), date(2026, 12, 6)
    if heute == sonntag:
        assert schnellwahl.tage("wochenende", heute) == (sonntag, sonntag)
    elif heute == samstag:
        assert schnellwahl.tage("wochenende", heute) == (samstag, sonntag)
    else:
        assert schnellwahl.tage("wochenende", heute) == (samstag, sonntag)
    # Next week is always the Monday to Sunday after the current week, also on a Sunday.
    assert schnellwahl.tage("naechste-woche", heute) == (date(2026, 12, 7), date(2026, 12, 13))
    assert schnellwahl.tage("gestern", heute) is None


def test_wochenende_am_sonntag_ist_nur_heute_und_ueber_den_jahreswechsel():
    assert schnellwahl.tage("wochenende", date(2026, 12, 6)) == (date(2026, 12, 6),) * 2
    assert schnellwahl.tage("naechste-woche", date(2026, 12, 31)) == (
        date(2027, 1, 4),
        date(2027, 1, 10),
    )


def test_umschalten_und_anzahl():
    paare = [("kategorie", "sport"), ("seite", "3"), ("wann", "heute")]
    assert schnellwahl.umschalten(paare, "wann", "wochenende") == (
        "kategorie=sport&wann=wochenende",
        False,
    )
    assert schnellwahl.umschalten(paare, "wann", "heute") == ("kategorie=sport", True)
    assert schnellwahl.anzahl_aktiv(paare + [("ortsteil", "")], ["kategorie", "ortsteil"]) == 1


def _termine():
    """A date on every day from Wednesday 2 to Wednesday 16 December 2026, at 10:00 and 20:00."""
    for tag in range(2, 17):
        for stunde in (10, 20):
            TerminFactory(
                titel=f"Termin {tag}.12. {stunde} Uhr",
                start=berlin(2026, 12, tag, stunde),
                ende=berlin(2026, 12, tag, stunde + 1),
            )


def _titel(client, query: str) -> list[str]:
    seite = client.get("/termine/?" + query).content.decode()
    return [
        t for t in (f"Termin {d}.12. {h} Uhr" for d in range(2, 17) for h in (10, 20)) if t in seite
    ]


@pytest.mark.django_db
def test_chips_an_einem_mittwoch(client):
    _termine()
    with time_machine.travel(berlin(2026, 12, 2, 12), tick=False):
        assert _titel(client, "wann=heute") == ["Termin 2.12. 20 Uhr"]
        assert _titel(client, "wann=wochenende") == [
            "Termin 5.12. 10 Uhr",
            "Termin 5.12. 20 Uhr",
            "Termin 6.12. 10 Uhr",
            "Termin 6.12. 20 Uhr",
        ]
        assert _titel(client, "wann=naechste-woche") == [
            f"Termin {d}.12. {h} Uhr" for d in range(7, 14) for h in (10, 20)
        ]
        seite = client.get("/termine/?wann=wochenende&kategorie=sport").content.decode()
    # The chip is on (and a second tap switches it off, keeping the other filter).
    assert 'href="?kategorie=sport" aria-current="true">Dieses Wochenende' in seite
    assert 'href="?kategorie=sport&amp;wann=heute">Heute' in seite
    assert 'href="?wann=wochenende&amp;kategorie=sport&amp;ferien=on">In den Ferien' in seite
    # One filter behind the button is active; the chip's choice travels with the form.
    assert "1 aktiv" in seite
    assert '<input type="hidden" name="wann" value="wochenende"' in seite


@pytest.mark.django_db
def test_wochenende_am_samstag_und_am_sonntagabend(client):
    _termine()
    with time_machine.travel(berlin(2026, 12, 5, 9), tick=False):
        assert _titel(client, "wann=wochenende") == [
            "Termin 5.12. 10 Uhr",
            "Termin 5.12. 20 Uhr",
            "Termin 6.12. 10 Uhr",
            "Termin 6.12. 20 Uhr",
        ]
    # Sunday 20:30 in Berlin (19:30 UTC): still "this weekend", what is left of it.
    with time_machine.travel(berlin(2026, 12, 6, 20, 30), tick=False):
        assert _titel(client, "wann=wochenende") == ["Termin 6.12. 20 Uhr"]
        assert _titel(client, "wann=heute") == ["Termin 6.12. 20 Uhr"]
        assert _titel(client, "wann=naechste-woche")[0] == "Termin 7.12. 10 Uhr"


@pytest.mark.django_db
def test_in_den_ferien(client):
    _termine()
    Schulferien.objects.create(
        name="Weihnachtsferien", beginn=date(2026, 12, 14), ende=date(2027, 1, 2)
    )
    with time_machine.travel(berlin(2026, 12, 2, 12), tick=False):
        assert _titel(client, "ferien=on") == [
            f"Termin {d}.12. {h} Uhr" for d in (14, 15, 16) for h in (10, 20)
        ]


@pytest.mark.django_db
def test_unsinn_als_wahl_zeigt_die_normale_liste(client):
    _termine()
    with time_machine.travel(berlin(2026, 12, 2, 12), tick=False):
        antwort = client.get("/termine/?wann=gestern")
    assert antwort.status_code == 200
    assert "Termin 2.12. 20 Uhr" in antwort.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("anzahl", [1, 15])
def test_abfragen_mit_chip_konstant(client, anzahl):
    for i in range(anzahl):
        TerminFactory(start=berlin(2026, 12, 5, 10 + i % 8), ende=berlin(2026, 12, 5, 19))
    with time_machine.travel(berlin(2026, 12, 2, 12), tick=False):
        client.get("/termine/?wann=wochenende")
        with CaptureQueriesContext(connection) as abfragen:
            client.get("/termine/?wann=wochenende&kategorie=sport")
    # (+1: the horizon of the occurrences table)
    assert len(abfragen) == 6, [q["sql"] for q in abfragen]
