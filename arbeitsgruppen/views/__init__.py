"""Pages of the working groups. Thin: look up with scoped querysets, validate, call services."""

from arbeitsgruppen.views.aufgaben import (  # noqa: F401
    ERLEDIGT_AUF_BOARD,
    aufgabe_bearbeiten,
    aufgabe_status,
    aufgaben,
    meine_aufgaben,
)
from arbeitsgruppen.views.diskussion import (  # noqa: F401
    beitrag_bearbeiten,
    diskussion,
    thread,
    thread_neu,
)
from arbeitsgruppen.views.dokumente import (  # noqa: F401
    _mit_versionen,
    dokument,
    dokument_neu,
    dokumente,
    herunterladen,
)
from arbeitsgruppen.views.gruppen import (  # noqa: F401
    _ctx,
    _post,
    _post_daten,
    anfrage_entscheiden,
    austreten,
    beitreten,
    benachrichtigung,
    detail,
    einladung,
    liste,
    mitglieder,
    rolle,
)
from arbeitsgruppen.views.vorhaben import (  # noqa: F401
    vorhaben,
    vorhaben_bearbeiten,
    vorhaben_liste,
)
