"""The pages of Lernen durch Engagement as teachers and partners use them, driven through the
forms the pages render."""

import pytest
from django.apps import apps
from django.urls import reverse

from arbeitsgruppen.lde import services
from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt
from termine.models import Termin
from tests.arbeitsgruppen.formular import formular
from tests.arbeitsgruppen.lde.factories import BedarfFactory, projekt, tag
from tests.factories import AkteurFactory

pytestmark = pytest.mark.django_db


def test_pinnwand_filtert(client_fuer, mitglied_b, ortsteile):
    BedarfFactory(titel="Insektenhotel", ortsteil=ortsteile["Badeborn"])
    BedarfFactory(
        titel="Vorlesen in der Kita",
        beschreibung="Bilderbücher vorlesen.",
        akteur=AkteurFactory(art="kita"),
    )
    client = client_fuer(mitglied_b)
    html = client.get(reverse("lde:bedarfe")).content.decode()
    assert "Insektenhotel" in html and "Vorlesen in der Kita" in html
    html = client.get(reverse("lde:bedarfe"), {"ortsteil": ortsteile["Badeborn"].pk}).content
    assert b"Insektenhotel" in html and b"Vorlesen" not in html
    html = client.get(reverse("lde:bedarfe"), {"akteur__art": "kita"}).content
    assert b"Insektenhotel" not in html and b"Vorlesen" in html
    html = client.get(reverse("lde:bedarfe"), {"q": "kita"}).content
    assert b"Insektenhotel" not in html and b"Vorlesen" in html
    antwort = client.get(reverse("lde:bedarfe"), {"akteur__art": "quatsch", "ortsteil": "x"})
    assert antwort.status_code == 200


@pytest.mark.parametrize("anzahl", [1, 25])
def test_pinnwand_mit_fester_zahl_von_abfragen(
    client_fuer, lehrkraft, django_assert_num_queries, anzahl, ortsteile
):
    for i in range(anzahl):
        BedarfFactory(titel=f"Bedarf {i}", ortsteil=ortsteile["Rieder"])
    client = client_fuer(lehrkraft)
    client.get(reverse("lde:bedarfe"))
    with django_assert_num_queries(9):
        html = client.get(reverse("lde:bedarfe")).content.decode()
    assert f"Bedarf {anzahl - 1}" in html


@pytest.mark.parametrize("anzahl", [1, 25])
def test_projektliste_und_auswertung_mit_fester_zahl_von_abfragen(
    client_fuer, schule, lehrkraft, akteur_a, akteur_b, django_assert_num_queries, anzahl
):
    for i in range(anzahl):
        projekt(schule, [akteur_a, akteur_b], bedarfe=[BedarfFactory()], titel=f"Projekt {i}")
    anonym = client_fuer()
    with django_assert_num_queries(5):
        assert b"Projekt 0" in anonym.get(reverse("lde:projekte")).content
    client = client_fuer(lehrkraft)
    client.get(reverse("lde:auswertung"))
    with django_assert_num_queries(13):
        assert b"Projekt 0" in client.get(reverse("lde:auswertung")).content


def test_bedarf_eintragen_und_zurueckziehen(client_fuer, mitglied_a, akteur_a):
    client = client_fuer(mitglied_a)
    seite = client.get(reverse("lde:bedarf_neu"))
    f = formular(seite, mit_feld="titel")
    assert f["optionen"]["akteur"] == [str(akteur_a.pk)]  # a browser sends the only choice
    f["felder"].update(
        akteur=str(akteur_a.pk),
        titel="Plakate für den Aktionstag",
        beschreibung="Wir brauchen bunte Plakate.",
        kontakt="Frau Berger",
        von=tag(5).isoformat(),
        bis=tag(2).isoformat(),
    )
    fehler = client.post(reverse("lde:bedarf_neu"), f["felder"])
    assert fehler.status_code == 200
    assert "Das Ende liegt vor dem Anfang" in fehler.content.decode()
    assert "Wir brauchen bunte Plakate." in fehler.content.decode()  # nothing typed is lost
    f["felder"]["bis"] = tag(20).isoformat()
    antwort = client.post(reverse("lde:bedarf_neu"), f["felder"])
    bedarf = Engagementbedarf.objects.get()
    assert antwort["Location"] == bedarf.get_absolute_url()
    assert bedarf.akteur == akteur_a and bedarf.erstellt_von == mitglied_a
    client.post(reverse("lde:bedarf_bearbeiten", args=[bedarf.pk]), {"zurueckziehen": "1"})
    bedarf.refresh_from_db()
    assert bedarf.status == Engagementbedarf.Status.ZURUECKGEZOGEN


def test_vom_bedarf_zum_projekt_mit_phasen_standards_reflexion_und_abschluss(
    client_fuer, schule, lehrkraft, akteur_a, mitglied_a
):
    bedarf = BedarfFactory(akteur=akteur_a, titel="Insektenhotel für den Gemeinschaftsgarten")
    client = client_fuer(lehrkraft)
    seite = client.get(reverse("lde:bedarf", args=[bedarf.pk]))
    assert f"?bedarf={bedarf.pk}" in seite.content.decode()

    neu = client.get(reverse("lde:projekt_neu"), {"bedarf": bedarf.pk})
    f = formular(neu, mit_feld="klasse")
    assert f["felder"]["titel"] == "Insektenhotel für den Gemeinschaftsgarten"
    assert f["felder"]["bedarfe"] == str(bedarf.pk)
    assert f["felder"]["partner"] == str(akteur_a.pk)
    f["felder"].update(klasse="6b", fach="Biologie", schuljahr="2026/2027")
    fehler = client.post(reverse("lde:projekt_neu"), f["felder"])
    assert "Bitte schreib das Schuljahr so" in fehler.content.decode()
    f["felder"]["schuljahr"] = services.aktuelles_schuljahr()
    antwort = client.post(reverse("lde:projekt_neu"), f["felder"])
    p = Klassenprojekt.objects.get()
    assert antwort["Location"] == reverse("lde:phasen", args=[p.pk])
    assert list(p.partner.all()) == [akteur_a]
    bedarf.refresh_from_db()
    assert bedarf.status == "uebernommen"

    f = formular(client.get(reverse("lde:phasen", args=[p.pk])), mit_feld="recherche_von")
    f["felder"].update(
        recherche_von=tag(1).isoformat(),
        recherche_bis=tag(7).isoformat(),
        aktion_von=tag(20).isoformat(),
        aktion_bis=tag(10).isoformat(),
    )
    fehler = client.post(reverse("lde:phasen", args=[p.pk]), f["felder"])
    assert "Der letzte Tag liegt vor dem ersten" in fehler.content.decode()
    assert not Termin.objects.exists()
    f["felder"]["aktion_bis"] = tag(21).isoformat()
    client.post(reverse("lde:phasen", args=[p.pk]), f["felder"])
    assert Termin.objects.count() == 2
    # The partner sees the dates in the plan, with the way into the calendar.
    plan = client_fuer(mitglied_a).get(reverse("lde:plan", args=[p.pk])).content.decode()
    termin = Termin.objects.order_by("start").first()
    assert termin.get_absolute_url() in plan
    kalender = client_fuer(mitglied_a).get(termin.get_absolute_url())
    assert kalender.status_code == 200

    f = formular(client.get(reverse("lde:standards", args=[p.pk])), mit_feld="reflexion_notiz")
    f["felder"].update(realer_bedarf_erfuellt="on", realer_bedarf_notiz="Der Garten wartet.")
    client.post(reverse("lde:standards", args=[p.pk]), f["felder"])
    oeffentlich = client_fuer().get(reverse("lde:projekt", args=[p.pk])).content.decode()
    assert "<strong>Realer Bedarf</strong>" in oeffentlich
    assert "<strong>Reflexion</strong>" not in oeffentlich

    plan = client.get(reverse("lde:plan", args=[p.pk]))
    f = formular(plan, mit_feld="text")
    leer = client.post(reverse("lde:reflexion", args=[p.pk]), {**f["felder"], "text": ""})
    assert leer.status_code == 400
    client.post(
        reverse("lde:reflexion", args=[p.pk]),
        {**f["felder"], "phase": "aktion", "text": "Die Klasse hat gehämmert."},
    )
    assert p.phasen.get(art="aktion").reflexionen.get().text == "Die Klasse hat gehämmert."

    client.post(
        reverse("lde:abschliessen", args=[p.pk]),
        {"ergebnis": "Ein Hotel für 200 Wildbienen steht im Garten.", "stunden": "18"},
    )
    oeffentlich = client_fuer().get(reverse("lde:projekt", args=[p.pk])).content.decode()
    assert "Ein Hotel für 200 Wildbienen" in oeffentlich
    assert "Die Klasse hat gehämmert." not in oeffentlich


def test_lehrkraft_mit_zwei_schulen_waehlt_die_schule(client_fuer, schule, andere_schule):
    from tests.factories import MitgliedschaftFactory

    user = MitgliedschaftFactory(akteur=schule).user
    MitgliedschaftFactory(akteur=andere_schule, user=user)
    html = client_fuer(user).get(reverse("lde:projekt_neu")).content.decode()
    assert "?schule=gymnasium" in html and "?schule=grundschule-badeborn" in html
    seite = client_fuer(user).get(reverse("lde:projekt_neu"), {"schule": "gymnasium"})
    assert 'name="klasse"' in seite.content.decode()
    assert client_fuer(user).get(reverse("lde:projekt_neu"), {"schule": "fremd"}).status_code == 404


def _alle_texte() -> str:
    """Every text of every row in the database, to prove that something is not stored."""
    teile = []
    for model in apps.get_models():
        for zeile in model._default_manager.values_list():
            teile.extend(str(w) for w in zeile)
    return "\n".join(teile)


def test_urkunde_als_pdf_ohne_namen_zu_speichern(client_fuer, schule, akteur_a, lehrkraft):
    p = projekt(schule, [akteur_a], von=lehrkraft)
    client = client_fuer(lehrkraft)
    f = formular(client.get(reverse("lde:urkunde", args=[p.pk])), mit_feld="namen")
    klasse = client.post(reverse("lde:urkunde", args=[p.pk]), f["felder"])
    assert klasse["Content-Type"] == "application/pdf"
    assert klasse.content.startswith(b"%PDF")
    antwort = client.post(
        reverse("lde:urkunde", args=[p.pk]), {"namen": "Mara Quendelbach\n\nJonte Wispermann\n"}
    )
    assert antwort["Content-Type"] == "application/pdf"
    assert antwort["Cache-Control"] == "no-store"
    texte = _alle_texte()
    assert "Quendelbach" not in texte and "Wispermann" not in texte
    assert "Quendelbach" not in str(client.session.items())


def test_csv_der_auswertung(client_fuer, schule, akteur_a, lehrkraft, koordination):
    projekt(schule, [akteur_a], titel="=Insektenhotel", von=lehrkraft)
    projekt(AkteurFactory(art="schule"), [akteur_a], titel="Fremde Schule")
    antwort = client_fuer(lehrkraft).get(reverse("lde:auswertung_csv"))
    text = antwort.content.decode("utf-8-sig")
    assert antwort["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Schuljahr;Schule;Klasse;Fach;Klassenprojekt")
    assert "'=Insektenhotel" in text  # no formula
    assert "Fremde Schule" not in text  # a teacher sees the own school's projects only
    alle = client_fuer(koordination).get(reverse("lde:auswertung_csv")).content.decode()
    assert "Fremde Schule" in alle


def test_urkunde_eine_seite_je_name(schule, akteur_a):
    from django.template.loader import render_to_string

    p = projekt(schule, [akteur_a])
    kontext = {"projekt": p, "partner": [akteur_a], "netzwerk": {"name": "Netzwerk"}}
    html = render_to_string("lde/urkunde_pdf.html", {**kontext, "namen": ["Mara", "Jonte"]})
    assert html.count('<section class="urkunde">') == 2
    assert "Mara" in html and "Jonte" in html
    klasse = render_to_string("lde/urkunde_pdf.html", {**kontext, "namen": [None]})
    assert klasse.count('<section class="urkunde">') == 1 and "Klasse 6b" in klasse


def test_mein_bereich_und_terminseite_fuehren_zum_projekt(
    client_fuer, schule, akteur_a, lehrkraft, mitglied_a, mitglied_b
):
    p = projekt(schule, [akteur_a], von=lehrkraft)
    services.phasen_speichern(projekt=p, daten={"aktion": (tag(2), tag(3))}, von=lehrkraft)
    plan = reverse("lde:plan", args=[p.pk])
    for user in (lehrkraft, mitglied_a):
        html = client_fuer(user).get(reverse("mein_bereich")).content.decode()
        assert plan in html
    html = client_fuer(mitglied_b).get(reverse("mein_bereich")).content.decode()
    assert plan not in html and reverse("lde:bedarfe") in html
    termin = Termin.objects.get()
    html = client_fuer(mitglied_a).get(termin.get_absolute_url()).content.decode()
    assert plan in html and "Phase „Aktion“" in html
    html = client_fuer(mitglied_b).get(termin.get_absolute_url()).content.decode()
    assert plan not in html and p.get_absolute_url() in html


@pytest.mark.parametrize("anzahl", [1, 12])
def test_plan_mit_fester_zahl_von_abfragen(
    client_fuer, schule, akteur_a, akteur_b, lehrkraft, django_assert_num_queries, anzahl
):
    p = projekt(schule, [akteur_a, akteur_b], bedarfe=[BedarfFactory()], von=lehrkraft)
    services.phasen_speichern(
        projekt=p, daten={"recherche": (tag(1), tag(2)), "aktion": (tag(9), None)}, von=None
    )
    for i in range(anzahl):
        services.reflexion_schreiben(
            phase=p.phasen.get(art="recherche"), text=f"Notiz {i}", von=lehrkraft
        )
    client = client_fuer(lehrkraft)
    url = reverse("lde:plan", args=[p.pk])
    client.get(url)
    with django_assert_num_queries(10):
        html = client.get(url).content.decode()
    assert f"Notiz {anzahl - 1}" in html
