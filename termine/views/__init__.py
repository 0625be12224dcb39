"""Views of the calendar: public pages, iCal downloads and feeds, members' date forms and
the coordinators' Terminabgleich. Thin: querysets scope, services write, kalender reads."""

from termine.views.feeds import (  # noqa: F401
    FeedQuelle,
    _alle_ferien,
    _feed_view,
    _ical_antwort,
    _netzwerkname,
    _quelle_akteur,
    _quelle_alle,
    _quelle_gruppe,
    _quelle_kategorie,
    _quelle_ortsteil,
    _quelle_persoenlich,
    _termin_ics_etag,
    _termin_ics_last_modified,
    abonnieren,
    feed_akteur,
    feed_alle,
    feed_gruppe,
    feed_kategorie,
    feed_ortsteil,
    feed_persoenlich,
    termin_ics,
    webcal,
)
from termine.views.kalender import (  # noqa: F401
    FEED_RUECKBLICK,
    VORSCHAU_TAGE,
    _filter_query,
    _gefiltert,
    detail,
    liste,
    monat,
    tag,
)
from termine.views.koordination import (  # noqa: F401
    terminabgleich_uebersicht,
)
from termine.views.mein_bereich import (  # noqa: F401
    _formular,
    _konflikte_fuer,
    abgleich,
    feed_token_erneuern,
    meine_termine,
    termin_absagen,
    termin_bearbeiten,
    termin_neu,
    termin_zum_aendern,
)
