"""Workflows of the rotating Vereinsstammtisch: plan, ask hosts, invite, remind, cancel,
answer (RSVP), submit topics, build the agenda and publish the minutes.

The thin adapter around the pure :mod:`termine.rotation`: it loads a series' pool and
history, calls :func:`~termine.rotation.termine_nach_rhythmus` and
:func:`~termine.rotation.propose_hosts`, and stores what the coordinators confirm. Admin
actions and views call the functions here; every function lists its side effects.

Mass mail goes through tasks (:func:`einladungen_versenden` and friends), which call
:func:`netzwerk.mail.mail_senden` once per address, because each address gets its own
signed answer links.

Signed links (django.core.signing) carry the meeting and the address (or the host
request), expire (:data:`RUECKMELDUNG_GUELTIG`, :data:`GASTGEBER_GUELTIG`) and use their
own salt, so a link cannot be forged, reused for another person or for another purpose."""

from termine.stammtisch.services.antworten import (  # noqa: F401
    LinkDaten,
    antworten_geschlossen_grund,
    antworten_moeglich,
    rsvp_per_link,
    rsvp_setzen,
    rueckmeldung_link_laden,
    rueckmeldungen_zaehlen,
    themen_moeglich,
)
from termine.stammtisch.services.einladungen import (  # noqa: F401
    Einladungsrunde,
    Empfaenger,
    _eingeladene,
    _ics_anhang,
    _laden,
    _mailkontext,
    _persoenlich_senden,
    absagen,
    absagen_versenden,
    bestaetigen,
    einladungen_versenden,
    einladungsliste,
    erinnerung_versenden,
    erinnerungen_senden,
    ics_fuer,
    rueckmeldung_token,
)
from termine.stammtisch.services.gastgeber import (  # noqa: F401
    _koordination_adressen,
    _link,
    _naechsten_gastgeber_vorschlagen,
    _ohne_doppelte,
    gastgeber_adressen,
    gastgeber_anfrage_laden,
    gastgeber_anfragen,
    gastgeber_antwort,
    gastgeber_setzen_termin,
    gastgeber_token,
    gastgeber_waehlen,
)
from termine.stammtisch.services.planung import (  # noqa: F401
    ABGLEICH_TAGE,
    GASTGEBER_GUELTIG,
    MAIL,
    RUECKMELDUNG_GUELTIG,
    SALT_GASTGEBER,
    SALT_RUECKMELDUNG,
    Planvorschlag,
    StammtischFehler,
    UngueltigerLink,
    _historie,
    _ort_vom_gastgeber,
    _planungsbeginn,
    _pool,
    grund_text,
    naechste_termine_planen,
    termine_vorschlagen,
)
from termine.stammtisch.services.tagesordnung import (  # noqa: F401
    Tagesordnungspunkt,
    nie_gastgeber,
    protokoll_vorbelegen,
    tagesordnung,
    thema_einreichen,
)
