"""What coordinators read in the Ferienkalender's admin: who cancelled, counts in plural form,
families counted as families."""

import pytest
from django.urls import reverse

from termine.ferien import services as ferien
from termine.models import Anmeldung
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)

pytestmark = pytest.mark.django_db

ANMELDUNGEN = reverse("admin:termine_anmeldung_changelist")


@pytest.fixture
def angebot():
    zeitraum = FerienzeitraumFactory(max_anmeldungen_pro_kind=1)
    return FerienangebotFactory(zeitraum=zeitraum, titel="Kanutour")


@pytest.fixture
def eltern():
    return UserFactory(email="eltern@example.org", anzeigename="Paula Eltern")


def _anmeldung(angebot, eltern, vorname="Mia", tag=0) -> Anmeldung:
    kind = KindFactory(eltern=eltern, vorname=vorname, geburtsdatum=geburtsdatum_fuer(8))
    return ferien.anmelden(
        kind=kind, durchfuehrung=ferien_durchfuehrung(angebot, tag=tag), von=eltern
    )


def _stornieren_im_admin(client, *anmeldungen):
    return client.post(
        ANMELDUNGEN,
        {"action": "stornieren", "_selected_action": [str(a.pk) for a in anmeldungen]},
        follow=True,
    )


def test_storno_der_koordination_heisst_nicht_von_der_familie(
    client_fuer, koordination, angebot, eltern
):
    anmeldung = _anmeldung(angebot, eltern)
    antwort = _stornieren_im_admin(client_fuer(koordination), anmeldung)
    html = antwort.content.decode()
    assert "1 Anmeldung storniert." in html  # not "1 Anmeldungen"
    anmeldung.refresh_from_db()
    assert anmeldung.status == Anmeldung.Status.STORNIERT
    assert anmeldung.storniert_durch == Anmeldung.StorniertDurch.KOORDINATION
    assert "Von der Koordination storniert" in html
    assert "Von der Familie storniert" not in html
    # The family reads the same truth on its page.
    familie = client_fuer(eltern).get(reverse("ferien:familie")).content.decode()
    assert "Von der Koordination storniert" in familie


def test_storno_der_familie_heisst_von_der_familie(client_fuer, koordination, angebot, eltern):
    anmeldung = _anmeldung(angebot, eltern)
    client_fuer(eltern).post(reverse("ferien:stornieren", args=[anmeldung.pk]))
    anmeldung.refresh_from_db()
    assert anmeldung.storniert_durch == Anmeldung.StorniertDurch.FAMILIE
    html = client_fuer(koordination).get(ANMELDUNGEN).content.decode()
    assert "Von der Familie storniert" in html


def test_alte_stornos_ohne_angabe_heissen_nur_storniert(client_fuer, koordination, angebot, eltern):
    anmeldung = _anmeldung(angebot, eltern)
    Anmeldung.objects.filter(pk=anmeldung.pk).update(
        status=Anmeldung.Status.STORNIERT, warteliste_position=None, storniert_durch=""
    )
    html = client_fuer(koordination).get(ANMELDUNGEN).content.decode()
    assert '<td class="field-status_text">Storniert</td>' in html


def test_mehrere_stornos_im_plural(client_fuer, koordination, angebot, eltern):
    erste = _anmeldung(angebot, eltern, "Mia", tag=0)
    zweite = _anmeldung(angebot, eltern, "Ben", tag=1)
    html = _stornieren_im_admin(client_fuer(koordination), erste, zweite).content.decode()
    assert "2 Anmeldungen storniert." in html


def test_veroeffentlichen_im_singular(client_fuer, koordination):
    angebot = FerienangebotFactory(status="eingereicht")
    antwort = client_fuer(koordination).post(
        reverse("admin:termine_ferienangebot_changelist"),
        {"action": "veroeffentlichen", "_selected_action": [str(angebot.pk)]},
        follow=True,
    )
    assert "1 Angebot veröffentlicht." in antwort.content.decode()
    angebot.refresh_from_db()
    assert angebot.status == "veroeffentlicht"


def test_absage_zaehlt_kinder_und_sagt_es(client_fuer, mitglied_a, akteur_a, eltern):
    angebot = FerienangebotFactory(akteur=akteur_a, titel="Kanutour")
    durchfuehrung = ferien_durchfuehrung(angebot)
    for vorname in ("Mia", "Ben", "Ida"):  # one family, three children
        kind = KindFactory(eltern=eltern, vorname=vorname, geburtsdatum=geburtsdatum_fuer(8))
        ferien.anmelden(kind=kind, durchfuehrung=durchfuehrung, von=eltern)
    antwort = client_fuer(mitglied_a).post(
        reverse("ferien:durchfuehrung_absagen", args=[durchfuehrung.pk]),
        {"grund": "Hochwasser"},
        follow=True,
    )
    html = antwort.content.decode()
    assert "Wir haben die Familien der 3 angemeldeten Kinder benachrichtigt." in html
    assert "3 Familien" not in html
    assert Anmeldung.objects.filter(status=Anmeldung.Status.ABGESAGT).count() == 3


def test_absage_ohne_anmeldungen(client_fuer, mitglied_a, akteur_a):
    durchfuehrung = ferien_durchfuehrung(FerienangebotFactory(akteur=akteur_a))
    antwort = client_fuer(mitglied_a).post(
        reverse("ferien:durchfuehrung_absagen", args=[durchfuehrung.pk]),
        {"grund": "Hochwasser"},
        follow=True,
    )
    assert "Der Termin ist abgesagt. Angemeldet war niemand." in antwort.content.decode()


def test_hoechstzahl_eins_im_singular(angebot, eltern):
    anmeldung = _anmeldung(angebot, eltern, "Mia", tag=0)
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.anmelden(
            kind=anmeldung.kind,
            durchfuehrung=ferien_durchfuehrung(angebot, tag=2),
            von=eltern,
        )
    assert "Mia hat in diesen Ferien schon 1 Anmeldung, mehr geht pro Kind nicht." in str(
        fehler.value.nachricht
    )


def test_ein_platz_im_singular_auf_teilnehmerliste_und_im_heft(
    client, client_fuer, mitglied_a, akteur_a
):
    zeitraum = FerienzeitraumFactory(name="Herbst 2030", slug="herbst-2030")
    angebot = FerienangebotFactory(
        zeitraum=zeitraum, akteur=akteur_a, titel="Kanutour", status="veroeffentlicht"
    )
    durchfuehrung = ferien_durchfuehrung(angebot, plaetze=1)
    liste = client_fuer(mitglied_a).get(reverse("ferien:teilnehmende", args=[durchfuehrung.pk]))
    assert "0 von 1 Platz belegt" in liste.content.decode()
    heft = client.get(reverse("ferien:heft", args=[zeitraum.slug])).content.decode()
    assert "1 Platz" in heft and "1 Plätze" not in heft
