"""Figures for the coordinators: offers, occasions, places, registrations, fill rate.

Two queries for a whole period, however many offers it has: the occasions with their counts,
and the registrations grouped by age.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from termine.models import Anmeldung, Durchfuehrung, Ferienzeitraum


@dataclass
class Zeile:
    name: str
    angebote: int = 0
    durchfuehrungen: int = 0
    plaetze: int = 0
    bestaetigt: int = 0
    warteliste: int = 0
    _angebote: set[int] = field(default_factory=set, repr=False)

    @property
    def auslastung(self) -> int | None:
        """Confirmed places in percent of the limited places (None without limits)."""
        if not self.plaetze:
            return None
        return round(100 * self.bestaetigt / self.plaetze)

    def zaehlen(self, durchfuehrung: Durchfuehrung) -> None:
        if durchfuehrung.angebot_id not in self._angebote:
            self._angebote.add(durchfuehrung.angebot_id)
            self.angebote += 1
        self.durchfuehrungen += 1
        self.plaetze += durchfuehrung.max_plaetze or 0
        self.bestaetigt += durchfuehrung.belegt
        self.warteliste += durchfuehrung.wartend


def statistik(zeitraum: Ferienzeitraum) -> dict:
    """Totals and rows per Akteur, category and age for the published offers of `zeitraum`.

    Per age, "places" are the places of the occasions open to that age and "confirmed" the
    children of that age with a confirmed place, so the rate shows where demand outgrows
    the offer.
    """
    durchfuehrungen = list(
        Durchfuehrung.objects.filter(angebot__zeitraum=zeitraum, angebot__status="veroeffentlicht")
        .nicht_abgesagt()
        .select_related("angebot__akteur")
        .mit_belegung()
    )
    gesamt = Zeile(name="gesamt")
    akteure: dict[str, Zeile] = {}
    kategorien: dict[str, Zeile] = {}
    alter: dict[int, Zeile] = {}
    for d in durchfuehrungen:
        gesamt.zaehlen(d)
        a = d.angebot
        akteure.setdefault(a.akteur.name, Zeile(name=a.akteur.name)).zaehlen(d)
        kategorie = str(a.get_kategorie_display())
        kategorien.setdefault(kategorie, Zeile(name=kategorie)).zaehlen(d)
        for jahre in range(a.alter_von, a.alter_bis + 1):
            zeile = alter.setdefault(jahre, Zeile(name=str(jahre)))
            if a.pk not in zeile._angebote:
                zeile._angebote.add(a.pk)
                zeile.angebote += 1
            zeile.durchfuehrungen += 1
            zeile.plaetze += d.max_plaetze or 0
    pro_alter: dict[int, dict[str, int]] = defaultdict(dict)
    for eintrag in (
        Anmeldung.objects.filter(
            durchfuehrung__in=[d.pk for d in durchfuehrungen], status__in=Anmeldung.AKTIV
        )
        .values("alter")
        .annotate(
            bestaetigt=Count("pk", filter=Q(status=Anmeldung.Status.BESTAETIGT)),
            warteliste=Count("pk", filter=Q(status=Anmeldung.Status.WARTELISTE)),
        )
    ):
        pro_alter[eintrag["alter"]] = eintrag
        zeile = alter.setdefault(eintrag["alter"], Zeile(name=str(eintrag["alter"])))
        zeile.bestaetigt = eintrag["bestaetigt"]
        zeile.warteliste = eintrag["warteliste"]
    return {
        "gesamt": gesamt,
        "akteure": sorted(akteure.values(), key=lambda z: z.name),
        "kategorien": sorted(kategorien.values(), key=lambda z: z.name),
        "alter": [alter[k] for k in sorted(alter)],
    }
