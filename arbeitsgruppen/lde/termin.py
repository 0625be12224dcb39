"""The section of Lernen durch Engagement on a Termin's page: for a phase of a class project,
which project it belongs to and the way to its page (and to the plan for those who may see
it). Registered with the calendar core's section registry (`termine.abschnitte`) in
`arbeitsgruppen.apps.ArbeitsgruppenConfig.ready`; the core never imports this room.
"""

from __future__ import annotations

from arbeitsgruppen.lde.models import Klassenprojekt, Projektphase
from termine.abschnitte import abschnitt
from termine.models import Termin


@abschnitt("lde/termin_abschnitt.html")
def klassenprojekt(request, termin) -> dict | None:
    """The project of a phase's Termin; two queries at most, none for other categories (the
    phases are always "Bildung", so other dates' pages cost nothing)."""
    if termin.kategorie != Termin.Kategorie.BILDUNG:
        return None
    phase = Projektphase.objects.filter(termin=termin).select_related("projekt__schule").first()
    if phase is None:
        return None
    projekt = phase.projekt
    darf_plan = (
        request.user.is_authenticated
        and Klassenprojekt.objects.sichtbar_fuer(request.user).filter(pk=projekt.pk).exists()
    )
    if not (darf_plan or (projekt.veroeffentlicht and projekt.schule.status == "aktiv")):
        return None
    return {"phase": phase, "projekt": projekt, "darf_plan": darf_plan}
