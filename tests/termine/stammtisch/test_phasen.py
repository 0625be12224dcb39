"""One state per meeting (issue 14): planning, invited, over, cancelled – derived in one
place (Stammtisch.phase_am) and what the workflows allow and the pages show in each; no
invitation for a host who has not agreed unless the coordinators say so; invitations once
per address; the answer names its actor; "zuletzt" only for the past; the title once."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from termine.models import Stammtisch, StammtischEinladung, Termin
from termine.stammtisch import services as dienste
from tests.factories import MitgliedschaftFactory, StammtischreiheFactory, TeilnahmeFactory

BERLIN = ZoneInfo("Europe/Berlin")
JETZT = datetime(2026, 6, 1, 9, tzinfo=BERLIN)
PHASE = Stammtisch.Phase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def jetzt():
    with time_machine.travel(JETZT, tick=False) as reise:
        yield reise


@pytest.fixture
def reihe(akteur_a, akteur_b, mitglied_a, mitglied_b):
    reihe = StammtischreiheFactory(
        name="Vereinsstammtisch Nord", slug="nord", weitere_einladungen="stadt@example.org"
    )
    TeilnahmeFactory(reihe=reihe, akteur=akteur_a)
    TeilnahmeFactory(reihe=reihe, akteur=akteur_b)
    return reihe


@pytest.fixture
def geplant(reihe, akteur_a):
    """The next meeting, 21 July, host A only proposed by the rotation."""
    (stammtisch,) = dienste.naechste_termine_planen(reihe=reihe, anzahl=1)
    assert stammtisch.gastgeber == akteur_a
    return stammtisch


def _neu(stammtisch: Stammtisch) -> Stammtisch:
    return Stammtisch.objects.fuer_listen().get(pk=stammtisch.pk)


@pytest.fixture
def eingeladen(geplant):
    dienste.bestaetigen(stammtisch=geplant, gastgeber_hat_zugesagt=True)
    return _neu(geplant)


def _main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


# ------------------------------------------------------------------ the one state


def test_phasen_eines_treffens(geplant, jetzt):
    assert geplant.phase == PHASE.PLANUNG
    dienste.bestaetigen(stammtisch=geplant, gastgeber_hat_zugesagt=True)
    stammtisch = _neu(geplant)
    assert stammtisch.phase == PHASE.EINGELADEN
    ende = stammtisch.termin.ende
    assert stammtisch.phase_am(ende - timedelta(minutes=1)) == PHASE.EINGELADEN
    assert stammtisch.phase_am(ende) == PHASE.VORBEI
    dienste.absagen(stammtisch=stammtisch, grund="Saal überschwemmt")
    assert _neu(geplant).phase == PHASE.ABGESAGT


def test_ein_bestaetigter_termin_ohne_einladung_ist_noch_in_planung(geplant):
    # A Termin set to "confirmed" elsewhere sends no invitation: answers wait for it.
    Termin.objects.filter(pk=geplant.termin_id).update(status=Termin.Status.BESTAETIGT)
    assert _neu(geplant).phase == PHASE.PLANUNG


def test_in_der_planung_keine_antworten_aber_themen(geplant, mitglied_b):
    with pytest.raises(dienste.StammtischFehler, match="sobald die Einladung da ist"):
        dienste.rsvp_setzen(stammtisch=geplant, email=mitglied_b.email, antwort="zusage")
    thema = dienste.thema_einreichen(stammtisch=geplant, titel="Gemeinsames Zelt", von=mitglied_b)
    assert thema.status == "eingereicht"


def test_nach_dem_treffen_weder_antworten_noch_themen(eingeladen, jetzt, mitglied_b):
    jetzt.move_to(datetime(2026, 7, 22, 9, tzinfo=BERLIN))
    with pytest.raises(dienste.StammtischFehler, match="vorbei oder abgesagt"):
        dienste.rsvp_setzen(stammtisch=eingeladen, email=mitglied_b.email, antwort="zusage")
    with pytest.raises(dienste.StammtischFehler):
        dienste.thema_einreichen(stammtisch=eingeladen, titel="Zu spät", von=mitglied_b)


# ------------------------------------------------------------- the page per state


def _seite(client, stammtisch) -> str:
    return _main(client.get(stammtisch.get_absolute_url()).content.decode())


@pytest.mark.parametrize("wer", ["anonym", "bewohner", "mitglied_a", "mitglied_b", "koordination"])
def test_seite_in_der_planung_ohne_antwortformular(request, client_fuer, geplant, wer):
    user = None if wer == "anonym" else request.getfixturevalue(wer)

    inhalt = _seite(client_fuer(user), geplant)

    assert "Dieses Treffen wird noch geplant; die Einladung folgt." in inhalt
    assert "Antworten kannst du hier, sobald die Einladung verschickt ist." in inhalt
    assert "Ja, ich komme" not in inhalt
    assert "Zum Antworten anmelden" not in inhalt
    assert "kommen nicht" not in inhalt
    assert "Wer geantwortet hat" not in inhalt
    # The rotation's proposal is not announced as if it were settled.
    assert "Heimatverein Ballenstedt</a> (noch nicht bestätigt)" in inhalt
    # Topics are welcome while the agenda is being built.
    darf = wer in ("mitglied_a", "mitglied_b", "koordination")
    assert (reverse("stammtisch:thema", args=[geplant.pk]) in inhalt) is darf


@pytest.mark.parametrize("wer", ["anonym", "mitglied_b", "koordination"])
def test_seite_nach_der_einladung_mit_antworten(request, client_fuer, eingeladen, wer):
    user = None if wer == "anonym" else request.getfixturevalue(wer)

    inhalt = _seite(client_fuer(user), eingeladen)

    assert "wird noch geplant" not in inhalt
    assert "Zusagen: 0, vielleicht: 0, Absagen: 0." in inhalt
    assert "noch nicht bestätigt" not in inhalt
    if user is None:
        assert "Zum Antworten anmelden" in inhalt and "Ja, ich komme" not in inhalt
    else:
        assert "Ja, ich komme" in inhalt


def test_seite_nach_dem_treffen(client_fuer, eingeladen, jetzt, mitglied_b):
    dienste.rsvp_setzen(stammtisch=eingeladen, email=mitglied_b.email, antwort="zusage")
    jetzt.move_to(datetime(2026, 7, 22, 9, tzinfo=BERLIN))

    inhalt = _seite(client_fuer(mitglied_b), eingeladen)

    assert "Dieses Treffen ist vorbei." in inhalt
    assert "1 haben zugesagt, 0 vielleicht, 0 abgesagt." in inhalt
    assert "Ja, ich komme" not in inhalt and "wird noch geplant" not in inhalt
    assert "Thema einreichen" not in inhalt


def test_seite_eines_abgesagten_treffens(client_fuer, geplant, mitglied_b):
    dienste.absagen(stammtisch=geplant, grund="Saal überschwemmt")

    inhalt = _seite(client_fuer(mitglied_b), geplant)

    assert "Dieses Treffen ist abgesagt: Saal überschwemmt" in inhalt
    assert "wird noch geplant" not in inhalt
    assert "Kommst du?" not in inhalt and "Ja, ich komme" not in inhalt


def test_der_titel_steht_einmal_auf_der_seite(client, eingeladen):
    inhalt = _seite(client, eingeladen)
    assert inhalt.count("Vereinsstammtisch Nord") == 1
    assert re.search(r"<h1>Vereinsstammtisch Nord</h1>", inhalt)
    assert "Alle Treffen dieser Reihe" in inhalt


def test_antwortlink_in_der_planung_sagt_warum_nicht(client, geplant):
    token = dienste.rueckmeldung_token(geplant, dienste.Empfaenger(email="gast@example.org"))
    inhalt = client.get(reverse("stammtisch:antwort", args=[token])).content.decode()
    assert "antworten kannst du, sobald die Einladung da ist" in inhalt
    assert "Ja, ich komme" not in inhalt


# ------------------------------------------------------- whose answer, for whom


@pytest.fixture
def in_zwei_akteuren(mitglied_a, akteur_b):
    """Anna leads actor A and is also a member of actor B."""
    MitgliedschaftFactory(user=mitglied_a, akteur=akteur_b, rolle="redaktion")
    return mitglied_a


def test_antwort_nennt_den_akteur_bei_mehreren(client_fuer, eingeladen, in_zwei_akteuren):
    client = client_fuer(in_zwei_akteuren)
    akteur_b = eingeladen.reihe.pool.get(akteur__slug="sv-badeborn").akteur

    antwort = client.post(
        reverse("stammtisch:antworten", args=[eingeladen.pk]),
        {"antwort": "zusage", "akteur": akteur_b.pk},
        follow=True,
    )

    inhalt = _main(antwort.content.decode())
    assert "Deine Antwort: Zusage für Sportverein Badeborn" in inhalt
    assert f'<option value="{akteur_b.pk}" selected>' in inhalt
    assert eingeladen.rueckmeldungen.get().akteur == akteur_b


def test_antwort_ohne_akteursnamen_bei_einem_akteur(client_fuer, eingeladen, mitglied_b):
    antwort = client_fuer(mitglied_b).post(
        reverse("stammtisch:antworten", args=[eingeladen.pk]), {"antwort": "zusage"}, follow=True
    )
    inhalt = _main(antwort.content.decode())
    assert "Deine Antwort: Zusage" in inhalt and "Zusage für" not in inhalt


def test_mein_bereich_nennt_akteur_und_planung(rf, reihe, eingeladen, in_zwei_akteuren):
    from django.template import Context, Template

    (spaeter,) = dienste.naechste_termine_planen(reihe=reihe, anzahl=1)
    akteur_b = eingeladen.reihe.pool.get(akteur__slug="sv-badeborn").akteur
    dienste.rsvp_setzen(
        stammtisch=eingeladen, email=in_zwei_akteuren.email, antwort="zusage", akteur=akteur_b
    )
    request = rf.get("/")
    request.user = in_zwei_akteuren

    html = Template("{% load stammtisch %}{% mein_stammtisch %}").render(
        Context({"request": request})
    )

    assert "Deine Antwort: Zusage für Sportverein Badeborn" in html
    assert "Wird noch geplant; die Einladung folgt." in html  # the meeting after
    assert html.count("Du hast noch nicht geantwortet.") == 0


# -------------------------------------------------------- only with the host's yes


def test_einladen_verweigert_wenn_gastgeber_nur_vorgeschlagen(geplant, mailoutbox):
    with pytest.raises(dienste.StammtischFehler) as fehler:
        dienste.bestaetigen(stammtisch=geplant)

    assert str(fehler.value) == (
        "Heimatverein Ballenstedt ist als Gastgeber nur vorgeschlagen und wurde noch nicht "
        "gefragt. Fragt zuerst den Gastgeber an oder bestätigt, dass er zugesagt hat "
        "(z. B. am Telefon)."
    )
    stammtisch = _neu(geplant)
    assert stammtisch.phase == PHASE.PLANUNG
    assert stammtisch.termin.status == Termin.Status.GEPLANT
    assert not StammtischEinladung.objects.exists() and not mailoutbox


def test_einladen_verweigert_solange_die_anfrage_offen_ist(geplant, mailoutbox):
    dienste.gastgeber_anfragen(stammtisch=geplant)
    mailoutbox.clear()
    with pytest.raises(dienste.StammtischFehler, match="noch nicht geantwortet"):
        dienste.bestaetigen(stammtisch=_neu(geplant))
    assert not mailoutbox


def test_einladen_nie_bei_abgelehntem_gastgeber(geplant):
    Stammtisch.objects.filter(pk=geplant.pk).update(gastgeber_status="abgelehnt")
    with pytest.raises(dienste.StammtischFehler, match="hat als Gastgeber abgesagt"):
        dienste.bestaetigen(stammtisch=_neu(geplant), gastgeber_hat_zugesagt=True)


def test_einladen_nach_zusage_per_link(geplant, mailoutbox):
    anfrage = dienste.gastgeber_anfragen(stammtisch=geplant)
    dienste.gastgeber_antwort(token=dienste.gastgeber_token(anfrage), zusage=True)
    mailoutbox.clear()

    runde = dienste.bestaetigen(stammtisch=_neu(geplant))

    assert runde == dienste.Einladungsrunde(neu=3, schon=0)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "mitglied-a@example.org",
        "mitglied-b@example.org",
        "stadt@example.org",
    ]


# ------------------------------------------------------ invitations once per address


def test_einladungen_einmal_pro_adresse(eingeladen, mailoutbox, akteur_b):
    assert set(eingeladen.einladungen.values_list("email", "akteur__slug")) == {
        ("mitglied-a@example.org", "heimatverein"),
        ("mitglied-b@example.org", "sv-badeborn"),
        ("stadt@example.org", None),
    }
    assert eingeladen.einladungen.filter(verschickt_am__isnull=True).count() == 0
    mailoutbox.clear()

    assert dienste.bestaetigen(stammtisch=eingeladen) == dienste.Einladungsrunde(neu=0, schon=3)
    assert not mailoutbox

    # Someone joins a pool actor after the invitation: inviting again reaches only them.
    MitgliedschaftFactory(akteur=akteur_b, user__email="neu@example.org")
    assert dienste.bestaetigen(stammtisch=eingeladen) == dienste.Einladungsrunde(neu=1, schon=3)
    assert [m.to for m in mailoutbox] == [["neu@example.org"]]


def test_die_aufgabe_zweimal_schickt_nichts_doppelt(eingeladen, mailoutbox):
    mailoutbox.clear()
    assert dienste.einladungen_versenden.call(stammtisch_id=eingeladen.pk) == 0
    StammtischEinladung.objects.create(stammtisch=eingeladen, email="spaet@example.org")
    assert dienste.einladungen_versenden.call(stammtisch_id=eingeladen.pk) == 1
    assert dienste.einladungen_versenden.call(stammtisch_id=eingeladen.pk) == 0
    assert [m.to for m in mailoutbox] == [["spaet@example.org"]]


def test_absage_geht_an_die_eingeladenen(eingeladen, mailoutbox, akteur_b):
    # Joined after the invitation and never invited: no cancellation for a date they never got.
    MitgliedschaftFactory(akteur=akteur_b, user__email="neu@example.org")
    mailoutbox.clear()
    dienste.absagen(stammtisch=eingeladen, grund="Saal überschwemmt")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "mitglied-a@example.org",
        "mitglied-b@example.org",
        "stadt@example.org",
    ]


# ------------------------------------------------------------------------- admin


def _aktion(client, stammtische, **extra):
    return client.post(
        reverse("admin:termine_stammtisch_changelist"),
        {
            "action": "bestaetigen_und_einladen",
            "_selected_action": [s.pk for s in stammtische],
            **extra,
        },
        follow=True,
    )


def _meldungen(antwort) -> list[str]:
    return re.findall(
        r'<li class="(?:success|error|danger|warning|info)">(.*?)</li>', antwort.content.decode()
    )


def test_admin_fragt_nach_bei_vorgeschlagenem_gastgeber(
    client_fuer, koordination, geplant, mailoutbox
):
    client = client_fuer(koordination)

    zwischen = _aktion(client, [geplant])

    inhalt = zwischen.content.decode()
    assert "Bei diesen Treffen hat der Gastgeber noch nicht zugesagt:" in inhalt
    assert "Vereinsstammtisch Nord – 21.07.2026: Heimatverein Ballenstedt – Vorgeschlagen" in inhalt
    assert "Die Gastgeber haben zugesagt: bestätigen & einladen" in inhalt
    assert not mailoutbox and _neu(geplant).phase == PHASE.PLANUNG

    antwort = _aktion(client, [geplant], gastgeber_zugesagt="1")

    assert _meldungen(antwort) == ["Vereinsstammtisch Nord – 21.07.2026: 3 Einladungen verschickt."]
    assert len(mailoutbox) == 3
    stammtisch = _neu(geplant)
    assert stammtisch.phase == PHASE.EINGELADEN and stammtisch.gastgeber_status == "zugesagt"


def test_admin_meldet_wer_schon_eine_einladung_hatte(
    client_fuer, koordination, eingeladen, akteur_b
):
    client = client_fuer(koordination)
    MitgliedschaftFactory(akteur=akteur_b, user__email="neu@example.org")

    antwort = _aktion(client, [eingeladen])

    assert _meldungen(antwort) == [
        "Vereinsstammtisch Nord – 21.07.2026: 1 Einladung verschickt, 3 hatten schon eine."
    ]
    antwort = _aktion(client, [eingeladen])
    assert _meldungen(antwort) == [
        "Vereinsstammtisch Nord – 21.07.2026: Keine neuen Einladungen: "
        "alle 4 Adressen der Liste hatten schon eine."
    ]


def test_admin_verweigert_abgelehnten_gastgeber(client_fuer, koordination, geplant, mailoutbox):
    Stammtisch.objects.filter(pk=geplant.pk).update(gastgeber_status="abgelehnt")
    antwort = _aktion(client_fuer(koordination), [geplant], gastgeber_zugesagt="1")
    assert _meldungen(antwort) == [
        "Vereinsstammtisch Nord – 21.07.2026: Heimatverein Ballenstedt hat als Gastgeber "
        "abgesagt. Bitte wählt zuerst einen anderen Gastgeber."
    ]
    assert not mailoutbox


# ---------------------------------------------------------------- "zuletzt" only past


def test_zuletzt_nur_fuer_vergangene_tage():
    grund = Stammtisch.Vorschlagsgrund.ZULETZT
    heute = date(2026, 12, 5)
    assert dienste.grund_text(grund, date(2026, 11, 17), heute) == "zuletzt Gastgeber am 17.11.2026"
    assert dienste.grund_text(grund, heute, heute) == "zuletzt Gastgeber am 05.12.2026"
    assert (
        dienste.grund_text(grund, date(2027, 3, 16), heute)
        == "schon als Gastgeber geplant am 16.03.2027"
    )


def test_planungsseite_sagt_nicht_zuletzt_fuer_kuenftige_treffen(client_fuer, koordination, reihe):
    # Three meetings ahead already planned; the next proposals refer to them.
    dienste.naechste_termine_planen(reihe=reihe, anzahl=2)
    url = reverse("admin:termine_stammtischreihe_planen", args=[reihe.pk]) + "?anzahl=2"

    inhalt = client_fuer(koordination).get(url).content.decode()

    assert "schon als Gastgeber geplant am 21.07.2026" in inhalt
    assert "zuletzt Gastgeber am 21.07.2026" not in inhalt


def test_admin_zeigt_wer_eingeladen_wurde(client_fuer, koordination, eingeladen):
    seite = client_fuer(koordination).get(
        reverse("admin:termine_stammtisch_change", args=[eingeladen.pk])
    )
    inhalt = seite.content.decode()
    assert "Stammtisch-Einladungen" in inhalt
    assert "mitglied-b@example.org" in inhalt and "stadt@example.org" in inhalt


# ------------------------------------------------------------ other pages, same state


def test_reihe_nach_der_einladung(client, geplant, eingeladen):
    inhalt = _main(client.get(geplant.reihe.get_absolute_url()).content.decode())
    assert "Gastgeber: Heimatverein Ballenstedt" in inhalt
    assert "Bestätigt" in inhalt


def test_reihe_zeigt_vorschlag_als_unbestaetigt(client, geplant):
    inhalt = _main(client.get(geplant.reihe.get_absolute_url()).content.decode())
    assert "Gastgeber: Heimatverein Ballenstedt (noch nicht bestätigt)" in inhalt
    assert "Geplant" in inhalt


def test_akteursseite_nennt_nur_zugesagte_gastgeber_termine(client, geplant, akteur_a):
    url = akteur_a.get_absolute_url()
    assert "Gastgeber beim Vereinsstammtisch" not in client.get(url).content.decode()
    dienste.bestaetigen(stammtisch=geplant, gastgeber_hat_zugesagt=True)
    assert "Gastgeber beim Vereinsstammtisch" in client.get(url).content.decode()


def test_migration_traegt_fruehere_einladungen_nach(geplant, mailoutbox):
    """Meetings invited before invitations were recorded are not invited a second time."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("termine.migrations.0007_stammtisch_einladungen")
    Stammtisch.objects.filter(pk=geplant.pk).update(
        eingeladen_am=JETZT - timedelta(days=3), gastgeber_status="zugesagt"
    )

    migration.bisherige_einladungen(apps, None)

    einladungen = StammtischEinladung.objects.filter(stammtisch=geplant)
    assert sorted(einladungen.values_list("email", flat=True)) == [
        "mitglied-a@example.org",
        "mitglied-b@example.org",
        "stadt@example.org",
    ]
    assert {e.verschickt_am for e in einladungen} == {JETZT - timedelta(days=3)}
    assert dienste.bestaetigen(stammtisch=geplant) == dienste.Einladungsrunde(neu=0, schon=3)
    assert not mailoutbox


def test_admin_liste_zeigt_den_stand(client_fuer, koordination, reihe, eingeladen):
    dienste.naechste_termine_planen(reihe=reihe, anzahl=1)
    inhalt = client_fuer(koordination).get(reverse("admin:termine_stammtisch_changelist"))
    inhalt = inhalt.content.decode()
    assert '<td class="field-zustand">Eingeladen</td>' in inhalt
    assert '<td class="field-zustand">In Planung</td>' in inhalt
