"""Demo data of the Aktionstag: a past day with stations and filled shifts, and an upcoming
one open for stations and helpers (with a station waiting, one asked for changes, a clash on
spot 3 and shifts with gaps). Dates are relative to today; idempotent by the days' titles.
Sign-ups are written directly (no mails)."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from netzwerk.models import Ortsteil, User
from netzwerk.zeit import ortszeit
from termine.models import Aktionstag, Helfereinsatz, Schicht, Station, Termin
from vereine.models import Akteur

MARKE = "(Beispiel)"
VERGANGEN = f"Vereinsmeile am Schlossplatz {MARKE}"
KOMMEND = f"Tag des Ehrenamts – Aktionstag {MARKE}"

S = Station.Status

# actor slug, title, what happens, for whom, from, until, spot, status, children
STATIONEN = {
    VERGANGEN: [
        (
            "heimatverein",
            "Stadtgeschichte zum Anfassen",
            "Alte Fotos und ein Quiz.",
            "alle",
            10,
            16,
            1,
            S.ANGENOMMEN,
            False,
        ),
        (
            "sportverein",
            "Torwandschießen",
            "Drei Schüsse, ein Preis.",
            "Kinder und Jugendliche",
            10,
            14,
            2,
            S.ANGENOMMEN,
            True,
        ),
        (
            "feuerwehr-opperode",
            "Löschfahrzeug ansehen",
            "Einsteigen erlaubt!",
            "Familien",
            11,
            16,
            3,
            S.ANGENOMMEN,
            False,
        ),
        (
            "chor-asmusstedt",
            "Offenes Singen",
            "Mitsingen ohne Noten.",
            "alle",
            14,
            15,
            4,
            S.ANGENOMMEN,
            False,
        ),
    ],
    KOMMEND: [
        (
            "heimatverein",
            "Museumsrallye",
            "Mit Fragebogen durchs Heimatmuseum.",
            "Familien",
            10,
            16,
            1,
            S.ANGENOMMEN,
            True,
        ),
        (
            "sportverein",
            "Mitmach-Parcours",
            "Balancieren, Springen, Werfen.",
            "Kinder ab 5",
            10,
            15,
            2,
            S.ANGENOMMEN,
            True,
        ),
        (
            "feuerwehr-opperode",
            "Feuerlöscher-Training",
            "Richtig löschen lernen.",
            "Erwachsene",
            11,
            14,
            3,
            S.EINGEREICHT,
            False,
        ),
        (
            "chor-asmusstedt",
            "Chorprobe zum Zuhören",
            "Wir proben unser Herbstkonzert.",
            "alle",
            13,
            14,
            3,
            S.AENDERUNG,
            False,
        ),
        (
            "kirchengemeinde",
            "Kirchturmführung",
            "Einmal ganz nach oben.",
            "ab 10 Jahren",
            12,
            16,
            5,
            S.EINGEREICHT,
            False,
        ),
    ],
}

# title, station title (None: whole day), from, until, min, max, min age
SCHICHTEN = [
    ("Aufbau", None, 8, 10, 4, 8, 16),
    ("Kuchenstand", None, 10, 13, 2, 3, None),
    ("Kuchenstand", None, 13, 16, 2, 3, None),
    ("Abbau", None, 16, 18, 4, 8, 16),
]
STATIONSSCHICHTEN = {
    "Torwandschießen": [("Betreuung", 10, 14, 2, 3)],
    "Museumsrallye": [("Fragebögen ausgeben", 10, 13, 1, 2)],
    "Mitmach-Parcours": [("Stationen betreuen", 10, 15, 3, 4)],
}


def loeschen() -> None:
    Termin.objects.filter(titel__in=[VERGANGEN, KOMMEND]).delete()


def _tag(titel: str, tag, *, offen: bool) -> Aktionstag:
    # Run on another day, the demo's days move: their shifts are made anew.
    Schicht.objects.filter(aktionstag__termin__titel=titel).exclude(
        start__date__gte=tag - timedelta(days=1), start__date__lte=tag + timedelta(days=1)
    ).delete()
    termin, _neu = Termin.objects.update_or_create(
        titel=titel,
        defaults={
            "beschreibung": "Alle Akteure stellen sich an ihren Stationen vor. Komm vorbei!",
            "start": ortszeit(tag, time(10)),
            "ende": ortszeit(tag, time(18)),
            "kategorie": Termin.Kategorie.AKTIONSTAG,
            "grossveranstaltung": True,
            "ort": "Schlossplatz und Marktstraße",
            "ortsteil": Ortsteil.objects.filter(slug="ballenstedt").first(),
            "status": Termin.Status.BESTAETIGT,
        },
    )
    termin.veranstalter.set(Akteur.objects.filter(slug__in=["stadt", "heimatverein"]))
    aktionstag, _neu = Aktionstag.objects.update_or_create(
        termin=termin,
        defaults={
            "gelaende": "Schlossplatz und Marktstraße",
            "plaetze": 12,
            "stationen_offen": offen,
            "stationen_bis": ortszeit(tag - timedelta(days=10), time(23, 59)) if offen else None,
        },
    )
    return aktionstag


def _fuellen(aktionstag: Aktionstag, helfende: list[User], *, voll: bool) -> None:
    akteure = {a.slug: a for a in Akteur.objects.all()}
    tag = aktionstag.tag
    stationen = {}
    for slug, titel, text, fuer, von, bis, platz, status, kinder in STATIONEN[str(aktionstag)]:
        if slug not in akteure:
            continue
        stationen[titel], _neu = Station.objects.update_or_create(
            aktionstag=aktionstag,
            titel=titel,
            defaults={
                "akteur": akteure[slug],
                "beschreibung": text,
                "zielgruppe": fuer,
                "start": ortszeit(tag, time(von)),
                "ende": ortszeit(tag, time(bis)),
                "platz": platz,
                "status": status,
                "mit_kindern": kinder,
                "strom": platz % 2 == 0,
                "tische": 2,
                "rueckmeldung": "Bitte eine Stunde später anfangen – Platz 3 ist bis 14 Uhr belegt."
                if status == S.AENDERUNG
                else "",
            },
        )
    schichten = [
        (titel, None, von, bis, mi, ma, alter) for titel, _s, von, bis, mi, ma, alter in SCHICHTEN
    ]
    for station_titel, liste in STATIONSSCHICHTEN.items():
        if station_titel in stationen:
            schichten += [(t, station_titel, v, b, mi, ma, None) for t, v, b, mi, ma in liste]
    for nummer, (titel, station_titel, von, bis, mi, ma, alter) in enumerate(schichten):
        schicht, _neu = Schicht.objects.update_or_create(
            aktionstag=aktionstag,
            titel=titel,
            start=ortszeit(tag, time(von)),
            defaults={
                "station": stationen.get(station_titel),
                "ende": ortszeit(tag, time(bis)),
                "min_helfer": mi,
                "max_helfer": ma,
                "mindestalter": alter,
                "mit_kindern": bool(station_titel and stationen[station_titel].mit_kindern),
            },
        )
        # The past day: every shift at its minimum or more; the coming one: gaps left.
        anzahl = mi if voll else min(nummer % 3, mi)
        if schicht.einsaetze.exists():
            continue
        for i in range(anzahl):
            bestaetigt = ortszeit(tag - timedelta(days=20), time(12))
            if i < len(helfende):
                Helfereinsatz.objects.create(
                    schicht=schicht, user=helfende[i], bestaetigt_am=bestaetigt
                )
            else:
                Helfereinsatz.objects.create(
                    schicht=schicht,
                    gast_name=f"Gast {nummer}-{i} {MARKE}",
                    gast_email=f"gast-{nummer}-{i}@example.org",
                    bestaetigt_am=bestaetigt,
                )


def erzeugen() -> dict[str, str]:
    if not Akteur.objects.exists():
        return {}
    heute = timezone.localdate()
    helfende = list(
        User.objects.filter(
            email__in=["bewohner@example.org", "mitglied@example.org", "eltern@example.org"]
        ).order_by("email")
    )
    # The coming day on a Saturday 3–4 weeks ahead, the past one on a Saturday 5–6 weeks ago.
    kommend = heute + timedelta(days=21 + (5 - heute.weekday()) % 7)
    vergangen = heute - timedelta(days=35 + (heute.weekday() - 5) % 7)
    _fuellen(_tag(VERGANGEN, vergangen, offen=False), helfende, voll=True)
    _fuellen(_tag(KOMMEND, kommend, offen=True), helfende, voll=False)
    return {}
