"""Workflows of the pool: ask, accept (units held), decline, withdraw, handover, reminder."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from tests.factories import AkteurFactory, MitgliedschaftFactory, UserFactory
from tests.vereine.ressourcen.factories import RessourceFactory, anfrage, tag
from vereine.ressourcen import services
from vereine.ressourcen.models import (
    Ausleihe,
    Belegung,
    Ressource,
    RessourcenEinheit,
    Uebergabe,
    Zustandseintrag,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zelt(akteur_a, mitglied_a):
    return RessourceFactory(akteur=akteur_a, name="Faltpavillon 3×6 m", menge=1)


def test_menge_ergibt_einheiten(akteur_a):
    garnituren = RessourceFactory(akteur=akteur_a, menge=20)
    assert garnituren.einheiten.count() == 20
    garnituren.menge = 5
    services.einheiten_abgleichen(ressource=garnituren)
    assert list(garnituren.einheiten.values_list("nummer", flat=True)) == [1, 2, 3, 4, 5]


def test_anfrage_schickt_mails_an_beide_seiten(zelt, akteur_b, mitglied_b):
    mail.outbox.clear()
    ausleihe = anfrage(zelt, akteur_b, user=mitglied_b)
    assert ausleihe.status == Ausleihe.Status.ANGEFRAGT
    empfaenger = sorted(m.to[0] for m in mail.outbox)
    assert empfaenger == ["mitglied-a@example.org", "mitglied-b@example.org"]
    assert any("Sportverein Badeborn" in m.subject for m in mail.outbox)


def test_anfrage_prueft_vorlauf_menge_und_freigabe(zelt, akteur_b, mitglied_b):
    with pytest.raises(ValidationError) as fehler:
        anfrage(zelt, akteur_b, von=1, bis=0, menge=3, user=mitglied_b)
    assert set(fehler.value.message_dict) == {"von", "bis", "menge"}
    zelt.ausleihbar_fuer = Ressource.Ausleihbar.AUSGEWAEHLTE
    zelt.save()
    with pytest.raises(ValidationError) as fehler:
        anfrage(zelt, akteur_b, user=mitglied_b)
    assert "akteur" in fehler.value.message_dict
    zelt.freigegeben_fuer.add(akteur_b)
    assert anfrage(zelt, akteur_b, user=mitglied_b).pk
    with pytest.raises(ValidationError):
        anfrage(zelt, zelt.akteur, user=mitglied_b)  # never one's own item


def test_annehmen_belegt_und_ueberschneidung_wird_abgewiesen(zelt, mitglied_a, akteur_b):
    erste = anfrage(zelt, akteur_b, von=10, bis=12)
    zweite = anfrage(zelt, AkteurFactory(), von=12, bis=14)
    dritte = anfrage(zelt, AkteurFactory(), von=13, bis=14)
    mail.outbox.clear()
    services.ausleihe_annehmen(ausleihe=erste, von=mitglied_a, antwort="Gern!")
    erste.refresh_from_db()
    assert erste.status == Ausleihe.Status.ANGENOMMEN and erste.antwort == "Gern!"
    assert Belegung.objects.filter(ausleihe=erste).count() == 1
    assert {m.subject for m in mail.outbox} == {"Zugesagt: Faltpavillon 3×6 m"}
    with pytest.raises(services.NichtVerfuegbar):
        services.ausleihe_annehmen(ausleihe=zweite, von=mitglied_a)
    zweite.refresh_from_db()
    assert zweite.status == Ausleihe.Status.ANGEFRAGT
    services.ausleihe_annehmen(ausleihe=dritte, von=mitglied_a)
    with pytest.raises(ValidationError):
        services.ausleihe_annehmen(ausleihe=dritte, von=mitglied_a)


def test_menge_teilt_einheiten(akteur_a, mitglied_a):
    garnituren = RessourceFactory(akteur=akteur_a, name="Bierzeltgarnitur", menge=20)
    a = anfrage(garnituren, menge=12)
    b = anfrage(garnituren, menge=8)
    c = anfrage(garnituren, menge=1)
    services.ausleihe_annehmen(ausleihe=a, von=mitglied_a)
    services.ausleihe_annehmen(ausleihe=b, von=mitglied_a)
    with pytest.raises(services.NichtVerfuegbar):
        services.ausleihe_annehmen(ausleihe=c, von=mitglied_a)
    assert Belegung.objects.filter(einheit__ressource=garnituren).count() == 20
    assert services.kleinste_menge(garnituren) == 20
    assert services.menge_fehler(garnituren, 19)


def test_ablehnen_und_zurueckziehen(zelt, mitglied_a, akteur_b, mitglied_b):
    abgelehnt = anfrage(zelt, akteur_b, user=mitglied_b)
    services.ausleihe_ablehnen(ausleihe=abgelehnt, von=mitglied_a, antwort="Da ist Sommerfest.")
    abgelehnt.refresh_from_db()
    assert abgelehnt.status == Ausleihe.Status.ABGELEHNT
    angenommen = anfrage(zelt, akteur_b, user=mitglied_b)
    services.ausleihe_annehmen(ausleihe=angenommen, von=mitglied_a)
    mail.outbox.clear()
    services.ausleihe_zurueckziehen(ausleihe=angenommen, von=mitglied_b)
    assert not Belegung.objects.filter(ausleihe=angenommen).exists()
    assert [m.to for m in mail.outbox] == [["mitglied-a@example.org"]]
    neu = anfrage(zelt, AkteurFactory())
    services.ausleihe_annehmen(ausleihe=neu, von=mitglied_a)  # the days are free again


def test_uebergabe_und_rueckgabe_schreiben_die_geschichte(zelt, mitglied_a, akteur_b):
    ausleihe = anfrage(zelt, akteur_b)
    services.ausleihe_annehmen(ausleihe=ausleihe, von=mitglied_a)
    services.uebergabe_erfassen(
        uebergabe=Uebergabe(ausleihe=ausleihe, art=Uebergabe.Art.AUSGABE), von=mitglied_a
    )
    services.uebergabe_erfassen(
        uebergabe=Uebergabe(
            ausleihe=ausleihe, art=Uebergabe.Art.RUECKGABE, schaden=True, notiz="Stange verbogen"
        ),
        von=mitglied_a,
    )
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ZURUECKGEGEBEN
    assert list(zelt.zustaende.values_list("zustand", flat=True)) == [
        Zustandseintrag.Zustand.BESCHAEDIGT,
        Zustandseintrag.Zustand.AUSGELIEHEN,
    ]
    with pytest.raises(ValidationError):
        services.uebergabe_erfassen(
            uebergabe=Uebergabe(ausleihe=ausleihe, art=Uebergabe.Art.RUECKGABE), von=mitglied_a
        )


def test_erinnerung_am_rueckgabetag_einmal(zelt, mitglied_a, akteur_b, mitglied_b):
    ausleihe = anfrage(zelt, akteur_b, von=3, bis=5, user=mitglied_b)
    services.ausleihe_annehmen(ausleihe=ausleihe, von=mitglied_a)
    mail.outbox.clear()
    assert services.rueckgabe_erinnern(heute=tag(4)) == 0
    assert services.rueckgabe_erinnern(heute=tag(5)) == 1
    assert services.rueckgabe_erinnern(heute=tag(5)) == 0
    assert [m.to for m in mail.outbox] == [["mitglied-b@example.org"]]
    assert "Faltpavillon" in mail.outbox[0].subject


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the constraint is PostgreSQL's")
def test_datenbank_weist_ueberschneidende_belegung_ab(zelt, akteur_b):
    einheit = RessourcenEinheit.objects.get(ressource=zelt)
    a = Ausleihe.objects.create(ressource=zelt, akteur=akteur_b, von=tag(5), bis=tag(8))
    b = Ausleihe.objects.create(ressource=zelt, akteur=akteur_b, von=tag(8), bis=tag(9))
    Belegung.objects.create(ausleihe=a, einheit=einheit, von=a.von, bis=a.bis)
    with pytest.raises(IntegrityError), transaction.atomic():
        Belegung.objects.create(ausleihe=b, einheit=einheit, von=b.von, bis=b.bis)
    Belegung.objects.create(ausleihe=b, einheit=einheit, von=tag(9), bis=tag(9))


def test_unbeantwortet_seit_einer_woche(zelt, akteur_b):
    import time_machine

    alt = anfrage(zelt, akteur_b, von=30, bis=31)
    with time_machine.travel(alt.erstellt.timestamp() + 8 * 86400, tick=False):
        assert list(Ausleihe.objects.unbeantwortet_seit(7)) == [alt]
    assert not Ausleihe.objects.unbeantwortet_seit(7).exists()


def test_mitglieder_ohne_aktives_konto_bekommen_keine_mail(zelt, akteur_b):
    MitgliedschaftFactory(akteur=akteur_b, user=UserFactory(is_active=False))
    assert services.adressen_von(akteur_b) == []


def test_akteur_mit_gebuchter_ressource_laesst_sich_loeschen(zelt, mitglied_a, akteur_a, akteur_b):
    ausleihe = anfrage(zelt, akteur_b)
    services.ausleihe_annehmen(ausleihe=ausleihe, von=mitglied_a)
    akteur_a.delete()
    assert not Ressource.objects.exists() and not Belegung.objects.exists()
