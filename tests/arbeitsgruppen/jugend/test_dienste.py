"""The workflows: guardian's confirmation, posting, support and the answer owed, the trail."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from arbeitsgruppen.jugend import services
from arbeitsgruppen.jugend.models import Idee, Jugendprofil, Unterstuetzung
from arbeitsgruppen.jugend.wortliste import treffer
from arbeitsgruppen.models import Vorhaben
from tests.arbeitsgruppen.jugend.factories import IdeeFactory, jugendlich
from tests.factories import AkteurFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Idee.Status


def test_unter_16_erst_nach_bestaetigung_per_signiertem_link(client, bewohner):
    mail.outbox.clear()
    profil = services.profil_speichern(
        user=bewohner,
        spitzname="Sternchen",
        geburtsjahr=timezone.localdate().year - 14,
        sorgeberechtigt_email="mama@example.org",
    )
    assert not services.darf_einreichen(bewohner)
    with pytest.raises(PermissionDenied):
        services.idee_einreichen(autor=bewohner, titel="X", was="x", warum="y")
    assert [m.to for m in mail.outbox] == [["mama@example.org"]]
    link = next(z for z in mail.outbox[0].body.split() if "/jugend/bestaetigen/" in z)
    pfad = link.split("://", 1)[-1].split("/", 1)[1]
    # GET only shows what is confirmed (mail scanners open links); POST confirms.
    antwort = client.get("/" + pfad)
    assert "Sternchen" in antwort.content.decode()
    profil.refresh_from_db()
    assert profil.bestaetigt_am is None
    client.post("/" + pfad)
    profil.refresh_from_db()
    assert profil.bestaetigt_am is not None
    assert services.darf_einreichen(bewohner)


def test_link_gilt_nicht_mehr_nach_neuer_adresse_und_nicht_nach_14_tagen(bewohner):
    profil = services.profil_speichern(
        user=bewohner,
        spitzname="Sternchen",
        geburtsjahr=timezone.localdate().year - 13,
        sorgeberechtigt_email="mama@example.org",
    )
    alt = services.bestaetigung_token(profil)
    assert services.bestaetigung_laden(alt) == profil
    services.profil_speichern(
        user=bewohner,
        spitzname="Sternchen",
        geburtsjahr=profil.geburtsjahr,
        sorgeberechtigt_email="papa@example.org",
    )
    with pytest.raises(services.LinkUngueltig):
        services.bestaetigung_laden(alt)
    neu = services.bestaetigung_token(Jugendprofil.objects.get(user=bewohner))
    with (
        time_machine.travel(timezone.now() + timedelta(days=15)),
        pytest.raises(services.LinkUngueltig, match="14 Tage|14 days"),
    ):
        services.bestaetigung_laden(neu)
    with pytest.raises(services.LinkUngueltig):
        services.bestaetigung_laden("kaputt")


def test_bestaetigung_nur_nach_geburtsjahr_und_auf_der_sicheren_seite():
    jahr = timezone.localdate().year
    assert Jugendprofil(geburtsjahr=jahr - 16).braucht_bestaetigung()  # may still be 15
    assert not Jugendprofil(geburtsjahr=jahr - 17).braucht_bestaetigung()


def test_jugendgruppe_nur_fuer_gruppenleitung(jugendliche, jugendclub):
    eigene = services.idee_einreichen(
        autor=jugendliche, titel="A", was="a", warum="b", jugendgruppe="Fremde Gruppe"
    )
    assert eigene.jugendgruppe == "" and eigene.von == "Skatefan"
    fuer_gruppe = services.idee_einreichen(
        autor=jugendclub, titel="B", was="a", warum="b", jugendgruppe="Jugendclub Rieder"
    )
    assert fuer_gruppe.von == "Jugendclub Rieder"
    assert list(fuer_gruppe.schritte.values_list("status", flat=True)) == [S.EINGEGANGEN]
    with pytest.raises(ValidationError):
        services.idee_einreichen(autor=jugendclub, titel="C", was="a", warum="b")


def test_bewohner_ohne_profil_darf_nicht_posten(bewohner):
    assert not services.darf_einreichen(bewohner)


def test_unterstuetzen_einmal_zurueckziehen_und_eigene_idee(idee, bewohner, jugendliche):
    services.unterstuetzen(idee=idee, user=bewohner)
    services.unterstuetzen(idee=idee, user=bewohner, benachrichtigen=True)
    assert Unterstuetzung.objects.get().benachrichtigen is True
    assert services.anzahl_unterstuetzungen(idee) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Unterstuetzung.objects.create(idee=idee, user=bewohner)
    with pytest.raises(ValidationError):
        services.unterstuetzen(idee=idee, user=jugendliche)
    assert services.zurueckziehen(idee=idee, user=bewohner) is True
    assert services.anzahl_unterstuetzungen(idee) == 0
    assert services.zurueckziehen(idee=idee, user=bewohner) is False


def test_schwelle_verpflichtet_zur_antwort_mit_frist(idee, ag_jugend, settings):
    settings.JUGEND_SCHWELLE = 3
    settings.JUGEND_ANTWORTFRIST_TAGE = 10
    mail.outbox.clear()
    for _ in range(2):
        services.unterstuetzen(idee=idee, user=UserFactory())
    idee.refresh_from_db()
    assert idee.antwort_bis is None and idee.status == S.EINGEGANGEN
    services.unterstuetzen(idee=idee, user=UserFactory())
    idee.refresh_from_db()
    assert idee.anlass == Idee.Anlass.SCHWELLE
    assert idee.zustaendig_gruppe == ag_jugend
    assert idee.antwort_bis == timezone.localdate() + timedelta(days=10)
    assert idee.status == S.IN_PRUEFUNG
    assert "Jugendbeteiligung" in idee.schritte.last().text
    # The author hears about the step.
    assert [m.to for m in mail.outbox] == [["lena@example.org"]]
    assert not idee.ist_ueberfaellig()
    assert idee.ist_ueberfaellig(timezone.localdate() + timedelta(days=11))
    assert Idee.objects.antwort_ueberfaellig(timezone.localdate() + timedelta(days=11)).exists()


def test_tagesordnung_mit_akteur(idee, ag_leitung):
    stadt = AkteurFactory(name="Stadt Ballenstedt", art="kommune")
    services.verpflichten(idee=idee, anlass=Idee.Anlass.TAGESORDNUNG, akteur=stadt, von=ag_leitung)
    idee.refresh_from_db()
    assert idee.zustaendig == stadt
    assert "Stadt Ballenstedt" in idee.schritte.last().text


def test_statusweg_mit_pflichtgrund_und_mails(idee, ag_leitung, bewohner):
    services.unterstuetzen(idee=idee, user=bewohner, benachrichtigen=True)
    stumm = UserFactory(email="stumm@example.org")
    services.unterstuetzen(idee=idee, user=stumm)
    mail.outbox.clear()
    services.status_setzen(idee=idee, status=S.IN_PRUEFUNG, text="Wir schauen.", von=ag_leitung)
    assert sorted(m.to[0] for m in mail.outbox) == ["bewohner@example.org", "lena@example.org"]
    assert "Skateanlage erneuern" in mail.outbox[0].subject
    with pytest.raises(ValidationError) as fehler:
        services.status_setzen(idee=idee, status=S.ABGELEHNT, text="  ", von=ag_leitung)
    assert "Grund" in str(fehler.value) or "reason" in str(fehler.value)
    with pytest.raises(ValidationError):
        services.status_setzen(idee=idee, status=S.EINGEGANGEN, text="zurück", von=ag_leitung)
    services.status_setzen(idee=idee, status=S.ABGELEHNT, text="Kein Platz.", von=ag_leitung)
    with pytest.raises(ValidationError):
        services.status_setzen(idee=idee, status=S.UMGESETZT, text="doch", von=ag_leitung)
    assert list(idee.schritte.values_list("status", flat=True)) == [
        S.EINGEGANGEN,
        S.IN_PRUEFUNG,
        S.ABGELEHNT,
    ]
    with pytest.raises(ValidationError):
        services.unterstuetzen(idee=idee, user=UserFactory())


def test_idee_wird_vorhaben(idee, ag_jugend, ag_leitung):
    vorhaben = services.vorhaben_anlegen(idee=idee, von=ag_leitung)
    assert vorhaben.gruppe == ag_jugend and vorhaben.titel == idee.titel
    assert Idee.objects.get(pk=idee.pk).vorhaben == vorhaben
    with pytest.raises(ValidationError):
        services.vorhaben_anlegen(idee=idee, von=ag_leitung)
    assert Vorhaben.objects.count() == 1


def test_melden_verstecken_freigeben(idee, bewohner, ag_leitung):
    mail.outbox.clear()
    services.melden(idee=idee, von=bewohner, grund="Da steht ein Name drin.")
    assert [m.to for m in mail.outbox] == [["ag-leitung@example.org"]]
    with pytest.raises(ValidationError):
        services.verstecken(idee=idee, grund="", von=ag_leitung)
    services.verstecken(idee=idee, grund="Enthält einen Namen.", von=ag_leitung)
    assert not Idee.objects.oeffentlich().filter(pk=idee.pk).exists()
    assert idee.meldungen.get().erledigt_am is not None
    assert "Enthält einen Namen." in mail.outbox[-1].body
    services.freigeben(idee=idee)
    assert Idee.objects.oeffentlich().filter(pk=idee.pk).exists()


def test_wortliste_findet_ganze_woerter_und_zusammensetzungen():
    assert treffer("Du Vollidiot!", ["idiot"]) == ["idiot"]
    assert treffer("IDIOTEN überall", ["idiot"]) == ["idiot"]
    assert treffer("Eine Idiotie", []) == []
    assert treffer("Schöne Bank", ["idiot", "spast"]) == []


def test_markierte_idee_geht_an_die_moderation(jugendliche, ag_leitung):
    mail.outbox.clear()
    idee = services.idee_einreichen(autor=jugendliche, titel="T", was="w", warum="w", markiert=True)
    assert idee.markiert
    assert [m.to for m in mail.outbox] == [["ag-leitung@example.org"]]


def test_ideen_zaehlen_archivierte_unterstuetzungen(idee, bewohner):
    services.unterstuetzen(idee=idee, user=bewohner)
    Idee.objects.filter(pk=idee.pk).update(unterstuetzungen_archiv=4)
    assert Idee.objects.mit_unterstuetzung().get(pk=idee.pk).anzahl_unterstuetzungen == 5


def test_junge_darf_ohne_bestaetigung_nicht(junge):
    assert not services.darf_einreichen(junge)
    profil = junge.jugendprofil
    services.bestaetigen(profil=profil)
    assert services.darf_einreichen(junge)
    assert IdeeFactory(autor=junge).von == "Pixel"
    assert jugendlich(20).darf_posten()


def test_gemeldet_oder_markiert_nur_mit_offener_meldung(idee, jugendliche, bewohner):
    """An idea without any report is not "reported" (the LEFT JOIN's NULL must not count)."""
    ohne = IdeeFactory(autor=jugendliche)
    markiert = IdeeFactory(autor=jugendliche, markiert=True)
    services.melden(idee=idee, von=bewohner, grund="Name")
    assert set(Idee.objects.gemeldet_oder_markiert()) == {idee, markiert}
    idee.meldungen.update(erledigt_am=timezone.now())
    assert set(Idee.objects.gemeldet_oder_markiert()) == {markiert}
    assert ohne not in Idee.objects.gemeldet_oder_markiert()
