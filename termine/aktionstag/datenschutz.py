"""Privacy as code for the Aktionstag: every personal field and its retention rule.

The helpers' sign-ups (:class:`~termine.models.Helfereinsatz`) and the stations are
complete models (every field classified, see :mod:`netzwerk.datenschutz`). The child
protection note ("extended police certificate seen on …, by …, valid until …") is never
more than that note, and it is erased 3 months after the day, together with the helper's
name, e-mail and account link; what stays is an anonymous sign-up that still counts for
the report (helpers, hours). Unconfirmed guest sign-ups go once their link expired or the
day is over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from netzwerk.datenschutz import KEIN_PERSONENBEZUG, Regel

NACH_DEM_TAG = timedelta(days=91)  # "3 months after the day"
GAST_LINK_GUELTIG = timedelta(days=7)

REGELN: dict[str, Regel] = {
    r.code: r
    for r in [
        Regel(
            "aktionstag_helfer",
            "Who helps in which shift (account, or a guest's name and e-mail): kept until 3 "
            "months after the day, then the sign-up is anonymised (it still counts for the "
            "report); deleted at once with the account or when the helper cancels.",
        ),
        Regel(
            "aktionstag_gast_offen",
            "A guest sign-up not confirmed by its link: deleted once the link expired (7 days) "
            "or the day is over.",
        ),
        Regel(
            "aktionstag_zeugnis",
            "Child protection: only the note that an extended police certificate was seen "
            "(on, by, valid until), never the document; erased 3 months after the day.",
        ),
        Regel(
            "aktionstag_einreichung",
            "Who submitted a station: kept for questions until 3 months after the day, then "
            "emptied; emptied at once when the account is deleted.",
        ),
    ]
}

VOLLSTAENDIG = ("termine.Helfereinsatz", "termine.Station")

REGISTER: dict[str, str] = {
    "termine.Helfereinsatz.id": KEIN_PERSONENBEZUG,
    "termine.Helfereinsatz.schicht": KEIN_PERSONENBEZUG,
    "termine.Helfereinsatz.user": "aktionstag_helfer",
    "termine.Helfereinsatz.gast_name": "aktionstag_helfer",
    "termine.Helfereinsatz.gast_email": "aktionstag_helfer",
    "termine.Helfereinsatz.bestaetigt_am": "aktionstag_gast_offen",
    "termine.Helfereinsatz.erinnert_am": "aktionstag_helfer",
    "termine.Helfereinsatz.erstellt": KEIN_PERSONENBEZUG,
    "termine.Helfereinsatz.anonymisiert": KEIN_PERSONENBEZUG,
    "termine.Helfereinsatz.zeugnis_eingesehen_am": "aktionstag_zeugnis",
    "termine.Helfereinsatz.zeugnis_eingesehen_von": "aktionstag_zeugnis",
    "termine.Helfereinsatz.zeugnis_gueltig_bis": "aktionstag_zeugnis",
    # Stations are the actors' public contributions; only the submitter is a person.
    "termine.Station.id": KEIN_PERSONENBEZUG,
    "termine.Station.erstellt": KEIN_PERSONENBEZUG,
    "termine.Station.geaendert": KEIN_PERSONENBEZUG,
    "termine.Station.aktionstag": KEIN_PERSONENBEZUG,
    "termine.Station.akteur": KEIN_PERSONENBEZUG,
    "termine.Station.titel": KEIN_PERSONENBEZUG,
    "termine.Station.beschreibung": KEIN_PERSONENBEZUG,
    "termine.Station.zielgruppe": KEIN_PERSONENBEZUG,
    "termine.Station.start": KEIN_PERSONENBEZUG,
    "termine.Station.ende": KEIN_PERSONENBEZUG,
    "termine.Station.platz": KEIN_PERSONENBEZUG,
    "termine.Station.ort": KEIN_PERSONENBEZUG,
    "termine.Station.strom": KEIN_PERSONENBEZUG,
    "termine.Station.zelt": KEIN_PERSONENBEZUG,
    "termine.Station.tische": KEIN_PERSONENBEZUG,
    "termine.Station.wasser": KEIN_PERSONENBEZUG,
    "termine.Station.mit_kindern": KEIN_PERSONENBEZUG,
    "termine.Station.status": KEIN_PERSONENBEZUG,
    "termine.Station.rueckmeldung": KEIN_PERSONENBEZUG,
    "termine.Station.eingereicht_von": "aktionstag_einreichung",
}


@dataclass
class Bericht:
    """What one run did (or would do, with dry_run)."""

    zeugnisse_geloescht: int = 0
    einsaetze_anonymisiert: int = 0
    gaeste_geloescht: int = 0
    einreichende_geloescht: int = 0
    dry_run: bool = False

    def zeilen(self) -> list[str]:
        vorsilbe = "would " if self.dry_run else ""
        return [
            f"{vorsilbe}erase {self.zeugnisse_geloescht} police certificate notes "
            "(day over 3 months ago)",
            f"{vorsilbe}anonymise {self.einsaetze_anonymisiert} helper sign-ups "
            "(day over 3 months ago)",
            f"{vorsilbe}delete {self.gaeste_geloescht} unconfirmed guest sign-ups",
            f"{vorsilbe}empty the submitter of {self.einreichende_geloescht} stations "
            "(day over 3 months ago)",
        ]


def anwenden(*, jetzt: datetime | None = None, dry_run: bool = False) -> Bericht:
    """Enforce the time-based rules of :data:`REGELN`.

    Side effects (none with dry_run): 3 months after an Aktionstag ended, empties the
    certificate notes of its sign-ups, anonymises them (account link, guest name and
    e-mail, reminder time emptied; ``anonymisiert`` set) and empties the stations'
    submitter; deletes guest sign-ups never confirmed whose link expired or whose day is
    over.
    """
    from termine.models import Helfereinsatz, Station

    jetzt = jetzt or timezone.now()
    grenze = jetzt - NACH_DEM_TAG
    alt = Helfereinsatz.objects.filter(schicht__aktionstag__termin__ende__lt=grenze)
    zeugnisse = alt.filter(
        Q(zeugnis_eingesehen_am__isnull=False)
        | Q(zeugnis_gueltig_bis__isnull=False)
        | ~Q(zeugnis_eingesehen_von="")
    )
    anonymisieren = alt.filter(anonymisiert=False, bestaetigt_am__isnull=False)
    gaeste = Helfereinsatz.objects.filter(bestaetigt_am__isnull=True).filter(
        Q(erstellt__lt=jetzt - GAST_LINK_GUELTIG) | Q(schicht__ende__lt=jetzt)
    )
    einreichende = Station.objects.filter(
        aktionstag__termin__ende__lt=grenze, eingereicht_von__isnull=False
    )
    bericht = Bericht(
        zeugnisse_geloescht=zeugnisse.count(),
        einsaetze_anonymisiert=anonymisieren.count(),
        gaeste_geloescht=gaeste.count(),
        einreichende_geloescht=einreichende.count(),
        dry_run=dry_run,
    )
    if dry_run:
        return bericht
    with transaction.atomic():
        zeugnisse.update(
            zeugnis_eingesehen_am=None, zeugnis_eingesehen_von="", zeugnis_gueltig_bis=None
        )
        anonymisieren.update(
            user=None, gast_name="", gast_email="", erinnert_am=None, anonymisiert=True
        )
        gaeste.delete()
        einreichende.update(eingereicht_von=None)
    return bericht
