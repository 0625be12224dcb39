"""Wunschphase and Verlosung: the workflow around the pure allocation in :mod:`termine.verlosung`.

Every function here is the one place where its rows are written; views and the admin call
them. Each docstring lists the side effects.

How a period in mode "Wunschphase + Verlosung" runs
===================================================
1. **Wish phase** (:func:`wunschphase_offen`): families add wishes per child
   (:func:`wunsch_hinzufuegen`, :func:`wunsch_entfernen`), mark up to K favourites
   (:func:`favoriten_setzen`) and link children by a group code (:func:`gruppe_gruenden`,
   :func:`gruppe_beitreten`). When a wish was entered does not matter.
2. **Preview** (:func:`vorschau`): the adapter loads children, occasions and wishes in a few
   queries (:func:`eingabe_laden`), calls :func:`termine.verlosung.verlosen` with a recorded
   seed and stores a :class:`Verlosungslauf`. Coordinators may compute as many previews as
   they like; each is reproducible from its stored input and seed (:func:`nachrechnen`).
3. **Manual changes** (:func:`anpassen`): give or take a place, with a reason; logged.
4. **Confirmation** (:func:`bestaetigen`): one transaction creates the Anmeldungen (places
   confirmed, waiting lists in the order of the draw), then every family gets one mail per
   child: what it got and why each other wish did not work out. From then on the period
   behaves like Sofortanmeldung: remaining places are first come
   (``Ferienzeitraum.anmeldung_offen``), cancellations move the waiting lists up
   (:func:`termine.ferien.stornieren`).

What the adapter adds to the pure module
========================================
* **Checks before the draw** ("vorab"): a wish whose age does not fit on the occasion's
  first day (the same rule as Sofortanmeldung), that needs a swimmer, whose occasion was
  cancelled, or which the child already holds or overlaps with an existing registration
  never enters the draw; it gets its reason right away. Existing registrations of the period
  (confirmed or waiting) lower the child's maximum and the occasions' free places.
* **Waiting lists that Sofortanmeldung can live with**: the module may put a child on the
  waiting lists of two overlapping occasions. After confirmation the ordinary move-up would
  then give it both. So per child the adapter keeps waiting entries in the family's order of
  preference (favourites first, then the better position) as long as they neither overlap
  nor exceed the maximum, with waiting entries counting towards the maximum as they do in
  Sofortanmeldung. The order within each waiting list stays the order of the draw."""

from termine.ferien.verlosung.services.bestaetigung import (  # noqa: F401
    Bestaetigung,
    Zeile,
    __all__,
    _anmeldung,
    _ergebnis_mailen,
    ansicht,
    bestaetigen,
    grund_text,
)
from termine.ferien.verlosung.services.eingabe import (  # noqa: F401
    SPAETER_PLATZ,
    Eingabe,
    _prioritaet,
    _rohergebnis,
    _ueberschneiden,
    _verlosen,
    eingabe_laden,
    spaeter_mit_platz,
)
from termine.ferien.verlosung.services.ergebnis import (  # noqa: F401
    _bericht,
    aufbereiten,
)
from termine.ferien.verlosung.services.gemeinsam import (  # noqa: F401
    CODE_LAENGE,
    CODE_ZEICHEN,
    MAX_SEED,
    Grund,
    VerlosungNichtMoeglich,
)
from termine.ferien.verlosung.services.vorschau import (  # noqa: F401
    _alle_durchfuehrung_ids,
    _hinzufuegen_pruefen,
    _platz_inhaber,
    anpassen,
    eingabe_unveraendert,
    nachrechnen,
    vorschau,
)
from termine.ferien.verlosung.services.wunschphase import (  # noqa: F401
    _austreten,
    _neuer_code,
    _pruefen_eigenes_kind,
    _pruefen_offen,
    alter_passt,
    code_normalisieren,
    einstellung,
    favoriten_setzen,
    gruppe_beitreten,
    gruppe_des_kindes,
    gruppe_gruenden,
    gruppe_verlassen,
    wuenschbare_durchfuehrungen,
    wunsch_entfernen,
    wunsch_hinzufuegen,
    wunschphase_offen,
    zeitraeume_mit_offener_wunschphase,
)
