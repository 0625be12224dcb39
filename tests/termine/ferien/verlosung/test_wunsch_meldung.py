"""After "Wünschen" the answer is in view: without JavaScript the redirect goes to the
section with the message at its top; with htmx the answer is the updated lists plus the
message for the live region, and no full page."""

import pytest
from django.urls import reverse

from termine.models import VerlosungsEinstellung, Wunsch
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
def lage():
    zeitraum = FerienzeitraumFactory(modus="verlosung", slug="ostern-2030")
    VerlosungsEinstellung.objects.create(zeitraum=zeitraum, max_favoriten=2)
    eltern = UserFactory()
    mia = KindFactory(eltern=eltern, vorname="Mia", geburtsdatum=geburtsdatum_fuer(8))
    kanu = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum, titel="Kanutour"))
    ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum, titel="Töpfern"))
    url = reverse("wuensche:kind", kwargs={"zeitraum": zeitraum.slug, "kind": mia.pk})
    return eltern, mia, kanu, url


def _abschnitt(html: str, anker: str) -> str:
    return html.split(f'id="{anker}"')[1].split("</section>")[0]


def test_ohne_javascript_steht_die_meldung_oben_im_abschnitt(client_fuer, lage):
    eltern, mia, kanu, url = lage
    c = client_fuer(eltern)
    antwort = c.post(url, {"hinzufuegen": kanu.pk, "filter": "kategorie=sport"})
    assert antwort["Location"] == f"{url}?kategorie=sport#auswahl"
    html = c.get(antwort["Location"]).content.decode()
    auswahl = _abschnitt(html, "auswahl")
    meldung = auswahl.index("Wunsch eingetragen: Kanutour.")
    # Right under the section's heading, before the filter and the offers.
    assert meldung < auswahl.index("<form")
    # Shown once, not also at the top of the page.
    assert html.count("Wunsch eingetragen: Kanutour.") == 1
    # Removing answers in the list of wishes.
    wunsch = Wunsch.objects.get()
    antwort = c.post(url, {"entfernen": wunsch.pk})
    assert antwort["Location"] == f"{url}#wuensche"
    html = c.get(antwort["Location"]).content.decode()
    assert "Wunsch entfernt: Kanutour." in _abschnitt(html, "wuensche")


def test_mit_htmx_kommen_die_listen_und_die_meldung_fuer_die_live_region(client_fuer, lage):
    eltern, mia, kanu, url = lage
    c = client_fuer(eltern)
    seite = c.get(url).content.decode()
    # The live region is on the page from the start, empty.
    assert '<div id="wunsch-meldung" class="wunsch-meldung" role="status"></div>' in seite
    assert f'data-hx-post="{url}"' in seite and 'data-hx-target="#wunschbereich"' in seite
    antwort = c.post(url, {"hinzufuegen": kanu.pk}, headers={"HX-Request": "true"})
    html = antwort.content.decode()
    assert antwort.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="wunschbereich">')
    wunsch = Wunsch.objects.get(kind=mia, durchfuehrung=kanu)
    assert f'name="entfernen" value="{wunsch.pk}"' in html
    assert f'name="hinzufuegen" value="{kanu.pk}"' not in html
    live = html.split('<div id="wunsch-meldung" data-hx-swap-oob="innerHTML">')[1]
    assert live.startswith('<div class="alert alert-success mb-0">Wunsch eingetragen: Kanutour.')
    # Nothing is left over for the next full page.
    assert "Wunsch eingetragen" not in c.get(url).content.decode()

    antwort = c.post(url, {"entfernen": wunsch.pk}, headers={"HX-Request": "true"})
    assert "Wunsch entfernt: Kanutour." in antwort.content.decode()
    assert not Wunsch.objects.exists()
