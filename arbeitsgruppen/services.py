"""Workflows of the working groups: joining and leaving, tasks, documents, discussion, digests.

Every function takes keyword-only arguments and lists its side effects. Views and admin
actions call these; they never write several rows themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO

from django.conf import settings
from django.core import signing
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
    Beitrittsanfrage,
    Dokument,
    DokumentVersion,
    Einladung,
    Mitglied,
    Thread,
)
from netzwerk.mail import mail_senden
from netzwerk.models import User

EINLADUNG_SALT = "arbeitsgruppen.einladung"
# An invitation link is valid for two weeks.
EINLADUNG_GUELTIG = timedelta(days=14)


class Abgelehnt(Exception):
    """A workflow refused a step; the message is meant for the user."""


def _absolut(pfad: str) -> str:
    return settings.SITE_URL + pfad


# --- Joining and leaving ----------------------------------------------------------------------


@transaction.atomic
def beitritt_anfragen(
    *, gruppe: Arbeitsgruppe, user: User, nachricht: str = ""
) -> Beitrittsanfrage:
    """Ask to join `gruppe`.

    Side effects: creates a Beitrittsanfrage (status offen); mails every Leitung of the group.
    Raises Abgelehnt if `user` is already a member or has an open request.
    """
    if gruppe.mitglieder.filter(user=user).exists():
        raise Abgelehnt(_("You are already a member of this group."))
    if gruppe.beitrittsanfragen.filter(user=user, status=Beitrittsanfrage.Status.OFFEN).exists():
        raise Abgelehnt(_("You have already asked to join. The group's lead will answer soon."))
    anfrage = Beitrittsanfrage.objects.create(gruppe=gruppe, user=user, nachricht=nachricht)
    leitung = [m.user.email for m in gruppe.mitglieder.leitung().select_related("user")]
    if leitung:
        mail_senden(
            an=leitung,
            vorlage="arbeitsgruppen/mail/anfrage_neu",
            kontext={
                "gruppe": gruppe,
                "anfrage": anfrage,
                "link": _absolut(reverse("arbeitsgruppen:mitglieder", args=[gruppe.slug])),
            },
        )
    return anfrage


@transaction.atomic
def anfrage_entscheiden(
    *, anfrage: Beitrittsanfrage, von: User, annehmen: bool, jetzt: datetime | None = None
) -> Mitglied | None:
    """Accept or decline an open join request.

    Side effects: sets the request's status, decider and time; when accepted, creates the
    Mitglied row; mails the person who asked. Raises Abgelehnt if the request is not open.
    """
    anfrage = Beitrittsanfrage.objects.select_for_update().get(pk=anfrage.pk)
    if anfrage.status != Beitrittsanfrage.Status.OFFEN:
        raise Abgelehnt(_("This request has already been answered."))
    anfrage.status = (
        Beitrittsanfrage.Status.ANGENOMMEN if annehmen else Beitrittsanfrage.Status.ABGELEHNT
    )
    anfrage.entschieden_von = von
    anfrage.entschieden_am = jetzt or timezone.now()
    anfrage.save(update_fields=["status", "entschieden_von", "entschieden_am"])
    mitglied = None
    if annehmen:
        mitglied, _neu = Mitglied.objects.get_or_create(gruppe=anfrage.gruppe, user=anfrage.user)
    mail_senden(
        an=[anfrage.user.email],
        vorlage="arbeitsgruppen/mail/anfrage_entschieden",
        kontext={
            "gruppe": anfrage.gruppe,
            "angenommen": annehmen,
            "link": _absolut(anfrage.gruppe.get_absolute_url()),
        },
    )
    return mitglied


def einladung_token(einladung: Einladung) -> str:
    return signing.dumps({"e": einladung.pk}, salt=EINLADUNG_SALT, compress=True)


def einladung_aus_token(token: str) -> Einladung:
    """The open invitation behind `token`; raises Abgelehnt if the link is broken, expired
    or already used."""
    try:
        daten = signing.loads(token, salt=EINLADUNG_SALT, max_age=EINLADUNG_GUELTIG)
    except signing.SignatureExpired as exc:
        raise Abgelehnt(
            _("This invitation has expired. Please ask the group's lead for a new one.")
        ) from exc
    except signing.BadSignature as exc:
        raise Abgelehnt(
            _("This invitation link is incomplete. Please copy the whole link from the mail.")
        ) from exc
    einladung = (
        Einladung.objects.select_related("gruppe").filter(pk=daten.get("e")).first()
        if isinstance(daten, dict)
        else None
    )
    if einladung is None:
        raise Abgelehnt(_("This invitation has been withdrawn."))
    if einladung.angenommen_am:
        raise Abgelehnt(_("This invitation has already been accepted."))
    return einladung


@transaction.atomic
def einladen(*, gruppe: Arbeitsgruppe, email: str, von: User) -> Einladung:
    """Invite `email` to join `gruppe`.

    Side effects: creates an Einladung; mails the address a signed link valid for 14 days.
    """
    einladung = Einladung.objects.create(gruppe=gruppe, email=email, eingeladen_von=von)
    link = _absolut(reverse("arbeitsgruppen:einladung", args=[einladung_token(einladung)]))
    mail_senden(
        an=[email],
        vorlage="arbeitsgruppen/mail/einladung",
        kontext={"gruppe": gruppe, "von": von, "link": link, "tage": EINLADUNG_GUELTIG.days},
        antwort_an=von.email,
    )
    return einladung


@transaction.atomic
def einladung_annehmen(
    *, einladung: Einladung, user: User, jetzt: datetime | None = None
) -> Mitglied:
    """Make `user` (whoever holds the link and is logged in) a member of the invited group.

    Side effects: creates the Mitglied row (if not yet a member); marks the invitation as
    accepted; an open join request of the user for that group is marked accepted as well.
    """
    einladung = Einladung.objects.select_for_update().get(pk=einladung.pk)
    if einladung.angenommen_am:
        raise Abgelehnt(_("This invitation has already been accepted."))
    jetzt = jetzt or timezone.now()
    mitglied, _neu = Mitglied.objects.get_or_create(gruppe=einladung.gruppe, user=user)
    einladung.angenommen_von = user
    einladung.angenommen_am = jetzt
    einladung.save(update_fields=["angenommen_von", "angenommen_am"])
    einladung.gruppe.beitrittsanfragen.filter(
        user=user, status=Beitrittsanfrage.Status.OFFEN
    ).update(status=Beitrittsanfrage.Status.ANGENOMMEN, entschieden_am=jetzt)
    return mitglied


@transaction.atomic
def austreten(*, mitglied: Mitglied) -> None:
    """Leave a group.

    Side effects: deletes the Mitglied row; the member's tasks in that group lose their
    assignee (they go back to the group). Raises Abgelehnt for the last Leitung.
    """
    gruppe = mitglied.gruppe
    # Lock the group's Leitung rows so that two leads cannot both leave at the same moment.
    leitung = list(gruppe.mitglieder.leitung().select_for_update().values_list("pk", flat=True))
    if mitglied.ist_leitung and leitung == [mitglied.pk]:
        raise Abgelehnt(
            _(
                "You are the group's only lead. Please make another member lead first, "
                "then you can leave."
            )
        )
    gruppe.aufgaben.filter(zustaendig=mitglied.user).offen().update(zustaendig=None)
    mitglied.delete()


@transaction.atomic
def rolle_setzen(*, mitglied: Mitglied, rolle: str) -> None:
    """Change a member's role.

    Side effects: updates the Mitglied row. Raises Abgelehnt when the last Leitung would be
    demoted.
    """
    leitung = list(
        mitglied.gruppe.mitglieder.leitung().select_for_update().values_list("pk", flat=True)
    )
    if rolle != Mitglied.Rolle.LEITUNG and leitung == [mitglied.pk]:
        raise Abgelehnt(_("A group needs at least one lead. Please make someone else lead first."))
    mitglied.rolle = rolle
    mitglied.save(update_fields=["rolle"])


# --- Tasks ------------------------------------------------------------------------------------


def aufgabe_status_setzen(
    *, aufgabe: Aufgabe, status: str, jetzt: datetime | None = None
) -> Aufgabe:
    """Move a task on the board.

    Side effects: updates status and erledigt_am (set when done, cleared when reopened).
    """
    aufgabe.status = status
    aufgabe.erledigt_am = (jetzt or timezone.now()) if status == Aufgabe.Status.ERLEDIGT else None
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


# --- Overviews (digests) ----------------------------------------------------------------------

# Termine link a meeting to its group with related_name "termine" (Termin.arbeitsgruppe) and
# carry their first start in "start". This app never imports termine: it reaches meetings only
# through that relation, so the digest works with or without the Termine app.
TERMINE_RELATION = "termine"
TERMINE_BEGINN = "start"


@dataclass
class GruppenUeberblick:
    gruppe: Arbeitsgruppe
    threads: list[tuple[Thread, list[Beitrag]]] = field(default_factory=list)
    treffen: list = field(default_factory=list)


@dataclass
class Ueberblick:
    user: User
    gruppen: list[GruppenUeberblick]
    aufgaben: list[Aufgabe]

    @property
    def anzahl_beitraege(self) -> int:
        return sum(len(b) for g in self.gruppen for _t, b in g.threads)

    @property
    def ist_leer(self) -> bool:
        return not self.aufgaben and not any(g.threads or g.treffen for g in self.gruppen)


def naechste_treffen(gruppe: Arbeitsgruppe, *, von: datetime, bis: datetime) -> list:
    """The group's meetings starting between `von` and `bis`, if the Termine app provides
    them (cancelled ones left out when its queryset knows `nicht_abgesagt`). A recurring
    meeting shows up when its first date falls into the window."""
    if not hasattr(gruppe, TERMINE_RELATION):
        return []
    termine = getattr(gruppe, TERMINE_RELATION).all()
    if hasattr(termine, "nicht_abgesagt"):
        termine = termine.nicht_abgesagt()
    return list(
        termine.filter(**{f"{TERMINE_BEGINN}__gte": von, f"{TERMINE_BEGINN}__lt": bis}).order_by(
            TERMINE_BEGINN
        )[:5]
    )


def ueberblick_erstellen(
    *, user: User, mitgliedschaften: list[Mitglied], jetzt: datetime, woechentlich: bool
) -> Ueberblick:
    """Collect what is new for `user` (no side effects).

    New posts by others since each membership's last report (at most one period back),
    in groups whose preference matches the kind of overview. The weekly overview also lists
    the user's open tasks due within 7 days or overdue (all groups) and the groups' meetings
    in the next 7 days.
    """
    periode = timedelta(days=7 if woechentlich else 1)
    praeferenz = (
        Mitglied.Benachrichtigung.WOECHENTLICH
        if woechentlich
        else Mitglied.Benachrichtigung.TAEGLICH
    )
    gruppen = []
    for m in mitgliedschaften:
        ueberblick = GruppenUeberblick(gruppe=m.gruppe)
        if m.benachrichtigung == praeferenz:
            seit = max(m.beitraege_gemeldet_bis or jetzt - periode, jetzt - periode)
            beitraege = (
                Beitrag.objects.filter(
                    thread__gruppe=m.gruppe, erstellt__gt=seit, erstellt__lte=jetzt
                )
                .exclude(autor=user)
                .select_related("thread", "autor")
                .order_by("thread__letzter_beitrag", "erstellt")
            )
            nach_thread: dict[int, tuple[Thread, list[Beitrag]]] = {}
            for b in beitraege:
                nach_thread.setdefault(b.thread_id, (b.thread, []))[1].append(b)
            ueberblick.threads = list(nach_thread.values())
        if woechentlich:
            ueberblick.treffen = naechste_treffen(m.gruppe, von=jetzt, bis=jetzt + periode)
        gruppen.append(ueberblick)
    aufgaben = []
    if woechentlich:
        heute = timezone.localdate(jetzt)
        aufgaben = list(
            Aufgabe.objects.fuer(user)
            .faellig_bis(heute + timedelta(days=7))
            .filter(gruppe__in=[m.gruppe_id for m in mitgliedschaften])
            .select_related("gruppe")
            .order_by("faellig", "pk")
        )
    return Ueberblick(user=user, gruppen=gruppen, aufgaben=aufgaben)


def _ueberblicke_senden(*, jetzt: datetime, woechentlich: bool) -> int:
    periode = timedelta(days=7 if woechentlich else 1)
    # A little slack so that a cron job running a few minutes early still sends.
    sperre = jetzt - periode + timedelta(hours=2)
    mitgliedschaften = (
        Mitglied.objects.filter(user__is_active=True)
        .select_related("gruppe", "user")
        .order_by("user_id", "gruppe__name")
    )
    if not woechentlich:
        mitgliedschaften = mitgliedschaften.filter(
            benachrichtigung=Mitglied.Benachrichtigung.TAEGLICH
        )
    pro_user: dict[int, list[Mitglied]] = defaultdict(list)
    for m in mitgliedschaften:
        pro_user[m.user_id].append(m)
    gesendet = 0
    heute = timezone.localdate(jetzt)
    for liste in pro_user.values():
        user = liste[0].user
        if woechentlich and any(
            m.letzter_wochenueberblick and m.letzter_wochenueberblick > sperre for m in liste
        ):
            continue
        if not woechentlich and any(
            m.beitraege_gemeldet_bis and m.beitraege_gemeldet_bis > sperre for m in liste
        ):
            continue
        ueberblick = ueberblick_erstellen(
            user=user, mitgliedschaften=liste, jetzt=jetzt, woechentlich=woechentlich
        )
        with transaction.atomic():
            praeferenz = (
                Mitglied.Benachrichtigung.WOECHENTLICH
                if woechentlich
                else Mitglied.Benachrichtigung.TAEGLICH
            )
            Mitglied.objects.filter(
                pk__in=[m.pk for m in liste if m.benachrichtigung == praeferenz]
            ).update(beitraege_gemeldet_bis=jetzt)
            if woechentlich:
                Mitglied.objects.filter(pk__in=[m.pk for m in liste]).update(
                    letzter_wochenueberblick=jetzt
                )
            if ueberblick.ist_leer:
                continue
            mail_senden(
                an=[user.email],
                vorlage="arbeitsgruppen/mail/ueberblick",
                kontext={
                    "ueberblick": ueberblick,
                    "woechentlich": woechentlich,
                    "heute": heute,
                    "meine_aufgaben": _absolut(reverse("arbeitsgruppen:meine_aufgaben")),
                    "site_url": settings.SITE_URL,
                },
            )
            gesendet += 1
    return gesendet


def wochenueberblick_senden(*, jetzt: datetime) -> int:
    """Send the weekly overview: one mail per member across all their groups.

    Contents: new posts (groups with the weekly preference), own open tasks due within 7
    days or overdue, the groups' meetings of the next 7 days. Nothing new, no mail.
    Side effects: mails; sets Mitglied.letzter_wochenueberblick on all the user's
    memberships and beitraege_gemeldet_bis on the weekly ones, also when nothing was sent.
    Users who got a weekly overview in the last 7 days (minus 2 hours) are skipped, so
    running it twice sends nothing twice. Returns the number of mails.
    """
    return _ueberblicke_senden(jetzt=jetzt, woechentlich=True)


def tagesueberblick_senden(*, jetzt: datetime) -> int:
    """Send the daily overview of new posts to members who chose "täglich".

    Side effects: mails; sets beitraege_gemeldet_bis on those memberships. Returns the
    number of mails.
    """
    return _ueberblicke_senden(jetzt=jetzt, woechentlich=False)
