"""How a group URL decides who may do what (one place, used by every view).

- The group is looked up in `sichtbar_fuer(user)`. Not readable: anonymous visitors are sent
  to the login (whether the group exists or not, so the redirect leaks nothing); logged-in
  users get 404, so internal groups do not reveal that they exist.
- Readable but the step needs membership (writing) or the Leitung role: anonymous visitors
  go to the login, logged-in users get 403 – they can see the group, so there is nothing to
  hide, and the page tells them how to join.
- Coordinators read and write everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from arbeitsgruppen.models import Arbeitsgruppe, Mitglied
from netzwerk.berechtigungen import ist_koordination

LESEN = "lesen"
SCHREIBEN = "schreiben"
LEITEN = "leiten"


@dataclass
class Zugang:
    """What the current user may do in one group; handed to views and templates."""

    gruppe: Arbeitsgruppe
    mitglied: Mitglied | None
    darf_schreiben: bool
    darf_leiten: bool


def zugang_fuer(gruppe: Arbeitsgruppe, user) -> Zugang:
    mitglied = gruppe.mitglied_von(user)
    koordination = ist_koordination(user)
    return Zugang(
        gruppe=gruppe,
        mitglied=mitglied,
        darf_schreiben=koordination or mitglied is not None,
        darf_leiten=koordination or bool(mitglied and mitglied.ist_leitung),
    )


def gruppen_zugang(stufe: str = LESEN) -> Callable:
    """Decorator: resolve `slug` to the group and check `stufe` (lesen, schreiben, leiten).

    The view is called as view(request, zugang, **other_kwargs).
    """

    def dekorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
            gruppe = (
                Arbeitsgruppe.objects.sichtbar_fuer(request.user)
                .select_related("uebergeordnet")
                .filter(slug=slug)
                .first()
            )
            if gruppe is None:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise Http404
            zugang = zugang_fuer(gruppe, request.user)
            erlaubt = {
                LESEN: True,
                SCHREIBEN: zugang.darf_schreiben,
                LEITEN: zugang.darf_leiten,
            }[stufe]
            if not erlaubt:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, zugang, **kwargs)

        return wrapper

    return dekorator
