"""The privacy registry of Lernen durch Engagement (netzwerk.datenschutz).

No pupil is stored at all (the certificate's names live only in the PDF). The personal data
of the room is the contact line of a need (a name and phone number of the actor's contact
person) and the account that wrote a row. The contact is erased one year after the need left
the board (done, withdrawn, or its period over); the rest is no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from netzwerk.datenschutz import KEIN_PERSONENBEZUG, Regel

KONTAKT_LOESCHEN_NACH = timedelta(days=365)
KONTAKT_ENTFERNT = "(nach einem Jahr entfernt)"

REGELN: dict[str, Regel] = {
    r.code: r
    for r in [
        Regel(
            "lde_kontakt",
            "The contact person of a need, shown to the network; erased one year after the "
            "need left the board (done, withdrawn or its period over).",
        ),
        Regel(
            "lde_konto",
            "The account that wrote a need, project or reflection; emptied when the account "
            "is deleted.",
        ),
    ]
}

_OHNE = KEIN_PERSONENBEZUG


def _felder(model: str, personenbezogen: dict[str, str], ohne: str) -> dict[str, str]:
    """The register of `model`: its personal fields with their rules, and the fields named
    (space-separated) in `ohne` as no personal data."""
    return {
        **{f"arbeitsgruppen.{model}.{f}": _OHNE for f in ohne.split()},
        **{f"arbeitsgruppen.{model}.{f}": r for f, r in personenbezogen.items()},
    }


REGISTER: dict[str, str] = {
    **_felder(
        "Engagementbedarf",
        {"kontakt": "lde_kontakt", "erstellt_von": "lde_konto"},
        "id erstellt geaendert akteur titel beschreibung von bis ortsteil ort status",
    ),
    **_felder(
        "Klassenprojekt",
        {"erstellt_von": "lde_konto"},
        (
            "id erstellt geaendert schule titel klasse fach lehrplanbezug schuljahr stunden "
            "ergebnis veroeffentlicht status abgeschlossen_am"
        ),
    ),
    **_felder("Projektphase", {}, "id projekt art reihenfolge von bis termin"),
    **_felder("Qualitaetsstandard", {}, "id projekt standard reihenfolge erfuellt notiz"),
    # The teachers write about the class, never about a pupil (the form says so).
    **_felder("Reflexion", {"erstellt_von": "lde_konto"}, "id erstellt geaendert phase text"),
}

VOLLSTAENDIG = (
    "arbeitsgruppen.Engagementbedarf",
    "arbeitsgruppen.Klassenprojekt",
    "arbeitsgruppen.Projektphase",
    "arbeitsgruppen.Qualitaetsstandard",
    "arbeitsgruppen.Reflexion",
)


@dataclass
class Bericht:
    kontakte_entfernt: int = 0
    dry_run: bool = False

    def zeilen(self) -> list[str]:
        vorsilbe = "would " if self.dry_run else ""
        return [
            f"{vorsilbe}erase the contact of {self.kontakte_entfernt} needs "
            "(off the board for over a year)"
        ]


def anwenden(*, jetzt: datetime | None = None, dry_run: bool = False) -> Bericht:
    """Enforce :data:`REGELN`.

    Side effects (none with dry_run): replaces ``Engagementbedarf.kontakt`` by a note for
    needs done or withdrawn over a year ago, or whose period ended over a year ago.
    """
    from arbeitsgruppen.lde.models import Engagementbedarf

    jetzt = jetzt or timezone.now()
    grenze = jetzt - KONTAKT_LOESCHEN_NACH
    faellig = Engagementbedarf.objects.exclude(kontakt=KONTAKT_ENTFERNT).filter(
        Q(status__in=["erledigt", "zurueckgezogen"], geaendert__lt=grenze)
        | Q(bis__lt=timezone.localdate(grenze))
    )
    bericht = Bericht(kontakte_entfernt=faellig.count(), dry_run=dry_run)
    if not dry_run:
        faellig.update(kontakt=KONTAKT_ENTFERNT)
    return bericht
