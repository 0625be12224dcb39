"""Minutes of any Termin (a Stammtisch or a working group's meeting): saving and publishing.

The Stammtisch room prefills minutes from its agenda; everything else about minutes lives here.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arbeitsgruppen.models import Mitglied
from netzwerk.mail import mail_senden
from termine.models import Protokoll, Rueckmeldung
from vereine.models import Mitgliedschaft


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
def protokoll_speichern(*, protokoll_form, punkte, folgeaufgaben) -> Protokoll:
    """Save minutes typed in the members' form (see :mod:`termine.forms_protokoll`).

    Side effects: creates the Protokoll on first save, saves its present Akteure, its
    agenda items (numbered in the order of the form) and follow-ups; rows marked for
    deletion are deleted. All forms must be valid. Publishing is separate
    (:func:`protokoll_veroeffentlichen`).
    """
    protokoll = protokoll_form.save()
    nummer = 0
    for form in punkte.forms:
        if form.cleaned_data.get("DELETE"):
            if form.instance.pk:
                form.instance.delete()
            continue
        if not form.instance.pk and not form.has_changed():
            continue  # an empty extra row
        nummer += 1
        punkt = form.save(commit=False)
        punkt.protokoll, punkt.reihenfolge = protokoll, nummer
        punkt.save()
    folgeaufgaben.instance = protokoll
    folgeaufgaben.save()
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
