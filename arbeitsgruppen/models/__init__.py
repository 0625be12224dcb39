"""Arbeitsgruppen (working groups), their members and what they work on together.

Who may read a group is answered by one queryset, `Arbeitsgruppe.objects.sichtbar_fuer(user)`;
who may write by `schreibbar_fuer(user)`. Everything inside a group (Vorhaben, Aufgaben,
Dokumente, Threads) is scoped through its group, so views never check membership by hand."""

# The rooms (jugend, lde) keep their models here: same app label, migrations in this app.
from arbeitsgruppen.jugend.models import (  # noqa: F401
    Idee,
    Jugendprofil,
    Meldung,
    Statusschritt,
    Unterstuetzung,
)
from arbeitsgruppen.lde.models import (  # noqa: F401
    Engagementbedarf,
    Klassenprojekt,
    Projektphase,
    Qualitaetsstandard,
    Reflexion,
)
from arbeitsgruppen.models.diskussion import (  # noqa: F401
    BEARBEITUNGSFENSTER,
    Beitrag,
    Thread,
)
from arbeitsgruppen.models.dokumente import (  # noqa: F401
    Dokument,
    DokumentQuerySet,
    DokumentVersion,
    PrivaterSpeicher,
    _dokument_pfad,
    privater_speicher,
)
from arbeitsgruppen.models.gruppen import (  # noqa: F401
    RESERVIERTE_SLUGS,
    Arbeitsgruppe,
    ArbeitsgruppeQuerySet,
    Beitrittsanfrage,
    Einladung,
    Mitglied,
    MitgliedQuerySet,
)
from arbeitsgruppen.models.vorhaben import (  # noqa: F401
    Aufgabe,
    AufgabeQuerySet,
    Vorhaben,
)
