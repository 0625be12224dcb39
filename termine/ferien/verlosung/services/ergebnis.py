"""The allocation's result as families and coordinators see it (reasons, quality report)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from termine.ferien.verlosung.services.eingabe import _ueberschneiden
from termine.ferien.verlosung.services.gemeinsam import Grund

# ------------------------------------------------------------------ result as families see it


def aufbereiten(eingabe: dict[str, Any], ergebnis: dict[str, Any]) -> dict[str, Any]:
    """Derive reasons, waiting lists and the quality report from the places (pure).

    Called after the draw and after every manual change, so what coordinators see, what is
    confirmed and what families are told always agree. Returns `ergebnis` with ``absagen``
    ([kind, durchfuehrung, favourite, reason, [blocking ids], waiting position]),
    ``wartelisten`` ({durchfuehrung: [kind, ...]}) and ``bericht`` filled in.
    """
    occ = {
        d[0]: {
            "angebot": d[1],
            "start": datetime.fromisoformat(d[2]),
            "ende": datetime.fromisoformat(d[3]),
            "frei": d[4],
            "minimum": d[5],
            "belegt": d[6],
            "wartend": d[7],
        }
        for d in eingabe["durchfuehrungen"]
    }
    kinder = {k[0]: k for k in eingabe["kinder"]}
    max_pro_kind = eingabe["max_pro_kind"]
    rang = {k: i for i, k in enumerate(ergebnis["ziehung"])}
    held: dict[int, list[int]] = {k: [] for k in kinder}
    taken: dict[int, int] = {}
    for k, d, _runde, _fav in ergebnis["plaetze"]:
        held.setdefault(k, []).append(d)
        taken[d] = taken.get(d, 0) + 1
    entfernt = {(k, d) for k, d in ergebnis["entfernt"]}
    warteordnung = {int(d): liste for d, liste in ergebnis["warteordnung"].items()}
    stelle_in = {d: {k: i for i, k in enumerate(liste)} for d, liste in warteordnung.items()}

    def limit(k: int) -> float:
        eigenes = kinder[k][4] if k in kinder else None
        if eigenes is None:
            eigenes = max_pro_kind
        return float("inf") if eigenes is None else eigenes

    def blockiert(d: int, gegen: list[int]) -> tuple[str | None, list[int]]:
        gleich = [h for h in gegen if occ[h]["angebot"] == occ[d]["angebot"]]
        if gleich:
            return "gleich", gleich
        ueber = [
            h
            for h in gegen
            if _ueberschneiden(occ[h]["start"], occ[h]["ende"], occ[d]["start"], occ[d]["ende"])
        ]
        return ("ueber", ueber) if ueber else (None, [])

    absagen: list[list[Any]] = []
    kandidaten: dict[int, list[tuple[int, bool]]] = {}
    for k, d, fav in eingabe["wuensche"]:
        mine = held.get(k, [])
        if d in mine:
            continue
        art, mit = blockiert(d, mine)
        if (k, d) in entfernt:
            absagen.append([k, d, fav, Grund.MANUELL, [], None])
        elif art == "gleich":
            absagen.append([k, d, fav, Grund.GLEICHES_ANGEBOT, mit, None])
        elif art == "ueber":
            absagen.append([k, d, fav, Grund.UEBERSCHNEIDUNG, mit, None])
        elif len(mine) >= limit(k):
            absagen.append([k, d, fav, Grund.HOECHSTZAHL, [], None])
        elif taken.get(d, 0) < occ[d]["frei"]:
            absagen.append([k, d, fav, Grund.FREI, [], None])
        else:
            kandidaten.setdefault(k, []).append((d, fav))

    gross = len(rang) + 1
    behalten: dict[int, list[int]] = {}  # durchfuehrung -> children kept on its waiting list
    for k, wuensche in kandidaten.items():
        mine, kept = held.get(k, []), []

        def position(eintrag: tuple[int, bool], k: int = k) -> tuple[bool, int, int]:
            d, fav = eintrag
            stelle = stelle_in.get(d, {}).get(k, gross + rang.get(k, gross))
            return (not fav, stelle, d)

        for d, fav in sorted(wuensche, key=position):
            art, mit = blockiert(d, kept)
            if art == "gleich":
                absagen.append([k, d, fav, Grund.GLEICHES_ANGEBOT_WARTELISTE, mit, None])
            elif art == "ueber":
                absagen.append([k, d, fav, Grund.UEBERSCHNEIDUNG_WARTELISTE, mit, None])
            elif len(mine) + len(kept) >= limit(k):
                absagen.append([k, d, fav, Grund.HOECHSTZAHL_WARTELISTE, [], None])
            else:
                kept.append(d)
                behalten.setdefault(d, []).append(k)
                absagen.append([k, d, fav, Grund.AUSGEBUCHT, [], None])

    wartelisten: dict[str, list[int]] = {}
    for d, wartende in behalten.items():
        stelle = stelle_in.get(d, {})
        liste = sorted(wartende, key=lambda k: (stelle.get(k, gross), rang.get(k, gross)))
        wartelisten[str(d)] = liste
    positionen = {
        (k, int(d)): occ[int(d)]["wartend"] + i
        for d, liste in wartelisten.items()
        for i, k in enumerate(liste, start=1)
    }
    for absage in absagen:
        if absage[3] == Grund.AUSGEBUCHT:
            absage[5] = positionen[(absage[0], absage[1])]
    for k, d, fav, grund, mit in eingabe["vorab"]:
        absagen.append([k, d, fav, grund, mit, None])
    absagen.sort(key=lambda a: (rang.get(a[0], gross), a[0], a[1]))

    ergebnis["absagen"] = absagen
    ergebnis["wartelisten"] = wartelisten
    ergebnis["bericht"] = _bericht(eingabe, ergebnis, held, taken, occ)
    return ergebnis


def _bericht(eingabe, ergebnis, held, taken, occ) -> dict[str, Any]:
    anzahl = [len(held.get(k[0], [])) for k in eingabe["kinder"]]
    histogramm = [0] * (max(anzahl, default=0) + 1)
    for n in anzahl:
        histogramm[n] += 1
    alle = [(k, d, fav) for k, d, fav in eingabe["wuensche"]] + [
        (k, d, fav) for k, d, fav, *_rest in eingabe["vorab"]
    ]
    gehalten = {(k, d) for k, mine in held.items() for d in mine}
    gruppen: dict[tuple[str, int], list[int]] = {}
    gruppe_von = {k[0]: k[3] for k in eingabe["kinder"] if k[3]}
    groesse: dict[str, int] = {}
    for g in gruppe_von.values():
        groesse[g] = groesse.get(g, 0) + 1
    for k, d, _fav in eingabe["wuensche"]:
        g = gruppe_von.get(k)
        if g and groesse[g] > 1:
            gruppen.setdefault((g, d), [0, 0])[(k, d) in gehalten] += 1
    gemeinsam = [z for z in gruppen.values() if sum(z) >= 2]
    mit_platz = len(anzahl) - histogramm[0]
    return {
        "kinder": len(anzahl),
        "histogramm": histogramm,
        "ohne_platz": histogramm[0],
        "ein_platz": histogramm[1] if len(histogramm) > 1 else 0,
        "mehr_plaetze": sum(histogramm[2:]),
        "mit_platz": mit_platz,
        "max_mit_platz": ergebnis["max_mit_platz"],
        "wuensche": len(alle),
        "wuensche_erfuellt": sum(1 for k, d, _ in alle if (k, d) in gehalten),
        "favoriten": sum(1 for _, _, fav in alle if fav),
        "favoriten_erfuellt": sum(1 for k, d, fav in alle if fav and (k, d) in gehalten),
        "unter_minimum": [
            [d, o["belegt"] + taken.get(d, 0), o["minimum"]]
            for d, o in sorted(occ.items())
            if o["minimum"] and o["belegt"] + taken.get(d, 0) < o["minimum"]
        ],
        "gruppen_gemeinsam": len(gemeinsam),
        "gruppen_getrennt": sum(1 for ohne, mit in gemeinsam if ohne and mit),
        "warteliste": sum(len(liste) for liste in ergebnis["wartelisten"].values()),
    }
