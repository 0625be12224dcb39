"""Privacy as code for Jugendbeteiligung: every field of the room's models and its rule.

All five models are complete (:data:`VOLLSTAENDIG`): a field added later fails the portal's
privacy check until it is classified here. :func:`anwenden` enforces the time-based rules
(``manage.py datenschutz``); the rest happens at once by CASCADE / SET_NULL when an account
is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from netzwerk.datenschutz import KEIN_PERSONENBEZUG, Regel

UNBESTAETIGT_LOESCHEN_NACH = timedelta(days=30)
UNTERSTUETZUNGEN_LOESCHEN_NACH = timedelta(days=183)
MELDUNGEN_LOESCHEN_NACH = timedelta(days=90)
AUTOR_LOESEN_NACH = timedelta(days=365)

REGELN: dict[str, Regel] = {
    r.code: r
    for r in [
        Regel(
            "jugendprofil",
            "The young person's own profile (nickname, birth year – never a date): kept while "
            "the account exists, deleted at once with it.",
        ),
        Regel(
            "sorgeberechtigt",
            "The guardian's address and confirmation: proof of consent, kept with the profile "
            "and deleted with it; an address whose confirmation never came is erased 30 days "
            "after the request.",
        ),
        Regel(
            "unterstuetzung",
            "Who supports an idea: kept while the idea is open and for 6 months after it was "
            "done or declined; then the supports are deleted and only their number stays. "
            "Deleted at once with the supporter's account.",
        ),
        Regel(
            "meldung",
            "Reports to the moderators: deleted 90 days after they were handled, at once with "
            "the reporter's account.",
        ),
        Regel(
            "idee_autor",
            "The link of an idea to the account that posted it (for mails about the idea): "
            "removed 12 months after the idea was done or declined, and at once when the "
            "account is deleted. The public only ever sees the nickname or the group.",
        ),
        Regel(
            "oeffentlich_idee",
            "Published by the author with the idea; deleted with the idea. Moderators hide "
            "an idea that names or shows a person.",
        ),
        Regel(
            "verantwortlich",
            "Which moderator entered a step or hid an idea: kept for accountability; emptied "
            "when the account is deleted.",
        ),
    ]
}

VOLLSTAENDIG = (
    "arbeitsgruppen.Jugendprofil",
    "arbeitsgruppen.Idee",
    "arbeitsgruppen.Statusschritt",
    "arbeitsgruppen.Unterstuetzung",
    "arbeitsgruppen.Meldung",
)

_K = KEIN_PERSONENBEZUG
REGISTER: dict[str, str] = {
    "arbeitsgruppen.Jugendprofil.id": _K,
    "arbeitsgruppen.Jugendprofil.erstellt": "jugendprofil",
    "arbeitsgruppen.Jugendprofil.user": "jugendprofil",
    "arbeitsgruppen.Jugendprofil.spitzname": "jugendprofil",
    "arbeitsgruppen.Jugendprofil.geburtsjahr": "jugendprofil",
    "arbeitsgruppen.Jugendprofil.sorgeberechtigt_email": "sorgeberechtigt",
    "arbeitsgruppen.Jugendprofil.bestaetigung_angefragt_am": "sorgeberechtigt",
    "arbeitsgruppen.Jugendprofil.bestaetigt_am": "sorgeberechtigt",
    "arbeitsgruppen.Idee.id": _K,
    "arbeitsgruppen.Idee.erstellt": _K,
    "arbeitsgruppen.Idee.geaendert": _K,
    "arbeitsgruppen.Idee.titel": "oeffentlich_idee",
    "arbeitsgruppen.Idee.was": "oeffentlich_idee",
    "arbeitsgruppen.Idee.warum": "oeffentlich_idee",
    "arbeitsgruppen.Idee.ortsteil": _K,
    "arbeitsgruppen.Idee.foto": "oeffentlich_idee",
    "arbeitsgruppen.Idee.foto_alt": "oeffentlich_idee",
    "arbeitsgruppen.Idee.autor": "idee_autor",
    "arbeitsgruppen.Idee.jugendgruppe": _K,  # a group, never a person
    "arbeitsgruppen.Idee.status": _K,
    "arbeitsgruppen.Idee.anlass": _K,
    "arbeitsgruppen.Idee.zustaendig_gruppe": _K,
    "arbeitsgruppen.Idee.zustaendig_akteur": _K,
    "arbeitsgruppen.Idee.antwort_bis": _K,
    "arbeitsgruppen.Idee.vorhaben": _K,
    "arbeitsgruppen.Idee.unterstuetzungen_archiv": _K,  # a number only
    "arbeitsgruppen.Idee.markiert": _K,
    "arbeitsgruppen.Idee.versteckt_am": _K,
    "arbeitsgruppen.Idee.versteckt_grund": _K,
    "arbeitsgruppen.Idee.versteckt_von": "verantwortlich",
    "arbeitsgruppen.Statusschritt.id": _K,
    "arbeitsgruppen.Statusschritt.idee": _K,
    "arbeitsgruppen.Statusschritt.status": _K,
    "arbeitsgruppen.Statusschritt.text": _K,  # public answer of the responsible body
    "arbeitsgruppen.Statusschritt.am": _K,
    "arbeitsgruppen.Statusschritt.von": "verantwortlich",
    "arbeitsgruppen.Unterstuetzung.id": _K,
    "arbeitsgruppen.Unterstuetzung.idee": "unterstuetzung",
    "arbeitsgruppen.Unterstuetzung.user": "unterstuetzung",
    "arbeitsgruppen.Unterstuetzung.benachrichtigen": "unterstuetzung",
    "arbeitsgruppen.Unterstuetzung.erstellt": "unterstuetzung",
    "arbeitsgruppen.Meldung.id": _K,
    "arbeitsgruppen.Meldung.idee": "meldung",
    "arbeitsgruppen.Meldung.von": "meldung",
    "arbeitsgruppen.Meldung.grund": "meldung",
    "arbeitsgruppen.Meldung.erstellt": "meldung",
    "arbeitsgruppen.Meldung.erledigt_am": "meldung",
}


@dataclass
class Bericht:
    adressen_geloescht: int = 0
    unterstuetzungen_geloescht: int = 0
    meldungen_geloescht: int = 0
    autoren_geloest: int = 0
    dry_run: bool = False

    def zeilen(self) -> list[str]:
        vorsilbe = "would " if self.dry_run else ""
        return [
            f"{vorsilbe}erase {self.adressen_geloescht} guardian addresses never confirmed "
            "(requested over 30 days ago)",
            f"{vorsilbe}delete {self.unterstuetzungen_geloescht} supports of ideas closed over "
            "6 months ago (their number stays)",
            f"{vorsilbe}delete {self.meldungen_geloescht} reports handled over 90 days ago",
            f"{vorsilbe}detach {self.autoren_geloest} ideas closed over 12 months ago from "
            "their authors' accounts",
        ]


def _abgeschlossen_vor(grenze: datetime):
    """Ideas done or declined before `grenze` (by the date of their closing step)."""
    from arbeitsgruppen.jugend.models import Idee

    return (
        Idee.objects.filter(status__in=Idee.ABGESCHLOSSEN)
        .annotate(
            geschlossen=Max("schritte__am", filter=Q(schritte__status__in=Idee.ABGESCHLOSSEN))
        )
        .filter(geschlossen__lt=grenze)
    )


def anwenden(*, jetzt: datetime | None = None, dry_run: bool = False) -> Bericht:
    """Enforce the time-based rules of :data:`REGELN`.

    Side effects (none with dry_run): erases guardian addresses (and the request date) of
    profiles never confirmed 30 days after the request; 6 months after an idea was closed,
    adds its supports to `unterstuetzungen_archiv` and deletes them; deletes reports handled
    90 days ago; 12 months after an idea was closed, empties its `autor`.
    """
    from arbeitsgruppen.jugend.models import Idee, Jugendprofil, Meldung, Unterstuetzung

    jetzt = jetzt or timezone.now()
    bericht = Bericht(dry_run=dry_run)
    adressen = Jugendprofil.objects.filter(
        bestaetigt_am__isnull=True,
        bestaetigung_angefragt_am__lt=jetzt - UNBESTAETIGT_LOESCHEN_NACH,
    ).exclude(sorgeberechtigt_email="")
    alte_ideen = _abgeschlossen_vor(jetzt - UNTERSTUETZUNGEN_LOESCHEN_NACH).values("pk")
    unterstuetzungen = Unterstuetzung.objects.filter(idee__in=alte_ideen)
    meldungen = Meldung.objects.filter(erledigt_am__lt=jetzt - MELDUNGEN_LOESCHEN_NACH)
    autoren = Idee.objects.filter(
        pk__in=_abgeschlossen_vor(jetzt - AUTOR_LOESEN_NACH).values("pk"), autor__isnull=False
    )
    bericht.adressen_geloescht = adressen.count()
    bericht.unterstuetzungen_geloescht = unterstuetzungen.count()
    bericht.meldungen_geloescht = meldungen.count()
    bericht.autoren_geloest = autoren.count()
    if dry_run:
        return bericht
    with transaction.atomic():
        adressen.update(sorgeberechtigt_email="", bestaetigung_angefragt_am=None)
        zahlen = unterstuetzungen.values("idee").annotate(n=Count("pk")).values_list("idee", "n")
        for idee_id, anzahl in list(zahlen):
            Idee.objects.filter(pk=idee_id).update(
                unterstuetzungen_archiv=F("unterstuetzungen_archiv") + anzahl
            )
        unterstuetzungen.delete()
        meldungen.delete()
        autoren.update(autor=None)
    return bericht
