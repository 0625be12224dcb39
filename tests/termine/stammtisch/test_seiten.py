"""Pages of the Vereinsstammtisch: overview, meeting, answers, topics, agenda, history,
minutes, and who may see what (personas)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from termine.models import Protokoll, Rueckmeldung, Stammtisch, StammtischEinladung, Thema
from termine.stammtisch import services as dienste
from tests.arbeitsgruppen.factories import MitgliedFactory
from tests.factories import (
    AkteurFactory,
    ArbeitsgruppeFactory,
    MitgliedschaftFactory,
    StammtischFactory,
    StammtischreiheFactory,
    StammtischTerminFactory,
    TeilnahmeFactory,
    UserFactory,
)
from tests.termine.factories import TerminFactory
from tests.termine.formulare import formular_daten

BERLIN = ZoneInfo("Europe/Berlin")
JETZT = datetime(2026, 6, 1, 9, tzinfo=BERLIN)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def jetzt():
    with time_machine.travel(JETZT, tick=False) as reise:
        yield reise


@pytest.fixture
def reihe(akteur_a, akteur_b):
    reihe = StammtischreiheFactory(name="Vereinsstammtisch Nord", slug="nord")
    TeilnahmeFactory(reihe=reihe, akteur=akteur_a)
    TeilnahmeFactory(reihe=reihe, akteur=akteur_b)
    return reihe


@pytest.fixture
def stammtisch(reihe, akteur_a):
    """The next meeting, hosted by actor A, confirmed and invited."""
    return StammtischFactory(
        reihe=reihe,
        gastgeber=akteur_a,
        gastgeber_status="zugesagt",
        eingeladen_am=JETZT - timedelta(days=7),
        termin=StammtischTerminFactory(
            titel="Vereinsstammtisch Nord",
            start=datetime(2026, 7, 21, 18, tzinfo=BERLIN),
            ende=datetime(2026, 7, 21, 20, tzinfo=BERLIN),
            status="bestaetigt",
            ort="Marktstraße 1, 06493 Ballenstedt",
        ),
    )


def _vergangen(reihe, gastgeber, tage: int) -> Stammtisch:
    start = JETZT - timedelta(days=tage)
    return StammtischFactory(
        reihe=reihe,
        gastgeber=gastgeber,
        gastgeber_status="zugesagt",
        termin=StammtischTerminFactory(
            start=start, ende=start + timedelta(hours=2), status="bestaetigt"
        ),
    )


# ----------------------------------------------------------------------------- overview


def test_uebersicht_zeigt_reihen_mit_naechstem_treffen(client, stammtisch):
    antwort = client.get(reverse("stammtisch:uebersicht"))
    inhalt = antwort.content.decode()
    assert "Vereinsstammtisch Nord" in inhalt
    assert "Dienstag, 21. Juli 2026, 18:00" in inhalt
    assert "Gastgeber: Heimatverein Ballenstedt" in inhalt


@pytest.mark.parametrize("anzahl", [1, 15])
def test_uebersicht_abfragen_konstant(client, django_assert_num_queries, anzahl):
    for i in range(anzahl):
        StammtischFactory(reihe=StammtischreiheFactory(name=f"Reihe {i:02}"))
    # Netzwerkprofil, count, series, next meetings.
    with django_assert_num_queries(4):
        antwort = client.get(reverse("stammtisch:uebersicht"))
    assert antwort.content.decode().count("Nächstes Treffen") == anzahl


# ------------------------------------------------------------------------------ meeting


def test_treffen_zeigt_tagesordnung_und_zahlen(client, stammtisch):
    Thema.objects.create(stammtisch=stammtisch, titel="Gemeinsames Zelt", status="angenommen")
    Thema.objects.create(stammtisch=stammtisch, titel="Geheimer Vorschlag")
    dienste.rsvp_setzen(stammtisch=stammtisch, email="a@example.org", antwort="zusage")
    dienste.rsvp_setzen(stammtisch=stammtisch, email="b@example.org", antwort="vielleicht")

    inhalt = client.get(stammtisch.get_absolute_url()).content.decode()

    assert "Vorstellung des Gastgebers" in inhalt
    assert "Gemeinsames Zelt" in inhalt
    assert "Geheimer Vorschlag" not in inhalt
    assert "Zusagen: 1, vielleicht: 1, Absagen: 0." in inhalt  # not "1 kommen"
    assert "Zum Antworten anmelden" in inhalt
    # Who comes is not for everyone.
    assert "a@example.org" not in inhalt


@pytest.mark.parametrize(
    "wer,sieht",
    [
        ("anonym", False),
        ("bewohner", False),
        ("mitglied_a", True),  # member of the host
        ("mitglied_b", False),
        ("koordination", True),
    ],
)
def test_wer_kommt_sehen_nur_gastgeber_und_koordination(
    request, client_fuer, stammtisch, wer, sieht
):
    dienste.rsvp_setzen(stammtisch=stammtisch, email="gast@example.org", antwort="zusage")
    user = None if wer == "anonym" else request.getfixturevalue(wer)

    inhalt = client_fuer(user).get(stammtisch.get_absolute_url()).content.decode()

    assert ("gast@example.org" in inhalt) is sieht
    assert ("Wer geantwortet hat" in inhalt) is sieht


def test_koordination_der_reihe_sieht_wer_kommt(client_fuer, stammtisch, bewohner):
    stammtisch.reihe.koordination.add(bewohner)
    dienste.rsvp_setzen(stammtisch=stammtisch, email="gast@example.org", antwort="zusage")
    inhalt = client_fuer(bewohner).get(stammtisch.get_absolute_url()).content.decode()
    assert "gast@example.org" in inhalt


def test_netzwerk_treffen_ist_fuer_anonyme_unsichtbar(client, client_fuer, stammtisch, mitglied_b):
    stammtisch.termin.sichtbarkeit = "netzwerk"
    stammtisch.termin.save()
    assert client.get(stammtisch.get_absolute_url()).status_code == 404
    antwort = client_fuer(mitglied_b).get(stammtisch.get_absolute_url())
    assert "Vereinsstammtisch Nord" in antwort.content.decode()


def test_antwort_per_knopf(client_fuer, stammtisch, mitglied_b, akteur_b):
    client = client_fuer(mitglied_b)
    antwort = client.post(
        reverse("stammtisch:antworten", args=[stammtisch.pk]), {"antwort": "zusage"}, follow=True
    )
    assert "Danke, deine Antwort ist gespeichert." in antwort.content.decode()
    assert "Deine Antwort: Zusage" in antwort.content.decode()
    rueckmeldung = Rueckmeldung.objects.get()
    assert (rueckmeldung.email, rueckmeldung.user, rueckmeldung.akteur) == (
        mitglied_b.email,
        mitglied_b,
        akteur_b,
    )


def test_antwort_per_knopf_braucht_anmeldung(client, stammtisch):
    antwort = client.post(reverse("stammtisch:antworten", args=[stammtisch.pk]), {"antwort": "x"})
    assert antwort.status_code == 302 and "/konto/login/" in antwort.url
    assert not Rueckmeldung.objects.exists()


def test_ics_herunterladen(client, stammtisch):
    antwort = client.get(reverse("stammtisch:ics", args=[stammtisch.pk]))
    assert antwort["Content-Type"] == "text/calendar"
    assert b"DTSTART;TZID=Europe/Berlin:20260721T180000" in antwort.content


def test_tagesordnung_zum_drucken(client, stammtisch):
    inhalt = client.get(reverse("stammtisch:tagesordnung", args=[stammtisch.pk])).content.decode()
    assert "Tagesordnung: Vereinsstammtisch Nord" in inhalt
    assert "stammtisch.css" in inhalt
    assert "Terminabgleich" in inhalt


@pytest.fixture
def termine_im_abgleich(stammtisch, akteur_a, akteur_b, mitglied_b):
    """Four dates clash on 25 July, within the agenda's Terminabgleich: two public, one
    for the network only, one of an internal group (mitglied_b is in it)."""
    gruppe = ArbeitsgruppeFactory(name="Vorstand intern", sichtbarkeit="intern")
    MitgliedFactory(gruppe=gruppe, user=mitglied_b)
    tag = datetime(2026, 7, 25, 10, tzinfo=BERLIN)
    for titel, sichtbarkeit, extra in [
        ("Sommerfest am Schloss", "oeffentlich", {"grossveranstaltung": True}),
        ("Sportfest Badeborn", "oeffentlich", {}),
        ("Vorstandsklausur Netzwerk", "netzwerk", {}),
        ("Haushaltsplanung intern", "gruppe", {"arbeitsgruppe": gruppe}),
    ]:
        TerminFactory(
            titel=titel,
            sichtbarkeit=sichtbarkeit,
            start=tag,
            ende=tag + timedelta(hours=3),
            **extra,
        )


ABGLEICH_SICHTBAR = {
    "anonym": {"Sommerfest am Schloss", "Sportfest Badeborn"},
    "bewohner": {"Sommerfest am Schloss", "Sportfest Badeborn"},
    "mitglied_a": {"Sommerfest am Schloss", "Sportfest Badeborn", "Vorstandsklausur Netzwerk"},
    "mitglied_b": {
        "Sommerfest am Schloss",
        "Sportfest Badeborn",
        "Vorstandsklausur Netzwerk",
        "Haushaltsplanung intern",
    },
    "koordination": {
        "Sommerfest am Schloss",
        "Sportfest Badeborn",
        "Vorstandsklausur Netzwerk",
        "Haushaltsplanung intern",
    },
}


@pytest.mark.parametrize("seite", ["stammtisch:detail", "stammtisch:tagesordnung"])
def test_terminabgleich_der_tagesordnung_zeigt_nur_sichtbare_termine(
    client_fuer, persona, stammtisch, termine_im_abgleich, seite
):
    name, user = persona
    inhalt = client_fuer(user).get(reverse(seite, kwargs={"pk": stammtisch.pk})).content.decode()
    for titel in ABGLEICH_SICHTBAR["koordination"]:
        assert (titel in inhalt) is (titel in ABGLEICH_SICHTBAR[name]), (name, titel)


def test_einladung_zeigt_nur_oeffentliche_termine_im_abgleich(
    mailoutbox, stammtisch, termine_im_abgleich, mitglied_a
):
    for person in dienste.einladungsliste(stammtisch.reihe):
        StammtischEinladung.objects.create(stammtisch=stammtisch, email=person.email)
    dienste.einladungen_versenden.call(stammtisch_id=stammtisch.pk)
    assert mailoutbox
    for mail in mailoutbox:
        texte = [mail.body] + [inhalt for inhalt, _typ in getattr(mail, "alternatives", [])]
        for text in texte:
            assert "Sommerfest am Schloss" in text
            assert "Vorstandsklausur Netzwerk" not in text
            assert "Haushaltsplanung intern" not in text


# ---------------------------------------------------------------------- signed links


def _token(stammtisch, email="gast@example.org"):
    return dienste.rueckmeldung_token(stammtisch, dienste.Empfaenger(email=email))


def test_antwortlink_get_aendert_nichts_post_speichert(client, stammtisch):
    url = reverse("stammtisch:antwort", args=[_token(stammtisch)])

    seite = client.get(url + "?antwort=zusage").content.decode()
    assert "Kommst du, gast@example.org?" in seite
    assert not Rueckmeldung.objects.exists()  # mail scanners open links

    antwort = client.post(url, {"antwort": "absage"})
    assert "Danke! Deine Antwort ist gespeichert: Absage." in antwort.content.decode()
    assert Rueckmeldung.objects.get().antwort == "absage"


def test_antwortlink_gefaelscht(client, stammtisch):
    antwort = client.get(reverse("stammtisch:antwort", args=[_token(stammtisch) + "x"]))
    assert antwort.status_code == 400
    assert "Dieser Link ist nicht gültig." in antwort.content.decode()


def test_antwortlink_unsinnige_antwort(client, stammtisch):
    url = reverse("stammtisch:antwort", args=[_token(stammtisch)])
    antwort = client.post(url, {"antwort": "jein"})
    assert antwort.status_code == 400
    assert "Bitte wähle Ja, Vielleicht oder Nein." in antwort.content.decode()
    assert not Rueckmeldung.objects.exists()


def test_gastgeberlink_zusage(client, stammtisch, mailoutbox):
    stammtisch.gastgeber_status = "vorgeschlagen"
    stammtisch.save()
    anfrage = dienste.gastgeber_anfragen(stammtisch=stammtisch)
    url = reverse("stammtisch:gastgeber", args=[dienste.gastgeber_token(anfrage)])

    assert "Ja, wir sind Gastgeber" in client.get(url + "?antwort=ja").content.decode()
    antwort = client.post(url, {"antwort": "ja"}, follow=True)

    assert "Danke, dass ihr Gastgeber seid!" in antwort.content.decode()
    stammtisch.refresh_from_db()
    assert stammtisch.gastgeber_status == "zugesagt"


# ------------------------------------------------------------------------------ topics


def test_thema_einreichen_anonym_zur_anmeldung(client, stammtisch):
    antwort = client.get(reverse("stammtisch:thema", args=[stammtisch.pk]))
    assert antwort.status_code == 302 and "/konto/login/" in antwort.url


def test_thema_einreichen_nur_fuer_netzwerkmitglieder(client_fuer, stammtisch, bewohner):
    antwort = client_fuer(bewohner).get(reverse("stammtisch:thema", args=[stammtisch.pk]))
    assert antwort.status_code == 403


def test_thema_einreichen(client_fuer, stammtisch, mitglied_b, akteur_b):
    client = client_fuer(mitglied_b)
    url = reverse("stammtisch:thema", args=[stammtisch.pk])
    formular = client.get(url).content.decode()
    assert 'name="titel"' in formular and akteur_b.name in formular

    antwort = client.post(
        url, {"titel": "Fahrdienst", "beschreibung": "Wer fährt?", "akteur": akteur_b.pk}
    )

    assert antwort.status_code == 302
    thema = Thema.objects.get()
    assert (thema.titel, thema.akteur, thema.eingereicht_von, thema.status) == (
        "Fahrdienst",
        akteur_b,
        mitglied_b,
        "eingereicht",
    )


def test_thema_ohne_titel_behaelt_eingaben(client_fuer, stammtisch, mitglied_b):
    antwort = client_fuer(mitglied_b).post(
        reverse("stammtisch:thema", args=[stammtisch.pk]),
        {"titel": "", "beschreibung": "Mein langer Text"},
    )
    inhalt = antwort.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in inhalt
    assert "Mein langer Text" in inhalt
    assert not Thema.objects.exists()


# ----------------------------------------------------- who changes a meeting (not the host)


@pytest.fixture
def treffen_mit_gruppe(stammtisch, akteur_a):
    """The meeting as the planner makes it: the host organises, the series' group owns it."""
    termin = stammtisch.termin
    termin.arbeitsgruppe = ArbeitsgruppeFactory(name="Stammtisch Nord")
    termin.save()
    termin.veranstalter.set([akteur_a])
    return stammtisch


AENDERN = ["termine:bearbeiten", "termine:absagen", "termine:protokoll_bearbeiten"]
# mitglied_a is in the host actor: they see the meeting is theirs, but may not change it.
AENDERN_ERWARTET = {
    "anonym": 302,
    "bewohner": 404,
    "mitglied_a": 403,
    "mitglied_b": 404,
    "koordination": 200,
}


@pytest.mark.parametrize("route", AENDERN)
def test_nur_koordination_aendert_das_treffen(client_fuer, persona, treffen_mit_gruppe, route):
    name, user = persona
    antwort = client_fuer(user).get(reverse(route, args=[treffen_mit_gruppe.termin.pk]))
    assert antwort.status_code == AENDERN_ERWARTET[name]
    if name == "anonym":
        assert antwort["Location"].startswith(reverse("account_login"))
    if name == "mitglied_a":
        assert "Das darfst du leider nicht" in antwort.content.decode()


@pytest.mark.parametrize("route", AENDERN)
def test_koordination_der_reihe_aendert_das_treffen(client_fuer, treffen_mit_gruppe, route):
    koordinatorin = UserFactory(email="reihe@example.org")
    treffen_mit_gruppe.reihe.koordination.add(koordinatorin)
    antwort = client_fuer(koordinatorin).get(reverse(route, args=[treffen_mit_gruppe.termin.pk]))
    assert antwort.status_code == 200


def test_gastgeber_kann_protokoll_nicht_veroeffentlichen_noch_absagen(
    client_fuer, treffen_mit_gruppe, mitglied_a, mailoutbox
):
    termin = treffen_mit_gruppe.termin
    client = client_fuer(mitglied_a)
    antwort = client.post(
        reverse("termine:protokoll_bearbeiten", args=[termin.pk]),
        {
            "beschluesse": "Wir haben alles beschlossen.",
            "aktion": "veroeffentlichen",
            "punkte-TOTAL_FORMS": "0",
            "punkte-INITIAL_FORMS": "0",
            "aufgaben-TOTAL_FORMS": "0",
            "aufgaben-INITIAL_FORMS": "0",
        },
    )
    assert antwort.status_code == 403
    antwort = client.post(reverse("termine:absagen", args=[termin.pk]), {"grund": "Keine Lust"})
    assert antwort.status_code == 403
    termin.refresh_from_db()
    assert termin.status == "bestaetigt"
    assert not Protokoll.objects.exists()
    assert mailoutbox == []
    # The meeting's page offers no edit buttons to the host's members.
    seite = client.get(termin.get_absolute_url()).content.decode()
    assert reverse("termine:bearbeiten", args=[termin.pk]) not in seite


def test_koordination_schreibt_und_veroeffentlicht_das_protokoll(
    client_fuer, koordination, treffen_mit_gruppe, mailoutbox
):
    termin = treffen_mit_gruppe.termin
    client = client_fuer(koordination)
    url = reverse("termine:protokoll_bearbeiten", args=[termin.pk])
    daten = formular_daten(client.get(url), beschluesse="Sommerfest am 1. August.")
    daten["aktion"] = "veroeffentlichen"
    client.post(url, daten, follow=True)
    protokoll = Protokoll.objects.get(termin=termin)
    assert protokoll.veroeffentlicht
    assert protokoll.beschluesse == "Sommerfest am 1. August."


# ----------------------------------------------------------------------------- history


def test_geschichte_mit_gastgebern_teilnahme_und_protokoll(
    client_fuer, reihe, akteur_a, akteur_b, mitglied_a
):
    frueher = _vergangen(reihe, akteur_a, 60)
    protokoll = Protokoll.objects.create(
        termin=frueher.termin, personenzahl=14, veroeffentlicht_am=JETZT
    )
    protokoll.anwesende.set([akteur_a, akteur_b])

    inhalt = client_fuer(mitglied_a).get(reverse("stammtisch:geschichte", args=["nord"]))
    inhalt = inhalt.content.decode()

    assert "Heimatverein Ballenstedt" in inhalt
    assert "14 Personen, 2 Akteure" in inhalt
    assert reverse("stammtisch:protokoll", args=[protokoll.pk]) in inhalt
    # Actor B is in the pool and has never hosted.
    nie = inhalt.split("Noch nie Gastgeber")[1]
    assert "Sportverein Badeborn" in nie and "Heimatverein" not in nie


def test_geschichte_protokoll_link_nur_fuer_mitglieder(client, reihe, akteur_a):
    frueher = _vergangen(reihe, akteur_a, 60)
    protokoll = Protokoll.objects.create(termin=frueher.termin, veroeffentlicht_am=JETZT)
    inhalt = client.get(reverse("stammtisch:geschichte", args=["nord"])).content.decode()
    assert reverse("stammtisch:protokoll", args=[protokoll.pk]) not in inhalt
    assert "für Mitglieder im Netzwerk" in inhalt


@pytest.mark.parametrize("anzahl", [1, 25])
def test_geschichte_abfragen_konstant(
    client_fuer, django_assert_num_queries, reihe, akteur_a, mitglied_a, anzahl
):
    for i in range(anzahl):
        alt = _vergangen(reihe, akteur_a, 30 + i)
        Protokoll.objects.create(termin=alt.termin, veroeffentlicht_am=JETZT)
    client = client_fuer(mitglied_a)
    # Session, user, Netzwerkprofil, series, count, page, visible minutes, never hosted.
    with django_assert_num_queries(8):
        client.get(reverse("stammtisch:geschichte", args=["nord"]))


# ----------------------------------------------------------------------------- minutes


@pytest.fixture
def protokoll(stammtisch, akteur_a):
    protokoll = Protokoll.objects.create(
        termin=stammtisch.termin,
        personenzahl=9,
        beschluesse="Wir kaufen ein Zelt.",
        veroeffentlicht_am=JETZT,
    )
    protokoll.anwesende.set([akteur_a])
    return protokoll


@pytest.mark.parametrize(
    "wer,ergebnis",
    [
        ("anonym", "login"),
        ("bewohner", 404),
        ("mitglied_a", 200),
        ("mitglied_b", 200),
        ("koordination", 200),
    ],
)
def test_protokoll_fuer_netzwerkmitglieder(request, client_fuer, protokoll, wer, ergebnis):
    user = None if wer == "anonym" else request.getfixturevalue(wer)
    antwort = client_fuer(user).get(protokoll.get_absolute_url())
    if ergebnis == "login":
        assert antwort.status_code == 302 and "/konto/login/" in antwort.url
    elif ergebnis == 404:
        assert antwort.status_code == 404
    else:
        inhalt = antwort.content.decode()
        assert "Wir kaufen ein Zelt." in inhalt
        assert "Heimatverein Ballenstedt (9 Personen)" in inhalt


def test_unveroeffentlichtes_protokoll_nur_fuer_koordination(
    client_fuer, protokoll, mitglied_a, koordination
):
    protokoll.veroeffentlicht_am = None
    protokoll.save()
    assert client_fuer(mitglied_a).get(protokoll.get_absolute_url()).status_code == 404
    inhalt = client_fuer(koordination).get(protokoll.get_absolute_url()).content.decode()
    assert "Noch nicht veröffentlicht" in inhalt


def test_treffenseite_verlinkt_protokoll_fuer_mitglieder(
    client, client_fuer, protokoll, stammtisch, mitglied_b
):
    url = reverse("stammtisch:protokoll", args=[protokoll.pk])
    assert url in client_fuer(mitglied_b).get(stammtisch.get_absolute_url()).content.decode()
    assert url not in client.get(stammtisch.get_absolute_url()).content.decode()


def test_mitglied_eines_anderen_akteurs_ohne_rechte(client_fuer, stammtisch):
    fremd = MitgliedschaftFactory(akteur=AkteurFactory(), user=UserFactory()).user
    inhalt = client_fuer(fremd).get(stammtisch.get_absolute_url()).content.decode()
    assert "Wer geantwortet hat" not in inhalt


# ------------------------------------------------------------------------------- slots


def test_slot_mein_bereich_zeigt_naechstes_treffen(rf, stammtisch, mitglied_b):
    from django.template import Context, Template

    dienste.rsvp_setzen(stammtisch=stammtisch, email=mitglied_b.email, antwort="zusage")
    request = rf.get("/")
    request.user = mitglied_b
    html = Template("{% load stammtisch %}{% mein_stammtisch %}").render(
        Context({"request": request})
    )
    assert "Vereinsstammtisch Nord, 21. Juli, 18:00" in html
    assert "Deine Antwort: Zusage" in html


def test_slot_akteur_zeigt_gastgeber_termine(stammtisch, akteur_a, akteur_b):
    from django.template import Context, Template

    vorlage = Template("{% load stammtisch %}{% stammtisch_gastgeber akteur %}")
    assert "Gastgeber beim Vereinsstammtisch" in vorlage.render(Context({"akteur": akteur_a}))
    assert vorlage.render(Context({"akteur": akteur_b})).strip() == ""
