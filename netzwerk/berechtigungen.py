"""Who counts as what, in one vocabulary for the whole portal, and the one gate for coordinators.

- :func:`ist_koordination`: the coordinators are the active staff users; they may see and
  edit everything. An inactive account is never a coordinator, whatever its flags say.
- :func:`im_netzwerk`: "in the network" are the coordinators, the members of any Akteur and
  the members of any working group (they see network dates and transparent groups).
  :func:`im_netzwerk_bedingung` is the same rule as a condition for querysets.
- :func:`nur_koordination` is the one gate of the coordinators' pages outside the admin:
  anonymous visitors go to the login page, everybody else who is not a coordinator (also an
  inactive staff account) gets the 403 page.

This module is in the lowest core, so it does not know the apps above it: `vereine` and
`arbeitsgruppen` register in their `ready()` which rows make a user a network member
(:func:`mitgliedschaft_registrieren`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce, wraps
from operator import or_

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Q, QuerySet
from django.http import HttpRequest, HttpResponse

# The active staff users, for User querysets (e.g. whom to tell about a new Akteur).
KOORDINATION = Q(is_active=True, is_staff=True)

# name -> (user -> the rows that make `user` a member of the network), from the apps above.
_MITGLIEDSCHAFTEN: dict[str, Callable[[object], QuerySet]] = {}


def mitgliedschaft_registrieren(name: str, zeilen: Callable[[object], QuerySet]) -> None:
    """Count the rows `zeilen(user)` as membership of the network (called from `ready()`)."""
    _MITGLIEDSCHAFTEN[name] = zeilen


def ist_koordination(user) -> bool:
    """Coordinators are the active staff users; they may see and edit everything."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def im_netzwerk(user) -> bool:
    """Whether `user` counts as "in the network": a coordinator or a member of any Akteur or
    working group. Inactive accounts never are."""
    if not user.is_authenticated or not user.is_active:
        return False
    if ist_koordination(user):
        return True
    return any(zeilen(user).exists() for zeilen in _MITGLIEDSCHAFTEN.values())


def im_netzwerk_bedingung(user):
    """:func:`im_netzwerk` for a queryset filter (without the coordinators, whom querysets
    let through before): true when `user` has any registered membership."""
    if not user.is_authenticated or not user.is_active or not _MITGLIEDSCHAFTEN:
        return Q(pk__in=[])
    return reduce(or_, [Exists(zeilen(user)) for zeilen in _MITGLIEDSCHAFTEN.values()])


def _pruefen(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not ist_koordination(request.user):
        raise PermissionDenied
    return None


def nur_koordination(view: Callable) -> Callable:
    """The gate for coordinators' pages: anonymous → login page, anybody else who is not an
    active staff user → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return _pruefen(request) or view(request, *args, **kwargs)

    return wrapper
