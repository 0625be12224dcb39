"""The challenges' section on a meeting's page: what was raised or discussed there, and for
the coordinators the way to update the challenges from the minutes ("minutes can update
them": the admin list of the challenges raised at this meeting, and a new one for it).

Registered with the calendar core's section registry (`termine.abschnitte`) in
`netzwerk.apps.NetzwerkConfig.ready`; the core never imports this room.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from netzwerk.berechtigungen import ist_koordination
from netzwerk.koordination.models import Herausforderung
from termine.abschnitte import abschnitt
from termine.models import Termin

SITZUNGEN = (Termin.Kategorie.STAMMTISCH, Termin.Kategorie.TREFFEN)


@abschnitt("koordination/termin_abschnitt.html")
def herausforderungen_der_sitzung(request, termin) -> dict | None:
    """On a meeting's page (Stammtisch or group meeting; other dates get no section and no
    query): the challenges raised there or with a history line dated on it, as far as the
    user may see them; for coordinators also the admin links."""
    if termin.kategorie not in SITZUNGEN:
        return None
    koordination = ist_koordination(request.user)
    liste = list(
        Herausforderung.objects.sichtbar_fuer(request.user)
        .filter(Q(termin=termin) | Q(verlauf__termin=termin))
        .distinct()
        .order_by("titel")
    )
    if not liste and not koordination:
        return None
    daten = {"herausforderungen": liste, "koordination": koordination}
    if koordination:
        herkunft = (
            Herausforderung.Herkunft.STAMMTISCH
            if termin.kategorie == Termin.Kategorie.STAMMTISCH
            else Herausforderung.Herkunft.ARBEITSGRUPPE
        )
        daten["aktualisieren_url"] = (
            reverse("admin:netzwerk_herausforderung_changelist") + f"?termin__id__exact={termin.pk}"
        )
        daten["offen_url"] = (
            reverse("admin:netzwerk_herausforderung_changelist") + "?status__exact=offen"
        )
        daten["neu_url"] = (
            reverse("admin:netzwerk_herausforderung_add")
            + "?"
            + urlencode(
                {
                    "termin": termin.pk,
                    "herkunft": herkunft,
                    "aufgekommen_am": termin.erster_tag.isoformat(),
                    "arbeitsgruppe": termin.arbeitsgruppe_id or "",
                }
            )
        )
    return daten
