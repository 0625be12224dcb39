"""Demo data of the wish phase: the holidays after the next ones (see
:mod:`termine.ferien.demo_zeit`) in mode "Wunschphase + Verlosung", with the wish phase open
and no lottery run yet.

A small, scarce programme of the demo actors with an open wish phase, wishes of the persona
eltern@example.org's children (Emma and Jonas, made by termine.ferien.demo; created here if
missing) and of about thirty example children, some of them linked by a group code. A
coordinator can compute a preview right away (Admin → Verlosungsläufe → Vorschau
berechnen).

Idempotent: the period by slug, offers by (period, title), children by (guardian, first
name), wishes by (child, occasion), the group by its fixed code. Marked "(Beispiel)". When
the calendar has moved on, termine.ferien.demo (which runs first) has already removed the
periods of an earlier day.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from netzwerk.models import Ortsteil, Schulferien, User
from termine.ferien import demo_zeit
from termine.ferien import services as ferien
from termine.ferien.demo import demo_zeitraeume, zeitraeume_loeschen
from termine.ferien.demo_zeit import MARKE
from termine.models import (
    Durchfuehrung,
    Einwilligung,
    Ferienangebot,
    Ferienzeitraum,
    Gruppenmitglied,
    Kind,
    VerlosungsEinstellung,
    Wunsch,
    Wunschgruppe,
)
from vereine.models import Akteur

GRUPPENCODE = "FREUNDE7"
VORNAME = "Wunschkind"
K = Ferienangebot.Kategorie

# title, actor slug, category, age from, age to, places, [(working day of the period, hour)]
# (a working day beyond the period's last one wraps round: short holidays have four)
ANGEBOTE = [
    ("Farbenwerkstatt", "heimatverein", K.KREATIV, 5, 10, 8, [(0, 10), (2, 10)]),
    ("Feuerwehr-Werkstatt", "feuerwehr-opperode", K.WISSEN, 8, 14, 10, [(1, 9)]),
    ("Ferienturnier Fußball", "sportverein", K.SPORT, 7, 12, 12, [(0, 9), (3, 9)]),
    ("Kräuter säen", "gartenfreunde", K.NATUR, 6, 12, 6, [(1, 14)]),
    ("Hefezopf backen", "baeckerei", K.KOCHEN, 6, 11, 4, [(2, 9), (4, 9)]),
    ("Robotik für Einsteiger", "gymnasium", K.WISSEN, 10, 15, 8, [(1, 10), (3, 13)]),
    ("Nistkästen bauen", "tischlerei", K.KREATIV, 8, 14, 6, [(0, 13)]),
    ("Aufräumen am Bach", "angelverein-rieder", K.NATUR, 7, 13, 10, [(4, 10)]),
]

FAMILIE = {
    "Emma": [("Farbenwerkstatt", True), ("Hefezopf backen", True), ("Kräuter säen", False)],
    "Jonas": [
        ("Robotik für Einsteiger", True),
        ("Nistkästen bauen", False),
        ("Feuerwehr-Werkstatt", False),
        ("Ferienturnier Fußball", False),
    ],
}


def _akteur(slug: str) -> Akteur:
    akteur, _ = Akteur.objects.get_or_create(
        slug=slug,
        defaults={"name": slug.replace("-", " ").title() + " " + MARKE, "status": "aktiv"},
    )
    return akteur


def wunschferien() -> demo_zeit.Ferien:
    """The holidays whose wish phase the demo shows today."""
    return demo_zeit.plan(timezone.localdate()).wunsch


def _zeitraum(f: demo_zeit.Ferien) -> Ferienzeitraum:
    fenster, wuensche_bis = demo_zeit.fenster_wunsch(f, timezone.now())
    zeitraum, _ = Ferienzeitraum.objects.update_or_create(
        slug=f.slug,
        defaults={
            "name": f.name,
            "schulferien": Schulferien.objects.filter(name=f.name, beginn=f.beginn).first(),
            "beginn": f.beginn,
            "ende": f.ende,
            "beschreibung": "Das Ferienprogramm der Vereine: Erst Wünsche sammeln, dann fair "
            "verlosen. Wann ihr eure Wünsche eintragt, spielt keine Rolle. " + MARKE,
            **fenster,
            "modus": Ferienzeitraum.Modus.VERLOSUNG,
            "max_anmeldungen_pro_kind": 3,
            "storno_frist_tage": 3,
            "status": Ferienzeitraum.Status.VEROEFFENTLICHT,
        },
    )
    VerlosungsEinstellung.objects.update_or_create(
        zeitraum=zeitraum,
        defaults={
            "max_favoriten": 2,
            "wuensche_bis": wuensche_bis,
            "prioritaet_vorperiode": True,
        },
    )
    return zeitraum


def _angebote(zeitraum: Ferienzeitraum, f: demo_zeit.Ferien) -> dict[str, list[Durchfuehrung]]:
    werktage = f.werktage()
    ergebnis = {}
    for nummer, (titel, slug, kategorie, von, bis, plaetze, termine) in enumerate(ANGEBOTE):
        akteur = _akteur(slug)
        angebot, _ = Ferienangebot.objects.update_or_create(
            zeitraum=zeitraum,
            titel=titel,
            defaults={
                "akteur": akteur,
                "beschreibung": f"{titel}: ein Ferienangebot von {akteur.name} für Kinder von "
                f"{von} bis {bis} Jahren. {MARKE}",
                "kategorie": kategorie,
                "alter_von": von,
                "alter_bis": bis,
                "kosten": Decimal(nummer % 3),
                "ort": f"Treffpunkt {akteur.name}",
                "ortsteil": akteur.ortsteil or Ortsteil.objects.first(),
                "kontaktperson": f"{akteur.name}, 039483 {2000 + nummer}",
                "anmeldung_noetig": True,
                "status": Ferienangebot.Status.VEROEFFENTLICHT,
            },
        )
        if not angebot.durchfuehrungen.exists():
            for tag, stunde in termine:
                start = demo_zeit.um(werktage[tag % len(werktage)], stunde)
                ferien.durchfuehrung_speichern(
                    angebot=angebot,
                    start=start,
                    ende=start + timedelta(hours=3),
                    max_plaetze=plaetze,
                    min_plaetze=3,
                    von=None,
                )
        ergebnis[titel] = list(angebot.durchfuehrungen.order_by("termin__start", "pk"))
    return ergebnis


def _familie(eltern: User | None) -> dict[str, Kind]:
    if eltern is None:
        return {}
    heute = timezone.localdate()
    kinder = {}
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
        kinder[vorname] = kind
    return kinder


def _beispielkinder(zeitraum: Ferienzeitraum, anzahl: int = 30) -> list[Kind]:
    kinder = []
    for nummer in range(1, anzahl + 1):
        kind, neu = Kind.objects.get_or_create(
            eltern=None,
            vorname=f"{VORNAME} {nummer}",
            nachname=MARKE,
            defaults={
                "geburtsdatum": date(zeitraum.beginn.year - (6 + nummer % 8), 1 + nummer % 12, 1),
                "sorgeberechtigt_name": f"Beispielfamilie Wunsch {nummer}",
                "notfall_telefon": f"0170 111{nummer:03d}",
            },
        )
        if neu:
            Einwilligung.objects.create(
                kind=kind, art=Einwilligung.Art.SORGEBERECHTIGT, version="demo"
            )
        kinder.append(kind)
    return kinder


def _wunsch(kind: Kind, d: Durchfuehrung, favorit: bool) -> None:
    Wunsch.objects.get_or_create(kind=kind, durchfuehrung=d, defaults={"favorit": favorit})


def erzeugen() -> dict[str, str]:
    f = wunschferien()
    zeitraum = _zeitraum(f)
    angebote = _angebote(zeitraum, f)
    familie = _familie(User.objects.filter(email="eltern@example.org").first())
    for vorname, wuensche in FAMILIE.items():
        kind = familie.get(vorname)
        if kind is None:
            continue
        for titel, favorit in wuensche:
            _wunsch(kind, angebote[titel][0], favorit)
    beispiele = _beispielkinder(zeitraum)
    alle = [d for liste in angebote.values() for d in liste]
    zufall = random.Random(2027)  # the same wishes on every run
    for kind in beispiele:
        passend = [d for d in alle if _passt(kind, d)]
        for index, d in enumerate(zufall.sample(passend, min(len(passend), zufall.randint(2, 5)))):
            _wunsch(kind, d, favorit=index == 0)
    # Emma and her friend "Wunschkind 2" want to go together.
    gruppe, _ = Wunschgruppe.objects.get_or_create(
        code=GRUPPENCODE, defaults={"zeitraum": zeitraum}
    )
    for kind in [familie.get("Emma"), beispiele[1]]:
        if kind is not None:
            Gruppenmitglied.objects.get_or_create(
                kind=kind, zeitraum=zeitraum, defaults={"gruppe": gruppe}
            )
            _wunsch(kind, angebote["Farbenwerkstatt"][0], False)
    return {}


def _passt(kind: Kind, d: Durchfuehrung) -> bool:
    alter = kind.alter_am(d.termin.erster_tag)
    return alter is not None and d.angebot.alter_von <= alter <= d.angebot.alter_bis


def loeschen() -> None:
    zeitraeume_loeschen(demo_zeitraeume().filter(modus=Ferienzeitraum.Modus.VERLOSUNG))
    Kind.objects.filter(nachname=MARKE, eltern__isnull=True, vorname__startswith=VORNAME).delete()


__all__ = ["erzeugen", "loeschen"]
