"""Models of the termine app, one module per feature.

Everything with a date is a Termin (termin.py); the Stammtisch and the Ferienkalender add
their own modules here and point at Termin.
"""

from termine.models.ferien import *  # noqa: F403
from termine.models.stammtisch import *  # noqa: F403
from termine.models.termin import Termin, TerminAusnahme, TerminQuerySet
from termine.models.verlosung import *  # noqa: F403

__all__ = ["Termin", "TerminAusnahme", "TerminQuerySet"]
