"""Gesuche (Mitmachen): the public board, “Ich möchte helfen”, answering, retention."""

import re
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from tests.factories import AkteurFactory, GesuchFactory, RueckmeldungFactory
from vereine import services, tasks
from vereine.models import Akteur, Gesuch, Rueckmeldung, Thema

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _titel(html: str) -> list[str]:
    return re.findall(r'class="h5 card-title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def brett(ortsteile, akteur_a, akteur_b):
    akteur_b.themen.set([Thema.objects.get(slug="sport")])
    GesuchFactory(
        akteur=akteur_a,
        titel="Chronik abtippen",
        art="regelmaessig",
        mindestalter=16,
        ortsteil=ortsteile["Ballenstedt"],
    )
    GesuchFactory(
        akteur=akteur_b, titel="Kuchen backen", art="einmalig", ortsteil=ortsteile["Badeborn"]
    )
    GesuchFactory(
        akteur=akteur_b, titel="Schnuppertraining leiten", art="schnuppern", mindestalter=12
    )
    GesuchFactory(akteur=akteur_a, titel="Vorbei", bis=date(2020, 1, 1))
    GesuchFactory(akteur=akteur_a, titel="Geschlossen", status="beendet")
    GesuchFactory(akteur=AkteurFactory(status="beantragt"), titel="Von Beantragtem")


def test_brett_zeigt_offene_gesuche(client, brett):
    html = client.get(reverse("vereine:gesuche")).content.decode()
    assert sorted(_titel(html)) == ["Chronik abtippen", "Kuchen backen", "Schnuppertraining leiten"]
    assert "3 Gesuche gefunden" in html


@pytest.mark.parametrize(
    "parameter,erwartet",
    [
        ({"art": "schnuppern"}, ["Schnuppertraining leiten"]),
        ({"ortsteil": "badeborn"}, ["Kuchen backen"]),
        ({"alter": "14"}, ["Kuchen backen", "Schnuppertraining leiten"]),
        ({"alter": "10"}, ["Kuchen backen"]),
        ({"thema": "sport"}, ["Kuchen backen", "Schnuppertraining leiten"]),
    ],
)
def test_brett_filter(client, brett, parameter, erwartet):
    html = client.get(reverse("vereine:gesuche"), parameter).content.decode()
    assert sorted(_titel(html)) == erwartet


def test_brett_unsinniges_alter_zeigt_meldung(client, brett):
    antwort = client.get(reverse("vereine:gesuche"), {"alter": "-3"})
    assert "größer oder gleich 0" in antwort.content.decode()


@pytest.mark.parametrize("anzahl", [1, 30])
def test_brett_braucht_feste_zahl_von_abfragen(
    client, ortsteile, django_assert_num_queries, anzahl
):
    for i in range(anzahl):
        GesuchFactory(ortsteil=ortsteile["Rieder"], titel=f"Gesuch {i}")
    # Netzwerkprofil, the chosen district, count, page (with actor and district), form choices
    # (districts, topics).
    with django_assert_num_queries(6):
        antwort = client.get(reverse("vereine:gesuche"), {"ortsteil": "rieder"})
    assert len(_titel(antwort.content.decode())) == min(anzahl, 20)


def _helfen(client, gesuch, **extra):
    daten = {
        "name": "Hanna Helferin",
        "email": "hanna@example.org",
        "nachricht": "Ich kann samstags.",
        "einwilligung": "on",
    }
    daten.update(extra)
    return client.post(gesuch.get_absolute_url(), daten, follow=True)


def test_ich_moechte_helfen_leitet_ohne_adresse_weiter(client, akteur_a, mailoutbox):
    gesuch = GesuchFactory(akteur=akteur_a, titel="Chronik abtippen")
    antwort = _helfen(client, gesuch)
    assert "Wir haben dein Angebot weitergegeben" in antwort.content.decode()
    rueckmeldung = Rueckmeldung.objects.get()
    assert rueckmeldung.name == "Hanna Helferin" and rueckmeldung.status == "neu"
    assert rueckmeldung.einwilligung_am is not None
    (mail,) = mailoutbox
    assert mail.to == [akteur_a.kontakt_email]
    assert "hanna@example.org" not in mail.body + mail.subject
    assert "hanna@example.org" not in str(mail.message())
    assert "Hanna Helferin" in mail.body and "Ich kann samstags." in mail.body
    assert reverse("vereine:rueckmeldungen", args=[akteur_a.slug, gesuch.pk]) in mail.body
    # The helper never sees the actor's address either.
    assert akteur_a.kontakt_email not in antwort.content.decode()


def test_ohne_einwilligung_nichts_gespeichert(client, akteur_a, mailoutbox):
    gesuch = GesuchFactory(akteur=akteur_a)
    antwort = _helfen(client, gesuch, einwilligung="")
    html = antwort.content.decode()
    assert "Bitte stimm zu" in html and "Ich kann samstags." in html
    assert not Rueckmeldung.objects.exists() and not mailoutbox


def test_helfen_honigtopf_und_ratenbegrenzung(client, akteur_a, mailoutbox):
    gesuch = GesuchFactory(akteur=akteur_a)
    _helfen(client, gesuch, homepage="spam")
    assert not Rueckmeldung.objects.exists()
    for _ in range(5):
        _helfen(client, gesuch)
    antwort = _helfen(client, gesuch)
    assert "viele Nachrichten geschickt" in antwort.content.decode()
    assert Rueckmeldung.objects.count() == 5 and len(mailoutbox) == 5


def test_geschlossenes_gesuch_ist_404(client, akteur_a):
    gesuch = GesuchFactory(akteur=akteur_a, status="beendet")
    assert client.get(gesuch.get_absolute_url()).status_code == 404


def test_akteur_antwortet_ueber_das_portal(client_fuer, mitglied_a, akteur_a, mailoutbox):
    rueckmeldung = RueckmeldungFactory(gesuch=GesuchFactory(akteur=akteur_a))
    client = client_fuer(mitglied_a)
    url = reverse("vereine:rueckmeldung_antworten", args=[akteur_a.slug, rueckmeldung.pk])
    client.post(url, {"text": "Super, komm am Samstag um 10 Uhr vorbei!"})
    (mail,) = mailoutbox
    assert mail.to == [rueckmeldung.email]
    assert mail.reply_to == [akteur_a.kontakt_email]
    assert "Samstag um 10 Uhr" in mail.body
    rueckmeldung.refresh_from_db()
    assert rueckmeldung.status == "kontaktiert" and rueckmeldung.beantwortet_am


def test_akteur_markiert_rueckmeldungen(client_fuer, mitglied_a, akteur_a):
    gesuch = GesuchFactory(akteur=akteur_a, titel="Chronik abtippen")
    rueckmeldung = RueckmeldungFactory(gesuch=gesuch, name="Hanna")
    RueckmeldungFactory(gesuch=gesuch)
    client = client_fuer(mitglied_a)
    html = client.get(reverse("vereine:eigene_gesuche", args=[akteur_a.slug])).content.decode()
    assert "2 Rückmeldungen" in html and "2 neu" in html
    html = client.get(
        reverse("vereine:rueckmeldungen", args=[akteur_a.slug, gesuch.pk])
    ).content.decode()
    assert "Hanna" in html and 'value="passt_nicht"' in html
    client.post(
        reverse("vereine:rueckmeldung_status", args=[akteur_a.slug, rueckmeldung.pk]),
        {"status": "dabei"},
    )
    rueckmeldung.refresh_from_db()
    assert rueckmeldung.status == "dabei"
    html = client.get(reverse("mein_bereich")).content.decode()
    assert "1 neue Rückmeldung" in html


def test_gesuch_anlegen_und_schliessen(client_fuer, mitglied_a, akteur_a, ortsteile):
    client = client_fuer(mitglied_a)
    daten = {
        "titel": "Helfer:innen fürs Heimatfest",
        "beschreibung": "Aufbau, Ausschank, Abbau.",
        "art": "einmalig",
        "zeitaufwand": "ein Samstag",
        "ortsteil": ortsteile["Ballenstedt"].pk,
        "mindestalter": "14",
        "von": "2026-06-01",
        "bis": "2026-06-20",
        "status": "offen",
    }
    client.post(reverse("vereine:gesuch_neu", args=[akteur_a.slug]), daten)
    gesuch = Gesuch.objects.get()
    assert gesuch.akteur == akteur_a and gesuch.mindestalter == 14
    with time_machine.travel(datetime(2026, 5, 2, 12, tzinfo=BERLIN)):
        client.post(
            reverse("vereine:gesuch_bearbeiten", args=[akteur_a.slug, gesuch.pk]),
            {**daten, "status": "beendet"},
        )
    gesuch.refresh_from_db()
    assert gesuch.status == "beendet" and gesuch.beendet_am == date(2026, 5, 2)


def test_gesuch_bis_vor_von_zeigt_meldung(client_fuer, mitglied_a, akteur_a):
    antwort = client_fuer(mitglied_a).post(
        reverse("vereine:gesuch_neu", args=[akteur_a.slug]),
        {
            "titel": "T",
            "beschreibung": "B",
            "art": "einmalig",
            "status": "offen",
            "von": "2026-06-10",
            "bis": "2026-06-01",
        },
    )
    assert "Das Enddatum liegt vor dem Startdatum" in antwort.content.decode()
    assert not Gesuch.objects.exists()


# --- Retention ------------------------------------------------------------------------------


@pytest.fixture
def alte_und_neue(akteur_a):
    abgelaufen = RueckmeldungFactory(gesuch=GesuchFactory(akteur=akteur_a, bis=date(2025, 9, 30)))
    geschlossen = RueckmeldungFactory(
        gesuch=GesuchFactory(akteur=akteur_a, status="beendet", beendet_am=date(2025, 10, 10))
    )
    frisch = RueckmeldungFactory(gesuch=GesuchFactory(akteur=akteur_a, bis=date(2026, 3, 1)))
    offen = RueckmeldungFactory(gesuch=GesuchFactory(akteur=akteur_a))
    return abgelaufen, geschlossen, frisch, offen


def test_aufraeumen_loescht_nach_sechs_monaten(alte_und_neue):
    abgelaufen, geschlossen, frisch, offen = alte_und_neue
    jetzt = datetime(2026, 4, 5, 3, 0, tzinfo=BERLIN)
    ergebnis = services.rueckmeldungen_aufraeumen(jetzt=jetzt)
    assert ergebnis.rueckmeldungen == 1 and ergebnis.stichtag == date(2025, 10, 5)
    for r in (abgelaufen, geschlossen, frisch, offen):
        r.refresh_from_db()
    assert abgelaufen.name == "" and abgelaufen.email == "" and abgelaufen.nachricht == ""
    assert abgelaufen.anonymisiert_am == jetzt
    # Closed on 10 October: its six months are not over yet.
    assert geschlossen.email and frisch.email and offen.email
    assert Rueckmeldung.objects.count() == 4  # counted for reports, without names


def test_aufraeumen_befehl_mit_probelauf(alte_und_neue):
    ausgabe = StringIO()
    with time_machine.travel(datetime(2026, 4, 11, 3, 0, tzinfo=BERLIN)):
        call_command("vereine_aufraeumen", "--dry-run", stdout=ausgabe)
        assert "2 response(s) would be anonymised" in ausgabe.getvalue()
        assert Rueckmeldung.objects.filter(anonymisiert_am__isnull=False).count() == 0
        call_command("vereine_aufraeumen", stdout=StringIO())
    assert Rueckmeldung.objects.filter(anonymisiert_am__isnull=False).count() == 2


def test_aufraeumen_als_task(alte_und_neue):
    with time_machine.travel(datetime(2026, 4, 11, 3, 0, tzinfo=BERLIN)):
        ergebnis = tasks.aufraeumen.enqueue()
    assert ergebnis.return_value == 2


def test_anonymisierte_rueckmeldung_kann_nicht_beantwortet_werden(
    client_fuer, mitglied_a, akteur_a, alte_und_neue, mailoutbox
):
    abgelaufen = alte_und_neue[0]
    services.rueckmeldungen_aufraeumen(jetzt=datetime(2026, 5, 1, tzinfo=BERLIN))
    antwort = client_fuer(mitglied_a).post(
        reverse("vereine:rueckmeldung_antworten", args=[akteur_a.slug, abgelaufen.pk]),
        {"text": "Hallo?"},
    )
    assert "schon gelöscht" in antwort.content.decode()
    assert not mailoutbox


def test_akteur_ohne_kontakt_bekommt_rueckmeldung_ueber_leitung(
    client, mitglied_a, akteur_a, mailoutbox
):
    Akteur.objects.filter(pk=akteur_a.pk).update(kontakt_email="")
    _helfen(client, GesuchFactory(akteur=akteur_a))
    assert mailoutbox[0].to == [mitglied_a.email]


def test_brett_htmx_bekommt_nur_die_ergebnisse(client, brett):
    html = client.get(
        reverse("vereine:gesuche"), {"art": "schnuppern"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert html.lstrip().startswith('<div id="ergebnisse">')
    assert _titel(html) == ["Schnuppertraining leiten"]


@pytest.mark.parametrize("anzahl", [1, 25])
def test_eigene_gesuche_und_rueckmeldungen_mit_fester_zahl_von_abfragen(
    client_fuer, mitglied_a, akteur_a, django_assert_num_queries, anzahl
):
    client = client_fuer(mitglied_a)
    gesuch = GesuchFactory(akteur=akteur_a)
    for i in range(anzahl):
        RueckmeldungFactory(gesuch=GesuchFactory(akteur=akteur_a, titel=f"G{i}"))
        RueckmeldungFactory(gesuch=gesuch)
    # Session, user, Netzwerkprofil, actor, count, page.
    with django_assert_num_queries(6):
        html = client.get(reverse("vereine:eigene_gesuche", args=[akteur_a.slug])).content.decode()
    assert html.count('/bearbeiten/">Bearbeiten') == min(anzahl + 1, 20)
    with django_assert_num_queries(7):
        html = client.get(
            reverse("vereine:rueckmeldungen", args=[akteur_a.slug, gesuch.pk])
        ).content.decode()
    assert html.count('name="status"') == min(anzahl, 20)
