"""Joining by request and by invitation, leaving, roles."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen import services
from arbeitsgruppen.models import Beitrittsanfrage, Einladung, Mitglied
from tests.arbeitsgruppen.factories import AufgabeFactory, MitgliedFactory
from tests.arbeitsgruppen.formular import formular, formulare
from tests.factories import UserFactory


def test_anfrage_annehmen_mit_mails_in_beide_richtungen(
    client_fuer, gruppe, leitung, fremd, mailoutbox
):
    c = client_fuer(fremd)
    seite = c.get(reverse("arbeitsgruppen:beitreten", args=[gruppe.slug]))
    daten = formular(seite, mit_feld="nachricht")["felder"] | {"nachricht": "Ich gieße gern."}
    antwort = c.post(seite.request["PATH_INFO"], daten, follow=True)
    assert "Die Leitung der Gruppe antwortet dir per E-Mail" in antwort.content.decode()
    assert [m.to for m in mailoutbox] == [["leitung@example.org"]]
    assert "Frida Fremd" in mailoutbox[0].subject
    assert "Ich gieße gern." in mailoutbox[0].body

    # The group page says the request is waiting instead of offering the button again.
    assert (
        "Du hast gefragt, ob du mitmachen kannst"
        in c.get(gruppe.get_absolute_url()).content.decode()
    )

    lc = client_fuer(leitung)
    mitglieder = lc.get(reverse("arbeitsgruppen:mitglieder", args=[gruppe.slug]))
    assert "Ich gieße gern." in mitglieder.content.decode()
    anfrage = Beitrittsanfrage.objects.get()
    lc.post(
        reverse("arbeitsgruppen:anfrage_entscheiden", args=[gruppe.slug, anfrage.pk]),
        {"entscheidung": "annehmen"},
    )
    anfrage.refresh_from_db()
    assert anfrage.status == "angenommen" and anfrage.entschieden_von == leitung
    assert Mitglied.objects.filter(gruppe=gruppe, user=fremd, rolle="mitglied").exists()
    assert mailoutbox[1].to == ["fremd@example.org"]
    assert "Willkommen" in mailoutbox[1].subject


def test_anfrage_ablehnen(gruppe, leitung, fremd, mailoutbox):
    anfrage = services.beitritt_anfragen(gruppe=gruppe, user=fremd)
    services.anfrage_entscheiden(anfrage=anfrage, von=leitung, annehmen=False)
    assert not Mitglied.objects.filter(gruppe=gruppe, user=fremd).exists()
    assert "kann dich gerade nicht aufnehmen" in mailoutbox[-1].body
    with pytest.raises(services.Abgelehnt):
        services.anfrage_entscheiden(anfrage=anfrage, von=leitung, annehmen=True)


def test_zweite_offene_anfrage_wird_abgelehnt(gruppe, leitung, fremd):
    services.beitritt_anfragen(gruppe=gruppe, user=fremd)
    with pytest.raises(services.Abgelehnt, match="schon gefragt"):
        services.beitritt_anfragen(gruppe=gruppe, user=fremd)
    assert Beitrittsanfrage.objects.count() == 1


def test_einladung_per_mail_und_annehmen(client_fuer, gruppe, leitung, mailoutbox):
    lc = client_fuer(leitung)
    seite = lc.get(reverse("arbeitsgruppen:mitglieder", args=[gruppe.slug]))
    daten = formular(seite, mit_feld="email")["felder"] | {"email": "neu@example.org"}
    lc.post(seite.request["PATH_INFO"], daten)
    assert mailoutbox[0].to == ["neu@example.org"]
    assert mailoutbox[0].reply_to == ["leitung@example.org"]
    link = next(z for z in mailoutbox[0].body.split() if "/einladung/" in z)
    pfad = link.removeprefix("http://testserver")

    # Not logged in: through the login (whose page links to signup) and back.
    anonym = client_fuer(None).get(pfad)
    assert anonym.status_code == 302 and "next=" in anonym["Location"]

    neu = UserFactory(email="anders@example.org")  # a different address is fine: the link counts
    c = client_fuer(neu)
    seite = c.get(pfad)
    assert "lädt dich in die Arbeitsgruppe Gemeinschaftsgarten ein" in seite.content.decode()
    c.post(pfad)
    assert Mitglied.objects.filter(gruppe=gruppe, user=neu).exists()
    einladung = Einladung.objects.get()
    assert einladung.angenommen_von == neu
    # Used once: a second use is refused with a clear message.
    zweiter = client_fuer(UserFactory()).get(pfad)
    assert zweiter.status_code == 400
    assert "schon angenommen" in zweiter.content.decode()


def test_einladung_fehler_im_formular(client_fuer, gruppe, leitung, mailoutbox):
    antwort = client_fuer(leitung).post(
        reverse("arbeitsgruppen:mitglieder", args=[gruppe.slug]), {"email": "kein-at"}
    )
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    assert "Bitte gib eine gültige E-Mail-Adresse ein" in inhalt
    assert 'value="kein-at"' in inhalt
    assert mailoutbox == []


def test_einladung_laeuft_ab_und_falscher_link(client_fuer, gruppe, leitung, bewohner):
    with time_machine.travel(timezone.now() - timedelta(days=15)):
        einladung = services.einladen(gruppe=gruppe, email="x@example.org", von=leitung)
        token = services.einladung_token(einladung)
    c = client_fuer(bewohner)
    antwort = c.get(reverse("arbeitsgruppen:einladung", args=[token]))
    assert antwort.status_code == 400
    assert "abgelaufen" in antwort.content.decode()
    kaputt = c.get(reverse("arbeitsgruppen:einladung", args=[token[:-3] + "abc"]))
    assert kaputt.status_code == 400
    assert "unvollständig" in kaputt.content.decode()
    assert not Mitglied.objects.filter(user=bewohner).exists()


def test_austreten_gibt_aufgaben_an_die_gruppe_zurueck(client_fuer, gruppe, leitung, mitglied):
    aufgabe = AufgabeFactory(gruppe=gruppe, zustaendig=mitglied)
    antwort = client_fuer(mitglied).post(
        reverse("arbeitsgruppen:austreten", args=[gruppe.slug]), follow=True
    )
    assert "Du hast die Gruppe Gemeinschaftsgarten verlassen" in antwort.content.decode()
    assert not Mitglied.objects.filter(gruppe=gruppe, user=mitglied).exists()
    aufgabe.refresh_from_db()
    assert aufgabe.zustaendig is None


def test_letzte_leitung_kann_nicht_gehen(client_fuer, gruppe, leitung, mitglied):
    antwort = client_fuer(leitung).post(reverse("arbeitsgruppen:austreten", args=[gruppe.slug]))
    assert antwort.status_code == 400
    assert "einzige Leitung" in antwort.content.decode()
    assert Mitglied.objects.filter(gruppe=gruppe, user=leitung).exists()
    # With a second Leitung it works.
    zweite = Mitglied.objects.get(gruppe=gruppe, user=mitglied)
    services.rolle_setzen(mitglied=zweite, rolle="leitung")
    services.austreten(mitglied=Mitglied.objects.get(gruppe=gruppe, user=leitung))
    assert list(gruppe.mitglieder.leitung().values_list("user__email", flat=True)) == [
        "mitglied@example.org"
    ]


def test_letzte_leitung_kann_nicht_herabgestuft_werden(client_fuer, gruppe, leitung):
    m = Mitglied.objects.get(user=leitung)
    antwort = client_fuer(leitung).post(
        reverse("arbeitsgruppen:rolle", args=[gruppe.slug, m.pk]),
        {"rolle": "mitglied"},
        follow=True,
    )
    assert "mindestens eine Leitung" in antwort.content.decode()
    m.refresh_from_db()
    assert m.rolle == "leitung"


def test_benachrichtigung_einstellen(client_fuer, gruppe, mitglied):
    c = client_fuer(mitglied)
    seite = c.get(gruppe.get_absolute_url())
    form = next(f for f in formulare(seite) if "benachrichtigung" in f["optionen"])
    assert form["optionen"]["benachrichtigung"] == ["sofort", "taeglich", "woechentlich", "aus"]
    c.post(form["action"], {"benachrichtigung": "taeglich"})
    assert Mitglied.objects.get(user=mitglied).benachrichtigung == "taeglich"


def test_mitgliederliste_nach_sichtbarkeit(client_fuer, gruppe, leitung, mitglied, bewohner):
    gruppe.sichtbarkeit = "oeffentlich"
    gruppe.save()
    MitgliedFactory(gruppe=gruppe, user=UserFactory(anzeigename="Geheime Gerda"))
    oeffentlich = client_fuer(bewohner).get(gruppe.get_absolute_url()).content.decode()
    assert "3 Mitglieder" in oeffentlich
    assert "Lea Leitung" in oeffentlich  # the lead is the public contact
    assert "Geheime Gerda" not in oeffentlich
    intern = client_fuer(mitglied).get(gruppe.get_absolute_url()).content.decode()
    assert "Geheime Gerda" in intern
