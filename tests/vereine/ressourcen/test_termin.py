"""A lending may name the date it is for; the date's page lists the items lent for it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import AkteurFactory, MitgliedschaftFactory
from tests.termine.factories import TerminFactory
from tests.vereine.ressourcen.factories import RessourceFactory, anfrage, tag
from vereine.ressourcen import services
from vereine.ressourcen.models import Ausleihe

pytestmark = pytest.mark.django_db


def _termin(titel, *, tage=20, **felder):
    start = timezone.now().replace(microsecond=0) + timedelta(days=tage)
    return TerminFactory(titel=titel, start=start, ende=start + timedelta(hours=3), **felder)


@pytest.fixture
def pavillon(akteur_a, mitglied_a):
    return RessourceFactory(akteur=akteur_a, name="Faltpavillon", menge=3)


@pytest.fixture
def termine(akteur_a, akteur_b):
    return {
        "fest": _termin("Sommerfest SV", veranstalter=[akteur_b]),
        "markt": _termin("Markt der guten Geschäfte", tage=30, kategorie="marktplatz"),
        "aktionstag": _termin("Tag des Ehrenamts", tage=40, kategorie="aktionstag"),
        "fremd": _termin("Fest des Heimatvereins", veranstalter=[akteur_a]),
        "vorbei": _termin("Altes Fest", tage=-20, veranstalter=[akteur_b]),
        "abgesagt": _termin(
            "Abgesagtes Fest", veranstalter=[akteur_b], status="abgesagt", absage_grund="Regen"
        ),
    }


def _formular(client, pavillon, **daten):
    return client.post(
        reverse("ressourcen:anfragen", args=[pavillon.pk]),
        {"von": tag(10), "bis": tag(12), "menge": 1, "nachricht": "", **daten},
    )


def test_zur_wahl_stehen_eigene_termine_und_gemeinsame(client_fuer, mitglied_b, pavillon, termine):
    html = client_fuer(mitglied_b).get(reverse("ressourcen:anfragen", args=[pavillon.pk]))
    html = html.content.decode()
    assert "Für welchen Termin" in html and "Kein bestimmter Termin" in html
    datum = timezone.localdate(termine["fest"].start).strftime("%d.%m.%Y")
    assert f"Sommerfest SV ({datum})" in html
    assert "Markt der guten Geschäfte" in html and "Tag des Ehrenamts" in html
    for titel in ("Fest des Heimatvereins", "Altes Fest", "Abgesagtes Fest"):
        assert titel not in html


def test_eine_serie_steht_mit_ihrem_rhythmus_zur_wahl(client_fuer, mitglied_b, akteur_b, pavillon):
    _termin("Training", tage=-30, veranstalter=[akteur_b], wiederholung="woechentlich")
    html = client_fuer(mitglied_b).get(reverse("ressourcen:anfragen", args=[pavillon.pk]))
    assert "Training (Wöchentlich)" in html.content.decode()


def test_ohne_termine_kein_feld(client_fuer, mitglied_b, pavillon):
    html = client_fuer(mitglied_b).get(reverse("ressourcen:anfragen", args=[pavillon.pk]))
    assert "Für welchen Termin" not in html.content.decode()


def test_anfrage_fuer_einen_termin(client_fuer, mitglied_b, akteur_b, pavillon, termine):
    mail.outbox.clear()
    antwort = _formular(
        client_fuer(mitglied_b), pavillon, akteur=akteur_b.pk, termin=termine["markt"].pk
    )
    ausleihe = Ausleihe.objects.get()
    assert antwort.url == ausleihe.get_absolute_url()
    assert ausleihe.termin == termine["markt"]
    assert any("Für: Markt der guten Geschäfte" in m.body for m in mail.outbox)
    html = client_fuer(mitglied_b).get(ausleihe.get_absolute_url()).content.decode()
    assert "Für den Termin" in html
    assert f'href="{termine["markt"].get_absolute_url()}">Markt der guten Geschäfte</a>' in html


@pytest.mark.parametrize("welcher", ["fremd", "vorbei", "abgesagt"])
def test_fremder_oder_vergangener_termin_ist_ein_feldfehler(
    client_fuer, mitglied_b, akteur_b, pavillon, termine, welcher
):
    antwort = _formular(
        client_fuer(mitglied_b), pavillon, akteur=akteur_b.pk, termin=termine[welcher].pk
    )
    assert antwort.status_code == 200
    assert "Wähl einen kommenden Termin dieses Akteurs" in antwort.content.decode()
    assert not Ausleihe.objects.exists()


def test_gefaelschte_termin_id_ist_kein_serverfehler(
    client_fuer, mitglied_b, akteur_b, pavillon, termine
):
    client = client_fuer(mitglied_b)
    for wert in ("999999", "abc", "-1"):
        antwort = _formular(client, pavillon, akteur=akteur_b.pk, termin=wert)
        assert antwort.status_code == 200
    assert not Ausleihe.objects.exists()


def test_der_dienst_prueft_den_termin_zum_akteur(mitglied_b, akteur_b, akteur_a, pavillon, termine):
    """Another actor's date is not B's to name, even past the form."""
    zweiter = RessourceFactory(name="Beamer")
    with pytest.raises(ValidationError) as fehler:
        services.ausleihe_anfragen(
            ressource=zweiter,
            akteur=akteur_b,
            von=tag(10),
            bis=tag(11),
            termin=termine["fremd"],
            angefragt_von=mitglied_b,
        )
    assert "termin" in fehler.value.message_dict
    ausleihe = services.ausleihe_anfragen(
        ressource=zweiter,
        akteur=akteur_a,
        von=tag(10),
        bis=tag(11),
        termin=termine["fremd"],
        angefragt_von=mitglied_b,
    )
    assert ausleihe.termin == termine["fremd"]


def _genutzt(pavillon, akteur_b, mitglied_a, mitglied_b, termin, *, menge=1, von=10):
    ausleihe = services.ausleihe_anfragen(
        ressource=pavillon,
        akteur=akteur_b,
        von=tag(von),
        bis=tag(von + 1),
        menge=menge,
        termin=termin,
        angefragt_von=mitglied_b,
    )
    return services.ausleihe_annehmen(ausleihe=ausleihe, von=mitglied_a)


SICHTBAR = {"anonym": False, "bewohner": False, "mitglied_a": True, "mitglied_b": True}


def test_termin_seite_zeigt_genutzte_ressourcen(
    client_fuer, persona, pavillon, akteur_b, mitglied_a, mitglied_b, termine
):
    _genutzt(pavillon, akteur_b, mitglied_a, mitglied_b, termine["fest"], menge=2)
    offen = anfrage(pavillon, akteur_b, von=20, bis=21, user=mitglied_b)
    Ausleihe.objects.filter(pk=offen.pk).update(termin=termine["fest"])
    name, user = persona
    html = client_fuer(user).get(termine["fest"].get_absolute_url()).content.decode()
    if SICHTBAR.get(name, True):
        assert "Genutzte Ressourcen" in html
        assert f'href="{pavillon.get_absolute_url()}">Faltpavillon</a> (2×)' in html
        assert "verliehen von Heimatverein Ballenstedt an Sportverein Badeborn" in html
        assert html.count("Faltpavillon</a>") == 1  # the open request is not listed
        assert "Bert" not in html  # no person names
    else:
        assert "Genutzte Ressourcen" not in html and "Faltpavillon" not in html


def test_ohne_ausleihen_nur_der_weg_in_den_pool(client_fuer, mitglied_a, bewohner, termine):
    """Nothing lent yet: those who may borrow for the date get the way into the pool, nobody
    else sees the section."""
    link = f'href="/ressourcen/?termin={termine["markt"].pk}"'
    html = client_fuer(mitglied_a).get(termine["markt"].get_absolute_url()).content.decode()
    assert "Genutzte Ressourcen" in html and "Für diesen Termin wurde noch nichts" in html
    assert link in html
    html = client_fuer(mitglied_a).get(termine["fest"].get_absolute_url()).content.decode()
    assert "Genutzte Ressourcen" not in html  # B's fest: A may not borrow for it
    html = client_fuer(bewohner).get(termine["markt"].get_absolute_url()).content.decode()
    assert "Genutzte Ressourcen" not in html


def test_vom_termin_in_den_pool_und_zur_anfrage(client_fuer, mitglied_b, pavillon, termine):
    """The date travels from its page through the pool and the item to the request form."""
    fest = termine["fest"]
    client = client_fuer(mitglied_b)
    html = client.get(fest.get_absolute_url()).content.decode()
    assert f'href="/ressourcen/?termin={fest.pk}"' in html
    html = client.get(reverse("ressourcen:liste"), {"termin": fest.pk}).content.decode()
    assert "für „Sommerfest SV“" in html
    assert f'href="{pavillon.get_absolute_url()}?termin={fest.pk}"' in html
    assert f'<input type="hidden" name="termin" value="{fest.pk}">' in html
    html = client.get(pavillon.get_absolute_url(), {"termin": fest.pk}).content.decode()
    anfragen = reverse("ressourcen:anfragen", args=[pavillon.pk])
    assert f'href="{anfragen}?termin={fest.pk}"' in html
    assert f"termin={fest.pk}&amp;monat=" in html  # the month view keeps it too
    html = client.get(anfragen, {"termin": fest.pk}).content.decode()
    assert f'<option value="{fest.pk}" selected>' in html


def test_fremder_oder_kaputter_termin_im_pool_wird_ignoriert(client_fuer, mitglied_b, termine):
    client = client_fuer(mitglied_b)
    for wert in (termine["fremd"].pk, "abc", "99999999999999999999"):
        antwort = client.get(reverse("ressourcen:liste"), {"termin": wert})
        assert antwort.status_code == 200
        assert "Du suchst Ressourcen für" not in antwort.content.decode()


@pytest.mark.parametrize("anzahl", [1, 3])
def test_termin_seite_mit_fester_zahl_von_abfragen(
    client_fuer,
    django_assert_num_queries,
    anzahl,
    pavillon,
    akteur_b,
    mitglied_a,
    mitglied_b,
    termine,
):
    for i in range(anzahl):
        _genutzt(pavillon, akteur_b, mitglied_a, mitglied_b, termine["markt"], von=10 + 3 * i)
    client = client_fuer(mitglied_b)
    url = termine["markt"].get_absolute_url()
    client.get(url)
    with django_assert_num_queries(10):
        html = client.get(url).content.decode()
    assert html.count("Faltpavillon</a>") == anzahl


def test_termin_muss_zum_gewaehlten_akteur_passen(client_fuer, mitglied_b, akteur_b, pavillon):
    """A member of two actors sees both actors' dates, but one actor cannot borrow for the
    other's date."""
    chor = AkteurFactory(name="Chor Rieder")
    MitgliedschaftFactory(akteur=chor, user=mitglied_b)
    konzert = _termin("Chorkonzert", veranstalter=[chor])
    client = client_fuer(mitglied_b)
    antwort = _formular(client, pavillon, akteur=akteur_b.pk, termin=konzert.pk)
    assert "Wähl einen kommenden Termin dieses Akteurs" in antwort.content.decode()
    assert not Ausleihe.objects.exists()
    _formular(client, pavillon, akteur=chor.pk, termin=konzert.pk)
    assert Ausleihe.objects.get().termin == konzert


def test_ein_geloeschter_termin_laesst_die_ausleihe_stehen(
    pavillon, akteur_b, mitglied_a, mitglied_b, termine
):
    ausleihe = _genutzt(pavillon, akteur_b, mitglied_a, mitglied_b, termine["fest"])
    termine["fest"].delete()
    ausleihe.refresh_from_db()
    assert ausleihe.termin is None and ausleihe.status == Ausleihe.Status.ANGENOMMEN
    assert ausleihe.belegungen.count() == 1


@pytest.mark.parametrize("anzahl", [1, 25])
def test_pool_fuer_einen_termin_mit_fester_zahl_von_abfragen(
    client_fuer, mitglied_b, termine, django_assert_num_queries, anzahl
):
    for i in range(anzahl):
        RessourceFactory(name=f"Ding {i}")
    client = client_fuer(mitglied_b)
    daten = {"termin": termine["fest"].pk}
    client.get(reverse("ressourcen:liste"), daten)
    with django_assert_num_queries(8):  # the pool's 7 and the date
        html = client.get(reverse("ressourcen:liste"), daten).content.decode()
    links = re.findall(rf'href="/ressourcen/\d+/\?termin={termine["fest"].pk}"', html)
    assert len(links) == min(anzahl, 20)
