"""The coordinators' back office: the to-do list on the start page, and updating challenges
from a meeting in the admin (every change lands in the history)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen.models import Aufgabe, Vorhaben
from netzwerk.koordination.models import Folgeschritt, Herausforderung
from termine.models import Anmeldung, Thema
from tests.factories import (
    ArbeitsgruppeFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    StammtischFactory,
    StammtischTerminFactory,
    ferien_durchfuehrung,
)
from tests.netzwerk.koordination.factories import FolgeschrittFactory, HerausforderungFactory

pytestmark = pytest.mark.django_db


def _start(client) -> str:
    return client.get(reverse("admin:index")).content.decode()


def test_zu_tun_leer(client_fuer, koordination):
    html = _start(client_fuer(koordination))
    assert "Zu tun" in html
    assert "Gerade ist nichts zu tun." in html


def test_zu_tun_mit_allem(client_fuer, koordination):
    heute = timezone.localdate()
    FolgeschrittFactory(faellig_am=heute - timedelta(days=2))
    FolgeschrittFactory(faellig_am=heute - timedelta(days=1))
    gruppe = ArbeitsgruppeFactory()
    Aufgabe.objects.create(gruppe=gruppe, titel="Gießen", faellig=heute - timedelta(days=1))
    st = StammtischFactory(gastgeber_status="zugesagt")
    Thema.objects.create(stammtisch=st, titel="Sommerfest")
    # Holiday occasions: one full, one soon with nobody.
    zeitraum = FerienzeitraumFactory(beginn=heute + timedelta(days=5))
    voll = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), plaetze=1)
    Anmeldung.objects.create(kind=KindFactory(), durchfuehrung=voll, status="bestaetigt", alter=8)
    ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, anmeldung_noetig=True), tag=1, plaetze=5
    )
    html = _start(client_fuer(koordination))
    schritte = reverse("admin:netzwerk_folgeschritt_changelist") + "?schritte=ueberfaellig"
    assert f'<a href="{schritte}">Überfällige Folgeaufgaben der Herausforderungen</a>' in html
    assert "Überfällige Aufgaben der Arbeitsgruppen" in html
    assert "Nächster Stammtisch: " in html
    assert "Gastgeber steht: " in html
    assert "Einladungen verschicken" in html
    assert "Tagesordnung: 1 eingereichtes Thema annehmen oder ablehnen" in html
    assert "Ausgebuchte kommende Ferientermine" in html
    assert "Ferientermine in den nächsten zwei Wochen mit zu wenigen Kindern" in html
    # The links lead to the filtered lists.
    liste = client_fuer(koordination).get(schritte).content.decode()
    assert "2 Folgeaufgaben" in liste or "2 von" in liste
    aufgaben = client_fuer(koordination).get(
        reverse("admin:arbeitsgruppen_aufgabe_changelist") + "?faelligkeit=ueberfaellig"
    )
    assert "Gießen" in aufgaben.content.decode()
    for belegung in ("voll", "leer"):
        antwort = client_fuer(koordination).get(
            reverse("admin:termine_durchfuehrung_changelist") + f"?belegung={belegung}"
        )
        assert antwort.status_code == 200


def _formular(h=None, **werte):
    daten = {
        "titel": "Zu wenig Nachwuchs",
        "beschreibung": "",
        "kategorie": "nachwuchs",
        "sichtbarkeit": "oeffentlich",
        "aufgekommen_am": timezone.localdate().isoformat(),
        "herkunft": "stammtisch",
        "folgeschritte-TOTAL_FORMS": "1",
        "folgeschritte-INITIAL_FORMS": "0",
        "folgeschritte-MIN_NUM_FORMS": "0",
        "folgeschritte-MAX_NUM_FORMS": "1000",
        "verlauf-TOTAL_FORMS": "0",
        "verlauf-INITIAL_FORMS": "0",
        "verlauf-MIN_NUM_FORMS": "0",
        "verlauf-MAX_NUM_FORMS": "1000",
    }
    daten.update(werte)
    return daten


def test_anlegen_mit_schritt_schreibt_den_verlauf(client_fuer, koordination):
    sitzung = StammtischTerminFactory(start=timezone.now() - timedelta(days=2))
    antwort = client_fuer(koordination).post(
        reverse("admin:netzwerk_herausforderung_add"),
        _formular(
            termin=sitzung.pk,
            **{
                "folgeschritte-0-text": "Schule anschreiben",
                "folgeschritte-0-faellig_am": timezone.localdate().isoformat(),
            },
        ),
    )
    assert antwort.status_code == 302, antwort.content.decode()[:3000]
    h = Herausforderung.objects.get()
    assert h.erstellt_von == koordination
    assert list(h.verlauf.values_list("art", flat=True)) == ["aufgenommen", "schritt"]
    assert h.folgeschritte.get().text == "Schule anschreiben"


def test_aus_dem_treffen_ergaenzen_uebergeben_und_abschliessen(client_fuer, koordination):
    h = HerausforderungFactory()
    schritt = FolgeschrittFactory(herausforderung=h)
    sitzung = StammtischTerminFactory(start=timezone.now() - timedelta(days=1))
    vorhaben = Vorhaben.objects.create(gruppe=ArbeitsgruppeFactory(), titel="Nachwuchsplan")
    url = reverse("admin:netzwerk_herausforderung_change", args=[h.pk])
    client = client_fuer(koordination)
    assert "Aus einem Treffen ergänzen" in client.get(url).content.decode()
    daten = _formular(
        h,
        titel=h.titel,
        notiz="Die Schule macht mit.",
        besprochen_bei=sitzung.pk,
        uebergeben_an=vorhaben.pk,
        ergebnis_neu="Patenschaften laufen.",
        **{
            "folgeschritte-TOTAL_FORMS": "1",
            "folgeschritte-INITIAL_FORMS": "1",
            "folgeschritte-0-id": schritt.pk,
            "folgeschritte-0-herausforderung": h.pk,
            "folgeschritte-0-text": schritt.text,
            "folgeschritte-0-faellig_am": schritt.faellig_am.isoformat(),
            "folgeschritte-0-erledigt": "on",
        },
    )
    antwort = client.post(url, daten)
    assert antwort.status_code == 302, antwort.content.decode()[:3000]
    h.refresh_from_db()
    assert h.status == "abgeschlossen"
    assert h.vorhaben == vorhaben
    assert h.ergebnis == "Patenschaften laufen."
    verlauf = list(h.verlauf.values_list("art", "termin"))
    assert verlauf == [
        ("notiz", sitzung.pk),
        ("uebergeben", None),
        ("erledigt", None),
        ("abgeschlossen", None),
    ]
    assert Folgeschritt.objects.get().erledigt


def test_schritte_als_erledigt_markieren_und_wieder_oeffnen(client_fuer, koordination):
    schritt = FolgeschrittFactory()
    client = client_fuer(koordination)
    client.post(
        reverse("admin:netzwerk_folgeschritt_changelist"),
        {"action": "als_erledigt", "_selected_action": [schritt.pk]},
    )
    schritt.refresh_from_db()
    assert schritt.erledigt
    h = HerausforderungFactory(status="abgeschlossen", abgeschlossen_am=timezone.localdate())
    client.post(
        reverse("admin:netzwerk_herausforderung_changelist"),
        {"action": "wieder_oeffnen", "_selected_action": [h.pk]},
    )
    h.refresh_from_db()
    assert h.status == "offen"


def test_abschnitt_auf_der_seite_des_treffens(client_fuer, koordination, bewohner):
    sitzung = StammtischTerminFactory(start=timezone.now() - timedelta(days=1))
    HerausforderungFactory(titel="Zu wenig Nachwuchs", termin=sitzung)
    HerausforderungFactory(titel="Intern", termin=sitzung, sichtbarkeit="netzwerk")
    url = reverse("termine:detail", args=[sitzung.pk])
    html = client_fuer(bewohner).get(url).content.decode()
    assert "Gemeinsame Herausforderungen von diesem Treffen" in html
    assert "Zu wenig Nachwuchs" in html and "Intern" not in html
    html = client_fuer(koordination).get(url).content.decode()
    assert "neue Herausforderung erfassen" in html
    assert f"termin__id__exact={sitzung.pk}" in html
    gefiltert = client_fuer(koordination).get(
        reverse("admin:netzwerk_herausforderung_changelist") + f"?termin__id__exact={sitzung.pk}"
    )
    assert "Zu wenig Nachwuchs" in gefiltert.content.decode()
    # The add form comes prefilled with the meeting.
    neu = client_fuer(koordination).get(
        reverse("admin:netzwerk_herausforderung_add") + f"?termin={sitzung.pk}&herkunft=stammtisch"
    )
    assert neu.status_code == 200
