"""The wish phase's pages for families: permissions, adding and removing wishes through the
rendered forms, favourites with their limit, group codes, Mein Bereich, query counts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from termine.models import VerlosungsEinstellung, Wunsch, Wunschgruppe
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zeitraum(zeitraum):
    VerlosungsEinstellung.objects.create(zeitraum=zeitraum, max_favoriten=2)
    return zeitraum


@pytest.fixture
def eltern():
    return UserFactory(email="eltern@example.org", anzeigename="Paula Eltern")


@pytest.fixture
def mia(eltern):
    return KindFactory(eltern=eltern, vorname="Mia", geburtsdatum=geburtsdatum_fuer(8))


def _url(zeitraum, kind):
    return reverse("wuensche:kind", kwargs={"zeitraum": zeitraum.slug, "kind": kind.pk})


def _knopf(html: str, name: str, wert) -> bool:
    return f'name="{name}" value="{wert}"' in html


def test_anonyme_werden_zum_login_geschickt(client, zeitraum, mia):
    for url in (reverse("wuensche:uebersicht"), _url(zeitraum, mia)):
        antwort = client.get(url)
        assert antwort.status_code == 302 and "/konto/login/" in antwort["Location"]


@pytest.mark.parametrize("persona_name", ["bewohner", "mitglied_a", "mitglied_b", "koordination"])
def test_fremde_kinder_sind_404_fuer_jede_persona(
    request, persona_name, client_fuer, zeitraum, mia
):
    """Every logged-in persona but the child's family (anonymous: see the test above)."""
    user = request.getfixturevalue(persona_name)
    d = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum))
    c = client_fuer(user)
    assert c.get(_url(zeitraum, mia)).status_code == 404
    antwort = c.post(_url(zeitraum, mia), {"hinzufuegen": d.pk})
    assert antwort.status_code == 404
    assert not Wunsch.objects.exists()


def test_familie_traegt_wuensche_ein_und_entfernt_sie(client_fuer, eltern, zeitraum, mia):
    passend = ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, titel="Kanutour", alter_von=6, alter_bis=10)
    )
    zu_alt = ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, titel="Graffiti", alter_von=12, alter_bis=16)
    )
    c = client_fuer(eltern)
    html = c.get(_url(zeitraum, mia)).content.decode()
    assert "Wann du deine Wünsche einträgst, spielt keine Rolle." in html
    assert "Kanutour" in html and "Graffiti" not in html  # only age-fitting offers
    assert _knopf(html, "hinzufuegen", passend.pk) and not _knopf(html, "hinzufuegen", zu_alt.pk)

    antwort = c.post(_url(zeitraum, mia), {"hinzufuegen": passend.pk}, follow=True)
    wunsch = Wunsch.objects.get(kind=mia)
    assert wunsch.durchfuehrung == passend
    html = antwort.content.decode()
    assert "Wunsch eingetragen: Kanutour." in html
    assert "Eingetragener Wunsch (1)" in html
    assert _knopf(html, "entfernen", wunsch.pk)
    # A forged post for the unfitting offer is refused.
    c.post(_url(zeitraum, mia), {"hinzufuegen": zu_alt.pk})
    assert Wunsch.objects.filter(kind=mia).count() == 1

    antwort = c.post(_url(zeitraum, mia), {"entfernen": wunsch.pk}, follow=True)
    assert not Wunsch.objects.exists()
    assert "Wunsch entfernt: Kanutour." in antwort.content.decode()


def test_zu_viele_favoriten_fehler_am_feld_und_haken_bleiben(client_fuer, eltern, zeitraum, mia):
    wuensche = [
        Wunsch.objects.create(
            kind=mia, durchfuehrung=ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum))
        )
        for _ in range(3)
    ]
    c = client_fuer(eltern)
    html = c.get(_url(zeitraum, mia)).content.decode()
    assert "Kreuze deine Favoriten an (höchstens 2)" in html
    for w in wuensche:
        assert f'name="favoriten" value="{w.pk}"' in html
    antwort = c.post(
        _url(zeitraum, mia),
        {"favoriten": [w.pk for w in wuensche], "favoriten_speichern": "1"},
    )
    html = antwort.content.decode()
    assert antwort.status_code == 200
    fehler = re.search(r'id="favoriten-fehler"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "höchstens 2 Favoriten" in fehler
    assert 'aria-describedby="favoriten-fehler"' in html
    assert html.count("checked") == 3  # what the family ticked is kept
    assert not Wunsch.objects.filter(favorit=True).exists()

    c.post(
        _url(zeitraum, mia),
        {"favoriten": [wuensche[0].pk, wuensche[1].pk], "favoriten_speichern": "1"},
    )
    assert set(Wunsch.objects.filter(favorit=True)) == {wuensche[0], wuensche[1]}


def test_gruppencode_gruenden_beitreten_und_falscher_code(client_fuer, eltern, zeitraum, mia):
    freundin = KindFactory(vorname="Ida")
    c = client_fuer(eltern)
    html = c.get(_url(zeitraum, mia)).content.decode()
    assert _knopf(html, "gruppe_gruenden", 1)
    c.post(_url(zeitraum, mia), {"gruppe_gruenden": "1"})
    gruppe = Wunschgruppe.objects.get()
    html = c.get(_url(zeitraum, mia)).content.decode()
    assert gruppe.code in html and "Gib diesen Code der anderen Familie" in html

    andere = client_fuer(freundin.eltern)
    antwort = andere.post(_url(zeitraum, freundin), {"code": "falsch1", "gruppe_beitreten": "1"})
    html = antwort.content.decode()
    assert 'id="code-fehler"' in html and "Diesen Code kennen wir" in html
    assert 'value="falsch1"' in html  # the typed code is kept
    andere.post(_url(zeitraum, freundin), {"code": gruppe.code.lower(), "gruppe_beitreten": "1"})
    assert gruppe.mitglieder.count() == 2
    html = andere.get(_url(zeitraum, freundin)).content.decode()
    assert "(2 Kinder)" in html and "Mia" not in html  # no other family's names


def test_geschlossene_wunschphase_zeigt_nur_die_wuensche(client_fuer, eltern, zeitraum, mia):
    d = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum, titel="Kanutour"))
    w = Wunsch.objects.create(kind=mia, durchfuehrung=d)
    zeitraum.verlosung_einstellung.wuensche_bis = timezone.now() - timedelta(hours=1)
    zeitraum.verlosung_einstellung.save()
    c = client_fuer(eltern)
    html = c.get(_url(zeitraum, mia)).content.decode()
    assert "Die Wunschphase ist vorbei." in html
    assert "Kanutour" in html and not _knopf(html, "entfernen", w.pk)
    antwort = c.post(_url(zeitraum, mia), {"entfernen": w.pk})
    assert "Die Wunschphase von „Osterferien 2030“ ist beendet." in antwort.content.decode()
    assert Wunsch.objects.filter(pk=w.pk).exists()


def test_filter_nach_kategorie_und_tag(client_fuer, eltern, zeitraum, mia):
    ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, titel="Fußball", kategorie="sport"), tag=0
    )
    ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, titel="Töpfern", kategorie="kreativ"), tag=1
    )
    c = client_fuer(eltern)
    html = c.get(_url(zeitraum, mia) + "?kategorie=kreativ").content.decode()
    assert "Töpfern" in html and "Fußball" not in html
    tag = (zeitraum.beginn).isoformat()
    html = c.get(_url(zeitraum, mia) + f"?tag={tag}").content.decode()
    assert "Fußball" in html and "Töpfern" not in html


def test_uebersicht_und_mein_bereich_verlinken_die_kinder(client_fuer, eltern, zeitraum, mia):
    FerienzeitraumFactory(modus="sofort", name="Sommer ohne Verlosung")
    c = client_fuer(eltern)
    html = c.get(reverse("wuensche:uebersicht")).content.decode()
    assert "Osterferien 2030" in html and "Sommer ohne Verlosung" not in html
    assert _url(zeitraum, mia) in html and "Wünsche für Mia" in html
    html = c.get(reverse("mein_bereich")).content.decode()
    assert "Ferienwünsche" in html and _url(zeitraum, mia) in html


def test_uebersicht_ohne_offene_wunschphase(client_fuer, eltern):
    html = client_fuer(eltern).get(reverse("wuensche:uebersicht")).content.decode()
    assert "Gerade läuft keine Wunschphase." in html
    assert "Ferienwünsche" not in client_fuer(eltern).get(reverse("mein_bereich")).content.decode()


@pytest.mark.parametrize("anzahl", [1, 25])
def test_wunschseite_hat_konstante_abfragen(
    client_fuer, eltern, zeitraum, mia, django_assert_num_queries, anzahl
):
    for i in range(anzahl):
        angebot = FerienangebotFactory(zeitraum=zeitraum)
        Wunsch.objects.create(kind=mia, durchfuehrung=ferien_durchfuehrung(angebot, tag=i % 10))
        ferien_durchfuehrung(angebot, tag=i % 10 + 1)
    c = client_fuer(eltern)
    # session, user, period, child, wish phase open, wishes, occasions, group, network profile
    with django_assert_num_queries(9):
        antwort = c.get(_url(zeitraum, mia))
    titel = "Eingetragener Wunsch (1)" if anzahl == 1 else f"Eingetragene Wünsche ({anzahl})"
    assert titel in antwort.content.decode()
