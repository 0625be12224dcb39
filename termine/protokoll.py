"""Minutes of any Termin (a Stammtisch or a working group's meeting): saving and publishing.

The Stammtisch room prefills minutes from its agenda; everything else about minutes lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arbeitsgruppen.models import Mitglied
from netzwerk.mail import mail_senden
from termine.models import Folgeaufgabe, Protokoll, ProtokollPunkt, Rueckmeldung
from vereine.models import Akteur, Mitgliedschaft


class ProtokollFehler(Exception):
    """A step on minutes that cannot be done; the message says why (German)."""


def _ohne_doppelte(adressen) -> list[str]:
    gesehen: dict[str, str] = {}
    for adresse in adressen:
        if adresse:
            gesehen.setdefault(adresse.lower(), adresse)
    return list(gesehen.values())


def protokoll_empfaenger(protokoll: Protokoll) -> list[str]:
    """Who gets the published minutes: the members of the Akteure present, everyone
    who said yes to a Stammtisch and, for a working group's meeting, the group's members."""
    adressen = list(
        Mitgliedschaft.objects.filter(
            akteur__in=protokoll.anwesende.all(), user__is_active=True
        ).values_list("user__email", flat=True)
    )
    if protokoll.termin.arbeitsgruppe_id:
        adressen += Mitglied.objects.filter(
            gruppe=protokoll.termin.arbeitsgruppe_id, user__is_active=True
        ).values_list("user__email", flat=True)
    adressen += Rueckmeldung.objects.filter(
        stammtisch__termin=protokoll.termin_id, antwort=Rueckmeldung.Antwort.ZUSAGE
    ).values_list("email", flat=True)
    return sorted(_ohne_doppelte(adressen), key=str.lower)


@transaction.atomic
def protokoll_speichern(
    *,
    protokoll: Protokoll,
    anwesende: Iterable[Akteur],
    punkte: Sequence[ProtokollPunkt],
    folgeaufgaben: Sequence[Folgeaufgabe],
) -> Protokoll:
    """Save the minutes of a Termin as they were typed, whole.

    `protokoll` (new or changed: head count, decisions) with the Akteure present; `punkte`
    (agenda items) and `folgeaufgaben` (follow-ups) are the rows the minutes keep, existing
    or new (unsaved), agenda items in their order.

    Side effects, in one transaction: writes the Protokoll and its present Akteure, numbers
    and writes the agenda items, writes the follow-ups, deletes the minutes' agenda items
    and follow-ups that are not in the lists. Publishing is separate
    (:func:`protokoll_veroeffentlichen`).
    """
    protokoll.save()
    protokoll.anwesende.set(anwesende)
    for nummer, punkt in enumerate(punkte, start=1):
        punkt.protokoll, punkt.reihenfolge = protokoll, nummer
        punkt.save()
    for aufgabe in folgeaufgaben:
        aufgabe.protokoll = protokoll
        aufgabe.save()
    protokoll.punkte.exclude(pk__in=[p.pk for p in punkte]).delete()
    protokoll.folgeaufgaben.exclude(pk__in=[a.pk for a in folgeaufgaben]).delete()
    return protokoll


@transaction.atomic
def protokoll_veroeffentlichen(*, protokoll: Protokoll, jetzt: datetime | None = None) -> int:
    """Publish the minutes to the network's members and mail them to the participants.

    Side effects: sets ``veroeffentlicht_am`` (then network members see the minutes) and
    queues one mail per participant (see :func:`protokoll_empfaenger`). Publishing again
    does nothing. Returns the number of mails.
    """
    protokoll = Protokoll.objects.select_for_update().get(pk=protokoll.pk)
    if protokoll.veroeffentlicht:
        raise ProtokollFehler(_("These minutes are already published."))
    protokoll.veroeffentlicht_am = jetzt or timezone.now()
    protokoll.save(update_fields=["veroeffentlicht_am"])
    adressen = protokoll_empfaenger(protokoll)
    if adressen:
        mail_senden(
            an=adressen,
            vorlage="termine/mail/protokoll",
            kontext={
                "protokoll": protokoll,
                "termin": protokoll.termin,
                "punkte": list(protokoll.punkte.all()),
                "folgeaufgaben": list(protokoll.folgeaufgaben.select_related("verantwortlich")),
                "anwesende": list(protokoll.anwesende.all()),
                "link": settings.SITE_URL + protokoll.get_absolute_url(),
            },
        )
    return len(adressen)
