"""Workflows of the working groups: joining and leaving, tasks, documents, discussion, digests.

Every function takes keyword-only arguments and lists its side effects. Views and admin
actions call these; they never write several rows themselves."""

from arbeitsgruppen.services.inhalte import (  # noqa: F401
    _version_speichern,
    aufgabe_speichern,
    aufgabe_status_setzen,
    beitrag_bearbeiten,
    beitrag_schreiben,
    dokument_ersetzen,
    dokument_hochladen,
    link_anlegen,
    thread_anlegen,
)
from arbeitsgruppen.services.mitglieder import (  # noqa: F401
    EINLADUNG_GUELTIG,
    EINLADUNG_SALT,
    Abgelehnt,
    _absolut,
    anfrage_entscheiden,
    austreten,
    beitritt_anfragen,
    einladen,
    einladung_annehmen,
    einladung_aus_token,
    einladung_token,
    rolle_setzen,
)
from arbeitsgruppen.services.ueberblick import (  # noqa: F401
    TERMINE_BEGINN,
    TERMINE_RELATION,
    GruppenUeberblick,
    Ueberblick,
    _ueberblicke_senden,
    naechste_treffen,
    tagesueberblick_senden,
    ueberblick_erstellen,
    wochenueberblick_senden,
)
