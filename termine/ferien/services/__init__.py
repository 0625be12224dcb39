"""Workflows of the Ferienkalender: offers and occasions, children, Sofortanmeldung, waiting list.

Every function here is the one place where its rows are written; views, forms and admin
actions call them. Each docstring lists the side effects.

Registration and concurrency
============================
:func:`anmelden` decides "confirmed or waiting list" in one transaction that first locks the
child's row and then the occasion's row (``select_for_update``; PostgreSQL). Everybody who
registers for the same occasion therefore queues on that row, counts the confirmed places
after the one before them committed, and waiting positions come out gapless. On SQLite
``select_for_update`` is a no-op; there the database's IMMEDIATE transaction mode (settings)
serialises all writers, which gives the same guarantee. The lock order (child, then occasion)
is the same everywhere, so two registrations cannot deadlock. The unique constraint
``anmeldung_einmal_pro_kind`` is the last line against a duplicate.

``FERIEN_ANMELDUNG_OHNE_SPERRE = True`` (test settings only) switches the row lock off, so
that the concurrency test's control run can show the overbooking the lock prevents: 50 real
parallel HTTP requests overbook without it (tests/termine/ferien/test_parallel.py). The hot
path itself has no test-only pause."""

from termine.ferien.services.angebote import (  # noqa: F401
    Tag,
    TerminFehler,
    TerminZeile,
    _gleiche_uhrzeit,
    _termin_sichtbarkeit,
    _termine_angleichen,
    aktive_anmeldungen_der_familie,
    angebot_einreichen,
    angebot_kopieren,
    angebot_mit_terminen_speichern,
    angebot_speichern,
    angebot_veroeffentlichen,
    angebot_zuruecksetzen,
    angebote_zum_anmelden,
    durchfuehrung_abgleichen,
    durchfuehrung_loeschen,
    durchfuehrung_speichern,
    tage_mit_durchfuehrungen,
)
from termine.ferien.services.anmelden import (  # noqa: F401
    Anmeldestand,
    AnmeldungNichtMoeglich,
    KindAuswahl,
    _alter_hindernis,
    _alter_pruefen,
    _familien_hindernis,
    _gesperrt,
    _mail_an_familie,
    _ohne_sperre,
    _pruefen_unter_sperre,
    anmelden,
    anmeldestand,
    anmeldung_pruefen,
    kinder_fuer_anmeldung,
    kinder_fuer_durchfuehrungen,
)
from termine.ferien.services.kinder import (  # noqa: F401
    _iso,
    daten_export,
    fuer_familie_anmelden,
    kind_loeschen,
    kind_speichern,
    plaetze_freigeben,
    vor_dem_loeschen_eines_kindes,
)
from termine.ferien.services.stornieren import (  # noqa: F401
    _nachruecken,
    _positionen_schliessen,
    anwesenheit_setzen,
    durchfuehrung_absagen,
    stornieren,
    storno_moeglich_bis,
)
