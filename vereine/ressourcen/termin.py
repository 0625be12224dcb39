"""The pool's section on a Termin's page: the items lent for that date ("Genutzte Ressourcen").

Registered with the calendar core's section registry (`termine.abschnitte`) in
`vereine.apps.VereineConfig.ready`; the core never imports this room.
"""

from __future__ import annotations

from arbeitsgruppen.models import im_netzwerk
from termine.abschnitte import abschnitt
from vereine.ressourcen.models import Ausleihe


@abschnitt("ressourcen/termin_abschnitt.html")
def genutzte_ressourcen(request, termin) -> dict | None:
    """Accepted lendings for `termin`: item, quantity, lending and borrowing actor (no person
    names), for members of the network only. One query, plus the membership check when there
    is something to show."""
    if not request.user.is_authenticated:
        return None
    ausleihen = list(Ausleihe.objects.genutzt_fuer(termin))
    if not ausleihen or not im_netzwerk(request.user):
        return None
    return {"ausleihen": ausleihen}
