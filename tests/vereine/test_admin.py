"""The coordinators' back office: lists, filters, search, approve and reject with a message."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from tests.factories import AkteurFactory, GesuchFactory, RueckmeldungFactory, UserFactory
from vereine.models import Akteur, Mitgliedschaft

pytestmark = pytest.mark.django_db
LISTE = reverse("admin:vereine_akteur_changelist")


@pytest.fixture
def admin_client(client_fuer, koordination):
    return client_fuer(koordination)


@pytest.fixture
def vorschlag(db):
    return AkteurFactory(
        name="Imkerverein Rieder",
        status="beantragt",
        vorgeschlagen_von=UserFactory(email="imkerin@example.org"),
    )


def test_liste_filtert_nach_status(admin_client, vorschlag, akteur_a):
    html = admin_client.get(LISTE, {"status__exact": "beantragt"}).content.decode()
    assert "Imkerverein Rieder" in html and "Heimatverein Ballenstedt" not in html


def test_liste_suche_und_mitgliederzahl(admin_client, mitglied_a, akteur_a, akteur_b):
    html = admin_client.get(LISTE, {"q": "Heimat"}).content.decode()
    assert "Heimatverein Ballenstedt" in html and "Sportverein Badeborn" not in html
    assert '<td class="field-anzahl_mitglieder">1</td>' in html


@pytest.mark.parametrize("anzahl", [1, 30])
def test_liste_braucht_feste_zahl_von_abfragen(admin_client, django_assert_num_queries, anzahl):
    for _ in range(anzahl):
        AkteurFactory(vorgeschlagen_von=UserFactory())
    with django_assert_num_queries(9):
        html = admin_client.get(LISTE).content.decode()
    assert html.count('class="action-select"') == anzahl


def test_freigeben_mit_nachricht(admin_client, vorschlag, mailoutbox):
    daten = {"action": "freigeben", ACTION_CHECKBOX_NAME: [vorschlag.pk]}
    zwischenseite = admin_client.post(LISTE, daten)
    html = zwischenseite.content.decode()
    assert "Imkerverein Rieder" in html and 'name="nachricht"' in html
    vorschlag.refresh_from_db()
    assert vorschlag.status == "beantragt" and not mailoutbox

    antwort = admin_client.post(
        LISTE, {**daten, "bestaetigt": "1", "nachricht": "Willkommen im Netzwerk!"}, follow=True
    )
    assert "1 Akteur freigegeben." in antwort.content.decode()
    vorschlag.refresh_from_db()
    assert vorschlag.status == "aktiv"
    assert Mitgliedschaft.objects.get(akteur=vorschlag).user.email == "imkerin@example.org"
    assert Mitgliedschaft.objects.get(akteur=vorschlag).rolle == "leitung"
    (mail,) = mailoutbox
    assert mail.to == ["imkerin@example.org"] and "Willkommen im Netzwerk!" in mail.body


def test_ablehnen_braucht_eine_nachricht(admin_client, vorschlag, mailoutbox):
    daten = {"action": "ablehnen", ACTION_CHECKBOX_NAME: [vorschlag.pk], "bestaetigt": "1"}
    antwort = admin_client.post(LISTE, {**daten, "nachricht": ""})
    assert "Dieses Feld ist zwingend erforderlich" in antwort.content.decode()
    vorschlag.refresh_from_db()
    assert vorschlag.status == "beantragt"

    admin_client.post(LISTE, {**daten, "nachricht": "Den gibt es schon als Abteilung."})
    vorschlag.refresh_from_db()
    assert vorschlag.status == "abgelehnt"
    assert not Mitgliedschaft.objects.filter(akteur=vorschlag).exists()
    (mail,) = mailoutbox
    assert "Den gibt es schon als Abteilung." in mail.body


def test_aktion_ignoriert_nicht_beantragte(admin_client, akteur_a, mailoutbox):
    antwort = admin_client.post(
        LISTE,
        {
            "action": "ablehnen",
            ACTION_CHECKBOX_NAME: [akteur_a.pk],
            "bestaetigt": "1",
            "nachricht": "x",
        },
        follow=True,
    )
    assert "wartet auf eine Entscheidung" in antwort.content.decode()
    assert Akteur.objects.get(pk=akteur_a.pk).status == "aktiv" and not mailoutbox


def test_mitglieder_inline_auf_der_aenderungsseite(admin_client, mitglied_a, akteur_a):
    html = admin_client.get(
        reverse("admin:vereine_akteur_change", args=[akteur_a.pk])
    ).content.decode()
    assert "mitglied-a@example.org" in html or "Anna A." in html
    assert "mitgliedschaften-TOTAL_FORMS" in html


def test_gesuche_und_rueckmeldungen_im_admin(admin_client, akteur_a):
    gesuch = GesuchFactory(akteur=akteur_a, titel="Chronik abtippen")
    RueckmeldungFactory(gesuch=gesuch, name="Hanna")
    html = admin_client.get(reverse("admin:vereine_gesuch_changelist")).content.decode()
    assert "Chronik abtippen" in html and "1 (1 neu)" in html
    html = admin_client.get(reverse("admin:vereine_rueckmeldung_changelist")).content.decode()
    assert "Hanna" in html and "Heimatverein Ballenstedt" in html
    assert admin_client.get(reverse("admin:vereine_rueckmeldung_add")).status_code == 403


def test_mitglied_kommt_nicht_in_den_admin(client_fuer, mitglied_a):
    antwort = client_fuer(mitglied_a).get(LISTE)
    assert antwort.status_code == 302 and "login" in antwort.url
