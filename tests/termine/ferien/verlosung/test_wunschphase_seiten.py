"""The Ferienkalender's public pages and admin for a period in wish mode ("verlosung"): the
way to the wish page while the wish phase is open, and the right words about registration
before, during and after the lottery."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from termine.ferien import services as ferien
from termine.models import VerlosungsEinstellung, Verlosungslauf
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)

pytestmark = pytest.mark.django_db

WUNSCHSEITE = reverse("wuensche:uebersicht")


@pytest.fixture
def zeitraum(zeitraum):
    """Wish mode; wishes until in 5 days; registration for remaining places from in 10 days."""
    jetzt = timezone.now()
    zeitraum.anmeldung_ab = jetzt + timedelta(days=10)
    zeitraum.save(update_fields=["anmeldung_ab"])
    VerlosungsEinstellung.objects.create(zeitraum=zeitraum, wuensche_bis=jetzt + timedelta(days=5))
    return zeitraum


@pytest.fixture
def angebot(zeitraum):
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel="Töpfern")
    ferien_durchfuehrung(angebot, plaetze=4)
    return angebot


def _bestaetigen(zeitraum):
    Verlosungslauf.objects.create(zeitraum=zeitraum, seed=1, status="bestaetigt", pruefsumme="-")


def _seiten(client, angebot):
    zeitraum = angebot.zeitraum
    return {
        "liste": client.get(reverse("ferien:liste", kwargs={"zeitraum": zeitraum.slug})),
        "tage": client.get(reverse("ferien:tage", kwargs={"zeitraum": zeitraum.slug})),
        "angebot": client.get(angebot.get_absolute_url()),
    }


def test_offene_wunschphase_fuehrt_zur_wunschseite(client, angebot):
    for name, antwort in _seiten(client, angebot).items():
        html = antwort.content.decode()
        assert f'href="{WUNSCHSEITE}">Wünsche eintragen</a>' in html, name
        assert "Wunschphase läuft" in html, name
        assert "geschlossen" not in html, name
    # The wish page itself asks anonymous visitors to log in first, then comes back.
    antwort = client.get(WUNSCHSEITE)
    assert antwort.status_code == 302 and "next=" in antwort["Location"]


def test_nach_der_verlosung_startet_die_anmeldung_noch(client, zeitraum, angebot):
    _bestaetigen(zeitraum)
    assert zeitraum.anmeldung_kommt_noch()
    ab = timezone.localtime(zeitraum.anmeldung_ab)
    for name, antwort in _seiten(client, angebot).items():
        html = antwort.content.decode()
        assert "Die Verlosung ist vorbei. Anmeldung für die restlichen Plätze ab" in html, name
        assert f"{ab:%H:%M}" in html, name
        assert WUNSCHSEITE not in html and "geschlossen" not in html, name
    d = angebot.durchfuehrungen.get()
    kind = KindFactory(geburtsdatum=geburtsdatum_fuer(9, d.erster_tag))
    with pytest.raises(ferien.AnmeldungNichtMoeglich, match="Die Anmeldung startet am"):
        ferien.anmelden(kind=kind, durchfuehrung=d, von=kind.eltern)


def test_nach_der_verlosung_und_ab_dem_datum_ist_die_anmeldung_offen(client, zeitraum, angebot):
    _bestaetigen(zeitraum)
    zeitraum.anmeldung_ab = timezone.now() - timedelta(hours=1)
    zeitraum.save()
    seiten = _seiten(client, angebot)
    for name, antwort in seiten.items():
        html = antwort.content.decode()
        assert WUNSCHSEITE not in html and "verlost" not in html, name
        if name != "angebot":  # the offer page shows the buttons instead
            assert "Anmeldung ist offen" in html, name
    d = angebot.durchfuehrungen.get()
    assert reverse("ferien:anmelden", args=[d.pk]) in seiten["angebot"].content.decode()


def test_vor_der_verlosung_ist_keine_sofortanmeldung(client_fuer, zeitraum, angebot):
    d = angebot.durchfuehrungen.get()
    kind = KindFactory(geburtsdatum=geburtsdatum_fuer(9, d.erster_tag))
    with pytest.raises(ferien.AnmeldungNichtMoeglich, match="werden verlost"):
        ferien.anmelden(kind=kind, durchfuehrung=d, von=kind.eltern)
    html = client_fuer(kind.eltern).get(reverse("ferien:anmelden", args=[d.pk])).content.decode()
    assert "Wunschphase läuft" in html and WUNSCHSEITE in html
    assert "geschlossen" not in html


def test_anmeldestand_in_allen_phasen(zeitraum):
    jetzt = timezone.now()
    einstellung = zeitraum.verlosung_einstellung
    stand = ferien.anmeldestand(zeitraum, jetzt)
    assert stand == ferien.Anmeldestand("wuensche", bis=einstellung.wuensche_bis)
    assert stand.wuensche_offen
    # Wish phase over, lottery not confirmed yet.
    assert ferien.anmeldestand(zeitraum, jetzt + timedelta(days=6)).phase == "verlosung"
    # Wish phase not started yet.
    einstellung.wuensche_ab = jetzt + timedelta(days=1)
    einstellung.save()
    stand = ferien.anmeldestand(zeitraum, jetzt)
    assert (stand.phase, stand.ab) == ("wuensche_kommen", einstellung.wuensche_ab)
    # Confirmed: first come from `anmeldung_ab` until `anmeldung_bis`.
    _bestaetigen(zeitraum)
    assert ferien.anmeldestand(zeitraum, jetzt).phase == "kommt_noch"
    assert ferien.anmeldestand(zeitraum, jetzt + timedelta(days=11)).phase == "offen"
    assert ferien.anmeldestand(zeitraum, zeitraum.anmeldung_bis + timedelta(hours=1)).phase == (
        "geschlossen"
    )


def test_sofortanmeldung_kostet_keine_abfrage(django_assert_num_queries):
    zeitraum = FerienzeitraumFactory(anmeldung_ab=timezone.now() + timedelta(days=1))
    with django_assert_num_queries(0):
        assert ferien.anmeldestand(zeitraum).phase == "kommt_noch"


def test_admin_fuehrt_von_der_periode_zur_verlosung(client_fuer, koordination, zeitraum):
    client = client_fuer(koordination)
    url = reverse("admin:termine_ferienzeitraum_change", args=[zeitraum.pk])
    html = client.get(url).content.decode()
    berechnen = f"{reverse('admin:termine_verlosungslauf_add')}?zeitraum={zeitraum.pk}"
    assert f'href="{berechnen}">Verlosung: Vorschau berechnen</a>' in html
    # The link opens the form with the period already chosen.
    formular = client.get(berechnen).content.decode()
    assert f'<option value="{zeitraum.pk}" selected>' in formular

    sofort = FerienzeitraumFactory()
    url = reverse("admin:termine_ferienzeitraum_change", args=[sofort.pk])
    html = client.get(url).content.decode()
    assert "Verlosung: Vorschau berechnen" not in html  # (the sidebar has its own add link)
