"""The pool's section on a Termin's page: the items lent for that date ("Genutzte Ressourcen")
and, for those who may borrow for it, the way into the pool with the date already chosen.

Registered with the calendar core's section registry (`termine.abschnitte`) in
`vereine.apps.VereineConfig.ready`; the core never imports this room.
"""

from __future__ import annotations

from django.db.models import Exists

from netzwerk.berechtigungen import im_netzwerk
from termine.abschnitte import abschnitt
from vereine.models import Akteur
from vereine.ressourcen.models import Ausleihe
from vereine.ressourcen.services import termine_zur_wahl


def kann_dafuer_leihen(user, termin) -> bool:
    """Whether one of the user's active actors may name `termin` in a request (one query;
    a joint event is open to everyone with an actor, not to residents without one)."""
    akteure = Akteur.objects.filter(mitgliedschaften__user=user).aktiv()
    return (
        termine_zur_wahl(akteure=akteure, user=user).filter(Exists(akteure), pk=termin.pk).exists()
    )


@abschnitt("ressourcen/termin_abschnitt.html")
def genutzte_ressourcen(request, termin) -> dict | None:
    """Accepted lendings for `termin`: item, quantity, lending and borrowing actor (no person
    names), for members of the network only; plus a link into the pool for the members of an
    actor that may borrow for it. Three queries at most, whatever the number of lendings."""
    if not request.user.is_authenticated:
        return None
    ausleihen = list(Ausleihe.objects.genutzt_fuer(termin))
    kann_leihen = kann_dafuer_leihen(request.user, termin)
    if not kann_leihen and (not ausleihen or not im_netzwerk(request.user)):
        return None
    return {"ausleihen": ausleihen, "kann_leihen": kann_leihen, "termin": termin}
