"""The minutes service takes plain rows, not forms: it saves the minutes whole, numbers the
agenda items in the order given and deletes the rows the minutes no longer keep."""

from datetime import date

import pytest

from termine import protokoll as protokolle
from termine.models import Folgeaufgabe, Protokoll, ProtokollPunkt
from tests.factories import AkteurFactory
from tests.termine.factories import TerminFactory

pytestmark = pytest.mark.django_db


def _punkte(protokoll):
    return list(protokoll.punkte.order_by("reihenfolge").values_list("reihenfolge", "titel"))


def test_neues_protokoll_mit_punkten_aufgaben_und_anwesenden():
    heimat, sport = AkteurFactory(), AkteurFactory()
    protokoll = protokolle.protokoll_speichern(
        protokoll=Protokoll(termin=TerminFactory(), personenzahl=12, beschluesse="Fest am 1.5."),
        anwesende=[heimat, sport],
        punkte=[ProtokollPunkt(titel="Begrüßung"), ProtokollPunkt(titel="Terminabgleich")],
        folgeaufgaben=[
            Folgeaufgabe(text="Zelt leihen", verantwortlich=sport, faellig_am=date(2027, 4, 1))
        ],
    )
    protokoll = Protokoll.objects.get(pk=protokoll.pk)
    assert (protokoll.personenzahl, protokoll.beschluesse) == (12, "Fest am 1.5.")
    assert set(protokoll.anwesende.all()) == {heimat, sport}
    assert _punkte(protokoll) == [(1, "Begrüßung"), (2, "Terminabgleich")]
    assert list(protokoll.folgeaufgaben.values_list("text", "verantwortlich")) == [
        ("Zelt leihen", sport.pk)
    ]


def test_erneut_speichern_ordnet_neu_und_loescht_was_fehlt():
    heimat = AkteurFactory()
    protokoll = protokolle.protokoll_speichern(
        protokoll=Protokoll(termin=TerminFactory()),
        anwesende=[heimat],
        punkte=[ProtokollPunkt(titel=t) for t in ("A", "B", "C")],
        folgeaufgaben=[Folgeaufgabe(text="Alt")],
    )
    a, b, c = protokoll.punkte.order_by("reihenfolge")
    c.titel = "C geändert"
    protokolle.protokoll_speichern(
        protokoll=protokoll,
        anwesende=[],
        punkte=[c, a, ProtokollPunkt(titel="Neu")],
        folgeaufgaben=[Folgeaufgabe(text="Neu")],
    )
    assert _punkte(protokoll) == [(1, "C geändert"), (2, "A"), (3, "Neu")]
    assert not ProtokollPunkt.objects.filter(pk=b.pk).exists()
    assert list(protokoll.folgeaufgaben.values_list("text", flat=True)) == ["Neu"]
    assert not protokoll.anwesende.exists()
