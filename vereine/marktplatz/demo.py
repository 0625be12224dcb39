"""Demo data of the Markt der guten Geschäfte: offers and needs, a past market with twelve
deals in every status, an upcoming market with registrations and a broker.

Idempotent: markets by the title of their Termin, deals by market and number, entries by
actor and title; all dates are relative to today. Everything is marked "(Beispiel)". Uses the
demo Akteure of vereine/demo.py by slug (skipped if that module has not run).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from netzwerk.models import User
from netzwerk.zeit import ortszeit
from vereine.marktplatz import services
from vereine.marktplatz.models import Eintrag, Markt, MarktAnmeldung, Vereinbarung
from vereine.models import Akteur

MARKE = "(Beispiel)"
VERGANGEN = f"Markt der guten Geschäfte im Frühjahr {MARKE}"
KOMMEND = f"Markt der guten Geschäfte im Winter {MARKE}"

# actor, type, kind, title, text, how much, needs review
EINTRAEGE = [
    (
        "autohaus",
        "angebot",
        "logistik",
        "Transporter für Vereinsfeste",
        "Unser Neunsitzer und ein Transporter mit Fahrer für Ausflüge und Umzüge.",
        "zwei Samstage im Jahr",
        False,
    ),
    (
        "tischlerei",
        "angebot",
        "know_how",
        "Werkstattkurs für Jugendliche",
        "Unsere Meisterin zeigt einer Jugendgruppe, wie man einen Nistkasten baut.",
        "ein Nachmittag",
        False,
    ),
    (
        "baeckerei",
        "angebot",
        "sachmittel",
        "Brot und Kuchen für Vereinsfeste",
        "Was am Abend übrig bleibt, holt ihr für euer Fest ab.",
        "nach Absprache",
        False,
    ),
    (
        "tischlerei",
        "angebot",
        "zeit",
        "Reparaturen im Vereinsheim",
        "Kleine Tischlerarbeiten, die sonst ein Betrieb im Ort übernehmen würde.",
        "ein Tag",
        True,
    ),
    (
        "sportverein",
        "bedarf",
        "logistik",
        "Fahrt zum Pokalturnier",
        "Wir suchen einen Bus für die D-Jugend nach Quedlinburg.",
        "ein Samstag im Mai",
        False,
    ),
    (
        "heimatverein",
        "bedarf",
        "know_how",
        "Hilfe bei der neuen Website",
        "Wer erklärt uns, wie wir unsere Seite selbst pflegen?",
        "drei Abende",
        False,
    ),
    (
        "kita-sonnenschein",
        "bedarf",
        "zeit",
        "Hochbeete bauen",
        "Zwei Hochbeete für den Kita-Garten, Holz ist da.",
        "ein Vormittag",
        False,
    ),
    (
        "heimatverein",
        "angebot",
        "raeume",
        "Saal im Heimatmuseum",
        "Unser Saal für 40 Personen für Betriebsversammlungen oder Schulungen.",
        "einmal im Monat",
        False,
    ),
    (
        "chor-asmusstedt",
        "angebot",
        "kontakte",
        "Auftritt bei Firmenfeiern",
        "Wir singen bei eurer Weihnachtsfeier und bringen Gäste mit.",
        "ein Abend",
        False,
    ),
]

# first party (company), gives, kind; second party, gives, kind; due in days from today,
# status, hours, confirmed by both
DEALS = [
    (
        "autohaus",
        "Transporter für das Sommerfest",
        "logistik",
        "sportverein",
        "Fußballturnier für die Belegschaft",
        "know_how",
        -30,
        "umgesetzt",
        8,
        True,
    ),
    (
        "tischlerei",
        "Werkstattkurs Nistkästen",
        "know_how",
        "kita-sonnenschein",
        "Die Kinder singen zur Betriebsfeier",
        "kontakte",
        -20,
        "umgesetzt",
        12,
        True,
    ),
    (
        "baeckerei",
        "Kuchen für den Seniorenkreis",
        "sachmittel",
        "kirchengemeinde",
        "Gemeindesaal für die Weihnachtsfeier",
        "raeume",
        -15,
        "umgesetzt",
        4,
        True,
    ),
    (
        "autohaus",
        "Fahrsicherheitstraining für Ehrenamtliche",
        "know_how",
        "feuerwehr-opperode",
        "Erste-Hilfe-Kurs für die Werkstatt",
        "know_how",
        -10,
        "umgesetzt",
        16,
        True,
    ),
    (
        "tischlerei",
        "Zwei Hochbeete",
        "zeit",
        "grundschule-badeborn",
        "Schülerpraktikum wird beworben",
        "kontakte",
        -25,
        "nicht_zustande",
        0,
        True,
    ),
    (
        "baeckerei",
        "Stand beim Heimatfest",
        "zeit",
        "heimatverein",
        "Führung durch das Heimatmuseum",
        "know_how",
        -5,
        "nicht_zustande",
        3,
        True,
    ),
    (
        "autohaus",
        "Bus zum Chorwettbewerb",
        "logistik",
        "chor-asmusstedt",
        "Ständchen zum Firmenjubiläum",
        "kontakte",
        -3,
        "offen",
        6,
        True,
    ),
    (
        "tischlerei",
        "Regal für die Tafel",
        "sachmittel",
        "tafel",
        "Kontakte zu Lieferanten in der Region",
        "kontakte",
        -8,
        "offen",
        5,
        True,
    ),
    (
        "baeckerei",
        "Brötchen für den Laufkurs",
        "sachmittel",
        "sportverein",
        "Lauftreff für die Belegschaft",
        "zeit",
        20,
        "offen",
        10,
        True,
    ),
    (
        "autohaus",
        "Winterreifenwechsel für den Kita-Bus",
        "zeit",
        "kita-zwergenland",
        "Bilder der Kinder für den Kundenraum",
        "sachmittel",
        40,
        "offen",
        4,
        True,
    ),
    (
        "tischlerei",
        "Bühne für das Gemeindefest",
        "zeit",
        "stadt",
        "Kontakt zur Berufsberatung",
        "kontakte",
        60,
        "offen",
        20,
        True,
    ),
    (
        "baeckerei",
        "Backkurs für die Jugendgruppe",
        "know_how",
        "gartenfreunde",
        "Kräuter und Obst aus dem Gemeinschaftsgarten",
        "sachmittel",
        30,
        "offen",
        6,
        False,
    ),
]

ANGEMELDET = [
    "autohaus",
    "tischlerei",
    "baeckerei",
    "sportverein",
    "heimatverein",
    "kita-sonnenschein",
    "chor-asmusstedt",
]


def _um(tag, stunde: int) -> datetime:
    return ortszeit(tag, time(stunde))


def _markt(titel: str, tag, von) -> Markt:
    markt = Markt.objects.filter(termin__titel=titel).select_related("termin").first()
    if markt is None:
        return services.markt_anlegen(
            titel=titel,
            start=_um(tag, 17),
            ende=_um(tag, 19),
            ort="Rathaussaal Ballenstedt",
            beschreibung="Unternehmen und Gemeinnützige handeln 90 Minuten lang mit allem "
            f"außer Geld. {MARKE}",
            von=von,
        )
    markt.termin.start, markt.termin.ende = _um(tag, 17), _um(tag, 19)
    markt.termin.save(update_fields=["start", "ende", "geaendert"])
    return markt


def erzeugen() -> dict[str, str]:
    akteure = {a.slug: a for a in Akteur.objects.all()}
    if not all(d[0] in akteure and d[3] in akteure for d in DEALS):
        return {}
    heute = timezone.localdate()
    koordination = User.objects.filter(email="koordination@example.org").first()
    mitglied = User.objects.filter(email="mitglied@example.org").first()

    for slug, typ, art, titel, text, umfang, pruefung in EINTRAEGE:
        Eintrag.objects.update_or_create(
            akteur=akteure[slug],
            titel=f"{titel} {MARKE}",
            defaults={
                "typ": typ,
                "art": art,
                "text": text,
                "umfang": umfang,
                "ortsteil": akteure[slug].ortsteil,
                "gueltig_bis": heute + timedelta(days=180),
                "konkurrenz": pruefung,
                "status": Eintrag.Status.PRUEFUNG if pruefung else Eintrag.Status.OEFFENTLICH,
            },
        )

    vergangen = _markt(VERGANGEN, heute - timedelta(days=60), koordination)
    kommend = _markt(KOMMEND, heute + timedelta(days=21), koordination)
    if mitglied is not None:
        kommend.makler.add(mitglied)
        vergangen.makler.add(mitglied)
    for slug in ANGEMELDET:
        for markt in (vergangen, kommend):
            MarktAnmeldung.objects.get_or_create(markt=markt, akteur=akteure[slug])

    erfasst = timezone.make_aware(datetime.combine(heute - timedelta(days=60), time(18)))
    for nummer, (a, gibt_a, art_a, b, gibt_b, art_b, tage, status, stunden, beide) in enumerate(
        DEALS, start=1
    ):
        Vereinbarung.objects.update_or_create(
            markt=vergangen,
            nummer=nummer,
            defaults={
                "partner_a": akteure[a],
                "gibt_a": f"{gibt_a} {MARKE}",
                "art_a": art_a,
                "kontakt_a": "Frau Weber",
                "partner_b": akteure[b],
                "gibt_b": f"{gibt_b} {MARKE}",
                "art_b": art_b,
                "kontakt_b": "Herr Krause",
                "bis": heute + timedelta(days=tage),
                "stunden": stunden or None,
                "bestaetigt_a_am": erfasst,
                "bestaetigt_b_am": erfasst if beide else None,
                "erfasst_von": mitglied,
                "erstellt": erfasst,
                "status": status,
                "bericht": "Hat prima geklappt, wir machen weiter!"
                if status == "umgesetzt"
                else ("Leider fehlte uns die Zeit." if status == "nicht_zustande" else ""),
                "ergebnis_am": timezone.now() if status != "offen" else None,
                # The overdue ones were asked and did not answer yet.
                "nachgefragt_am": timezone.now() if tage <= 0 else None,
            },
        )
    return {}


def loeschen() -> None:
    maerkte = Markt.objects.filter(termin__titel__in=[VERGANGEN, KOMMEND])
    Vereinbarung.objects.filter(markt__in=maerkte).delete()
    for markt in list(maerkte.select_related("termin")):
        markt.termin.delete()
    Eintrag.objects.filter(titel__endswith=MARKE).delete()
