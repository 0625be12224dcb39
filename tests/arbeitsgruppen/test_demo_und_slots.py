"""Demo data, and the slots this app fills on the home page, Mein Bereich and actor pages."""

from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from arbeitsgruppen.models import Arbeitsgruppe, Aufgabe, Beitrag, Mitglied, Vorhaben
from netzwerk.models import User
from tests.factories import AkteurFactory, ArbeitsgruppeFactory


def test_demodaten_sind_idempotent(db):
    call_command("demodaten")
    zaehler = [m.objects.count() for m in (Arbeitsgruppe, Mitglied, Vorhaben, Aufgabe, Beitrag)]
    call_command("demodaten")
    assert [
        m.objects.count() for m in (Arbeitsgruppe, Mitglied, Vorhaben, Aufgabe, Beitrag)
    ] == zaehler
    assert set(Arbeitsgruppe.objects.values_list("name", flat=True)) >= {
        "Gemeinschaftsgarten",
        "Jugendbeteiligung",
        "Stammtisch-Gruppe 1",
        "Stammtisch-Gruppe 2",
        "Steuerungsgruppe",
        "Unternehmenskooperationen",
    }
    steuerung = Arbeitsgruppe.objects.get(slug="steuerungsgruppe")
    assert steuerung.untergruppen.count() == 5
    assert Mitglied.objects.get(
        gruppe__slug="gemeinschaftsgarten", user__email="mitglied@example.org"
    ).ist_leitung
    assert Mitglied.objects.filter(
        gruppe=steuerung, user__email="koordination@example.org"
    ).exists()
    heute = timezone.localdate()
    sommer = heute.year if heute.month < 9 else heute.year + 1
    assert set(Vorhaben.objects.values_list("titel", flat=True)) == {
        f"Ferienkalender {sommer}",
        "Markt der guten Geschäfte",
        "Aktionstag",
        # The youth idea that became a project (arbeitsgruppen/jugend/demo.py).
        "Skateanlage am Schlosspark erneuern",
    }
    assert all("Beispiel" in t for t in Aufgabe.objects.values_list("titel", flat=True))
    assert User.objects.get(email="jugend@example.org").check_password("demo-passwort-2026")


def test_demodaten_reset(db):
    call_command("demodaten")
    call_command("demodaten", "--reset")
    assert Arbeitsgruppe.objects.filter(slug="steuerungsgruppe").count() == 1


def _rendern(vorlage, user, **kontext):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(vorlage, {"request": request, "user": user, **kontext})


def test_startseite_zeigt_nur_sichtbare_gruppen(gruppe, client_fuer):
    ArbeitsgruppeFactory(name="Offene Runde", sichtbarkeit="oeffentlich")
    inhalt = client_fuer(None).get("/").content.decode()
    assert "Offene Runde" in inhalt and "Gemeinschaftsgarten" not in inhalt


def test_akteur_slot_respektiert_sichtbarkeit(gruppe, mitglied, bewohner):
    from django.contrib.auth.models import AnonymousUser

    akteur = AkteurFactory(name="Kita Sonnenschein")
    gruppe.akteure.add(akteur)
    offen = ArbeitsgruppeFactory(name="Elternrunde", sichtbarkeit="oeffentlich")
    offen.akteure.add(akteur)
    anonym = _rendern("arbeitsgruppen/_akteur.html", AnonymousUser(), akteur=akteur)
    assert "Elternrunde" in anonym and "Gemeinschaftsgarten" not in anonym
    als_mitglied = _rendern("arbeitsgruppen/_akteur.html", mitglied, akteur=akteur)
    assert "Elternrunde" in als_mitglied and "Gemeinschaftsgarten" in als_mitglied
    ohne = _rendern("arbeitsgruppen/_akteur.html", bewohner, akteur=AkteurFactory())
    assert "Arbeitsgruppen" not in ohne


def test_gruppenseite_verlinkt_den_feed_einmal(gruppe, client_fuer):
    # One subscribe link, from the calendar's slot; internal groups get none.
    oeffentlich = ArbeitsgruppeFactory(
        name="Offene Runde", slug="offen", sichtbarkeit="oeffentlich"
    )
    seite = client_fuer(None).get(oeffentlich.get_absolute_url()).content.decode()
    assert seite.count("/termine/ical/gruppe/offen.ics") == 1
    assert "Öffentliche Termine dieser Gruppe abonnieren" in seite
    assert "Termine der Gruppe abonnieren (iCal)" not in seite
