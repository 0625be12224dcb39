"""Confirming a meeting, the invitation list, the mail tasks, reminders and cancelling."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netzwerk.mail import Anhang, mail_senden
from termine import ical
from termine.models import (
    GastgeberAnfrage,
    Rueckmeldung,
    Stammtisch,
    StammtischEinladung,
    Stammtischreihe,
    Termin,
)
from termine.stammtisch.services.gastgeber import _link, gastgeber_adressen
from termine.stammtisch.services.planung import MAIL, SALT_RUECKMELDUNG, StammtischFehler
from termine.stammtisch.services.tagesordnung import tagesordnung
from vereine.models import Mitgliedschaft

# ------------------------------------------------------------------------ invitations


@dataclass(frozen=True)
class Empfaenger:
    """One address on the invite list, with the Akteur it belongs to (if any)."""

    email: str
    akteur_id: int | None = None
    akteur_name: str = ""


def einladungsliste(reihe: Stammtischreihe) -> list[Empfaenger]:
    """Every member of a pool Akteur (once, with their first Akteur by name) plus the
    series' further addresses. One query. No side effects."""
    zeilen = (
        Mitgliedschaft.objects.filter(
            akteur__stammtisch_teilnahmen__reihe=reihe, user__is_active=True
        )
        .order_by("akteur__name", "user__email")
        .values_list("user__email", "akteur_id", "akteur__name")
    )
    ergebnis: list[Empfaenger] = []
    gesehen: set[str] = set()
    for email, akteur_id, name in zeilen:
        if email.lower() not in gesehen:
            gesehen.add(email.lower())
            ergebnis.append(Empfaenger(email, akteur_id, name))
    for email in reihe.weitere_adressen:
        if email.lower() not in gesehen:
            gesehen.add(email.lower())
            ergebnis.append(Empfaenger(email))
    return ergebnis


def rueckmeldung_token(stammtisch: Stammtisch, empfaenger: Empfaenger) -> str:
    return signing.dumps(
        {"s": stammtisch.pk, "e": empfaenger.email.lower(), "a": empfaenger.akteur_id},
        salt=SALT_RUECKMELDUNG,
    )


def ics_fuer(stammtisch: Stammtisch) -> bytes:
    """The meeting as a VCALENDAR with one VEVENT, from the calendar's one writer.

    The UID matches the calendar's feeds, so the invitation and a subscribed feed show
    one event, and a cancellation (STATUS:CANCELLED, higher SEQUENCE) replaces it.
    """
    termin = stammtisch.termin
    ort = ", ".join(
        t for t in [stammtisch.gastgeber.name if stammtisch.gastgeber else "", termin.ort] if t
    )
    url = ical.absolute_url(stammtisch.get_absolute_url())
    beschreibung = []
    if termin.abgesagt:
        beschreibung.append(_("Cancelled: %(grund)s") % {"grund": termin.absage_grund})
    if stammtisch.gastgeber:
        beschreibung.append(_("Host: %(akteur)s") % {"akteur": stammtisch.gastgeber})
    beschreibung.append(url)
    event = ical.vevent(termin, ort=ort, beschreibung="\n".join(beschreibung), url=url)
    return ical.kalender_aus([event], name=termin.titel, methode="PUBLISH")


def _ics_anhang(stammtisch: Stammtisch) -> Anhang:
    return Anhang("stammtisch.ics", ics_fuer(stammtisch).decode(), "text/calendar")


@dataclass(frozen=True)
class Einladungsrunde:
    """What one "confirm and invite" did: how many addresses got a new invitation and how
    many on the list already had one."""

    neu: int
    schon: int


def _gastgeber_pruefen(stammtisch: Stammtisch, gastgeber_hat_zugesagt: bool) -> None:
    """Refuse to invite for a host who has not agreed, unless the coordinators say so."""
    status = stammtisch.gastgeber_status
    if status == Stammtisch.GastgeberStatus.ZUGESAGT:
        return
    akteur = {"akteur": stammtisch.gastgeber}
    if status == Stammtisch.GastgeberStatus.ABGELEHNT:
        raise StammtischFehler(
            _("%(akteur)s declined to host this meeting. Please choose another host first.")
            % akteur
        )
    if gastgeber_hat_zugesagt:
        return
    if status == Stammtisch.GastgeberStatus.ANGEFRAGT:
        raise StammtischFehler(
            _(
                "%(akteur)s has not answered the host request yet. Invite only once the "
                "host has agreed, or confirm that they agreed (e.g. by phone)."
            )
            % akteur
        )
    raise StammtischFehler(
        _(
            "%(akteur)s is only proposed as host and has not been asked. Ask the host "
            "first, or confirm that they agreed (e.g. by phone)."
        )
        % akteur
    )


@transaction.atomic
def bestaetigen(
    *,
    stammtisch: Stammtisch,
    gastgeber_hat_zugesagt: bool = False,
    jetzt: datetime | None = None,
) -> Einladungsrunde:
    """Confirm the meeting and invite everyone on the invite list who has no invitation yet.

    The host must have agreed (status zugesagt); a proposed or asked host only when the
    coordinators state that the host agreed (``gastgeber_hat_zugesagt``, e.g. by phone);
    a host who declined never. Running it again invites only the addresses that joined
    the list since (new members of pool Akteure); everyone else is not mailed twice.

    Side effects, the first time: Termin status bestätigt (sequence + 1), the host
    status zugesagt (open host requests count as answered yes), ``eingeladen_am`` set.
    Every time: one StammtischEinladung row per new address and (if there is one) the
    task :func:`einladungen_versenden` (one mail per new address with the .ics, the
    agenda so far and personal answer links). Returns the counts.
    """
    # Lock only the meeting's row: two coordinators inviting at once queue here, and the
    # second one sees the first one's invitations.
    stammtisch = (
        Stammtisch.objects.select_for_update(of=("self",))
        .select_related("termin", "reihe", "gastgeber")
        .get(pk=stammtisch.pk)
    )
    jetzt = jetzt or timezone.now()
    phase = stammtisch.phase_am(jetzt)
    if phase == Stammtisch.Phase.ABGESAGT:
        raise StammtischFehler(_("This meeting is cancelled."))
    if phase == Stammtisch.Phase.VORBEI:
        raise StammtischFehler(_("This meeting is over."))
    if stammtisch.gastgeber is None:
        raise StammtischFehler(_("Please choose a host first."))
    _gastgeber_pruefen(stammtisch, gastgeber_hat_zugesagt)
    if phase == Stammtisch.Phase.PLANUNG:
        Termin.objects.filter(pk=stammtisch.termin_id).update(
            status=Termin.Status.BESTAETIGT, sequence=F("sequence") + 1, geaendert=jetzt
        )
        stammtisch.gastgeber_status = Stammtisch.GastgeberStatus.ZUGESAGT
        stammtisch.eingeladen_am = jetzt
        stammtisch.save(update_fields=["gastgeber_status", "eingeladen_am"])
        stammtisch.anfragen.filter(antwort=GastgeberAnfrage.Antwort.OFFEN).update(
            antwort=GastgeberAnfrage.Antwort.ZUSAGE, beantwortet_am=jetzt
        )
    liste = einladungsliste(stammtisch.reihe)
    schon = set(stammtisch.einladungen.values_list("email", flat=True))
    neue = [p for p in liste if p.email.lower() not in schon]
    StammtischEinladung.objects.bulk_create(
        [
            StammtischEinladung(
                stammtisch=stammtisch, email=p.email.lower(), akteur_id=p.akteur_id, erstellt=jetzt
            )
            for p in neue
        ]
    )
    if neue:
        # The database task queue writes the task in this transaction: no rows, no task.
        einladungen_versenden.enqueue(stammtisch_id=stammtisch.pk)
    return Einladungsrunde(neu=len(neue), schon=len(liste) - len(neue))


def _mailkontext(stammtisch: Stammtisch) -> dict:
    return {
        "stammtisch": stammtisch,
        "termin": stammtisch.termin,
        "reihe": stammtisch.reihe,
        "gastgeber": stammtisch.gastgeber,
        # Invitations also reach addresses outside the network: only public dates.
        "tagesordnung": tagesordnung(stammtisch=stammtisch, fuer=AnonymousUser()),
        "seite": settings.SITE_URL + stammtisch.get_absolute_url(),
        "thema_link": settings.SITE_URL + reverse("stammtisch:thema", kwargs={"pk": stammtisch.pk}),
    }


def _persoenlich_senden(
    stammtisch: Stammtisch, empfaenger: Sequence[Empfaenger], vorlage: str, mit_ics: bool
) -> int:
    kontext = _mailkontext(stammtisch)
    anhaenge = [_ics_anhang(stammtisch)] if mit_ics else []
    for person in empfaenger:
        token = rueckmeldung_token(stammtisch, person)
        mail_senden(
            an=[person.email],
            vorlage=vorlage,
            kontext={
                **kontext,
                "empfaenger": person,
                "link_zusage": _link("antwort", token, antwort="zusage"),
                "link_vielleicht": _link("antwort", token, antwort="vielleicht"),
                "link_absage": _link("antwort", token, antwort="absage"),
            },
            anhaenge=anhaenge,
        )
    return len(empfaenger)


def _laden(stammtisch_id: int) -> Stammtisch:
    return Stammtisch.objects.fuer_listen().get(pk=stammtisch_id)


def _eingeladene(stammtisch: Stammtisch) -> list[Empfaenger]:
    """Everyone who got an invitation to the meeting (one query)."""
    return [
        Empfaenger(e.email, e.akteur_id, e.akteur.name if e.akteur else "")
        for e in stammtisch.einladungen.filter(verschickt_am__isnull=False)
        .select_related("akteur")
        .order_by("pk")
    ]


@task()
def einladungen_versenden(*, stammtisch_id: int) -> int:
    """Task: the invitation to every recorded address that has not been mailed yet (runs
    in the worker). Each row is claimed before its mail leaves, so two runs of the task
    never send one invitation twice; a failed mail releases its row for the next run."""
    stammtisch = _laden(stammtisch_id)
    offen = list(
        stammtisch.einladungen.filter(verschickt_am__isnull=True)
        .select_related("akteur")
        .order_by("pk")
    )
    gesendet = 0
    with translation.override(settings.LANGUAGE_CODE):
        for einladung in offen:
            zeilen = StammtischEinladung.objects.filter(pk=einladung.pk, verschickt_am__isnull=True)
            if not zeilen.update(verschickt_am=timezone.now()):
                continue
            person = Empfaenger(
                einladung.email,
                einladung.akteur_id,
                einladung.akteur.name if einladung.akteur else "",
            )
            try:
                _persoenlich_senden(stammtisch, [person], f"{MAIL}/einladung", mit_ics=True)
            except Exception:
                StammtischEinladung.objects.filter(pk=einladung.pk).update(verschickt_am=None)
                raise
            gesendet += 1
    return gesendet


@task()
def erinnerung_versenden(*, stammtisch_id: int) -> int:
    """Task: a reminder to everyone invited who has not said no."""
    stammtisch = _laden(stammtisch_id)
    abgesagt = {
        e.lower()
        for e in stammtisch.rueckmeldungen.filter(antwort=Rueckmeldung.Antwort.ABSAGE).values_list(
            "email", flat=True
        )
    }
    empfaenger = [p for p in _eingeladene(stammtisch) if p.email.lower() not in abgesagt]
    with translation.override(settings.LANGUAGE_CODE):
        return _persoenlich_senden(stammtisch, empfaenger, f"{MAIL}/erinnerung", mit_ics=False)


@task()
def absagen_versenden(*, stammtisch_id: int) -> int:
    """Task: the cancellation to everyone invited (with a cancelling .ics)."""
    stammtisch = _laden(stammtisch_id)
    adressen = [p.email for p in _eingeladene(stammtisch)]
    with translation.override(settings.LANGUAGE_CODE):
        mail_senden(
            an=adressen,
            vorlage=f"{MAIL}/absage",
            kontext=_mailkontext(stammtisch),
            anhaenge=[_ics_anhang(stammtisch)],
        )
    return len(adressen)


def erinnerungen_senden(*, jetzt: datetime | None = None) -> list[Stammtisch]:
    """Send the reminder of every confirmed meeting whose reminder day has come, once.

    Run daily by cron (``manage.py stammtisch_erinnerungen``). Side effects: sets
    ``erinnert_am`` (a conditional update, so two runs never both send) and enqueues
    :func:`erinnerung_versenden` per meeting. Returns the meetings reminded.
    """
    jetzt = jetzt or timezone.now()
    kandidaten = (
        Stammtisch.objects.fuer_listen()
        .filter(
            termin__status=Termin.Status.BESTAETIGT,
            termin__start__gt=jetzt,
            eingeladen_am__isnull=False,
            erinnert_am__isnull=True,
            reihe__erinnerung_tage_vorher__gt=0,
        )
        .order_by("termin__start")
    )
    erinnert = []
    for stammtisch in kandidaten:
        faellig = stammtisch.termin.start - timedelta(days=stammtisch.reihe.erinnerung_tage_vorher)
        if faellig > jetzt:
            continue
        if Stammtisch.objects.filter(pk=stammtisch.pk, erinnert_am__isnull=True).update(
            erinnert_am=jetzt
        ):
            erinnerung_versenden.enqueue(stammtisch_id=stammtisch.pk)
            erinnert.append(stammtisch)
    return erinnert


@transaction.atomic
def absagen(*, stammtisch: Stammtisch, grund: str) -> Stammtisch:
    """Cancel the meeting with a reason people will read.

    Side effects: Termin status abgesagt with the reason (sequence + 1), open host
    requests withdrawn; if invitations went out, :func:`absagen_versenden` is enqueued
    (one mail per address, with a cancelling .ics); if only the host was asked, the host
    gets the cancellation.
    """
    grund = (grund or "").strip()
    if not grund:
        raise StammtischFehler(_("Please tell people why the meeting is cancelled."))
    stammtisch = Stammtisch.objects.select_for_update().get(pk=stammtisch.pk)
    if stammtisch.termin.abgesagt:
        raise StammtischFehler(_("This meeting is already cancelled."))
    Termin.objects.filter(pk=stammtisch.termin_id).update(
        status=Termin.Status.ABGESAGT,
        absage_grund=grund,
        sequence=F("sequence") + 1,
        geaendert=timezone.now(),
    )
    stammtisch.termin.refresh_from_db()
    stammtisch.anfragen.filter(antwort=GastgeberAnfrage.Antwort.OFFEN).update(
        antwort=GastgeberAnfrage.Antwort.ZURUECKGEZOGEN
    )
    if stammtisch.eingeladen_am is not None:
        absagen_versenden.enqueue(stammtisch_id=stammtisch.pk)
    elif stammtisch.gastgeber and stammtisch.gastgeber_status in (
        Stammtisch.GastgeberStatus.ANGEFRAGT,
        Stammtisch.GastgeberStatus.ZUGESAGT,
    ):
        adressen = gastgeber_adressen(stammtisch.gastgeber)
        if adressen:
            mail_senden(an=adressen, vorlage=f"{MAIL}/absage", kontext=_mailkontext(stammtisch))
    return stammtisch
