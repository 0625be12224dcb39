"""Work inside a group: task status, documents and links, discussion."""

from __future__ import annotations

from datetime import datetime
from typing import IO

from django.core.files.base import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arbeitsgruppen.dateien import dateiname_bereinigen, dateityp_erkennen
from arbeitsgruppen.models import (
    Arbeitsgruppe,
    Aufgabe,
    Beitrag,
    Dokument,
    DokumentVersion,
    Mitglied,
    Thread,
)
from arbeitsgruppen.services.mitglieder import Abgelehnt, _absolut
from netzwerk.mail import mail_senden
from netzwerk.models import User

# --- Tasks ------------------------------------------------------------------------------------


def _erledigt_am_ableiten(aufgabe: Aufgabe, jetzt: datetime | None) -> None:
    """The one rule for `erledigt_am`: set when a task becomes done (a task that was done
    already keeps its day), cleared when it is reopened."""
    if aufgabe.status == Aufgabe.Status.ERLEDIGT:
        aufgabe.erledigt_am = aufgabe.erledigt_am or jetzt or timezone.now()
    else:
        aufgabe.erledigt_am = None


def aufgabe_speichern(*, aufgabe: Aufgabe, jetzt: datetime | None = None) -> Aufgabe:
    """Create or update a task from the group's form or the admin.

    Side effects: writes the Aufgabe row with `erledigt_am` following its status
    (see :func:`_erledigt_am_ableiten`).
    """
    _erledigt_am_ableiten(aufgabe, jetzt)
    aufgabe.save()
    return aufgabe


def aufgabe_status_setzen(
    *, aufgabe: Aufgabe, status: str, jetzt: datetime | None = None
) -> Aufgabe:
    """Move a task on the board.

    Side effects: updates status and erledigt_am (set when done, cleared when reopened).
    """
    aufgabe.status = status
    _erledigt_am_ableiten(aufgabe, jetzt)
    aufgabe.save(update_fields=["status", "erledigt_am"])
    return aufgabe


# --- Documents --------------------------------------------------------------------------------


def _version_speichern(
    *, dokument: Dokument, datei: IO[bytes], name: str, von: User, jetzt: datetime
) -> DokumentVersion:
    mimetype = dateityp_erkennen(datei)
    dateiname = dateiname_bereinigen(name, mimetype)
    datei.seek(0, 2)
    groesse = datei.tell()
    datei.seek(0)
    version = DokumentVersion(
        dokument=dokument,
        dateiname=dateiname,
        mimetype=mimetype,
        groesse=groesse,
        hochgeladen_von=von,
        hochgeladen=jetzt,
    )
    version.datei.save(dateiname, File(datei), save=False)
    version.save()
    return version


@transaction.atomic
def dokument_hochladen(
    *,
    gruppe: Arbeitsgruppe,
    titel: str,
    datei: IO[bytes],
    dateiname: str,
    von: User,
    beschreibung: str = "",
    jetzt: datetime | None = None,
) -> Dokument:
    """Store an uploaded file as a new document of `gruppe`.

    Side effects: checks the type by content (ValidationError if not allowed); creates a
    Dokument and its first DokumentVersion; writes the file into the private storage.
    """
    jetzt = jetzt or timezone.now()
    dokument = Dokument.objects.create(
        gruppe=gruppe,
        titel=titel,
        beschreibung=beschreibung,
        art=Dokument.Art.DATEI,
        erstellt_von=von,
        geaendert=jetzt,
    )
    _version_speichern(dokument=dokument, datei=datei, name=dateiname, von=von, jetzt=jetzt)
    return dokument


@transaction.atomic
def dokument_ersetzen(
    *,
    dokument: Dokument,
    datei: IO[bytes],
    dateiname: str,
    von: User,
    jetzt: datetime | None = None,
) -> DokumentVersion:
    """Upload a new version of a file document; older versions stay downloadable.

    Side effects: creates a DokumentVersion and writes the file; updates Dokument.geaendert.
    """
    if dokument.art != Dokument.Art.DATEI:
        raise Abgelehnt(_("Links have no file to replace."))
    jetzt = jetzt or timezone.now()
    version = _version_speichern(
        dokument=dokument, datei=datei, name=dateiname, von=von, jetzt=jetzt
    )
    Dokument.objects.filter(pk=dokument.pk).update(geaendert=jetzt)
    return version


def link_anlegen(
    *, gruppe: Arbeitsgruppe, titel: str, url: str, von: User, beschreibung: str = ""
) -> Dokument:
    """Add a link (e.g. to a shared pad) to the group's documents.

    Side effects: creates one Dokument row of kind link.
    """
    return Dokument.objects.create(
        gruppe=gruppe,
        titel=titel,
        url=url,
        beschreibung=beschreibung,
        art=Dokument.Art.LINK,
        erstellt_von=von,
    )


# --- Discussion -------------------------------------------------------------------------------


@transaction.atomic
def thread_anlegen(
    *, gruppe: Arbeitsgruppe, titel: str, text: str, von: User, jetzt: datetime | None = None
) -> Thread:
    """Start a discussion with its first post.

    Side effects: creates a Thread and its first Beitrag; mails members who chose
    "sofort" (see `beitrag_schreiben`).
    """
    jetzt = jetzt or timezone.now()
    thread = Thread.objects.create(
        gruppe=gruppe, titel=titel, erstellt_von=von, erstellt=jetzt, letzter_beitrag=jetzt
    )
    beitrag_schreiben(thread=thread, text=text, von=von, jetzt=jetzt)
    return thread


@transaction.atomic
def beitrag_schreiben(
    *, thread: Thread, text: str, von: User, jetzt: datetime | None = None
) -> Beitrag:
    """Post in a thread.

    Side effects: creates a Beitrag; updates Thread.letzter_beitrag; mails one notification
    to each member of the group with the preference "sofort", except the author. Members
    with a daily or weekly preference get it in their overview later.
    """
    jetzt = jetzt or timezone.now()
    beitrag = Beitrag.objects.create(thread=thread, autor=von, text=text, erstellt=jetzt)
    Thread.objects.filter(pk=thread.pk).update(letzter_beitrag=jetzt)
    empfaenger = list(
        thread.gruppe.mitglieder.filter(benachrichtigung=Mitglied.Benachrichtigung.SOFORT)
        .exclude(user=von)
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
    )
    if empfaenger:
        transaction.on_commit(
            lambda: mail_senden(
                an=empfaenger,
                vorlage="arbeitsgruppen/mail/beitrag_neu",
                kontext={
                    "gruppe": thread.gruppe,
                    "thread": thread,
                    "beitrag": beitrag,
                    "autor": von,
                    "link": _absolut(thread.get_absolute_url()),
                    "einstellungen": _absolut(
                        reverse("arbeitsgruppen:detail", args=[thread.gruppe.slug])
                        + "#benachrichtigungen"
                    ),
                },
            )
        )
    return beitrag


def beitrag_bearbeiten(
    *, beitrag: Beitrag, text: str, von: User, jetzt: datetime | None = None
) -> Beitrag:
    """Correct an own post within the edit window.

    Side effects: updates text and `bearbeitet`. Raises Abgelehnt after the window or for
    someone else's post.
    """
    jetzt = jetzt or timezone.now()
    if not beitrag.bearbeitbar_von(von, jetzt):
        raise Abgelehnt(_("Posts can only be changed by their author within 30 minutes."))
    beitrag.text = text
    beitrag.bearbeitet = jetzt
    beitrag.save(update_fields=["text", "bearbeitet"])
    return beitrag
