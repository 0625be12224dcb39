"""The coordinators' back office for the Vereinsstammtisch.

Series with their rotation pool; the planning page "Nächste Termine planen" (dates from
the cadence, hosts from the rotation, adjustable before they are created); meetings with
answers, topics and host requests; minutes with checklist, items and follow-ups. Every
action calls a workflow of :mod:`termine.stammtisch`."""

from termine.stammtisch.admin.protokoll import (  # noqa: F401
    FolgeaufgabeInline,
    ProtokollAdmin,
    ProtokollForm,
    ProtokollPunktInline,
    _termin_aus_anfrage,
)
from termine.stammtisch.admin.reihen import (  # noqa: F401
    MAX_PLANEN,
    StammtischreiheAdmin,
    TeilnahmeAdmin,
    TeilnahmeInline,
    VerhinderungInline,
)
from termine.stammtisch.admin.stammtische import (  # noqa: F401
    AbsageForm,
    GastgeberAnfrageInline,
    RueckmeldungInline,
    StammtischAdmin,
    ThemaInline,
    ZeitraumFilter,
    _stammtisch_offen,
)
