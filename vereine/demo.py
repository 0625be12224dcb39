"""Demo data of the Akteure app: about 20 illustrative actors, logos, memberships, Gesuche.

Everything is an example: names carry “(Beispiel)”, addresses are made up. `erzeugen()` is
idempotent (natural keys: slugs, titles) and draws each logo only once.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from netzwerk.models import Ortsteil, User
from vereine.models import Akteur, Gesuch, Mitgliedschaft, Thema

A = Akteur.Art
# slug, name, kind, district, topics, short description, founded, colour
AKTEURE = [
    (
        "heimatverein",
        "Heimatverein Ballenstedt",
        A.VEREIN,
        "ballenstedt",
        ["heimat-und-geschichte", "kultur"],
        "Wir erforschen und zeigen die Geschichte der Stadt und pflegen das Heimatmuseum.",
        1990,
        "#8a4b08",
    ),
    (
        "sportverein",
        "Sportverein Badeborn",
        A.VEREIN,
        "badeborn",
        ["sport", "kinder-und-jugend"],
        "Fußball, Gymnastik und Tischtennis für alle Generationen.",
        1921,
        "#1d6b3a",
    ),
    (
        "feuerwehr-opperode",
        "Freiwillige Feuerwehr Opperode",
        A.VEREIN,
        "opperode",
        ["feuerwehr-und-rettung", "kinder-und-jugend"],
        "Wir löschen, retten, bergen, schützen – und bilden die Jugendfeuerwehr aus.",
        1895,
        "#b00020",
    ),
    (
        "chor-asmusstedt",
        "Gemischter Chor Asmusstedt",
        A.VEREIN,
        "asmusstedt",
        ["musik", "kultur"],
        "Wir singen Volkslieder und Pop, dienstags um 19 Uhr im Gemeindehaus.",
        1952,
        "#5b2a86",
    ),
    (
        "gartenfreunde",
        "Gartenfreunde Radisleben",
        A.VEREIN,
        "radisleben",
        ["natur-und-garten", "umwelt"],
        "Kleingärten, Saatgutbörse und der Gemeinschaftsgarten.",
        1978,
        "#3b7d23",
    ),
    (
        "angelverein-rieder",
        "Angelverein Rieder",
        A.VEREIN,
        "rieder",
        ["natur-und-garten"],
        "Gewässerpflege und Angeln am Rieder Teich.",
        1963,
        "#0b5394",
    ),
    (
        "stadt",
        "Stadt Ballenstedt – Bürgerbüro",
        A.KOMMUNE,
        "ballenstedt",
        ["soziales"],
        "Anlaufstelle der Stadtverwaltung für Vereine und Ehrenamt.",
        None,
        "#333333",
    ),
    (
        "kirchengemeinde",
        "Ev. Kirchengemeinde Ballenstedt",
        A.KIRCHE,
        "ballenstedt",
        ["kirche", "senioren", "soziales"],
        "Gottesdienste, Seniorenkreis, Konfirmandenarbeit.",
        None,
        "#6b4f1d",
    ),
    (
        "gymnasium",
        "Gymnasium Ballenstedt",
        A.SCHULE,
        "ballenstedt",
        ["bildung", "kinder-und-jugend"],
        "Gymnasium mit Lernen durch Engagement in den Klassen 5 und 6.",
        1991,
        "#00507a",
    ),
    (
        "grundschule-badeborn",
        "Grundschule Badeborn",
        A.SCHULE,
        "badeborn",
        ["bildung"],
        "Kleine Schule mit Schulgarten und Leseclub.",
        None,
        "#006d77",
    ),
    (
        "kita-sonnenschein",
        "Kita Sonnenschein",
        A.KITA,
        "opperode",
        ["kinder-und-jugend"],
        "Kindertagesstätte für 60 Kinder mit Waldgruppe.",
        1975,
        "#c05a00",
    ),
    (
        "kita-zwergenland",
        "Kita Zwergenland",
        A.KITA,
        "rieder",
        ["kinder-und-jugend"],
        "Kleine Kita mit großem Garten.",
        1982,
        "#9c2c77",
    ),
    (
        "pflegedienst",
        "Ambulanter Pflegedienst Harzblick",
        A.GESUNDHEIT,
        "ballenstedt",
        ["gesundheit", "senioren"],
        "Pflege zu Hause und ein offener Seniorentreff.",
        2004,
        "#2f6f6f",
    ),
    (
        "arztpraxis",
        "Hausarztpraxis am Markt",
        A.GESUNDHEIT,
        "ballenstedt",
        ["gesundheit"],
        "Hausärztliche Versorgung und Gesundheitstage.",
        None,
        "#4a5a23",
    ),
    (
        "baeckerei",
        "Bäckerei Krume",
        A.UNTERNEHMEN,
        "badeborn",
        ["wirtschaft"],
        "Familienbäckerei seit drei Generationen, unterstützt Vereinsfeste.",
        1936,
        "#8c5e00",
    ),
    (
        "autohaus",
        "Autohaus Harzrand",
        A.UNTERNEHMEN,
        "asmusstedt",
        ["wirtschaft"],
        "Werkstatt und Fahrzeugverleih; leiht Vereinen einen Transporter.",
        1998,
        "#3d3d8f",
    ),
    (
        "tischlerei",
        "Tischlerei Holzwerk",
        A.UNTERNEHMEN,
        "radisleben",
        ["wirtschaft", "bildung"],
        "Handwerksbetrieb mit Praktika für Schülerinnen und Schüler.",
        2009,
        "#7a4a1f",
    ),
    (
        "repair-cafe",
        "Repair-Café Ballenstedt",
        A.INITIATIVE,
        "ballenstedt",
        ["umwelt", "soziales"],
        "Einmal im Monat reparieren wir gemeinsam, was kaputt ist.",
        2017,
        "#20716a",
    ),
    (
        "jugendinitiative",
        "Jugendinitiative Harzfunken",
        A.INITIATIVE,
        "opperode",
        ["kinder-und-jugend", "kultur"],
        "Junge Leute organisieren Konzerte und einen Jugendtreff.",
        2021,
        "#a02060",
    ),
    (
        "tafel",
        "Ballenstedter Tafel",
        A.INITIATIVE,
        "rieder",
        ["soziales"],
        "Lebensmittel retten und verteilen, jeden Donnerstag.",
        2008,
        "#5a6b00",
    ),
]

GESUCHE = [
    (
        "heimatverein",
        "Chronik digitalisieren",
        Gesuch.Art.REGELMAESSIG,
        "2 Stunden pro Woche",
        "Jugendliche und Erwachsene mit Computer-Kenntnissen",
        14,
        "Wir scannen alte Fotos und Zeitungsartikel und beschriften sie. Du arbeitest im Museum "
        "oder von zu Hause.",
    ),
    (
        "sportverein",
        "Helfer:innen für das Sommerfest",
        Gesuch.Art.EINMALIG,
        "ein Samstag",
        "alle, die gern anpacken",
        None,
        "Aufbau, Kuchenstand und Abbau beim Sommerfest auf dem Sportplatz.",
    ),
    (
        "sportverein",
        "Übungsleitung Kinderturnen",
        Gesuch.Art.REGELMAESSIG,
        "1,5 Stunden pro Woche",
        "Sportbegeisterte ab 16",
        16,
        "Du leitest mit einer erfahrenen Trainerin das Kinderturnen am Mittwochnachmittag.",
    ),
    (
        "feuerwehr-opperode",
        "Schnuppertag Jugendfeuerwehr",
        Gesuch.Art.SCHNUPPERN,
        "3 Stunden",
        "Kinder und Jugendliche von 10 bis 16",
        10,
        "Komm vorbei, probier Schlauch und Funkgerät aus und lern die Jugendfeuerwehr kennen.",
    ),
    (
        "tafel",
        "Fahrer:in für die Abholtour",
        Gesuch.Art.REGELMAESSIG,
        "donnerstags 8–11 Uhr",
        "Menschen mit Führerschein B",
        18,
        "Mit unserem Transporter holst du Lebensmittel bei Märkten in der Umgebung ab.",
    ),
    (
        "repair-cafe",
        "Reparieren lernen",
        Gesuch.Art.SCHNUPPERN,
        "ein Nachmittag",
        "Tüftlerinnen und Tüftler jeden Alters",
        12,
        "Schau uns beim Reparieren über die Schulter und hilf beim nächsten Termin mit.",
    ),
]

LEITUNG_VON_MITGLIED = ["heimatverein", "sportverein"]


def _logo(name: str, farbe: str) -> io.BytesIO:
    """A coloured square with the actor's initials (PNG)."""
    bild = Image.new("RGB", (320, 320), farbe)
    zeichnen = ImageDraw.Draw(bild)
    woerter = [w for w in name.replace("–", " ").split() if w[:1].isalpha()]
    initialen = "".join(w[0] for w in woerter[:2]).upper()
    try:
        schrift = ImageFont.load_default(size=140)
    except TypeError:  # Pillow without FreeType
        schrift = ImageFont.load_default()
    zeichnen.text((160, 160), initialen, fill="white", font=schrift, anchor="mm")
    puffer = io.BytesIO()
    bild.save(puffer, "PNG")
    puffer.seek(0)
    puffer.name = "logo.png"
    return puffer


def erzeugen() -> dict[str, str]:
    ortsteile = {o.slug: o for o in Ortsteil.objects.all()}
    themen = {t.slug: t for t in Thema.objects.all()}
    akteure = {}
    for slug, name, art, ortsteil, themen_slugs, kurz, gruendung, farbe in AKTEURE:
        akteur, _ = Akteur.objects.update_or_create(
            slug=slug,
            defaults={
                "name": f"{name} (Beispiel)",
                "art": art,
                "ortsteil": ortsteile.get(ortsteil),
                "kurzbeschreibung": kurz,
                "beschreibung": f"{kurz}\n\nDies ist ein Beispieleintrag des Demo-Portals.",
                "strasse": "Musterstraße 1",
                "plz": "06493",
                "ort": "Ballenstedt",
                "kontakt_email": f"{slug}@example.org",
                "gruendungsjahr": gruendung,
                "status": Akteur.Status.AKTIV,
                "sichtbarkeit": Akteur.Sichtbarkeit.OEFFENTLICH,
            },
        )
        akteur.themen.set([themen[t] for t in themen_slugs if t in themen])
        if not akteur.logo:
            akteur.logo_alt = f"Logo: Initialen von {name}"
            akteur.logo.save("logo.png", _logo(name, farbe), save=False)
            akteur.save(update_fields=["logo", "logo_alt"])
        akteure[slug] = akteur

    mitglied = User.objects.filter(email="mitglied@example.org").first()
    if mitglied is not None:
        for slug in LEITUNG_VON_MITGLIED:
            Mitgliedschaft.objects.update_or_create(
                user=mitglied,
                akteur=akteure[slug],
                defaults={"rolle": Mitgliedschaft.Rolle.LEITUNG},
            )

    heute = timezone.localdate()
    for slug, titel, art, zeit, zielgruppe, alter, text in GESUCHE:
        Gesuch.objects.update_or_create(
            akteur=akteure[slug],
            titel=titel,
            defaults={
                "beschreibung": f"{text} (Beispiel)",
                "art": art,
                "zeitaufwand": zeit,
                "zielgruppe": zielgruppe,
                "mindestalter": alter,
                "ortsteil": akteure[slug].ortsteil,
                "von": heute,
                "bis": heute + timedelta(days=120),
                "ansprechperson": "Anna (Beispiel)",
                "status": Gesuch.Status.OFFEN,
            },
        )
    return {}


def loeschen() -> None:
    for akteur in Akteur.objects.filter(slug__in=[a[0] for a in AKTEURE]):
        for feld in (akteur.logo, akteur.foto):
            if feld:
                feld.delete(save=False)
        akteur.delete()
