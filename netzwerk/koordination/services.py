"""The workflows of the shared challenges. Every change writes one line of the challenge's
history (:class:`Verlaufseintrag`), so its page tells what happened when.

Minutes update challenges through :func:`besprechen` (a note dated on the meeting, linked to
its Termin): the challenge's admin page offers it, and a Termin's page links the challenges
raised or discussed there (docs/koordination.md).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from netzwerk.koordination.models import Folgeschritt, Herausforderung, Verlaufseintrag


class KoordinationFehler(Exception):
    """A workflow step that is not possible in the challenge's current state."""


def _verlauf(herausforderung, art, *, text="", datum=None, termin=None, von=None):
    return Verlaufseintrag.objects.create(
        herausforderung=herausforderung,
        art=art,
        text=text,
        datum=datum or timezone.localdate(),
        termin=termin,
        erstellt_von=von if von is not None and von.is_authenticated else None,
    )


@transaction.atomic
def aufnehmen(
    *,
    titel: str,
    von,
    beschreibung: str = "",
    kategorie: str = Herausforderung.Kategorie.SONSTIGES,
    herkunft: str = Herausforderung.Herkunft.KOORDINATION,
    aufgekommen_am: date | None = None,
    termin=None,
    arbeitsgruppe=None,
    akteure=(),
    ortsteil=None,
    sichtbarkeit: str = Herausforderung.Sichtbarkeit.NETZWERK,
) -> Herausforderung:
    """Record a new challenge.

    Side effects: one Herausforderung (with its actors) and one history line "Raised", dated
    on `aufgekommen_am` (default today) and linked to the meeting `termin`.
    """
    herausforderung = Herausforderung.objects.create(
        titel=titel,
        beschreibung=beschreibung,
        kategorie=kategorie,
        herkunft=herkunft,
        aufgekommen_am=aufgekommen_am or timezone.localdate(),
        termin=termin,
        arbeitsgruppe=arbeitsgruppe,
        ortsteil=ortsteil,
        sichtbarkeit=sichtbarkeit,
        erstellt_von=von if von is not None and von.is_authenticated else None,
    )
    if akteure:
        herausforderung.akteure.set(akteure)
    aufgenommen(herausforderung, von=von)
    return herausforderung


def aufgenommen(herausforderung: Herausforderung, *, von) -> Verlaufseintrag:
    """The history line of a challenge saved in the admin's add form (see :func:`aufnehmen`).

    Side effects: one history line "Raised".
    """
    return _verlauf(
        herausforderung,
        Verlaufseintrag.Art.AUFGENOMMEN,
        datum=herausforderung.aufgekommen_am,
        termin=herausforderung.termin,
        von=von,
    )


def besprechen(
    *, herausforderung: Herausforderung, text: str, von, termin=None, datum: date | None = None
) -> Verlaufseintrag:
    """Note what a meeting (or the coordination) said about a challenge.

    Side effects: one history line "Discussed", dated on the meeting's day when `termin` is
    given (else `datum` or today).
    """
    if datum is None and termin is not None:
        datum = timezone.localdate(termin.start)
    return _verlauf(
        herausforderung,
        Verlaufseintrag.Art.NOTIZ,
        text=text,
        datum=datum,
        termin=termin,
        von=von,
    )


@transaction.atomic
def schritt_vereinbaren(
    *,
    herausforderung: Herausforderung,
    text: str,
    von,
    akteur=None,
    person=None,
    faellig_am: date | None = None,
    termin=None,
) -> Folgeschritt:
    """Agree on a follow-up: who does what by when.

    Side effects: one Folgeschritt and one history line "Follow-up agreed".
    Raises KoordinationFehler for a closed challenge.
    """
    if not herausforderung.offen:
        raise KoordinationFehler("closed")
    schritt = Folgeschritt.objects.create(
        herausforderung=herausforderung,
        text=text,
        akteur=akteur,
        person=person,
        faellig_am=faellig_am,
    )
    geplant(schritt, von=von, termin=termin)
    return schritt


def geplant(schritt: Folgeschritt, *, von, termin=None) -> Verlaufseintrag:
    """The history line of a follow-up added in the admin (see :func:`schritt_vereinbaren`).

    Side effects: one history line "Follow-up agreed", dated on the meeting `termin` where it
    was agreed (or today).
    """
    # The actor only: the history is public for public challenges, people's names are not.
    text = f"{schritt.text} ({schritt.akteur})" if schritt.akteur else schritt.text
    return _verlauf(
        schritt.herausforderung,
        Verlaufseintrag.Art.SCHRITT,
        text=text,
        termin=termin,
        datum=timezone.localdate(termin.start) if termin is not None else None,
        von=von,
    )


@transaction.atomic
def schritt_erledigen(*, schritt: Folgeschritt, von, am: date | None = None) -> Folgeschritt:
    """Mark a follow-up done (a second call changes nothing).

    Side effects: sets `erledigt_am` and writes one history line "Follow-up done".
    """
    if schritt.erledigt:
        return schritt
    schritt.erledigt_am = am or timezone.localdate()
    schritt.save(update_fields=["erledigt_am"])
    _verlauf(
        schritt.herausforderung,
        Verlaufseintrag.Art.ERLEDIGT,
        text=schritt.text,
        datum=schritt.erledigt_am,
        von=von,
    )
    return schritt


@transaction.atomic
def uebergeben(*, herausforderung: Herausforderung, vorhaben, von) -> Herausforderung:
    """Hand a challenge to a working group: it is followed there as a Vorhaben.

    Side effects: sets status "with a working group", the Vorhaben and its group, and writes
    one history line. Raises KoordinationFehler for a closed challenge.
    """
    if not herausforderung.offen:
        raise KoordinationFehler("closed")
    herausforderung.vorhaben = vorhaben
    herausforderung.arbeitsgruppe = vorhaben.gruppe
    herausforderung.status = Herausforderung.Status.UEBERGEBEN
    herausforderung.save(update_fields=["vorhaben", "arbeitsgruppe", "status", "geaendert"])
    _verlauf(
        herausforderung,
        Verlaufseintrag.Art.UEBERGEBEN,
        text=f"{vorhaben.gruppe}: {vorhaben}",
        von=von,
    )
    return herausforderung


@transaction.atomic
def abschliessen(
    *, herausforderung: Herausforderung, ergebnis: str, von, am: date | None = None
) -> Herausforderung:
    """Close a challenge with its outcome.

    Side effects: sets status "closed", `ergebnis` and `abgeschlossen_am`; writes one history
    line. Open follow-ups stay as they are (they show as not done). Raises KoordinationFehler
    when it is closed already or the outcome is empty.
    """
    if not herausforderung.offen:
        raise KoordinationFehler("closed")
    if not ergebnis.strip():
        raise KoordinationFehler("outcome")
    herausforderung.status = Herausforderung.Status.ABGESCHLOSSEN
    herausforderung.ergebnis = ergebnis.strip()
    herausforderung.abgeschlossen_am = am or timezone.localdate()
    herausforderung.save(update_fields=["status", "ergebnis", "abgeschlossen_am", "geaendert"])
    _verlauf(
        herausforderung,
        Verlaufseintrag.Art.ABGESCHLOSSEN,
        text=herausforderung.ergebnis,
        datum=herausforderung.abgeschlossen_am,
        von=von,
    )
    return herausforderung


@transaction.atomic
def wieder_oeffnen(*, herausforderung: Herausforderung, von, grund: str = "") -> Herausforderung:
    """Reopen a closed challenge (it came back).

    Side effects: status "open" (or "with a working group" if it has a Vorhaben), clears the
    closing date (the outcome stays in the history), one history line.
    """
    if herausforderung.offen:
        return herausforderung
    herausforderung.status = (
        Herausforderung.Status.UEBERGEBEN
        if herausforderung.vorhaben_id
        else Herausforderung.Status.OFFEN
    )
    herausforderung.abgeschlossen_am = None
    herausforderung.ergebnis = ""
    herausforderung.save(update_fields=["status", "ergebnis", "abgeschlossen_am", "geaendert"])
    _verlauf(herausforderung, Verlaufseintrag.Art.WIEDER_GEOEFFNET, text=grund, von=von)
    return herausforderung
