"""Models, the money rule, the services around deals, and the admin of the Marktplatz."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from netzwerk.entscheidungen import offene_entscheidungen
from termine.models import Termin
from tests.vereine.marktplatz.factories import EintragFactory, VereinbarungFactory
from vereine.marktplatz import services
from vereine.marktplatz.geldregel import geld_erwaehnt
from vereine.marktplatz.models import Eintrag, Seite, Vereinbarung, seite_von

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "Wir brauchen 50 €",
        "100 EUR für Trikots",
        "5 Euro pro Stunde",
        "Eine Spende für den Verein",
        "Spendenbox",
        "Sponsoring gesucht",
        "Geld für die Fahrt",
        "Bargeld",
        "Wir bezahlen den Transport",
        "Zahlung nach Absprache",
        "Honorar",
    ],
)
def test_geldregel_erkennt_geld(text):
    assert geld_erwaehnt(text)


@pytest.mark.parametrize(
    "text",
    [
        "2 Stunden im Monat",
        "kostenloser Transport mit dem Transporter",
        "Beratung zu Förderanträgen",
        "Europa-Tag im Rathaus",
        "Wir zählen Vögel",
        "",
    ],
)
def test_geldregel_laesst_anderes_durch(text):
    assert geld_erwaehnt(text) is None


def test_seite_folgt_der_art_des_akteurs():
    assert seite_von("unternehmen") == Seite.UNTERNEHMEN
    for art in ["verein", "kirche", "schule", "kommune", "kita", "initiative", "gesundheit"]:
        assert seite_von(art) == Seite.GEMEINNUETZIG


def test_markt_ist_ein_termin_der_kategorie_marktplatz(markt):
    assert markt.termin.kategorie == Termin.Kategorie.MARKTPLATZ
    assert markt.termin.get_kategorie_display() == "Marktplatz"
    assert Termin.objects.oeffentlich().filter(pk=markt.termin_id).exists()


def test_konkurrenz_geht_erst_zur_pruefung(akteur_a, mitglied_a, koordination):
    eintrag = services.eintrag_speichern(
        eintrag=Eintrag(
            typ="angebot", art="zeit", titel="Malerarbeiten", text="x", konkurrenz=True
        ),
        akteur=akteur_a,
        von=mitglied_a,
    )
    assert eintrag.status == "pruefung"
    assert not Eintrag.objects.oeffentlich().exists()
    services.eintrag_freigeben(eintrag=eintrag)
    assert list(Eintrag.objects.oeffentlich()) == [eintrag]


def test_abgelaufene_eintraege_sind_nicht_oeffentlich(akteur_a):
    EintragFactory(akteur=akteur_a, gueltig_bis=timezone.localdate() - timedelta(days=1))
    heute = EintragFactory(akteur=akteur_a, gueltig_bis=timezone.localdate())
    assert list(Eintrag.objects.oeffentlich()) == [heute]


def test_erfassen_durch_makler_mit_bestaetigung_vor_ort(markt, makler, firma, akteur_b, mailoutbox):
    v = services.vereinbarung_erfassen(
        markt=markt,
        partner_a=firma,
        partner_b=akteur_b,
        gibt_a="Zwei Azubis helfen beim Zaunbau",
        art_a="zeit",
        kontakt_a="Frank",
        gibt_b="Ein Fußballtraining für die Azubis",
        art_b="know_how",
        kontakt_b="Bert",
        bis=timezone.localdate() + timedelta(days=60),
        vor_ort_a=True,
        von=makler,
    )
    assert v.nummer == 1
    assert v.bestaetigt_a_am and not v.bestaetigt_b_am
    # Only B is asked, with a signed link.
    assert [m.to for m in mailoutbox] == [[akteur_b.kontakt_email]]
    assert "/marktplatz/bestaetigen/" in mailoutbox[0].body
    assert not Vereinbarung.objects.bestaetigt().exists()


def test_mitglied_bestaetigt_die_eigene_seite(markt, mitglied_a, akteur_a, akteur_b, firma):
    v = services.vereinbarung_erfassen(
        markt=markt,
        partner_a=akteur_a,
        partner_b=firma,
        gibt_a="Räume für die Weihnachtsfeier",
        art_a="raeume",
        kontakt_a="Anna",
        gibt_b="Transport der Bühne",
        art_b="logistik",
        kontakt_b="Frank",
        bis=timezone.localdate() + timedelta(days=10),
        vor_ort_b=True,  # a member is no broker: ignored
        von=mitglied_a,
    )
    assert v.bestaetigt_a_am and v.bestaetigt_b_am is None


def test_fremde_duerfen_nicht_erfassen(markt, bewohner, akteur_a, firma):
    with pytest.raises(services.MarktFehler):
        services.vereinbarung_erfassen(
            markt=markt,
            partner_a=akteur_a,
            partner_b=firma,
            gibt_a="x",
            art_a="zeit",
            kontakt_a="x",
            gibt_b="y",
            art_b="zeit",
            kontakt_b="y",
            bis=timezone.localdate(),
            von=bewohner,
        )
    assert not Vereinbarung.objects.exists()


def test_bestaetigungslink_laeuft_ab(markt, firma, akteur_b, time_machine):
    v = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bestaetigt_b_am=None)
    token = services.bestaetigungs_token(v, "b")
    assert services.token_laden(token)[1] == "b"
    with pytest.raises(services.UngueltigerLink):
        services.token_laden(token[:-2] + "xx")
    with pytest.raises(services.UngueltigerLink):
        services.token_laden(signing.dumps({"v": v.pk, "s": "b"}, salt="anders"))
    time_machine.move_to(timezone.now() + services.BESTAETIGUNG_GUELTIG + timedelta(minutes=1))
    with pytest.raises(services.UngueltigerLink, match="abgelaufen"):
        services.token_laden(token)


def test_geaenderte_seite_braucht_neue_bestaetigung(markt, firma, akteur_b, mailoutbox):
    v = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b)
    services.seite_aendern(
        vereinbarung=v, seite="a", gibt="Drei Tage Hilfe", art="zeit", kontakt="Frau Meier"
    )
    v.refresh_from_db()
    assert v.bestaetigt_a_am and v.bestaetigt_b_am is None
    assert [m.to for m in mailoutbox] == [[akteur_b.kontakt_email]]


def test_nachfrage_am_faelligkeitstag_einmal(markt, firma, akteur_b, mailoutbox):
    heute = timezone.localdate()
    faellig = VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bis=heute)
    VereinbarungFactory(markt=markt, partner_a=firma, partner_b=akteur_b, bis=heute + timedelta(1))
    VereinbarungFactory(
        markt=markt, partner_a=firma, partner_b=akteur_b, bis=heute, bestaetigt_b_am=None
    )
    assert services.nachfragen() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [firma.kontakt_email, akteur_b.kontakt_email]
    )
    assert all("Umgesetzt?" in m.subject for m in mailoutbox)
    assert reverse("marktplatz:ergebnis", args=[faellig.pk]) in mailoutbox[0].body
    assert services.nachfragen() == 0


def test_koordination_sieht_pruefungen_und_ueberfaellige(
    markt, firma, akteur_b, koordination, client_fuer
):
    EintragFactory(akteur=firma, status="pruefung", konkurrenz=True)
    VereinbarungFactory(
        markt=markt, partner_a=firma, partner_b=akteur_b, bis=timezone.localdate() - timedelta(1)
    )
    titel = {e.titel: e.anzahl for e in offene_entscheidungen()}
    assert 1 in [v for k, v in titel.items() if "Marktplatz" in str(k) and "prüfen" in str(k)]
    assert 1 in [v for k, v in titel.items() if "überfällig" in str(k)]
    client = client_fuer(koordination)
    seite = client.get(
        reverse("admin:vereine_vereinbarung_changelist") + "?nachverfolgung=ueberfaellig"
    )
    assert "Tischlerei Harzholz" in seite.content.decode()
    start = client.get(reverse("admin:index")).content.decode()
    assert "überfällig" in start


def test_admin_legt_markt_mit_termin_an(koordination, makler, client_fuer):
    client = client_fuer(koordination)
    tag = timezone.localdate() + timedelta(days=20)
    antwort = client.post(
        reverse("admin:vereine_markt_add"),
        {
            "titel": "Markt im Frühling",
            "start_0": tag.isoformat(),
            "start_1": "17:00",
            "ende_0": tag.isoformat(),
            "ende_1": "19:00",
            "ort": "Rathaus",
            "makler": [makler.pk],
            "anmeldungen-TOTAL_FORMS": "0",
            "anmeldungen-INITIAL_FORMS": "0",
        },
    )
    assert antwort.status_code == 302, antwort.content.decode()[:3000]
    termin = Termin.objects.get(titel="Markt im Frühling")
    assert termin.kategorie == "marktplatz"
    assert list(termin.markt.makler.all()) == [makler]


def test_admin_gibt_eintrag_frei(koordination, client_fuer, firma):
    eintrag = EintragFactory(akteur=firma, status="pruefung", konkurrenz=True)
    client_fuer(koordination).post(
        reverse("admin:vereine_eintrag_changelist"),
        {"action": "freigeben", "_selected_action": [eintrag.pk]},
    )
    eintrag.refresh_from_db()
    assert eintrag.status == "oeffentlich"
