"""The Verlosung's admin says what its numbers are: places given of the places drawn, and
families counted as families (one mail per child, but three children are one family)."""

import re

import pytest
from django.urls import reverse

from termine.models import Anmeldung, Verlosungslauf, Wunsch
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)
from tests.termine.formulare import formular_daten

pytestmark = pytest.mark.django_db

ADD = reverse("admin:termine_verlosungslauf_add")


@pytest.fixture
def zeitraum():
    z = FerienzeitraumFactory(modus="verlosung", name="Osterferien 2030", slug="ostern-2030")
    kanu = ferien_durchfuehrung(FerienangebotFactory(zeitraum=z, titel="Kanutour"), plaetze=1)
    toepfern = ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=z, titel="Töpfern"), tag=1, plaetze=12
    )
    familie_a = UserFactory(email="familie-a@example.org")
    familie_b = UserFactory(email="familie-b@example.org")
    for vorname, eltern in (("Mia", familie_a), ("Ben", familie_a), ("Ida", familie_a)) + (
        ("Tom", familie_b),
    ):
        kind = KindFactory(
            vorname=vorname, geburtsdatum=geburtsdatum_fuer(8, kanu.erster_tag), eltern=eltern
        )
        Wunsch.objects.create(kind=kind, durchfuehrung=kanu)
        Wunsch.objects.create(kind=kind, durchfuehrung=toepfern)
    return z


def _zeilen(html: str) -> dict[str, str]:
    """Occasion title → the text of the "places given" cell."""
    tabelle = html.split("Plätze und Wartelisten je Durchführung</caption>")[1]
    return {
        titel: zelle
        for titel, zelle in re.findall(
            r'<th scope="row">([^<]+)<br>.*?</th>\s*<td>([^<]+)</td>', tabelle, re.S
        )
    }


def test_vergebene_plaetze_und_benachrichtigte_familien(
    client_fuer, koordination, zeitraum, mailoutbox
):
    c = client_fuer(koordination)
    c.post(ADD, formular_daten(c.get(ADD), zeitraum=str(zeitraum.pk), seed="4711"))
    lauf = Verlosungslauf.objects.get()
    html = c.get(reverse("admin:termine_verlosungslauf_change", args=[lauf.pk])).content.decode()
    assert "Vergebene Plätze" in html and "Vergeben / frei" not in html
    assert _zeilen(html) == {"Kanutour": "1 von 1 (0 frei)", "Töpfern": "4 von 12 (8 frei)"}

    url = reverse("admin:termine_verlosungslauf_bestaetigen", args=[lauf.pk])
    seite = c.get(url).content.decode()
    assert "4 von 4 Kindern bekommen einen Platz. 3 Wartelistenplätze." in seite
    antwort = c.post(url, follow=True)
    assert (
        "Bestätigt: 5 Plätze und 3 Wartelistenplätze angelegt, 2 Familien per E-Mail "
        "benachrichtigt (eine E-Mail je Kind)."
    ) in antwort.content.decode()
    assert Anmeldung.objects.bestaetigt().count() == 5
    assert Anmeldung.objects.warteliste().count() == 3
    # One mail per child, to two addresses.
    assert len(mailoutbox) == 4
    assert {m.to[0] for m in mailoutbox} == {"familie-a@example.org", "familie-b@example.org"}


def test_eine_familie_ein_platz_im_singular(client_fuer, koordination, mailoutbox):
    z = FerienzeitraumFactory(modus="verlosung", name="Herbst 2030", slug="herbst-2030")
    kanu = ferien_durchfuehrung(FerienangebotFactory(zeitraum=z, titel="Kanutour"), plaetze=1)
    kind = KindFactory(vorname="Mia", geburtsdatum=geburtsdatum_fuer(8, kanu.erster_tag))
    Wunsch.objects.create(kind=kind, durchfuehrung=kanu)
    c = client_fuer(koordination)
    c.post(ADD, formular_daten(c.get(ADD), zeitraum=str(z.pk), seed="1"))
    lauf = Verlosungslauf.objects.get()
    url = reverse("admin:termine_verlosungslauf_bestaetigen", args=[lauf.pk])
    assert "1 von 1 Kind bekommt einen Platz. 0 Wartelistenplätze." in c.get(url).content.decode()
    antwort = c.post(url, follow=True)
    assert (
        "Bestätigt: 1 Platz und 0 Wartelistenplätze angelegt, 1 Familie per E-Mail benachrichtigt"
    ) in antwort.content.decode()
