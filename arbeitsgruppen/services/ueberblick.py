"""The daily and weekly digests of a member's groups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen.models import (
    Arbeitsgruppe,
    Aufgabe,
    Beitrag,
    Mitglied,
    Thread,
)
from arbeitsgruppen.services.mitglieder import _absolut
from netzwerk.mail import mail_senden
from netzwerk.models import User

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
