"""The funder's report and the public timeline, from the figures every app registers in
:mod:`netzwerk.kennzahlen`. Loads and arranges; the charts' geometry is in
:mod:`netzwerk.koordination.diagramm`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from netzwerk import kennzahlen
from netzwerk.koordination import diagramm
from netzwerk.koordination.diagramm import Diagramm
from termine.models import Termin
from vereine.models import Akteur

# The figures of the yearly timeline on the "About us" page (those that exist are shown):
# meetings, new actors and actions of the network.
ZEITLEISTE = (
    "stammtisch.treffen",
    "vereine.neue_akteure",
    "termine.termine",
    "arbeitsgruppen.vorhaben_neu",
    "ferien.angebote",
    "marktplatz.vereinbarungen",
    "aktionstag.stationen",
    "koordination.herausforderungen",
)
ZEITLEISTE_CACHE_SEKUNDEN = 3600


@dataclass(frozen=True)
class Abschnitt:
    """One group of the report: its figures, and a chart for each figure with a breakdown."""

    titel: str
    kennzahlen: tuple[kennzahlen.Kennzahl, ...]
    diagramme: tuple[tuple[kennzahlen.Kennzahl, Diagramm], ...]


def bericht(von: date, bis: date) -> list[Abschnitt]:
    """Every registered figure for von..bis (both inclusive), grouped, with its charts."""
    return [
        Abschnitt(
            titel=gruppe.titel,
            kennzahlen=gruppe.kennzahlen,
            diagramme=tuple(
                (k, diagramm.balkendiagramm(k.aufschluesselung))
                for k in gruppe.kennzahlen
                if k.aufschluesselung
            ),
        )
        for gruppe in kennzahlen.bericht(von, bis)
    ]


def csv_zeilen(von: date, bis: date, abschnitte: list[Abschnitt]):
    """Rows of the CSV export: one per figure and one per line of its breakdown."""
    for abschnitt in abschnitte:
        for k in abschnitt.kennzahlen:
            yield [von, bis, abschnitt.titel, k.schluessel, k.titel, "", k.wert, k.einheit]
            for label, wert in k.aufschluesselung:
                yield [von, bis, abschnitt.titel, k.schluessel, k.titel, label, wert, k.einheit]


@dataclass(frozen=True)
class Zeitreihe:
    schluessel: str
    titel: str
    werte: tuple[tuple[int, kennzahlen.Zahl], ...]  # (year, value)
    diagramm: Diagramm


def _erstes_jahr(heute: date) -> int:
    """The year the network's records start: its oldest district, actor or date."""
    kandidaten = [
        Akteur.objects.order_by("erstellt").values_list("erstellt", flat=True).first(),
        Termin.objects.order_by("start").values_list("start", flat=True).first(),
    ]
    jahre = [timezone.localdate(k).year for k in kandidaten if k is not None]
    return min(jahre, default=heute.year)


def zeitleiste(heute: date | None = None) -> list[Zeitreihe]:
    """The timeline figures per year, from the first year of records to this one (at most
    ten years; this year so far). Cached for an hour: the page is public and the figures
    change slowly."""
    heute = heute or timezone.localdate()
    schluessel = f"koordination-zeitleiste:{heute.isoformat()}:{get_language()}"
    if (gespeichert := cache.get(schluessel)) is not None:
        return gespeichert
    jahre = diagramm.jahre(_erstes_jahr(heute), heute.year)
    titel: dict[str, str] = {}
    werte: dict[str, list[tuple[int, kennzahlen.Zahl]]] = {}
    for jahr in jahre:
        for gruppe in kennzahlen.bericht(date(jahr, 1, 1), min(date(jahr, 12, 31), heute)):
            for k in gruppe.kennzahlen:
                if k.schluessel in ZEITLEISTE:
                    titel[k.schluessel] = k.titel
                    werte.setdefault(k.schluessel, []).append((jahr, k.wert))
    ergebnis = [
        Zeitreihe(
            schluessel=s,
            titel=titel[s],
            werte=tuple(werte[s]),
            diagramm=diagramm.balkendiagramm([(str(j), w) for j, w in werte[s]]),
        )
        for s in ZEITLEISTE
        if s in werte
    ]
    cache.set(schluessel, ergebnis, ZEITLEISTE_CACHE_SEKUNDEN)
    return ergebnis
