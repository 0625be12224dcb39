"""Pages of the Ferienkalender: public browsing, families, providers, coordinators.

Views stay thin: they pick the objects with scoped querysets (another Akteur's occasion or
another family's child is a 404), validate with forms and call :mod:`termine.ferien`."""

from termine.ferien.views.anbieter import (  # noqa: F401
    _kann_anbieten,
    _teilnehmende,
    anbieter,
    angebot_bearbeiten,
    angebot_einreichen,
    angebot_kopieren,
    anwesenheit,
    durchfuehrung_absagen,
    durchfuehrung_bearbeiten,
    teilnehmende,
    teilnehmende_csv,
)
from termine.ferien.views.familien import (  # noqa: F401
    _naechste_url,
    anmelden,
    daten_export,
    familie,
    kind_bearbeiten,
    kind_loeschen,
    stornieren,
)
from termine.ferien.views.koordination import (  # noqa: F401
    statistik,
    statistik_csv,
)
from termine.ferien.views.oeffentlich import (  # noqa: F401
    WIDGET_CSP,
    ZeitraumRss,
    _angebote,
    _feed_bauen,
    _feed_durchfuehrungen,
    _feed_stand,
    _filter,
    _heft_kontext,
    _ics_antwort,
    _montag,
    _zeitraum,
    angebot,
    angebot_ics,
    feed,
    heft,
    heft_pdf,
    kalender,
    liste,
    tage,
    widget,
    woche,
)
