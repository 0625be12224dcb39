"""Minutes of working-group meetings: members write them in a form, publishing mails the
group's members, and the group page lists past meetings with their minutes. The minutes
are the Stammtisch's Protokoll (one model for every Termin)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from termine.models import Folgeaufgabe, Protokoll, ProtokollPunkt, Termin
from tests.arbeitsgruppen.factories import MitgliedFactory
from tests.factories import AkteurFactory, ArbeitsgruppeFactory, UserFactory
from tests.termine.factories import TerminFactory
from tests.termine.formulare import formular_daten


@pytest.fixture
def gruppe(db):
    return ArbeitsgruppeFactory(name="Steuerungsgruppe", slug="steuerung", sichtbarkeit="intern")


@pytest.fixture
def leitung(gruppe):
    return MitgliedFactory(
        gruppe=gruppe,
        rolle="leitung",
        user=UserFactory(email="leitung@example.org", anzeigename="Lea Leitung"),
    ).user


@pytest.fixture
def mitglied(gruppe):
    return MitgliedFactory(
        gruppe=gruppe, user=UserFactory(email="mitglied@example.org", anzeigename="Max Mitglied")
    ).user


@pytest.fixture
def fremd(db):
    andere = ArbeitsgruppeFactory(name="Jugendbeteiligung", slug="jugend")
    return MitgliedFactory(
        gruppe=andere, user=UserFactory(email="fremd@example.org", anzeigename="Frida Fremd")
    ).user


def _treffen(gruppe, tage=-7, **extra) -> Termin:
    start = timezone.now().replace(microsecond=0) + timedelta(days=tage)
    return TerminFactory(
        titel=extra.pop("titel", f"Treffen {gruppe.name}"),
        start=start,
        ende=start + timedelta(hours=2),
        arbeitsgruppe=gruppe,
        sichtbarkeit=extra.pop("sichtbarkeit", "gruppe"),
        **extra,
    )


def _url(termin) -> str:
    return reverse("termine:protokoll_bearbeiten", args=[termin.pk])


def test_leitung_schreibt_und_veroeffentlicht_mitglieder_bekommen_und_lesen_es(
    client_fuer, gruppe, leitung, mitglied, fremd, mailoutbox
):
    garten = AkteurFactory(name="Gartenverein")
    gast = AkteurFactory(name="Heimatverein")
    gruppe.akteure.add(garten)
    termin = _treffen(gruppe)
    c = client_fuer(leitung)

    formular = c.get(_url(termin))
    assert "Protokoll: Treffen Steuerungsgruppe" in formular.content.decode()
    assert "Gartenverein" in formular.content.decode()
    daten = formular_daten(
        formular,
        personenzahl="7",
        anwesende=str(garten.pk),
        weitere=str(gast.pk),
        beschluesse="Wir machen ein Sommerfest.",
        **{
            "punkte-0-titel": "Sommerfest",
            "punkte-0-notizen": "Termin im August.",
            "punkte-1-titel": "Finanzen",
            "aufgaben-0-text": "Zelt leihen",
            "aufgaben-0-verantwortlich": str(gast.pk),
            "aufgaben-0-faellig_am": "2026-08-01",
        },
    )
    antwort = c.post(_url(termin), daten, follow=True)
    assert "Das Protokoll ist gespeichert." in antwort.content.decode()
    protokoll = Protokoll.objects.get(termin=termin)
    assert protokoll.personenzahl == 7
    assert set(protokoll.anwesende.all()) == {garten, gast}
    assert [p.titel for p in protokoll.punkte.all()] == ["Sommerfest", "Finanzen"]
    aufgabe = protokoll.folgeaufgaben.get()
    assert (aufgabe.text, aufgabe.verantwortlich) == ("Zelt leihen", gast)
    assert not protokoll.veroeffentlicht
    assert mailoutbox == []

    # The form shows what was saved; publishing from it mails the group's members once.
    daten = formular_daten(antwort, aktion="veroeffentlichen")
    antwort = c.post(_url(termin), daten, follow=True)
    text = antwort.content.decode()
    assert "veröffentlicht und an 2 Personen geschickt" in text
    assert "Wir machen ein Sommerfest." in text
    protokoll.refresh_from_db()
    assert protokoll.veroeffentlicht
    assert sorted(a for m in mailoutbox for a in m.to) == [
        "leitung@example.org",
        "mitglied@example.org",
    ]
    assert "Zelt leihen" in mailoutbox[0].body

    # Publishing again sends nothing more.
    c.post(_url(termin), formular_daten(c.get(_url(termin)), aktion="veroeffentlichen"))
    assert len(mailoutbox) == 2

    lesen = client_fuer(mitglied).get(reverse("stammtisch:protokoll", args=[protokoll.pk]))
    assert "Sommerfest" in lesen.content.decode()
    assert "Zelt leihen" in lesen.content.decode()
    # Another group's member may not see an internal group's meeting, nor its minutes.
    fremd_lesen = client_fuer(fremd).get(reverse("stammtisch:protokoll", args=[protokoll.pk]))
    assert fremd_lesen.status_code == 404
    assert "Sommerfest" not in fremd_lesen.content.decode()


def test_fremde_bekommen_404_und_anonyme_die_anmeldung(client_fuer, gruppe, leitung, fremd):
    termin = _treffen(gruppe)
    antwort = client_fuer(fremd).get(_url(termin))
    assert antwort.status_code == 404
    anonym = client_fuer(None).get(_url(termin))
    assert anonym.status_code == 302
    assert anonym.url.startswith(reverse("account_login"))
    # Dates without a working group have no members' minutes form.
    akteur = AkteurFactory()
    ohne_gruppe = TerminFactory(veranstalter=[akteur])
    from tests.factories import MitgliedschaftFactory

    MitgliedschaftFactory(akteur=akteur, user=leitung)
    assert client_fuer(leitung).get(_url(ohne_gruppe)).status_code == 404


def test_gefaelschter_post_fuer_fremde_gruppe_schreibt_nichts(
    client_fuer, gruppe, leitung, fremd, mailoutbox
):
    termin = _treffen(gruppe)
    daten = formular_daten(
        client_fuer(leitung).get(_url(termin)),
        personenzahl="3",
        aktion="veroeffentlichen",
        **{"punkte-0-titel": "Gefälscht"},
    )
    antwort = client_fuer(fremd).post(_url(termin), daten)
    assert antwort.status_code == 404
    assert not Protokoll.objects.exists()
    assert not ProtokollPunkt.objects.exists()
    assert mailoutbox == []


def test_fehler_im_formset_behalten_die_eingaben(client_fuer, gruppe, leitung):
    termin = _treffen(gruppe)
    c = client_fuer(leitung)
    daten = formular_daten(
        c.get(_url(termin)),
        personenzahl="viele",
        beschluesse="Bleibt stehen",
        **{
            "punkte-0-titel": "Sommerfest",
            "punkte-0-notizen": "Notizen bleiben",
            "aufgaben-0-faellig_am": "31.02.2026",
        },
    )
    antwort = c.post(_url(termin), daten)
    text = antwort.content.decode()
    assert antwort.status_code == 400
    assert "Bitte prüf die markierten Felder" in text
    assert "Ganze Zahl eingeben" in text or "ganze Zahl" in text
    assert "Dieses Feld ist zwingend erforderlich." in text  # the follow-up has no text
    assert "Bleibt stehen" in text
    assert "Notizen bleiben" in text
    assert 'value="Sommerfest"' in text
    assert not Protokoll.objects.exists()
    assert not Folgeaufgabe.objects.exists()


def test_gruppenseite_zeigt_vergangene_treffen_mit_protokoll(
    client_fuer, gruppe, leitung, fremd, koordination
):
    offen = _treffen(gruppe, tage=-14, titel="Treffen im Mai")
    fertig = _treffen(gruppe, tage=-7, titel="Treffen im Juni")
    Protokoll.objects.create(termin=offen)
    protokoll = Protokoll.objects.create(termin=fertig, veroeffentlicht_am=timezone.now())
    seite = client_fuer(leitung).get(gruppe.get_absolute_url()).content.decode()
    assert "Vergangene Treffen" in seite
    assert reverse("stammtisch:protokoll", args=[protokoll.pk]) in seite
    assert "Protokoll bearbeiten" in seite
    assert _url(fertig) in seite and _url(offen) in seite
    assert f"{reverse('termine:neu')}?gruppe={gruppe.pk}" in seite

    offene_gruppe = ArbeitsgruppeFactory(name="Garten", sichtbarkeit="transparent")
    ohne = _treffen(offene_gruppe, titel="Gartentreffen", sichtbarkeit="netzwerk")
    seite = client_fuer(fremd).get(offene_gruppe.get_absolute_url()).content.decode()
    assert "Gartentreffen" in seite
    assert _url(ohne) not in seite  # not a member: may not write the minutes
    assert "Protokoll schreiben" not in seite
    seite = client_fuer(koordination).get(offene_gruppe.get_absolute_url()).content.decode()
    assert "Protokoll schreiben" in seite


@pytest.mark.parametrize("anzahl", [1, 6])
def test_gruppenseite_konstante_abfragen(
    client_fuer, django_assert_num_queries, gruppe, leitung, anzahl
):
    for i in range(anzahl):
        termin = _treffen(gruppe, tage=-i - 1)
        Protokoll.objects.create(termin=termin, veroeffentlicht_am=timezone.now())
        _treffen(gruppe, tage=i + 1)
    c = client_fuer(leitung)
    # (+1: the horizon of the occurrences table)
    with django_assert_num_queries(21):
        antwort = c.get(gruppe.get_absolute_url())
    assert "Protokoll bearbeiten" in antwort.content.decode()


def test_neuer_termin_aus_der_gruppe_ist_nur_fuer_die_gruppe(client_fuer, gruppe, leitung):
    antwort = client_fuer(leitung).get(reverse("termine:neu"), {"gruppe": gruppe.pk})
    daten = formular_daten(antwort)
    assert daten["arbeitsgruppe"] == [str(gruppe.pk)]
    assert daten["sichtbarkeit"] == ["gruppe"]
    andere = ArbeitsgruppeFactory()
    daten = formular_daten(client_fuer(leitung).get(reverse("termine:neu"), {"gruppe": andere.pk}))
    assert daten.get("arbeitsgruppe", [""]) == [""]
