"""Demo data of the Ferienkalender: the last summer holidays (over: about 40 offers, a
Ferienwoche, full occasions with waiting lists, statistics and participant lists) and the next
holidays with registration open now, with children for the persona eltern@example.org.

All dates come from :mod:`termine.ferien.demo_zeit`, relative to the day the command runs; the past
summer's registrations are written directly (the service would refuse them), the open
period's go through the real service (checks, waiting list).

Idempotent: periods by slug, offers by (period, title), children by (guardian, first name).
When the calendar has moved on since the last run (today's plan names other periods), the
Ferienkalender demo is rebuilt for today. Everything is marked "(Beispiel)".
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from django.utils import timezone

from netzwerk.models import Ortsteil, Schulferien, User
from netzwerk.zeit import ortszeit
from termine.ferien import demo_zeit
from termine.ferien import services as ferien
from termine.ferien.demo_zeit import MARKE, Ferien
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Einwilligung,
    Ferienangebot,
    Ferienwoche,
    Ferienzeitraum,
    Kind,
    Termin,
    Verlosungslauf,
    Wunsch,
    Wunschgruppe,
)
from vereine.models import Akteur

K = Ferienangebot.Kategorie

# title, actor slug, category, age from, age to, cost, place, places per occasion
ANGEBOTE = [
    ("Fußball-Feriencamp", "sportverein", K.SPORT, 6, 12, "15", "Sportplatz Badeborn", 20),
    ("Tischtennis für Einsteiger", "sportverein", K.SPORT, 8, 14, "0", "Turnhalle Badeborn", 8),
    ("Mini-Olympiade", "sportverein", K.SPORT, 5, 9, "0", "Sportplatz Badeborn", 15),
    (
        "Jugendfeuerwehr zum Ausprobieren",
        "feuerwehr-opperode",
        K.WISSEN,
        8,
        14,
        "0",
        "Gerätehaus Opperode",
        12,
    ),
    (
        "Wasserspiele mit der Feuerwehr",
        "feuerwehr-opperode",
        K.SPORT,
        6,
        12,
        "0",
        "Gerätehaus Opperode",
        20,
    ),
    (
        "Erste Hilfe für Kinder",
        "feuerwehr-opperode",
        K.WISSEN,
        9,
        13,
        "0",
        "Gerätehaus Opperode",
        10,
    ),
    (
        "Stadtrallye durch die Altstadt",
        "heimatverein",
        K.AUSFLUG,
        8,
        13,
        "2",
        "Heimatmuseum, Ballenstedt",
        16,
    ),
    ("Ritter und Burgfräulein", "heimatverein", K.KULTUR, 6, 10, "3", "Schlosspark", 14),
    (
        "Alte Handwerke: Papierschöpfen",
        "heimatverein",
        K.KREATIV,
        8,
        14,
        "4",
        "Heimatmuseum, Ballenstedt",
        8,
    ),
    ("Singen im Grünen", "chor-asmusstedt", K.KULTUR, 5, 12, "0", "Gemeindehaus Asmusstedt", 20),
    ("Trommelworkshop", "chor-asmusstedt", K.KULTUR, 8, 15, "5", "Gemeindehaus Asmusstedt", 10),
    ("Kräuterschnecke bauen", "gartenfreunde", K.NATUR, 6, 12, "0", "Gartenanlage Radisleben", 10),
    ("Insektenhotel basteln", "gartenfreunde", K.NATUR, 6, 11, "3", "Gartenanlage Radisleben", 12),
    (
        "Erdbeeren naschen und pflanzen",
        "gartenfreunde",
        K.NATUR,
        4,
        8,
        "0",
        "Gartenanlage Radisleben",
        10,
    ),
    ("Angeln lernen am Teich", "angelverein-rieder", K.NATUR, 9, 15, "0", "Vereinsteich Rieder", 8),
    ("Was lebt im Bach?", "angelverein-rieder", K.NATUR, 7, 12, "0", "Bachufer Rieder", 12),
    ("Rathaus-Detektive", "stadt", K.WISSEN, 8, 12, "0", "Rathaus Ballenstedt", 15),
    ("Kinderkino im Rathaussaal", "stadt", K.KULTUR, 5, 12, "0", "Rathaussaal", 60),
    ("Orgelentdeckertag", "kirchengemeinde", K.KULTUR, 7, 13, "0", "Stiftskirche", 15),
    ("Zeltnacht im Pfarrgarten", "kirchengemeinde", K.AUSFLUG, 8, 12, "10", "Pfarrgarten", 16),
    ("Kinderbibeltage", "kirchengemeinde", K.SONSTIGES, 6, 11, "0", "Gemeindehaus", 30),
    ("Experimente im Schullabor", "gymnasium", K.WISSEN, 10, 14, "0", "Gymnasium, Raum 112", 12),
    ("Roboter programmieren", "gymnasium", K.WISSEN, 10, 16, "0", "Gymnasium, Informatikraum", 10),
    ("Sternwarte bei Nacht", "gymnasium", K.WISSEN, 10, 16, "0", "Sternwarte am Gymnasium", 15),
    (
        "Lesezelt auf dem Schulhof",
        "grundschule-badeborn",
        K.KULTUR,
        6,
        10,
        "0",
        "Grundschule Badeborn",
        20,
    ),
    (
        "Kreide-Kunst auf dem Schulhof",
        "grundschule-badeborn",
        K.KREATIV,
        5,
        10,
        "0",
        "Grundschule Badeborn",
        25,
    ),
    ("Kleine Forscher: Wasser", "kita-sonnenschein", K.WISSEN, 4, 6, "0", "Kita Sonnenschein", 10),
    ("Matschküche", "kita-sonnenschein", K.NATUR, 3, 6, "0", "Kita Sonnenschein", 10),
    ("Bewegungsbaustelle", "kita-zwergenland", K.SPORT, 3, 6, "0", "Kita Zwergenland", 12),
    (
        "Brötchen backen in der Backstube",
        "baeckerei",
        K.KOCHEN,
        7,
        12,
        "3",
        "Bäckerei Krume, Badeborn",
        6,
    ),
    ("Pizza selbst gemacht", "baeckerei", K.KOCHEN, 8, 14, "5", "Bäckerei Krume, Badeborn", 8),
    (
        "Blick in die Autowerkstatt",
        "autohaus",
        K.WISSEN,
        10,
        15,
        "0",
        "Autohaus Harzrand, Asmusstedt",
        8,
    ),
    ("Vogelhaus bauen", "tischlerei", K.KREATIV, 8, 14, "6", "Tischlerei Holzwerk, Radisleben", 8),
    (
        "Holzschwert schnitzen",
        "tischlerei",
        K.KREATIV,
        9,
        14,
        "4",
        "Tischlerei Holzwerk, Radisleben",
        6,
    ),
    ("Reparieren statt wegwerfen", "repair-cafe", K.WISSEN, 10, 16, "0", "Repair-Café", 8),
    ("Fahrrad-Check für Kinder", "repair-cafe", K.WISSEN, 8, 14, "0", "Marktplatz", 12),
    ("Graffiti-Workshop", "jugendinitiative", K.KREATIV, 12, 18, "0", "Jugendclub Opperode", 12),
    ("Skatepark-Tag", "jugendinitiative", K.SPORT, 10, 17, "0", "Skatepark Opperode", 25),
    ("Podcast aufnehmen", "jugendinitiative", K.KULTUR, 12, 17, "0", "Jugendclub Opperode", 6),
    (
        "Kochen mit geretteten Lebensmitteln",
        "tafel",
        K.KOCHEN,
        10,
        16,
        "0",
        "Ausgabestelle Rieder",
        8,
    ),
]

# The next holidays: a smaller programme, registration open now. Titles fit every season,
# since these may be the Christmas, Easter or autumn holidays.
OFFEN = [
    (
        "Ferienwerkstatt: Laternen bauen",
        "heimatverein",
        K.KREATIV,
        6,
        11,
        "2",
        "Heimatmuseum, Ballenstedt",
        6,
    ),
    ("Hallenfußball-Turnier", "sportverein", K.SPORT, 7, 12, "0", "Turnhalle Badeborn", 16),
    (
        "Spurensuche am Vereinsteich",
        "angelverein-rieder",
        K.NATUR,
        6,
        12,
        "0",
        "Treff am Vereinsteich",
        12,
    ),
    ("Kekse backen", "baeckerei", K.KOCHEN, 6, 10, "2", "Bäckerei Krume, Badeborn", 2),
    (
        "Brettspiel-Nachmittag",
        "jugendinitiative",
        K.SONSTIGES,
        8,
        16,
        "0",
        "Jugendclub Opperode",
        20,
    ),
    ("Sterne gucken", "gymnasium", K.WISSEN, 9, 16, "0", "Sternwarte am Gymnasium", 10),
]


def _akteur(slug: str) -> Akteur:
    akteur, _ = Akteur.objects.get_or_create(
        slug=slug,
        defaults={"name": slug.replace("-", " ").title() + " " + MARKE, "status": "aktiv"},
    )
    return akteur


def _zeitraum(f: Ferien, **felder) -> Ferienzeitraum:
    zeitraum, _ = Ferienzeitraum.objects.update_or_create(
        slug=f.slug,
        defaults={
            "name": f.name,
            "schulferien": Schulferien.objects.filter(name=f.name, beginn=f.beginn).first(),
            "beginn": f.beginn,
            "ende": f.ende,
            "beschreibung": "Das gemeinsame Ferienprogramm der Vereine, Schulen, Kitas und "
            "Betriebe in Ballenstedt und seinen Ortsteilen. " + MARKE,
            **felder,
        },
    )
    return zeitraum


def _angebot(zeitraum, eintrag, nummer: int, woche=None) -> Ferienangebot:
    titel, slug, kategorie, von, bis, kosten, ort, _plaetze = eintrag
    akteur = _akteur(slug)
    angebot, _ = Ferienangebot.objects.update_or_create(
        zeitraum=zeitraum,
        titel=titel,
        defaults={
            "akteur": akteur,
            "beschreibung": f"{titel}: Ein Ferienangebot von {akteur.name} für Kinder von "
            f"{von} bis {bis} Jahren. Komm vorbei und mach mit! {MARKE}",
            "kategorie": kategorie,
            "alter_von": von,
            "alter_bis": bis,
            "kosten": Decimal(kosten),
            "ermaessigung_hinweis": "Geschwister zahlen die Hälfte." if kosten != "0" else "",
            "ort": ort,
            "ortsteil": akteur.ortsteil or Ortsteil.objects.first(),
            "mitbringen": "Getränk, wetterfeste Kleidung" if nummer % 2 else "",
            "barrierefreiheit": "Stufenloser Zugang" if nummer % 3 == 0 else "",
            "kontaktperson": f"{akteur.name}, 039483 {1000 + nummer}",
            "anmeldung_noetig": nummer % 9 != 4,  # a few "einfach vorbeikommen"
            "schwimmfaehigkeit_noetig": "Wasser" in titel,
            "status": Ferienangebot.Status.VEROEFFENTLICHT,
            "ferienwoche": woche,
        },
    )
    return angebot


def _durchfuehrungen(angebot, tage: list[date], stunde: int, plaetze: int) -> list:
    if angebot.durchfuehrungen.exists():
        return list(angebot.durchfuehrungen.select_related("termin"))
    return [
        ferien.durchfuehrung_speichern(
            angebot=angebot,
            start=ortszeit(tag, time(stunde)),
            ende=ortszeit(tag, time(stunde + 3)),
            max_plaetze=plaetze if angebot.anmeldung_noetig else None,
            min_plaetze=3 if angebot.anmeldung_noetig else 0,
            von=None,
        )
        for tag in tage
    ]


def _papierkind(nummer: int, alter: int, stichtag: date) -> Kind:
    kind, neu = Kind.objects.get_or_create(
        eltern=None,
        vorname=f"Beispielkind {nummer}",
        nachname=MARKE,
        defaults={
            "geburtsdatum": date(stichtag.year - alter, 3, 1),
            "sorgeberechtigt_name": f"Beispielfamilie {nummer}",
            "notfall_telefon": f"0170 000{nummer:03d}",
        },
    )
    if neu:
        Einwilligung.objects.create(kind=kind, art=Einwilligung.Art.SORGEBERECHTIGT, version="demo")
    return kind


def _sommer(koordination, f: Ferien) -> None:
    zeitraum = _zeitraum(
        f,
        **demo_zeit.fenster_vergangen(f),
        max_anmeldungen_pro_kind=5,
        status=Ferienzeitraum.Status.VEROEFFENTLICHT,
    )
    werktage = f.werktage()
    woche_tage = werktage[10:15]  # the third week
    woche, _ = Ferienwoche.objects.update_or_create(
        zeitraum=zeitraum,
        slug="ferienwoche-am-schloss",
        defaults={
            "titel": "Ferienwoche am Schloss",
            "beschreibung": "Eine Woche, fünf Vereine, jeden Tag etwas anderes rund um den "
            "Schlosspark. " + MARKE,
            "beginn": woche_tage[0],
            "ende": woche_tage[-1],
        },
    )
    wochen_slugs = {"heimatverein", "chor-asmusstedt", "kirchengemeinde", "stadt", "tischlerei"}
    nummer_kind = 0
    for nummer, eintrag in enumerate(ANGEBOTE):
        in_woche = eintrag[1] in wochen_slugs and nummer % 2 == 0
        angebot = _angebot(zeitraum, eintrag, nummer, woche if in_woche else None)
        if in_woche:
            tage = [woche_tage[nummer % len(woche_tage)]]
        else:
            start = (nummer * 3) % (len(werktage) - 6)
            tage = werktage[start : start + 1 + nummer % 3]
        durchfuehrungen = _durchfuehrungen(angebot, tage, 9 + nummer % 6, eintrag[7])
        # Every fourth offer was popular: full, with a waiting list (written directly:
        # the period is over, so the service would refuse).
        if (
            not angebot.anmeldung_noetig
            or Anmeldung.objects.filter(durchfuehrung__angebot=angebot).exists()
        ):
            continue
        d = durchfuehrungen[0]
        belegt = d.max_plaetze if nummer % 4 == 0 else d.max_plaetze // 2
        warte = 3 if nummer % 4 == 0 else 0
        for i in range(belegt + warte):
            nummer_kind += 1
            kind = _papierkind(nummer_kind, angebot.alter_von + i % 3, zeitraum.beginn)
            Anmeldung.objects.create(
                kind=kind,
                durchfuehrung=d,
                status="bestaetigt" if i < belegt else "warteliste",
                warteliste_position=None if i < belegt else i - belegt + 1,
                alter=angebot.alter_von + i % 3,
                notfall_telefon=kind.notfall_telefon,
                angemeldet_von=koordination,
            )


def _offen(koordination, eltern, f: Ferien) -> None:
    zeitraum = _zeitraum(
        f,
        **demo_zeit.fenster_offen(f, timezone.now()),
        max_anmeldungen_pro_kind=4,
        storno_frist_tage=3,
        status=Ferienzeitraum.Status.VEROEFFENTLICHT,
    )
    woche_tage = f.werktage()[:5]
    woche, _ = Ferienwoche.objects.update_or_create(
        zeitraum=zeitraum,
        slug="ferienwerkstatt",
        defaults={
            "titel": "Ferienwerkstatt",
            "beschreibung": "Basteln, backen, bauen: die gemeinsame Ferienwoche. " + MARKE,
            "beginn": woche_tage[0],
            "ende": woche_tage[-1],
        },
    )
    angebote = {}
    for nummer, eintrag in enumerate(OFFEN):
        # Numbering continues after the summer so that only "Spurensuche" needs no registration.
        angebot = _angebot(zeitraum, eintrag, nummer + 20, woche if nummer in (0, 3) else None)
        angebote[eintrag[0]] = _durchfuehrungen(
            angebot, [woche_tage[nummer % len(woche_tage)]], 10 + nummer % 4, eintrag[7]
        )
    # The small baking class is full and has a waiting list.
    backen = angebote["Kekse backen"][0]
    for i in range(4):
        kind = _papierkind(900 + i, 7, zeitraum.beginn)
        if not Anmeldung.objects.aktiv().filter(kind=kind, durchfuehrung=backen).exists():
            ferien.anmelden(kind=kind, durchfuehrung=backen, von=koordination)
    if eltern is None:
        return
    heute = timezone.localdate()
    for vorname, alter in [("Emma", 8), ("Jonas", 11)]:
        kind, neu = Kind.objects.get_or_create(
            eltern=eltern,
            vorname=vorname,
            defaults={
                "nachname": "Eltern",
                "geburtsdatum": date(heute.year - alter, 5, 12),
                "notfall_telefon": "0170 5550123",
            },
        )
        if neu:
            ferien.kind_speichern(
                kind=kind, eltern=eltern, sorgeberechtigt=True, hinweise_teilen=False
            )
    emma = Kind.objects.get(eltern=eltern, vorname="Emma")
    jonas = Kind.objects.get(eltern=eltern, vorname="Jonas")
    for kind, titel in [
        (emma, "Ferienwerkstatt: Laternen bauen"),
        (jonas, "Hallenfußball-Turnier"),
        (emma, "Kekse backen"),  # full: Emma waits
    ]:
        d = angebote[titel][0]
        if not Anmeldung.objects.aktiv().filter(kind=kind, durchfuehrung=d).exists():
            ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)


def erzeugen() -> dict[str, str]:
    plan = demo_zeit.plan(timezone.localdate())
    vorhanden = set(demo_zeitraeume().values_list("slug", flat=True))
    if vorhanden and not vorhanden <= plan.slugs:
        loeschen()  # made on another day: these periods no longer play their part
    koordination = User.objects.filter(email="koordination@example.org").first()
    eltern = User.objects.filter(email="eltern@example.org").first()
    _sommer(koordination, plan.vergangen)
    _offen(koordination, eltern, plan.offen)
    return {}


def demo_zeitraeume():
    """The demo's holiday periods (of any day it ran on), found by their example mark."""
    return Ferienzeitraum.objects.filter(beschreibung__endswith=MARKE)


def zeitraeume_loeschen(zeitraeume) -> None:
    """Delete `zeitraeume` with their offers, occasions (and their Termine), registrations,
    wishes, wish groups and lottery runs."""
    Verlosungslauf.objects.filter(zeitraum__in=zeitraeume).delete()
    Wunschgruppe.objects.filter(zeitraum__in=zeitraeume).delete()
    durchfuehrungen = Durchfuehrung.objects.filter(angebot__zeitraum__in=zeitraeume)
    termin_ids = list(durchfuehrungen.values_list("termin_id", flat=True))
    Wunsch.objects.filter(durchfuehrung__in=durchfuehrungen).delete()
    Anmeldung.objects.filter(durchfuehrung__in=durchfuehrungen).delete()
    durchfuehrungen.delete()
    Termin.objects.filter(pk__in=termin_ids).delete()
    Ferienangebot.objects.filter(zeitraum__in=zeitraeume).delete()
    zeitraeume.delete()


def loeschen() -> None:
    zeitraeume_loeschen(demo_zeitraeume())
    Kind.objects.filter(nachname=MARKE, eltern__isnull=True).delete()
    Kind.objects.filter(eltern__email="eltern@example.org").delete()


__all__ = ["erzeugen", "loeschen"]
