"""Models of the termine app: the calendar core here, each room's models in its room.

Everything with a date is a Termin (termin.py); minutes belong to a Termin (protokoll.py).
The Stammtisch and the Ferienkalender (with its wish phase) keep their models in their rooms
and point at Termin; they are registered through this package (same app label, so the
migrations stay in termine/migrations/).
"""

from termine.aktionstag.models import *  # noqa: F403  (rooms after the core they build on)
from termine.ferien.models import *  # noqa: F403
from termine.ferien.verlosung.models import *  # noqa: F403
from termine.models.protokoll import *  # noqa: F403
from termine.models.termin import Termin, TerminAusnahme, TerminQuerySet
from termine.models.vorkommen import Vorkommen, VorkommenStand
from termine.stammtisch.models import *  # noqa: F403

__all__ = ["Termin", "TerminAusnahme", "TerminQuerySet", "Vorkommen", "VorkommenStand"]
