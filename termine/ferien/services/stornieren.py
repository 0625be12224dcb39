"""Cancelling: by the family, moving up the waiting list, cancelled occasions, attendance."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.berechtigungen import ist_koordination
from termine.ferien.services.anmelden import AnmeldungNichtMoeglich, _gesperrt, _mail_an_familie
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Termin,
)


def storno_moeglich_bis(anmeldung: Anmeldung) -> date:
    """The last day on which the family itself may cancel."""
    zeitraum = anmeldung.durchfuehrung.angebot.zeitraum
    return anmeldung.durchfuehrung.erster_tag - timedelta(days=zeitraum.storno_frist_tage)


def stornieren(*, anmeldung: Anmeldung, von, jetzt: datetime | None = None) -> list[Anmeldung]:
    """Cancel a registration (family until the deadline, coordinators always).

    Side effects: one transaction locking the occasion; the Anmeldung becomes storniert
    (storniert_durch records whether the family or the coordinators cancelled); a waiting
    entry's followers move one position up; a freed place goes to the first child on the
    waiting list (bestätigt, nachgerückt_am). Mails: a confirmation to the family and one to
    each guardian whose child moved up. Returns the registrations that moved up.
    """
    jetzt = jetzt or timezone.now()
    if not anmeldung.aktiv:
        raise AnmeldungNichtMoeglich("inaktiv", _("This registration is no longer active."))
    if not ist_koordination(von):
        if anmeldung.kind is None or anmeldung.kind.eltern_id != von.pk:
            raise AnmeldungNichtMoeglich("fremd", _("You can only cancel your own registrations."))
        frist = storno_moeglich_bis(anmeldung)
        if timezone.localdate(jetzt) > frist:
            raise AnmeldungNichtMoeglich(
                "frist",
                _(
                    "The deadline for cancelling online has passed. Please tell the provider "
                    "directly: %(kontakt)s"
                )
                % {"kontakt": anmeldung.durchfuehrung.angebot.kontaktperson or "–"},
            )
    with transaction.atomic():
        durchfuehrung = _gesperrt(Durchfuehrung.objects.filter(pk=anmeldung.durchfuehrung_id)).get()
        anmeldung.refresh_from_db()
        if not anmeldung.aktiv:
            raise AnmeldungNichtMoeglich("inaktiv", _("This registration is no longer active."))
        war_wartend = anmeldung.status == Anmeldung.Status.WARTELISTE
        anmeldung.status = Anmeldung.Status.STORNIERT
        anmeldung.warteliste_position = None
        anmeldung.storniert_am = jetzt
        eigene = anmeldung.kind is not None and anmeldung.kind.eltern_id == von.pk
        anmeldung.storniert_durch = (
            Anmeldung.StorniertDurch.FAMILIE if eigene else Anmeldung.StorniertDurch.KOORDINATION
        )
        anmeldung.save(
            update_fields=["status", "warteliste_position", "storniert_am", "storniert_durch"]
        )
        nachgerueckt = [] if war_wartend else _nachruecken(durchfuehrung, jetzt)
        _positionen_schliessen(durchfuehrung)
    _mail_an_familie(anmeldung, "storniert")
    for anm in nachgerueckt:
        _mail_an_familie(anm, "nachgerueckt")
    return nachgerueckt


def _nachruecken(durchfuehrung: Durchfuehrung, jetzt: datetime) -> list[Anmeldung]:
    """Give free places to the waiting list in order (caller holds the occasion's lock)."""
    if durchfuehrung.abgesagt or durchfuehrung.termin.start <= jetzt:
        return []
    wartend = Anmeldung.objects.warteliste().filter(durchfuehrung=durchfuehrung)
    if durchfuehrung.max_plaetze is None:
        frei = wartend.count()
    else:
        frei = (
            durchfuehrung.max_plaetze
            - Anmeldung.objects.bestaetigt().filter(durchfuehrung=durchfuehrung).count()
        )
    nachgerueckt = []
    for anmeldung in wartend.select_related("kind__eltern")[: max(frei, 0)]:
        anmeldung.status = Anmeldung.Status.BESTAETIGT
        anmeldung.warteliste_position = None
        anmeldung.nachgerueckt_am = jetzt
        anmeldung.save(update_fields=["status", "warteliste_position", "nachgerueckt_am"])
        anmeldung.durchfuehrung = durchfuehrung
        nachgerueckt.append(anmeldung)
    return nachgerueckt


def _positionen_schliessen(durchfuehrung: Durchfuehrung) -> None:
    """Renumber the waiting list 1..n in its order (caller holds the occasion's lock)."""
    for nummer, anmeldung in enumerate(
        Anmeldung.objects.warteliste().filter(durchfuehrung=durchfuehrung), start=1
    ):
        if anmeldung.warteliste_position != nummer:
            anmeldung.warteliste_position = nummer
            anmeldung.save(update_fields=["warteliste_position"])


def durchfuehrung_absagen(*, durchfuehrung: Durchfuehrung, von, grund: str) -> int:
    """The provider cancels an occasion; everybody registered is told.

    Side effects: the Termin becomes abgesagt (with the reason, sequence + 1 for calendar
    apps); every active Anmeldung becomes abgesagt; one mail per registered child's family.
    Returns the number of registrations concerned.
    """
    with transaction.atomic():
        durchfuehrung = _gesperrt(
            Durchfuehrung.objects.select_related("termin", "angebot").filter(pk=durchfuehrung.pk)
        ).get()
        Termin.objects.filter(pk=durchfuehrung.termin_id).update(
            status=Termin.Status.ABGESAGT,
            absage_grund=grund,
            sequence=F("sequence") + 1,
            geaendert=timezone.now(),
        )
        betroffen = list(
            Anmeldung.objects.aktiv()
            .filter(durchfuehrung=durchfuehrung)
            .select_related("kind__eltern")
        )
        Anmeldung.objects.filter(pk__in=[a.pk for a in betroffen]).update(
            status=Anmeldung.Status.ABGESAGT, warteliste_position=None
        )
    durchfuehrung.termin.refresh_from_db()
    for anmeldung in betroffen:
        anmeldung.durchfuehrung = durchfuehrung
        _mail_an_familie(anmeldung, "abgesagt", {"grund": grund})
    return len(betroffen)


def anwesenheit_setzen(*, anmeldung: Anmeldung, anwesend: bool | None) -> None:
    """Tick a child present or absent on the day. Side effects: writes Anmeldung.anwesend."""
    Anmeldung.objects.filter(pk=anmeldung.pk).update(anwesend=anwesend)
    anmeldung.anwesend = anwesend
