"""The Ferienkalender: holiday periods, offers, their dated occasions, children, registrations.

Every Durchfuehrung points at a Termin (date, place, category "Kinder und Jugend"), so the
occasions show up in the one calendar, its iCal writer and the Terminabgleich.

Children's data is minimal and has an expiry: every personal field of this module is
registered with a retention rule in :mod:`termine.ferien.datenschutz`; a system check fails when one
is missing (see there). The registration workflow lives in :mod:`termine.ferien.services`."""

from termine.ferien.models.angebot import (  # noqa: F401
    Durchfuehrung,
    DurchfuehrungQuerySet,
    Ferienangebot,
    FerienangebotQuerySet,
    _belegt_subquery,
)
from termine.ferien.models.familie import (  # noqa: F401
    Anmeldung,
    AnmeldungQuerySet,
    Einwilligung,
    Kind,
)
from termine.ferien.models.hilfen import (  # noqa: F401
    RESERVIERTE_SLUGS,
    alter_am,
    lokale_mitternacht,
)
from termine.ferien.models.zeitraum import (  # noqa: F401
    Ferienwoche,
    Ferienzeitraum,
    FerienzeitraumQuerySet,
)

__all__ = [
    "Anmeldung",
    "Durchfuehrung",
    "Einwilligung",
    "Ferienangebot",
    "Ferienwoche",
    "Ferienzeitraum",
    "Kind",
]
