"""Workflows of the Vereinsstammtisch: planning, hosts, invitations, answers, reminders,
cancellation, agenda and minutes (termine/stammtisch.py)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import signing
from icalendar import Calendar

from netzwerk import tagesordnung as netzwerk_tagesordnung
from termine import protokoll as protokolle
from termine.models import (
    Folgeaufgabe,
    GastgeberAnfrage,
    Protokoll,
    ProtokollPunkt,
    Rueckmeldung,
    Stammtisch,
    Termin,
    Thema,
    Verhinderung,
)
from termine.stammtisch import services as dienste
from tests.factories import (
    AkteurFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    StammtischreiheFactory,
    TeilnahmeFactory,
    UserFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")
JETZT = datetime(2026, 6, 1, 9, tzinfo=BERLIN)

pytestmark = pytest.mark.django_db


@pytest.fixture
def jetzt():
    with time_machine.travel(JETZT, tick=False) as reise:
        yield reise


@pytest.fixture
def koordinatorin(db):
    return KoordinationFactory(email="koordinatorin@example.org")


@pytest.fixture
def reihe(koordinatorin):
    reihe = StammtischreiheFactory(
        name="Vereinsstammtisch Nord",
        slug="nord",
        weitere_einladungen="stadt@ballenstedt.example.org\n",
        wiederkehrende_themen="Neues aus der Stadt\nTermine der Kirche",
        koordination=[koordinatorin],
    )
    for name in ["Angelverein", "Bürgerverein", "Chor Harmonie"]:
        akteur = AkteurFactory(name=name, slug=name.lower().replace(" ", "-").replace("ü", "ue"))
        TeilnahmeFactory(reihe=reihe, akteur=akteur)
        MitgliedschaftFactory(
            akteur=akteur, user=UserFactory(email=f"leitung@{akteur.slug}.example.org")
        )
    return reihe


def akteur(name: str):
    from vereine.models import Akteur

    return Akteur.objects.get(name=name)


def planen(reihe, anzahl=3, **kwargs):
    return dienste.naechste_termine_planen(reihe=reihe, anzahl=anzahl, **kwargs)


# ----------------------------------------------------------------------------- planning


def test_planen_legt_termine_nach_rhythmus_mit_gastgebern_an(jetzt, reihe):
    stammtische = planen(reihe)

    starts = [timezone_local(s.termin.start) for s in stammtische]
    # Every second month (counted from January) on the third Tuesday at 18:00.
    assert starts == [
        datetime(2026, 7, 21, 18, tzinfo=BERLIN),
        datetime(2026, 9, 15, 18, tzinfo=BERLIN),
        datetime(2026, 11, 17, 18, tzinfo=BERLIN),
    ]
    assert [s.gastgeber.name for s in stammtische] == [
        "Angelverein",
        "Bürgerverein",
        "Chor Harmonie",
    ]
    assert {s.gastgeber_status for s in stammtische} == {"vorgeschlagen"}
    assert {s.vorschlag_text for s in stammtische} == {"noch nie Gastgeber"}
    termin = stammtische[0].termin
    assert termin.kategorie == Termin.Kategorie.STAMMTISCH
    assert termin.status == Termin.Status.GEPLANT
    assert termin.veranstaltungsort == akteur("Angelverein")
    assert termin.ende - termin.start == timedelta(hours=2)


def timezone_local(wert: datetime) -> datetime:
    return wert.astimezone(BERLIN)


def test_planen_setzt_die_geschichte_fort_und_erklaert_den_vorschlag(jetzt, reihe):
    planen(reihe, 3)
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=BERLIN), tick=False):
        weitere = planen(reihe, 2)

        # January 2027: the first host again, who hosted least recently.
        assert weitere[0].vorschlag_text == "zuletzt Gastgeber am 21.07.2026"
    assert weitere[0].gastgeber.name == "Angelverein"
    # Seen from June 2026 that meeting is still ahead: no "zuletzt" for a future day.
    assert weitere[0].vorschlag_text == "schon als Gastgeber geplant am 21.07.2026"
    assert weitere[0].termin.start.astimezone(BERLIN).date() == date(2027, 1, 19)
    assert weitere[1].gastgeber.name == "Bürgerverein"


def test_planen_ueberspringt_verhinderte_und_nicht_gastgebende(jetzt, reihe):
    teilnahme = reihe.pool.get(akteur__name="Angelverein")
    Verhinderung.objects.create(teilnahme=teilnahme, von=date(2026, 7, 1), bis=date(2026, 7, 31))
    reihe.pool.filter(akteur__name="Chor Harmonie").update(kann_gastgeber=False)

    stammtische = planen(reihe, 2)

    assert [s.gastgeber.name for s in stammtische] == ["Bürgerverein", "Angelverein"]


def test_planen_mit_gewaehltem_gastgeber(jetzt, reihe):
    chor = akteur("Chor Harmonie")

    stammtische = planen(reihe, 1, gastgeber={0: chor})

    assert stammtische[0].gastgeber == chor
    assert stammtische[0].vorschlagsgrund == Stammtisch.Vorschlagsgrund.GEWAEHLT
    assert stammtische[0].termin.ort == chor.adresse


# ------------------------------------------------------------------------------- hosts


def _links(text: str) -> list[str]:
    return re.findall(r"http://testserver\S+", text)


def test_gastgeber_anfrage_mail_mit_signierten_links(jetzt, reihe, mailoutbox):
    (stammtisch,) = planen(reihe, 1)

    dienste.gastgeber_anfragen(stammtisch=stammtisch)

    assert len(mailoutbox) == 2  # contact address and Leitung of the Angelverein
    mail = mailoutbox[0]
    assert "Vereinsstammtisch Nord" in mail.subject
    assert "21. Juli 2026" in mail.subject
    zusage, absage = _links(mail.body)[:2]
    assert zusage.endswith("?antwort=ja") and absage.endswith("?antwort=nein")
    stammtisch.refresh_from_db()
    assert stammtisch.gastgeber_status == "angefragt"
    assert stammtisch.anfragen.get().antwort == GastgeberAnfrage.Antwort.OFFEN


def _token(link: str) -> str:
    return link.split("/gastgeber/")[1].split("/")[0]


def test_gastgeber_sagt_zu(jetzt, reihe, mailoutbox):
    (stammtisch,) = planen(reihe, 1)
    anfrage = dienste.gastgeber_anfragen(stammtisch=stammtisch)
    mailoutbox.clear()

    dienste.gastgeber_antwort(token=dienste.gastgeber_token(anfrage), zusage=True)

    stammtisch.refresh_from_db()
    assert stammtisch.gastgeber_status == "zugesagt"
    anfrage.refresh_from_db()
    assert anfrage.antwort == "zusage" and anfrage.beantwortet_am is not None
    assert [m.to for m in mailoutbox] == [["koordinatorin@example.org"]]
    assert "Angelverein" in mailoutbox[0].subject


def test_absage_fragt_den_naechsten_vorschlag_an(jetzt, reihe, mailoutbox):
    erster, zweiter = planen(reihe, 2)
    anfrage = dienste.gastgeber_anfragen(stammtisch=erster)
    mailoutbox.clear()

    dienste.gastgeber_antwort(token=dienste.gastgeber_token(anfrage), zusage=False)

    erster.refresh_from_db()
    # Bürgerverein hosts the next meeting, so the Chor is asked (no host twice in a row).
    assert erster.gastgeber.name == "Chor Harmonie"
    assert erster.gastgeber_status == "angefragt"
    assert erster.termin.veranstaltungsort.name == "Chor Harmonie"
    assert list(erster.anfragen.values_list("akteur__name", "antwort")) == [
        ("Angelverein", "absage"),
        ("Chor Harmonie", "offen"),
    ]
    empfaenger = {m.to[0] for m in mailoutbox}
    assert "leitung@chor-harmonie.example.org" in empfaenger
    assert "koordinatorin@example.org" in empfaenger


def test_gastgeber_link_kann_nur_einmal_beantwortet_werden(jetzt, reihe):
    (stammtisch,) = planen(reihe, 1)
    anfrage = dienste.gastgeber_anfragen(stammtisch=stammtisch)
    token = dienste.gastgeber_token(anfrage)
    dienste.gastgeber_antwort(token=token, zusage=True)

    # The same answer again changes nothing; the other answer is refused.
    dienste.gastgeber_antwort(token=token, zusage=True)
    with pytest.raises(dienste.UngueltigerLink, match="bereits beantwortet"):
        dienste.gastgeber_antwort(token=token, zusage=False)


def test_gastgeber_link_laeuft_ab(jetzt, reihe):
    (stammtisch,) = planen(reihe, 1)
    token = dienste.gastgeber_token(dienste.gastgeber_anfragen(stammtisch=stammtisch))

    jetzt.shift(dienste.GASTGEBER_GUELTIG + timedelta(minutes=1))

    with pytest.raises(dienste.UngueltigerLink, match="abgelaufen"):
        dienste.gastgeber_antwort(token=token, zusage=True)


# ------------------------------------------------------------------------- invitations


@pytest.fixture
def bestaetigt(jetzt, reihe, mailoutbox):
    (stammtisch,) = planen(reihe, 1)
    Thema.objects.create(
        stammtisch=stammtisch, titel="Gemeinsames Zelt", status="angenommen", reihenfolge=1
    )
    Thema.objects.create(stammtisch=stammtisch, titel="Noch offen", status="eingereicht")
    # The host agreed on the phone; the coordinator says so explicitly.
    dienste.bestaetigen(stammtisch=stammtisch, gastgeber_hat_zugesagt=True)
    stammtisch.refresh_from_db()
    return stammtisch


def test_bestaetigen_laedt_jede_adresse_einzeln_ein(bestaetigt, mailoutbox):
    assert bestaetigt.termin.status == Termin.Status.BESTAETIGT
    assert bestaetigt.gastgeber_status == "zugesagt"
    assert bestaetigt.eingeladen_am is not None
    assert sorted(m.to[0] for m in mailoutbox) == [
        "leitung@angelverein.example.org",
        "leitung@buergerverein.example.org",
        "leitung@chor-harmonie.example.org",
        "stadt@ballenstedt.example.org",
    ]
    assert all(len(m.to) == 1 for m in mailoutbox)


def test_einladung_deutsch_mit_tagesordnung_und_antwortlinks(bestaetigt, mailoutbox):
    mail = mailoutbox[0]
    assert mail.subject == "Einladung: Vereinsstammtisch Nord am 21. Juli – Angelverein"
    text = mail.body
    assert "wir laden euch herzlich zum Vereinsstammtisch Nord" in text
    assert "Dienstag, 21. Juli 2026 um 18:00" in text
    # The fixed running order, with the accepted topic only.
    reihenfolge = [
        "Vorstellung des Gastgebers",
        "Vorstellungsrunde",
        "Themen der Akteure",
        "Gemeinsames Zelt",
        "Wiederkehrende Themen",
        "Neues aus der Stadt",
        "Terminabgleich",
    ]
    positionen = [text.index(t) for t in reihenfolge]
    assert positionen == sorted(positionen)
    assert "Noch offen" not in text
    links = [link for link in _links(text) if "/stammtisch/antwort/" in link]
    assert [link.rsplit("=", 1)[1] for link in links] == ["zusage", "vielleicht", "absage"]
    html = mail.alternatives[0][0]
    assert "Ja, ich komme" in html


def test_einladung_hat_gueltige_ics(bestaetigt, mailoutbox):
    ((dateiname, inhalt, mimetype),) = mailoutbox[0].attachments
    assert dateiname == "stammtisch.ics" and mimetype.startswith("text/calendar")
    kalender = Calendar.from_ical(inhalt)
    (event,) = kalender.walk("VEVENT")
    assert str(event["UID"]) == f"termin-{bestaetigt.termin.uid}@testserver"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == datetime(2026, 7, 21, 18, tzinfo=BERLIN)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert kalender.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"


def test_jede_adresse_bekommt_ihren_eigenen_link(bestaetigt, mailoutbox):
    tokens = {}
    for mail in mailoutbox:
        link = next(link for link in _links(mail.body) if "/antwort/" in link)
        tokens[mail.to[0]] = link.split("/antwort/")[1].split("/")[0]
    assert len(set(tokens.values())) == 4
    daten = dienste.rueckmeldung_link_laden(tokens["stadt@ballenstedt.example.org"])
    assert daten.email == "stadt@ballenstedt.example.org" and daten.akteur is None
    daten = dienste.rueckmeldung_link_laden(tokens["leitung@angelverein.example.org"])
    assert daten.akteur == akteur("Angelverein")


def test_bestaetigen_zweimal_laedt_nicht_doppelt_ein(bestaetigt, mailoutbox):
    sequence = Termin.objects.get(pk=bestaetigt.termin_id).sequence

    runde = dienste.bestaetigen(stammtisch=bestaetigt)

    assert runde == dienste.Einladungsrunde(neu=0, schon=4)
    assert len(mailoutbox) == 4
    assert bestaetigt.einladungen.count() == 4
    # Nothing changed for calendar apps either.
    assert Termin.objects.get(pk=bestaetigt.termin_id).sequence == sequence


# ----------------------------------------------------------------------- signed links


def _empfaenger(email="leitung@angelverein.example.org"):
    return dienste.Empfaenger(email=email, akteur_id=None)


def test_rsvp_link_zaehlt_die_antwort(bestaetigt):
    token = dienste.rueckmeldung_token(bestaetigt, _empfaenger())

    dienste.rsvp_per_link(token=token, antwort="zusage")
    dienste.rsvp_per_link(token=token, antwort="vielleicht")  # changed mind

    rueckmeldung = Rueckmeldung.objects.get()
    assert rueckmeldung.email == "leitung@angelverein.example.org"
    assert rueckmeldung.antwort == "vielleicht"
    assert rueckmeldung.user.email == "leitung@angelverein.example.org"
    assert rueckmeldung.akteur == akteur("Angelverein")
    assert dienste.rueckmeldungen_zaehlen(bestaetigt) == {
        "zusage": 0,
        "vielleicht": 1,
        "absage": 0,
    }


def test_rsvp_link_laeuft_ab(bestaetigt, jetzt):
    token = dienste.rueckmeldung_token(bestaetigt, _empfaenger())
    jetzt.shift(dienste.RUECKMELDUNG_GUELTIG + timedelta(minutes=1))
    with pytest.raises(dienste.UngueltigerLink, match="abgelaufen"):
        dienste.rsvp_per_link(token=token, antwort="zusage")
    assert not Rueckmeldung.objects.exists()


def test_rsvp_link_kann_nicht_gefaelscht_werden(bestaetigt):
    token = dienste.rueckmeldung_token(bestaetigt, _empfaenger())
    # Someone swaps in another address but keeps the signature.
    payload, rest = token.split(":", 1)
    fremd = signing.dumps(
        {"s": bestaetigt.pk, "e": "andere@example.org", "a": None},
        salt=dienste.SALT_RUECKMELDUNG,
    ).split(":", 1)[0]
    for gefaelscht in [fremd + ":" + rest, token[:-2] + "xx", "kaputt"]:
        with pytest.raises(dienste.UngueltigerLink, match="nicht gültig"):
            dienste.rsvp_per_link(token=gefaelscht, antwort="zusage")
    assert not Rueckmeldung.objects.exists()


def test_rsvp_link_ist_an_person_und_zweck_gebunden(bestaetigt):
    token = dienste.rueckmeldung_token(bestaetigt, _empfaenger())
    dienste.rsvp_per_link(token=token, antwort="zusage")

    # The link always answers for the address it was made for, never another one.
    assert list(Rueckmeldung.objects.values_list("email", flat=True)) == [
        "leitung@angelverein.example.org"
    ]
    # A host link's signature is no answer link (own salt), and vice versa.
    anfrage = GastgeberAnfrage.objects.create(stammtisch=bestaetigt, akteur=bestaetigt.gastgeber)
    with pytest.raises(dienste.UngueltigerLink):
        dienste.rsvp_per_link(token=dienste.gastgeber_token(anfrage), antwort="zusage")
    with pytest.raises(dienste.UngueltigerLink):
        dienste.gastgeber_antwort(token=token, zusage=True)


def test_rsvp_nach_dem_treffen_geschlossen(bestaetigt, jetzt):
    token = dienste.rueckmeldung_token(bestaetigt, _empfaenger())
    jetzt.move_to(datetime(2026, 7, 22, 9, tzinfo=BERLIN))
    with pytest.raises(dienste.StammtischFehler, match="vorbei"):
        dienste.rsvp_per_link(token=token, antwort="zusage")


# --------------------------------------------------------------- reminders, cancelling


def test_erinnerung_wird_einmal_gesendet(bestaetigt, mailoutbox, jetzt):
    mailoutbox.clear()
    dienste.rsvp_setzen(
        stammtisch=bestaetigt, email="leitung@buergerverein.example.org", antwort="absage"
    )

    assert dienste.erinnerungen_senden() == []  # too early
    jetzt.move_to(datetime(2026, 7, 18, 18, tzinfo=BERLIN))  # three days before
    assert dienste.erinnerungen_senden() == [bestaetigt]
    assert dienste.erinnerungen_senden() == []

    # Everyone invited except the one who said no.
    assert sorted(m.to[0] for m in mailoutbox) == [
        "leitung@angelverein.example.org",
        "leitung@chor-harmonie.example.org",
        "stadt@ballenstedt.example.org",
    ]
    assert mailoutbox[0].subject == "Erinnerung: Vereinsstammtisch Nord am Dienstag, 21. Juli"


def test_erinnerung_per_befehl(bestaetigt, mailoutbox, jetzt):
    from django.core.management import call_command

    mailoutbox.clear()
    jetzt.move_to(datetime(2026, 7, 19, 8, tzinfo=BERLIN))
    call_command("stammtisch_erinnerungen")
    call_command("stammtisch_erinnerungen")
    assert len(mailoutbox) == 4


def test_absage_mail_an_alle_eingeladenen(bestaetigt, mailoutbox):
    mailoutbox.clear()

    dienste.absagen(stammtisch=bestaetigt, grund="Der Saal ist überschwemmt.")

    bestaetigt.termin.refresh_from_db()
    assert bestaetigt.termin.status == Termin.Status.ABGESAGT
    assert len(mailoutbox) == 4
    mail = mailoutbox[0]
    assert mail.subject == "Abgesagt: Vereinsstammtisch Nord am 21. Juli"
    assert "Der Saal ist überschwemmt." in mail.body
    (event,) = Calendar.from_ical(mail.attachments[0][1]).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > 0
    # A cancelled meeting is not reminded.
    assert dienste.erinnerungen_senden(jetzt=datetime(2026, 7, 20, tzinfo=BERLIN)) == []


def test_absage_braucht_einen_grund(bestaetigt):
    with pytest.raises(dienste.StammtischFehler, match="warum"):
        dienste.absagen(stammtisch=bestaetigt, grund="  ")


# ------------------------------------------------------------------------------ agenda


def test_tagesordnung_in_fester_reihenfolge_mit_terminabgleich(bestaetigt):
    from tests.termine.factories import TerminFactory

    tag = datetime(2026, 8, 29, 10, tzinfo=BERLIN)
    TerminFactory(titel="Sommerfest Heimatverein", start=tag, kategorie="fest")
    TerminFactory(titel="Sportfest", start=tag + timedelta(hours=1), kategorie="fest")
    Thema.objects.create(
        stammtisch=bestaetigt, titel="Zweites Thema", status="angenommen", reihenfolge=0
    )

    punkte = dienste.tagesordnung(stammtisch=bestaetigt, fuer=None)

    assert [p.titel for p in punkte] == [
        "Vorstellung des Gastgebers",
        "Vorstellungsrunde",
        "Themen der Akteure",
        "Wiederkehrende Themen",
        "Terminabgleich",
    ]
    assert punkte[0].text == "Angelverein"
    assert [t.titel for t in punkte[2].themen] == ["Zweites Thema", "Gemeinsames Zelt"]
    assert punkte[3].punkte == ("Neues aus der Stadt", "Termine der Kirche")
    (konflikt,) = punkte[4].terminabgleich
    assert konflikt.day == date(2026, 8, 29)
    assert {t.title for t in konflikt.termine} == {"Sommerfest Heimatverein", "Sportfest"}


def test_ohne_vorschlaege_der_raeume_kein_zusaetzlicher_punkt(bestaetigt, monkeypatch):
    monkeypatch.setattr(netzwerk_tagesordnung, "_QUELLEN", [])
    titel = [p.titel for p in dienste.tagesordnung(stammtisch=bestaetigt, fuer=None)]
    assert "Offene Punkte aus dem Netzwerk" not in titel


def test_vorschlaege_der_raeume_als_eigener_punkt_der_tagesordnung(bestaetigt, monkeypatch):
    monkeypatch.setattr(netzwerk_tagesordnung, "_QUELLEN", [])
    stichtage = []

    @netzwerk_tagesordnung.quelle
    def offen(stichtag):
        stichtage.append(stichtag)
        return [netzwerk_tagesordnung.Vorschlag("Parkplätze", "überfällig", art="Herausforderung")]

    punkte = dienste.tagesordnung(stammtisch=bestaetigt, fuer=None)

    assert [p.art for p in punkte].index("netzwerk") == 3  # after the actors' topics
    assert punkte[3].titel == "Offene Punkte aus dem Netzwerk"
    assert punkte[3].punkte == ("Herausforderung: Parkplätze – überfällig",)
    assert stichtage == [bestaetigt.termin.start.astimezone(BERLIN).date()]
    vorbelegt = dienste.protokoll_vorbelegen(bestaetigt.termin)["punkte"]
    assert "Herausforderung: Parkplätze – überfällig" in vorbelegt


def test_thema_einreichen_meldet_der_koordination(bestaetigt, mailoutbox):
    mailoutbox.clear()
    mitglied = UserFactory()
    thema = dienste.thema_einreichen(
        stammtisch=bestaetigt, titel=" Fahrdienst ", beschreibung="Wer fährt?", von=mitglied
    )
    assert thema.titel == "Fahrdienst" and thema.status == "eingereicht"
    assert thema.eingereicht_von == mitglied
    assert [m.to for m in mailoutbox] == [["koordinatorin@example.org"]]
    assert "Fahrdienst" in mailoutbox[0].subject


# ----------------------------------------------------------------------------- minutes


def test_protokoll_vorbelegung_aus_zusagen(bestaetigt):
    dienste.rsvp_setzen(
        stammtisch=bestaetigt, email="leitung@angelverein.example.org", antwort="zusage"
    )
    dienste.rsvp_setzen(stammtisch=bestaetigt, email="gast@example.org", antwort="zusage")
    dienste.rsvp_setzen(
        stammtisch=bestaetigt, email="leitung@chor-harmonie.example.org", antwort="absage"
    )

    vorbelegung = dienste.protokoll_vorbelegen(bestaetigt.termin)

    assert vorbelegung["anwesende"] == [akteur("Angelverein").pk]
    assert vorbelegung["personenzahl"] == 2
    assert vorbelegung["punkte"][:3] == [
        "Vorstellung des Gastgebers",
        "Vorstellungsrunde",
        "Gemeinsames Zelt",
    ]


def test_protokoll_veroeffentlichen_mailt_den_teilnehmenden(bestaetigt, mailoutbox):
    dienste.rsvp_setzen(stammtisch=bestaetigt, email="gast@example.org", antwort="zusage")
    protokoll = Protokoll.objects.create(
        termin=bestaetigt.termin, personenzahl=12, beschluesse="Wir kaufen ein Zelt."
    )
    protokoll.anwesende.set([akteur("Angelverein"), akteur("Chor Harmonie")])
    ProtokollPunkt.objects.create(protokoll=protokoll, titel="Zelt", notizen="Alle dafür.")
    Folgeaufgabe.objects.create(
        protokoll=protokoll,
        text="Angebote einholen",
        verantwortlich=akteur("Chor Harmonie"),
        faellig_am=date(2026, 8, 1),
    )
    mailoutbox.clear()

    anzahl = protokolle.protokoll_veroeffentlichen(protokoll=protokoll)

    assert anzahl == 3
    assert sorted(m.to[0] for m in mailoutbox) == [
        "gast@example.org",
        "leitung@angelverein.example.org",
        "leitung@chor-harmonie.example.org",
    ]
    mail = mailoutbox[0]
    assert mail.subject == "Protokoll: Vereinsstammtisch Nord am 21.7.2026"
    assert "Wir kaufen ein Zelt." in mail.body
    assert "Angebote einholen – Chor Harmonie (bis 1.8.2026)" in mail.body
    protokoll.refresh_from_db()
    assert protokoll.veroeffentlicht
    with pytest.raises(protokolle.ProtokollFehler):
        protokolle.protokoll_veroeffentlichen(protokoll=protokoll)


def test_protokoll_fuer_arbeitsgruppentreffen(jetzt, mailoutbox):
    """The minutes belong to a Termin: a working-group meeting uses them the same way."""
    from tests.termine.factories import TerminFactory

    verein = AkteurFactory()
    MitgliedschaftFactory(akteur=verein, user=UserFactory(email="garten@example.org"))
    termin = TerminFactory(titel="AG Gemeinschaftsgarten", kategorie="treffen")
    protokoll = Protokoll.objects.create(termin=termin, personenzahl=5)
    protokoll.anwesende.set([verein])

    assert dienste.protokoll_vorbelegen(termin)["punkte"] == []
    protokolle.protokoll_veroeffentlichen(protokoll=protokoll)

    assert [m.to for m in mailoutbox] == [["garten@example.org"]]
    assert "AG Gemeinschaftsgarten" in mailoutbox[0].subject


def test_nie_gastgeber(jetzt, reihe):
    erster, zweiter = planen(reihe, 2)
    jetzt.move_to(datetime(2026, 8, 1, tzinfo=BERLIN))
    assert [a.name for a in dienste.nie_gastgeber(reihe)] == ["Bürgerverein", "Chor Harmonie"]


def test_einladungsliste_ohne_doppelte(jetzt, reihe):
    # One person in two pool Akteure and also among the further addresses: one mail.
    user = UserFactory(email="stadt@ballenstedt.example.org")
    MitgliedschaftFactory(akteur=akteur("Angelverein"), user=user)
    MitgliedschaftFactory(akteur=akteur("Chor Harmonie"), user=user)

    liste = dienste.einladungsliste(reihe)

    adressen = [e.email for e in liste]
    assert len(adressen) == len(set(adressen)) == 4
    assert next(e for e in liste if e.email == user.email).akteur_name == "Angelverein"


def test_weitere_einladungen_werden_geprueft(reihe):
    from django.core.exceptions import ValidationError

    reihe.weitere_einladungen = "gut@example.org\nkein-mail\n"
    with pytest.raises(ValidationError) as fehler:
        reihe.full_clean()
    assert "kein-mail" in str(fehler.value)
    assert "eine Adresse pro Zeile" in str(fehler.value)


def test_uhrzeit_bleibt_ueber_die_zeitumstellung(jetzt, reihe):
    reihe.rhythmus, reihe.intervall, reihe.woche_im_monat = "weekly", 1, None
    reihe.wochentag = 6  # Sundays, across 25 October 2026
    reihe.uhrzeit = time(18)
    reihe.save()
    jetzt.move_to(datetime(2026, 10, 15, tzinfo=BERLIN))

    stammtische = planen(reihe, 2)

    lokal = [s.termin.start.astimezone(BERLIN) for s in stammtische]
    assert [t.hour for t in lokal] == [18, 18]
    assert [t.utcoffset() for t in lokal] == [timedelta(hours=2), timedelta(hours=1)]
